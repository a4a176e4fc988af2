// 新增 / 编辑政策: the form, with paste or upload of .docx / .txt / .html (text extracted and cleaned by the server),
// the structured 适用条件 that drive 精准推送, and attachments once the policy is saved.
import { useEffect } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, Row, Select, Space, TreeSelect, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import AppPage from '../../components/AppPage';
import { useScopedRegions } from '../../components/useRegions';
import { ENTERPRISE_TIERS } from '../../../domain/policies/types';
import { BENEFIT_KINDS, LEVELS, policyApi, type PolicyInput } from './api';
import AttachmentsEditor from './AttachmentsEditor';
import ConditionsEditor, { conditionsFromForm, conditionsToForm } from './ConditionsEditor';
import { useCategories } from './shared';

const DATES = ['issuedOn', 'effectiveOn', 'expiresOn'] as const;

/** The server's field names ('conditions.minRdRatio', 'benefits.0.description', 'conditions.industries.1') as form paths. */
function fieldPath(name: string): (string | number)[] {
  const parts = name.split('.');
  if (parts[0] === 'conditions') return parts.slice(0, 2);
  if (parts[0] === 'benefits' && parts.length >= 3) return ['benefits', Number(parts[1]), parts[2]];
  return [parts[0]];
}

export default function PolicyEditPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const editing = id !== undefined;
  const navigate = useNavigate();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const categories = useCategories();
  const regions = useScopedRegions();
  const existing = useQuery({ queryKey: ['policy', id], queryFn: () => policyApi.get(Number(id)), enabled: editing });
  const level = Form.useWatch('level', form);

  // (re)fill the form when a version is loaded: not when only the attachment list changed
  const loaded = existing.data ? `${existing.data.id}:${existing.data.version}:${existing.data.updatedAt}` : null;
  useEffect(() => {
    const d = existing.data;
    if (d) form.setFieldsValue({ ...d, ...Object.fromEntries(DATES.map((k) => [k, d[k] ? dayjs(d[k]) : null])), conditions: conditionsToForm(d.conditions as never) });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loaded, form]);

  const extract = async (file: File) => {
    try {
      const r = await policyApi.extract(file);
      form.setFieldsValue({ text: r.text, ...(form.getFieldValue('title') ? {} : { title: r.title }), ...(form.getFieldValue('docNumber') ? {} : { docNumber: r.docNumber }),
        ...(r.issuedOn && !form.getFieldValue('issuedOn') ? { issuedOn: dayjs(r.issuedOn) } : {}) });
      message.success(t('policies.extracted'));
    } catch (e) {
      message.error((e as Error).message);
    }
    return false;
  };

  const save = async () => {
    const v = await form.validateFields();
    const body: PolicyInput = { ...v, ...Object.fromEntries(DATES.map((d) => [d, v[d] ? v[d].format('YYYY-MM-DD') : null])),
      regionCode: v.level === 'national' ? null : v.regionCode,
      // no status chosen: the server reads it from the conditions (a policy for becoming 高企 gives its benefits with 高企)
      benefits: (v.benefits ?? []).map(({ requires, ...rest }: any) => (requires?.length ? { ...rest, requires } : rest)), categories: v.categories ?? [], summary: v.summary ?? '',
      text: v.text ?? '', interpretation: v.interpretation ?? '', issuer: v.issuer ?? '', conditions: conditionsFromForm(v.conditions) };
    try {
      const saved = editing ? await policyApi.update(Number(id), { ...body, version: existing.data!.version }) : await policyApi.create(body);
      client.invalidateQueries({ queryKey: ['policy'] });
      client.invalidateQueries({ queryKey: ['policies'] });
      client.invalidateQueries({ queryKey: ['policy-enterprises'] });
      message.success(t('policies.saved'));
      navigate(`/policies/${saved.id}`);
    } catch (e) {
      message.error((e as Error).message);
      if (!isApiError(e)) return;
      if (e.status === 409 && editing && !e.fields) {
        // someone else saved meanwhile: show what is stored now
        await existing.refetch();
        return;
      }
      if (e.fields) form.setFields(Object.entries(e.fields).map(([name, error]) => ({ name: fieldPath(name), errors: [String(error)] })));
    }
  };

  return (
    <AppPage title={t(editing ? 'policies.editTitle' : 'policies.newTitle')}>
      <Card>
        <Form form={form} layout="vertical" initialValues={{ level: 'city', status: 'in_force', categories: [], benefits: [] }}>
          <Row gutter={16}>
            <Col xs={24} md={16}><Form.Item name="title" label={t('policies.titleLabel')} rules={[{ required: true }]}><Input maxLength={200} /></Form.Item></Col>
            <Col xs={24} md={8}><Form.Item name="docNumber" label={t('policies.docNumber')}><Input placeholder="国科发火〔2016〕32号" /></Form.Item></Col>
            <Col xs={24} md={8}><Form.Item name="issuer" label={t('policies.issuer')}><Input /></Form.Item></Col>
            <Col xs={12} md={4}><Form.Item name="level" label={t('policies.levelLabel')} rules={[{ required: true }]}>
              <Select options={LEVELS.map((l) => ({ value: l, label: t(`policies.level.${l}`) }))} /></Form.Item></Col>
            <Col xs={12} md={6}><Form.Item name="regionCode" label={t('policies.region')} rules={[{ required: level !== 'national' }]}>
              <TreeSelect disabled={level === 'national'} treeData={regions.scopedOptions} showSearch treeNodeFilterProp="title" treeDefaultExpandAll /></Form.Item></Col>
            <Col xs={12} md={6}><Form.Item name="status" label={t('policies.statusLabel')}>
              <Select options={['draft', 'in_force', 'amended', 'repealed'].map((s) => ({ value: s, label: t(`policies.status.${s}`) }))} /></Form.Item></Col>
            <Col xs={24} md={12}><Form.Item name="categories" label={t('policies.categories')}><Select mode="multiple" options={categories.options} /></Form.Item></Col>
            {DATES.map((d) => <Col key={d} xs={12} md={4}><Form.Item name={d} label={t(`policies.${d}`)}><DatePicker style={{ width: '100%' }} /></Form.Item></Col>)}
            <Col span={24}><Form.Item name="summary" label={t('policies.summary')}><Input.TextArea rows={2} maxLength={2000} /></Form.Item></Col>
            <Col span={24}>
              <Form.Item label={<Space>{t('policies.text')}<Upload accept=".docx,.txt,.html,.htm" showUploadList={false} beforeUpload={extract}>
                <Button size="small" icon={<UploadOutlined />}>{t('policies.uploadText')}</Button></Upload></Space>} extra={t('policies.textHint')}>
                <Form.Item name="text" noStyle><Input.TextArea rows={12} /></Form.Item>
              </Form.Item>
            </Col>
            <Col span={24}><Form.Item name="interpretation" label={t('policies.interpretation')}><Input.TextArea rows={4} /></Form.Item></Col>
            <Col span={24}>
              <Card type="inner" size="small" title={t('policies.conditions.title')} style={{ marginBottom: 24 }} data-testid="conditions-editor">
                <ConditionsEditor regionOptions={regions.scopedOptions} />
              </Card>
            </Col>
            <Col span={24}>
              <Card type="inner" size="small" title={t('policies.attachments')} style={{ marginBottom: 24 }}>
                {editing && existing.data ? <AttachmentsEditor policy={existing.data} /> : <Alert type="info" showIcon message={t('policies.attachmentsAfterSave')} />}
              </Card>
            </Col>
            <Col span={24}>
              <Form.List name="benefits">{(fields, { add, remove }) => (
                <Form.Item label={t('policies.benefits')}>
                  {fields.map((f) => (
                    <Space key={f.key} align="baseline" wrap>
                      <Form.Item name={[f.name, 'kind']} rules={[{ required: true }]}><Select style={{ width: 120 }} options={BENEFIT_KINDS.map((k) => ({ value: k, label: t(`policies.benefitKind.${k}`) }))} /></Form.Item>
                      <Form.Item name={[f.name, 'description']} rules={[{ required: true }]}><Input style={{ width: 360 }} placeholder={t('policies.benefitDescription')} /></Form.Item>
                      <Form.Item name={[f.name, 'amount']}><Input style={{ width: 160 }} placeholder={t('policies.benefitAmount')} /></Form.Item>
                      {/* the status a firm must hold to enjoy it: 可享政策 lists it under 可申请 until then */}
                      <Form.Item name={[f.name, 'requires']} tooltip={t('policies.benefitRequiresHint')}>
                        <Select mode="multiple" allowClear style={{ minWidth: 220 }} placeholder={t('policies.benefitRequires')}
                          options={ENTERPRISE_TIERS.map((tier) => ({ value: tier, label: t(`enterprises.tier.${tier}`) }))} data-testid="benefit-requires" />
                      </Form.Item>
                      <Button type="link" danger onClick={() => remove(f.name)}>{t('policies.remove')}</Button>
                    </Space>
                  ))}
                  <Button type="dashed" onClick={() => add({ kind: 'subsidy' })}>{t('policies.addBenefit')}</Button>
                </Form.Item>
              )}</Form.List>
            </Col>
          </Row>
          <Space><Button type="primary" onClick={save} data-testid="policy-save">{t('common.save')}</Button><Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button></Space>
        </Form>
      </Card>
    </AppPage>
  );
}
