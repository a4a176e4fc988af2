// A 技术需求 in a form: new (the enterprise's draft, or staff for one of their region) or a draft
// changed; optionally a 揭榜挂帅 call with its prize. Money in 万元, stored in yuan.
import { useState } from 'react';
import { Checkbox, Col, DatePicker, Form, Input, InputNumber, Modal, Radio, Row, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext';
import { COOPERATION_MODES, demandApi, type Demand, type DemandInput } from './api';
import { OrgPicker, dateOnly, useApiError, useMarketFieldOptions, wanToYuan, yuanToWan } from './shared';

type Values = Omit<DemandInput, 'budgetMin' | 'budgetMax' | 'prize' | 'deadline'> & {
  budgetMinWan?: number | null; budgetMaxWan?: number | null; prizeWan?: number | null; deadline?: Dayjs | null;
};
const FIELDS = ['title', 'description', 'field', 'cooperationModes', 'openTo', 'invitedOrgIds', 'orgId'];
const toYuan = (wan: number | null | undefined) => (wan == null ? null : wanToYuan(wan));
const toWan = (yuan: number | null | undefined) => (yuan == null ? null : yuanToWan(yuan));

export default function DemandForm({ item, open, onClose, onSaved }: { item?: Demand; open: boolean; onClose: () => void; onSaved: (id: number) => void }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const onError = useApiError();
  const fieldOptions = useMarketFieldOptions();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const staff = user?.role === 'staff' || user?.role === 'admin';
  const openTo = Form.useWatch('openTo', form);
  const openCall = Form.useWatch('openCall', form);
  const save = async () => {
    const v = await form.validateFields();
    const { budgetMinWan, budgetMaxWan, prizeWan, deadline, ...rest } = v;
    const body: DemandInput = {
      ...rest, title: v.title.trim(), description: v.description ?? '', cooperationModes: v.cooperationModes ?? [], invitedOrgIds: v.openTo === 'invited' ? v.invitedOrgIds ?? [] : [],
      openCall: !!v.openCall, prize: v.openCall ? toYuan(prizeWan) : null, budgetMin: toYuan(budgetMinWan), budgetMax: toYuan(budgetMaxWan),
      deadline: deadline ? dateOnly(deadline) : null, orgId: staff && !item ? v.orgId ?? null : undefined,
    };
    setBusy(true);
    try {
      if (item) { await demandApi.update(item.id, { ...body, version: item.version }); onSaved(item.id); }
      else onSaved((await demandApi.create(body)).id);
    } catch (error) {
      const e = error as { fields?: Record<string, string> };
      if (e.fields?.budgetMax) form.setFields([{ name: 'budgetMaxWan', errors: [e.fields.budgetMax] }]);
      if (e.fields?.prize) form.setFields([{ name: 'prizeWan', errors: [e.fields.prize] }]);
      onError(error, form, FIELDS);
    } finally { setBusy(false); }
  };
  const initial = item
    ? { ...item, budgetMinWan: toWan(item.budgetMin), budgetMaxWan: toWan(item.budgetMax), prizeWan: toWan(item.prize), deadline: item.deadline ? dayjs(item.deadline) : null }
    : { openTo: 'everyone', openCall: false, cooperationModes: [] };
  return (
    <Modal open={open} title={item ? t('market.demand.editTitle') : t('market.demand.create')} onCancel={onClose} onOk={save} confirmLoading={busy}
      okText={t('market.common.saveDraft')} width={760} destroyOnHidden>
      <Form form={form} layout="vertical" name="demand" preserve={false} initialValues={initial}>
        <Row gutter={16}>
          {staff && !item && (
            <Col span={24}><Form.Item name="orgId" label={t('market.common.org')} rules={[{ required: true }]}><OrgPicker /></Form.Item></Col>
          )}
          <Col span={24}><Form.Item name="title" label={t('market.demand.title')} rules={[{ required: true, whitespace: true, max: 120 }]}><Input /></Form.Item></Col>
          <Col span={24}><Form.Item name="description" label={t('market.demand.description')} rules={[{ max: 20000 }]}><Input.TextArea rows={5} /></Form.Item></Col>
          <Col xs={24} sm={8}><Form.Item name="field" label={t('market.common.field')} rules={[{ required: true }]}><Select options={fieldOptions} /></Form.Item></Col>
          <Col xs={24} sm={10}><Form.Item label={t('market.demand.budgetWan')}>
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item name="budgetMinWan" noStyle><InputNumber min={0} precision={2} placeholder={t('market.demand.budgetMin')} style={{ width: '50%' }} /></Form.Item>
              <Form.Item name="budgetMaxWan" noStyle><InputNumber min={0} precision={2} placeholder={t('market.demand.budgetMax')} style={{ width: '50%' }} /></Form.Item>
            </Space.Compact>
          </Form.Item></Col>
          <Col xs={24} sm={6}><Form.Item name="deadline" label={t('market.demand.deadline')}><DatePicker style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={24}><Form.Item name="cooperationModes" label={t('market.demand.cooperationModes')}>
            <Select mode="multiple" options={COOPERATION_MODES.map((m) => ({ value: m, label: t(`market.mode.${m}`) }))} />
          </Form.Item></Col>
          <Col xs={24} sm={12}><Form.Item name="openTo" label={t('market.demand.openTo')}>
            <Radio.Group options={(['everyone', 'invited'] as const).map((o) => ({ value: o, label: t(`market.demand.openToOptions.${o}`) }))} />
          </Form.Item></Col>
          {openTo === 'invited' && (
            <Col span={24}><Form.Item name="invitedOrgIds" label={t('market.demand.invited')} rules={[{ required: true }]}><OrgPicker multiple /></Form.Item></Col>
          )}
          <Col xs={12} sm={6}><Form.Item name="openCall" valuePropName="checked" label={t('market.demand.openCall')} tooltip={t('market.demand.openCallHelp')}>
            <Checkbox>{t('market.demand.openCall')}</Checkbox>
          </Form.Item></Col>
          {openCall && <Col xs={12} sm={6}><Form.Item name="prizeWan" label={t('market.demand.prize')} rules={[{ required: true }]}><InputNumber min={0} precision={2} style={{ width: '100%' }} /></Form.Item></Col>}
        </Row>
      </Form>
    </Modal>
  );
}
