// The application form of an enterprise or institution: title, field, summary, amounts in 万元,
// members, partner organisations and the budget table by cost category (own funds and requested).
// Saves a draft (new or changed) and, when asked, submits it right after.
import { useEffect, useState } from 'react';
import { Alert, App, AutoComplete, Button, Col, Drawer, Form, Input, InputNumber, Row, Space, Table, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api';
import { BUDGET_CATEGORIES, projectApi, type ApplicationDetail, type ApplicationInput, type BudgetCategory, type Call, type Member } from './api';
import { OrgPicker, chinaTime, useApiError, useFieldOptions, wanText, wanToYuan, yuanToWan } from './shared';

interface Values {
  title: string; field: string; summary: string; requestedWan: number; ownWan?: number; members: (Member & { idNumber?: string })[]; partnerOrgIds: number[];
  budget: Partial<Record<BudgetCategory, { own?: number | null; requested?: number | null }>>;
}

const FIELDS = ['title', 'field', 'summary', 'members', 'partnerOrgIds'];

function toValues(app: ApplicationDetail | undefined): Partial<Values> {
  if (!app) return { members: [], partnerOrgIds: [], budget: {} };
  return {
    title: app.title, field: app.field, summary: app.summary, requestedWan: yuanToWan(app.requestedAmount), ownWan: yuanToWan(app.ownFunds),
    members: app.members.map((m) => ({ name: m.name, role: m.role, orgName: m.orgName, idNumber: undefined })),
    partnerOrgIds: app.partners.map((p) => p.id),
    budget: Object.fromEntries((app.budget ?? []).map((l) => [l.category, { own: yuanToWan(l.own), requested: yuanToWan(l.requested) }])),
  };
}

function toBody(v: Values): ApplicationInput {
  const budget = BUDGET_CATEGORIES.map((c) => ({ category: c, own: wanToYuan(v.budget?.[c]?.own ?? 0), requested: wanToYuan(v.budget?.[c]?.requested ?? 0) }))
    .filter((l) => l.own > 0 || l.requested > 0);
  return {
    title: v.title.trim(), field: v.field.trim(), summary: v.summary ?? '', requestedAmount: wanToYuan(v.requestedWan), ownFunds: wanToYuan(v.ownWan ?? 0),
    members: (v.members ?? []).map((m) => ({ name: m.name.trim(), role: m.role?.trim() ?? '', orgName: m.orgName?.trim() ?? '', idNumber: m.idNumber?.trim() ? m.idNumber.trim().toUpperCase() : null })),
    partnerOrgIds: v.partnerOrgIds ?? [], budget,
  };
}

export default function ApplicationForm({ open, call, app, onClose, onSaved }: {
  open: boolean; call?: Pick<Call, 'id' | 'title' | 'closesAt'>; app?: ApplicationDetail; onClose: () => void; onSaved: (id: number, submitted: boolean) => void;
}) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const onError = useApiError();
  const fieldOptions = useFieldOptions();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  useEffect(() => { if (open) { form.resetFields(); form.setFieldsValue(toValues(app) as Values); } }, [open, app, form]);
  const budget = Form.useWatch('budget', form) ?? {};
  const requestedWan = Form.useWatch('requestedWan', form);
  const ownWan = Form.useWatch('ownWan', form);
  const sumOwn = BUDGET_CATEGORIES.reduce((s, c) => s + wanToYuan(budget[c]?.own ?? 0), 0);
  const sumRequested = BUDGET_CATEGORIES.reduce((s, c) => s + wanToYuan(budget[c]?.requested ?? 0), 0);
  const mismatch = (sumRequested > 0 && requestedWan != null && sumRequested !== wanToYuan(requestedWan)) || (sumOwn > 0 && ownWan != null && sumOwn !== wanToYuan(ownWan));

  const save = async (andSubmit: boolean) => {
    const v = await form.validateFields();
    setBusy(andSubmit ? 'submit' : 'save');
    let id = app?.id;
    try {
      const body = toBody(v);
      if (app) await projectApi.updateApplication(app.id, { ...body, version: app.version });
      else id = (await projectApi.createApplication({ ...body, callId: call!.id })).id;
      if (andSubmit) await projectApi.submit(id!);
      message.success(andSubmit ? t('projects.mine.submitted') : t('projects.mine.saved'));
      onSaved(id!, andSubmit);
    } catch (error) {
      if (isApiError(error, 'CALL_CLOSED')) modal.error({ title: t('projects.mine.closedTitle'), content: error.message });
      else onError(error, form, FIELDS);
      // a new draft was saved before the submission failed: keep it
      if (!app && id) onSaved(id, false);
    } finally { setBusy(null); }
  };

  const callTitle = call?.title ?? app?.callTitle;
  const closesAt = call?.closesAt;
  return (
    <Drawer open={open} onClose={onClose} width={920} destroyOnHidden title={app ? t('projects.mine.edit') : t('projects.mine.apply')}
      extra={<Space wrap>
        <Button onClick={() => save(false)} loading={busy === 'save'} data-testid="app-save">{t('projects.mine.saveDraft')}</Button>
        <Button type="primary" onClick={() => save(true)} loading={busy === 'submit'} data-testid="app-submit">{t('projects.mine.saveSubmit')}</Button>
      </Space>}>
      <Alert type="info" showIcon style={{ marginBottom: 16 }}
        message={callTitle} description={closesAt ? t('projects.mine.closesAt', { at: chinaTime(closesAt) }) : undefined} />
      <Form form={form} layout="vertical" name="application">
        <Row gutter={16}>
          <Col span={24}><Form.Item name="title" label={t('projects.app.title')} rules={[{ required: true, whitespace: true, max: 120 }]}><Input /></Form.Item></Col>
          <Col xs={24} md={8}><Form.Item name="field" label={t('projects.app.field')} rules={[{ required: true, whitespace: true, max: 40 }]}>
            <AutoComplete options={fieldOptions} filterOption={(input, o) => String(o?.label ?? '').includes(input) || String(o?.value ?? '').includes(input)} />
          </Form.Item></Col>
          <Col xs={12} md={8}><Form.Item name="requestedWan" label={t('projects.app.requestedWan')} rules={[{ required: true }]}><InputNumber min={0} precision={2} style={{ width: '100%' }} /></Form.Item></Col>
          <Col xs={12} md={8}><Form.Item name="ownWan" label={t('projects.app.ownWan')}><InputNumber min={0} precision={2} style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={24}><Form.Item name="summary" label={t('projects.app.summary')} rules={[{ max: 20000 }]}><Input.TextArea rows={5} showCount maxLength={20000} placeholder={t('projects.mine.summaryPlaceholder')} /></Form.Item></Col>
        </Row>

        <Typography.Title level={5}>{t('projects.app.members')}</Typography.Title>
        <Form.List name="members">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Row key={f.key} gutter={8} data-testid={`member-row-${i}`}>
                  <Col xs={12} md={5}><Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, max: 40 }]}><Input placeholder={t('projects.app.memberName')} aria-label={t('projects.app.memberName')} /></Form.Item></Col>
                  <Col xs={12} md={5}><Form.Item name={[f.name, 'role']} rules={[{ max: 40 }]}><Input placeholder={t('projects.app.memberRole')} aria-label={t('projects.app.memberRole')} /></Form.Item></Col>
                  <Col xs={24} md={6}><Form.Item name={[f.name, 'orgName']} rules={[{ max: 100 }]}><Input placeholder={t('projects.app.memberOrg')} aria-label={t('projects.app.memberOrg')} /></Form.Item></Col>
                  <Col xs={20} md={7}><Form.Item name={[f.name, 'idNumber']} rules={[{ pattern: /^\d{17}[\dXx]$/, message: t('projects.expert.idNumberRule') }]}>
                    <Input placeholder={t('projects.app.memberIdPlaceholder')} aria-label={t('projects.app.memberId')} maxLength={18} />
                  </Form.Item></Col>
                  <Col xs={4} md={1}><Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('projects.mine.removeMember')} /></Col>
                </Row>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ name: '', role: fields.length === 0 ? t('projects.mine.leader') : '', orgName: '' })} style={{ marginBottom: 16 }}>{t('projects.mine.addMember')}</Button>
              {app && app.members.some((m) => m.idNumber) && <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('projects.mine.idAgain')}</Typography.Paragraph>}
            </>
          )}
        </Form.List>

        <Form.Item name="partnerOrgIds" label={t('projects.app.partners')} extra={t('projects.mine.partnersHelp')}>
          <OrgPicker multiple initial={app?.partners ?? []} />
        </Form.Item>

        <Typography.Title level={5}>{t('projects.app.budget')}</Typography.Title>
        <Table size="small" rowKey={(c) => c} pagination={false} dataSource={[...BUDGET_CATEGORIES]} scroll={{ x: 420 }}
          columns={[
            { title: t('projects.app.budgetCategory'), key: 'c', render: (_, c) => t(`projects.budget.${c}`) },
            { title: t('projects.app.ownWan'), key: 'own', width: 140, render: (_, c) => (
              <Form.Item name={['budget', c, 'own']} noStyle><InputNumber min={0} precision={2} style={{ width: '100%' }} aria-label={`${t(`projects.budget.${c}`)} ${t('projects.app.ownWan')}`} /></Form.Item>
            ) },
            { title: t('projects.app.requestedWan'), key: 'req', width: 140, render: (_, c) => (
              <Form.Item name={['budget', c, 'requested']} noStyle><InputNumber min={0} precision={2} style={{ width: '100%' }} aria-label={`${t(`projects.budget.${c}`)} ${t('projects.app.requestedWan')}`} /></Form.Item>
            ) },
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}><b>{t('projects.app.total')}</b></Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right"><b data-testid="budget-own-total">{wanText(sumOwn)}</b></Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right"><b data-testid="budget-requested-total">{wanText(sumRequested)}</b></Table.Summary.Cell>
            </Table.Summary.Row>
          )} />
        {mismatch && (
          <Alert type="warning" showIcon style={{ marginTop: 12 }} message={t('projects.mine.budgetMismatch')}
            action={<Button size="small" onClick={() => form.setFieldsValue({ requestedWan: yuanToWan(sumRequested), ownWan: yuanToWan(sumOwn) })}>{t('projects.mine.useBudget')}</Button>} />
        )}
      </Form>
    </Drawer>
  );
}
