// A 科技成果 in a form: new (a draft of the user's organisation, or staff for one of their region)
// or a draft changed. Prices in 万元, stored in yuan.
import { useState } from 'react';
import { Col, Form, Input, InputNumber, Modal, Row, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext';
import { ACHIEVEMENT_TYPES, TRANSFER_MODES, achievementApi, type Achievement, type AchievementInput } from './api';
import { OrgPicker, useApiError, useMarketFieldOptions, wanToYuan, yuanToWan } from './shared';

type Values = Omit<AchievementInput, 'priceMin' | 'priceMax'> & { priceMinWan?: number | null; priceMaxWan?: number | null };
const FIELDS = ['title', 'type', 'field', 'maturity', 'ip', 'inventors', 'summary', 'text', 'transferModes', 'contact', 'orgId'];

export default function AchievementForm({ item, open, onClose, onSaved }: { item?: Achievement; open: boolean; onClose: () => void; onSaved: (id: number) => void }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const onError = useApiError();
  const fieldOptions = useMarketFieldOptions();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const staff = user?.role === 'staff' || user?.role === 'admin';
  const save = async () => {
    const v = await form.validateFields();
    const { priceMinWan, priceMaxWan, ...rest } = v;
    const body: AchievementInput = {
      ...rest, title: v.title.trim(), summary: v.summary ?? '', text: v.text ?? '', transferModes: v.transferModes ?? [],
      priceMin: priceMinWan == null ? null : wanToYuan(priceMinWan), priceMax: priceMaxWan == null ? null : wanToYuan(priceMaxWan),
      orgId: staff && !item ? v.orgId ?? null : undefined,
    };
    setBusy(true);
    try {
      if (item) { await achievementApi.update(item.id, { ...body, version: item.version }); onSaved(item.id); }
      else onSaved((await achievementApi.create(body)).id);
    } catch (error) {
      const e = error as { fields?: Record<string, string> };
      if (e.fields?.priceMax) form.setFields([{ name: 'priceMaxWan', errors: [e.fields.priceMax] }]);
      onError(error, form, FIELDS);
    } finally { setBusy(false); }
  };
  const initial = item
    ? { ...item, priceMinWan: item.priceMin == null ? null : yuanToWan(item.priceMin), priceMaxWan: item.priceMax == null ? null : yuanToWan(item.priceMax) }
    : { type: 'technology', maturity: 5, transferModes: [] };
  return (
    <Modal open={open} title={item ? t('market.achievement.editTitle') : t('market.achievement.create')} onCancel={onClose} onOk={save} confirmLoading={busy}
      okText={t('market.common.saveDraft')} width={760} destroyOnHidden>
      <Form form={form} layout="vertical" name="achievement" preserve={false} initialValues={initial}>
        <Row gutter={16}>
          {staff && !item && (
            <Col span={24}><Form.Item name="orgId" label={t('market.achievement.owner')} extra={t('market.achievement.ownerHelp')} rules={[{ required: true }]}><OrgPicker /></Form.Item></Col>
          )}
          <Col span={24}><Form.Item name="title" label={t('market.achievement.title')} rules={[{ required: true, whitespace: true, max: 120 }]}><Input /></Form.Item></Col>
          <Col xs={12} sm={8}><Form.Item name="type" label={t('market.achievement.type')} rules={[{ required: true }]}>
            <Select options={ACHIEVEMENT_TYPES.map((x) => ({ value: x, label: t(`market.achievement.types.${x}`) }))} />
          </Form.Item></Col>
          <Col xs={12} sm={8}><Form.Item name="field" label={t('market.common.field')} rules={[{ required: true }]}><Select options={fieldOptions} /></Form.Item></Col>
          <Col xs={24} sm={8}><Form.Item name="maturity" label={t('market.maturity.label')} rules={[{ required: true }]}>
            <Select options={[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => ({ value: n, label: `TRL ${n} · ${t(`market.maturity.${n <= 3 ? 'lab' : n <= 5 ? 'pilot' : n <= 7 ? 'trial' : 'industrial'}`)}` }))} />
          </Form.Item></Col>
          <Col xs={24} sm={12}><Form.Item name="ip" label={t('market.achievement.ip')} rules={[{ max: 500 }]}><Input /></Form.Item></Col>
          <Col xs={24} sm={12}><Form.Item name="inventors" label={t('market.achievement.inventors')} rules={[{ max: 500 }]}><Input /></Form.Item></Col>
          <Col span={24}><Form.Item name="summary" label={t('market.achievement.summary')} rules={[{ max: 5000 }]}><Input.TextArea rows={3} showCount maxLength={5000} /></Form.Item></Col>
          <Col span={24}><Form.Item name="text" label={t('market.achievement.text')}><Input.TextArea rows={5} /></Form.Item></Col>
          <Col xs={24} sm={12}><Form.Item name="transferModes" label={t('market.achievement.transferModes')}>
            <Select mode="multiple" options={TRANSFER_MODES.map((m) => ({ value: m, label: t(`market.mode.${m}`) }))} />
          </Form.Item></Col>
          <Col xs={24} sm={12}><Form.Item label={t('market.achievement.priceWan')}>
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item name="priceMinWan" noStyle><InputNumber min={0} precision={2} placeholder={t('market.achievement.priceMin')} style={{ width: '50%' }} /></Form.Item>
              <Form.Item name="priceMaxWan" noStyle><InputNumber min={0} precision={2} placeholder={t('market.achievement.priceMax')} style={{ width: '50%' }} /></Form.Item>
            </Space.Compact>
          </Form.Item></Col>
          <Col span={24}><Form.Item name="contact" label={t('market.achievement.contact')} rules={[{ max: 100 }]}><Input /></Form.Item></Col>
        </Row>
      </Form>
    </Modal>
  );
}
