// 申报指南 form: a new draft call, or changes to a draft. Times are entered in Beijing time and sent
// as instants with their zone; the budget is entered in 万元 and sent in yuan; the rubric is a list of
// criteria (code, name, weight, maximum); the 回避 rules are checkboxes with their names.
import { useEffect, useMemo, useRef } from 'react';
import { Alert, Button, Checkbox, Col, DatePicker, Drawer, Form, Input, InputNumber, Row, Select, Space, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { RegionNode } from '../../components/regionTree';
import { useScopedRegions } from '../../components/useRegions';
import { AVOIDANCE_RULES, AVOIDANCE_RULE_NAMES, DEFAULT_AVOIDANCE } from '../../../domain/review/avoidance';
import { projectApi, type AvoidanceRule, type Call, type CallInput, type Criterion, type OrgKind, type Programme } from './api';
import { fromChinaInstant, toChinaInstant, useApiError, wanToYuan, yuanToWan } from './shared';

interface Values {
  programmeId: number; title: string; year: number; guide?: string; opensAt: Dayjs; closesAt: Dayjs; budgetWan: number;
  eligibleKinds: OrgKind[]; rubric: Criterion[]; reviewersPerApplication: number; blind: boolean; avoidance: AvoidanceRule[];
  dropExtremes: boolean; requiresRecommendation: boolean; maxPerOrg?: number | null; noticeDays: number; pledge?: string;
}

const FIELDS = ['programmeId', 'title', 'year', 'guide', 'opensAt', 'closesAt', 'budget', 'eligibleKinds', 'rubric', 'reviewersPerApplication', 'avoidance', 'maxPerOrg', 'noticeDays'];

export const DEFAULT_RUBRIC: Criterion[] = [
  { code: 'C1', name: '创新性与先进性', weight: 1, max: 30 },
  { code: 'C2', name: '技术方案可行性', weight: 1, max: 30 },
  { code: 'C3', name: '预期效益', weight: 1, max: 25 },
  { code: 'C4', name: '团队与基础条件', weight: 1, max: 15 },
];

function toValues(call: Call | undefined, programmes: Programme[]): Partial<Values> {
  if (!call) {
    return {
      programmeId: programmes[0]?.id, year: new Date().getFullYear(), eligibleKinds: ['enterprise', 'institution'], rubric: DEFAULT_RUBRIC,
      reviewersPerApplication: 5, blind: false, avoidance: [...DEFAULT_AVOIDANCE], dropExtremes: false, requiresRecommendation: false, noticeDays: 7,
    };
  }
  return {
    programmeId: call.programmeId, title: call.title, year: call.year, guide: call.guide, opensAt: fromChinaInstant(call.opensAt), closesAt: fromChinaInstant(call.closesAt),
    budgetWan: yuanToWan(call.budget), eligibleKinds: call.eligibleKinds, rubric: call.rubric, reviewersPerApplication: call.reviewersPerApplication, blind: call.blind,
    avoidance: call.avoidance, dropExtremes: call.dropExtremes, requiresRecommendation: call.requiresRecommendation, maxPerOrg: call.maxPerOrg,
    noticeDays: call.noticeDays, pledge: call.pledge,
  };
}

/** The drawer: `call` undefined for a new call. */
export default function CallForm({ open, call, programmes: all, onClose, onSaved }: {
  open: boolean; call?: Call; programmes: Programme[]; onClose: () => void; onSaved: (id: number) => void;
}) {
  const { t, i18n } = useTranslation();
  // a call goes under a programme of the user's own subtree (the province's are read, not used)
  const { scopedTree } = useScopedRegions();
  const programmes = useMemo(() => {
    const codes = new Set<string>();
    const walk = (nodes: RegionNode[]) => { for (const n of nodes) { codes.add(n.code); if (n.children) walk(n.children); } };
    walk(scopedTree);
    return codes.size ? all.filter((p) => codes.has(p.regionCode)) : all;
  }, [all, scopedTree]);
  const [form] = Form.useForm<Values>();
  const onError = useApiError();
  const en = i18n.language === 'en';
  // filled once each time the drawer opens (the programmes arriving later must not wipe what is typed)
  const programmesRef = useRef(programmes);
  programmesRef.current = programmes;
  useEffect(() => {
    if (open) { form.resetFields(); form.setFieldsValue(toValues(call, programmesRef.current) as Values); }
  }, [open, call, form]);
  const rubric = Form.useWatch('rubric', form) as Criterion[] | undefined;
  const fullMark = (rubric ?? []).reduce((s, c) => s + (Number(c?.weight) || 0) * (Number(c?.max) || 0), 0);

  const save = async () => {
    const v = await form.validateFields();
    const body: CallInput = {
      programmeId: v.programmeId, title: v.title.trim(), year: v.year, guide: v.guide ?? '', opensAt: toChinaInstant(v.opensAt), closesAt: toChinaInstant(v.closesAt),
      budget: wanToYuan(v.budgetWan), eligibleKinds: v.eligibleKinds, rubric: v.rubric.map((c) => ({ code: c.code.trim(), name: c.name.trim(), weight: c.weight, max: c.max })),
      reviewersPerApplication: v.reviewersPerApplication, blind: v.blind, avoidance: v.avoidance, dropExtremes: v.dropExtremes,
      requiresRecommendation: v.requiresRecommendation, maxPerOrg: v.maxPerOrg ?? null, noticeDays: v.noticeDays, pledge: v.pledge?.trim() || undefined,
    };
    try {
      if (call) {
        await projectApi.updateCall(call.id, { ...body, version: call.version });
        onSaved(call.id);
      } else {
        onSaved((await projectApi.createCall(body)).id);
      }
    } catch (error) {
      const e = error as { fields?: Record<string, string> };
      // the budget is entered in 万元 under another name
      if (e.fields?.budget) form.setFields([{ name: 'budgetWan', errors: [e.fields.budget] }]);
      onError(error, form, FIELDS);
    }
  };

  return (
    <Drawer open={open} onClose={onClose} width={880} destroyOnHidden title={call ? t('projects.call.edit') : t('projects.call.create')}
      extra={<Space><Button onClick={onClose}>{t('common.cancel')}</Button><Button type="primary" onClick={save} data-testid="call-save">{t('common.save')}</Button></Space>}>
      <Form form={form} layout="vertical" name="call">
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="programmeId" label={t('projects.call.programme')} rules={[{ required: true }]}>
              <Select showSearch optionFilterProp="label" options={programmes.map((p) => ({ value: p.id, label: `${p.name}（${p.regionName}）` }))} disabled={!!call} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="year" label={t('projects.call.year')} rules={[{ required: true }]}><InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} /></Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="budgetWan" label={t('projects.call.budgetWan')} rules={[{ required: true }]}>
              <InputNumber min={0} precision={2} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="title" label={t('projects.call.title')} rules={[{ required: true, whitespace: true, max: 120 }]}><Input /></Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="opensAt" label={t('projects.call.opensAt')} rules={[{ required: true }]} extra={t('projects.call.beijingTime')}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="closesAt" label={t('projects.call.closesAt')} dependencies={['opensAt']} extra={t('projects.call.beijingTime')}
              rules={[{ required: true }, ({ getFieldValue }) => ({
                validator: async (_r, v: Dayjs | undefined) => {
                  const o = getFieldValue('opensAt') as Dayjs | undefined;
                  if (v && o && !v.isAfter(o)) throw new Error(t('projects.call.closesAfterOpens'));
                },
              })]}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="guide" label={t('projects.call.guide')}><Input.TextArea rows={4} maxLength={50_000} /></Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="eligibleKinds" label={t('projects.call.eligibleKinds')} rules={[{ required: true, type: 'array', min: 1 }]}>
              <Checkbox.Group options={[{ value: 'enterprise', label: t('orgKind.enterprise') }, { value: 'institution', label: t('orgKind.institution') }]} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="maxPerOrg" label={t('projects.call.maxPerOrg')} extra={t('projects.call.maxPerOrgHelp')}><InputNumber min={1} precision={0} style={{ width: '100%' }} /></Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="noticeDays" label={t('projects.call.noticeDays')} rules={[{ required: true }]} extra={t('projects.call.noticeDaysHelp')}>
              <InputNumber min={1} max={30} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>

        <Typography.Title level={5}>{t('projects.call.rubric')}</Typography.Title>
        <Form.List name="rubric" rules={[{ validator: async (_r, v: Criterion[]) => { if (!v?.length) throw new Error(t('projects.call.rubricEmpty')); } }]}>
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((f, i) => (
                <Row key={f.key} gutter={8} align="top" data-testid={`rubric-row-${i}`}>
                  <Col xs={6} md={4}>
                    <Form.Item name={[f.name, 'code']} label={i === 0 ? t('projects.call.code') : undefined} rules={[{ required: true, pattern: /^[A-Za-z0-9_-]{1,20}$/, message: t('projects.call.codeRule') },
                      { validator: async (_r, v: string) => { if (v && (form.getFieldValue('rubric') as Criterion[]).filter((c) => c?.code === v).length > 1) throw new Error(t('projects.call.codeDuplicate')); } }]}>
                      <Input aria-label={t('projects.call.code')} />
                    </Form.Item>
                  </Col>
                  <Col xs={18} md={10}>
                    <Form.Item name={[f.name, 'name']} label={i === 0 ? t('projects.call.criterion') : undefined} rules={[{ required: true, whitespace: true, max: 60 }]}>
                      <Input aria-label={t('projects.call.criterion')} />
                    </Form.Item>
                  </Col>
                  <Col xs={10} md={4}>
                    <Form.Item name={[f.name, 'weight']} label={i === 0 ? t('projects.call.weight') : undefined} rules={[{ required: true }]}>
                      <InputNumber aria-label={t('projects.call.weight')} min={0.01} max={100} step={0.1} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={10} md={4}>
                    <Form.Item name={[f.name, 'max']} label={i === 0 ? t('projects.call.max') : undefined} rules={[{ required: true }]}>
                      <InputNumber aria-label={t('projects.call.max')} min={1} max={1000} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={4} md={2} style={{ paddingTop: i === 0 ? 30 : 0 }}>
                    <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('projects.call.removeCriterion')} onClick={() => remove(f.name)} disabled={fields.length <= 1} />
                  </Col>
                </Row>
              ))}
              <Form.ErrorList errors={errors} />
              <Space wrap style={{ marginBottom: 16 }}>
                <Button icon={<PlusOutlined />} onClick={() => add({ code: `C${fields.length + 1}`, name: '', weight: 1, max: 10 })}>{t('projects.call.addCriterion')}</Button>
                <Typography.Text type="secondary" data-testid="rubric-full-mark">{t('projects.call.fullMark', { mark: Math.round(fullMark * 100) / 100 })}</Typography.Text>
              </Space>
            </>
          )}
        </Form.List>

        <Typography.Title level={5}>{t('projects.call.reviewSettings')}</Typography.Title>
        <Row gutter={16}>
          <Col xs={12} md={6}>
            <Form.Item name="reviewersPerApplication" label={t('projects.call.reviewers')} rules={[{ required: true }]}>
              <InputNumber min={1} max={15} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}><Form.Item name="blind" label={t('projects.call.blind')} valuePropName="checked"><Switch /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="dropExtremes" label={t('projects.call.dropExtremes')} valuePropName="checked" tooltip={t('projects.call.dropExtremesHelp')}><Switch /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="requiresRecommendation" label={t('projects.call.requiresRecommendation')} valuePropName="checked" tooltip={t('projects.call.requiresRecommendationHelp')}><Switch /></Form.Item></Col>
          <Col span={24}>
            <Form.Item name="avoidance" label={t('projects.call.avoidance')}>
              <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
                options={AVOIDANCE_RULES.map((r) => ({ value: r, label: en ? AVOIDANCE_RULE_NAMES[r][1] : AVOIDANCE_RULE_NAMES[r][0] }))} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="pledge" label={t('projects.call.pledge')} extra={t('projects.call.pledgeHelp')}><Input.TextArea rows={3} maxLength={4000} /></Form.Item>
          </Col>
        </Row>
        {call && call.status !== 'draft' && <Alert type="warning" showIcon message={t('projects.call.notDraft')} />}
      </Form>
    </Drawer>
  );
}
