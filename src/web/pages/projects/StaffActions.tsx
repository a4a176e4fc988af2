// What the bureau does to an application, by its state: recommend (the county), formal check,
// experts by hand, the decision, 公示 objections, the task contract, tranches, mid-term check,
// acceptance, closing and termination. Each opens a small form; the server decides and answers.
import { useMemo, useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api';
import { expertApi, projectApi, type ApplicationDetail, type ApplicationStatus } from './api';
import { dateOnly, todayInChina, useApiError, useMoney, wanToYuan, yuanToWan } from './shared';

export type StaffAction = 'recommend' | 'formal' | 'assign' | 'decision' | 'objection' | 'contract' | 'tranche' | 'midterm' | 'acceptance' | 'close' | 'terminate';

/** The actions an application's state allows (the workflow's table, src/server/modules/projects/workflow.ts). */
export function actionsFor(app: Pick<ApplicationDetail, 'status' | 'needsRecommendation'>): StaffAction[] {
  const s: ApplicationStatus = app.status;
  const out: StaffAction[] = [];
  if (s === 'submitted' && app.needsRecommendation) out.push('recommend');
  if ((s === 'submitted' && !app.needsRecommendation) || s === 'recommended') out.push('formal');
  if (['formal_passed', 'under_review', 'reviewed'].includes(s)) out.push('assign');
  if (['under_review', 'reviewed'].includes(s)) out.push('decision');
  if (s === 'publicized') out.push('objection', 'contract');
  if (['contracted', 'midterm_passed'].includes(s)) out.push('tranche');
  if (s === 'contracted') out.push('midterm');
  if (['contracted', 'midterm_passed'].includes(s)) out.push('acceptance');
  if (['accepted', 'acceptance_failed'].includes(s)) out.push('close');
  if (['approved', 'publicized', 'contracted', 'midterm_passed'].includes(s)) out.push('terminate');
  return out;
}

/** Active experts found by name, organisation or title. */
function ExpertPicker({ value, onChange }: { value?: number[]; onChange?: (v: number[]) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const found = useQuery({ queryKey: ['projects', 'expert-pick', q], queryFn: () => expertApi.list({ q: q || undefined, status: 'active', pageSize: 30 }) });
  return (
    <Select mode="multiple" showSearch filterOption={false} onSearch={setQ} value={value} onChange={onChange} style={{ width: '100%' }}
      placeholder={t('projects.assign.pick')} loading={found.isFetching} data-testid="expert-picker"
      options={(found.data?.items ?? []).map((x) => ({ value: x.id, label: `${x.name} · ${x.orgName} · ${x.title}（${x.fields.join('、')}）` }))} />
  );
}

interface Values {
  result?: string; comment?: string; amountWan?: number; approved?: boolean; targets?: string; startOn?: Dayjs; endOn?: Dayjs; paidOn?: Dayjs; note?: string; expertIds?: number[];
}

/** One action's form in a modal; `onDone` after the server has accepted it. */
export function ActionModal({ action, app, budgetLeft, onClose, onDone }: {
  action: StaffAction | null; app: ApplicationDetail; budgetLeft?: number; onClose: () => void; onDone: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const money = useMoney();
  const onError = useApiError();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState<string | null>(null);
  const result = Form.useWatch('result', form);
  const approved = Form.useWatch('approved', form);
  const initial = useMemo<Values>(() => {
    switch (action) {
      case 'recommend': return { result: 'recommend' };
      case 'formal': return { result: 'pass' };
      case 'decision': return { approved: true, amountWan: yuanToWan(app.requestedAmount) };
      case 'midterm': return { result: 'pass' };
      case 'acceptance': return { result: 'passed' };
      case 'tranche': return { paidOn: dayjs(todayInChina()), amountWan: yuanToWan(Math.max(0, (app.approvedAmount ?? 0) - app.paid)) };
      default: return {};
    }
  }, [action, app]);
  // a comment is required where the workflow asks for one
  const commentRequired = (action === 'recommend' && result === 'return') || (action === 'formal' && result !== 'pass') || (action === 'midterm' && result === 'fail')
    || (action === 'acceptance' && result === 'failed') || action === 'terminate' || action === 'objection';

  const run = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setConflict(null);
    try {
      const id = app.id;
      switch (action) {
        case 'recommend': await projectApi.recommend(id, { result: v.result as 'recommend' | 'return', comment: v.comment }); break;
        case 'formal': await projectApi.formalCheck(id, { result: v.result as 'pass' | 'return' | 'fail', comment: v.comment }); break;
        case 'assign': await projectApi.assign(id, v.expertIds ?? []); break;
        case 'decision': await projectApi.decide(id, { approved: !!v.approved, amount: v.approved ? wanToYuan(v.amountWan ?? 0) : undefined, comment: v.comment }); break;
        case 'objection': await projectApi.objection(id, v.comment!.trim()); break;
        case 'contract': await projectApi.contract(id, { targets: v.targets!.trim(), startOn: dateOnly(v.startOn), endOn: dateOnly(v.endOn) }); break;
        case 'tranche': await projectApi.tranche(id, { amount: wanToYuan(v.amountWan ?? 0), paidOn: dateOnly(v.paidOn), note: v.note?.trim() || undefined }); break;
        case 'midterm': await projectApi.midterm(id, { result: v.result as 'pass' | 'fail', comment: v.comment }); break;
        case 'acceptance': await projectApi.acceptance(id, { result: v.result as 'passed' | 'passed_after_fix' | 'failed', comment: v.comment }); break;
        case 'close': await projectApi.closeProject(id); break;
        case 'terminate': await projectApi.terminate(id, v.comment!.trim()); break;
        default: break;
      }
      message.success(t('projects.actions.done', { action: t(`projects.actions.${action}`) }));
      onDone();
    } catch (error) {
      // a 回避 breach names its rule: shown where the expert was picked
      if (isApiError(error, 'CONFLICT_OF_INTEREST') || isApiError(error, 'EXPERT_DECLINED') || isApiError(error, 'EXPERT_SUSPENDED')) setConflict(error.message);
      else if (isApiError(error) && error.fields?.amount) form.setFields([{ name: 'amountWan', errors: [error.fields.amount] }]);
      else onError(error, form, ['comment', 'targets', 'startOn', 'endOn', 'paidOn', 'note']);
    } finally {
      setBusy(false);
    }
  };

  const comment = (
    <Form.Item name="comment" label={t('projects.actions.comment')} rules={[{ required: commentRequired, whitespace: true, message: t('projects.actions.commentRequired') }]}>
      <Input.TextArea rows={3} maxLength={2000} />
    </Form.Item>
  );

  return (
    <Modal open={action !== null} title={action ? `${t(`projects.actions.${action}`)} · ${app.title}` : ''} onCancel={onClose} onOk={run} confirmLoading={busy}
      destroyOnHidden okText={t('common.ok')} afterOpenChange={(o) => { if (!o) setConflict(null); }}>
      <Form form={form} layout="vertical" initialValues={initial} name={`action-${action}`}>
        {action === 'recommend' && (
          <>
            <Form.Item name="result" label={t('projects.actions.result')}><Radio.Group options={[
              { value: 'recommend', label: t('projects.actions.recommendYes') }, { value: 'return', label: t('projects.actions.recommendReturn') }]} /></Form.Item>
            {comment}
          </>
        )}
        {action === 'formal' && (
          <>
            <Form.Item name="result" label={t('projects.actions.result')}><Radio.Group options={[
              { value: 'pass', label: t('projects.actions.formalPass') }, { value: 'return', label: t('projects.actions.formalReturn') },
              { value: 'fail', label: t('projects.actions.formalFail') }]} /></Form.Item>
            {comment}
          </>
        )}
        {action === 'assign' && (
          <>
            <Typography.Paragraph type="secondary">{t('projects.assign.help')}</Typography.Paragraph>
            <Form.Item name="expertIds" label={t('projects.assign.experts')} rules={[{ required: true, type: 'array', min: 1 }]}><ExpertPicker /></Form.Item>
            {conflict && <Alert type="error" showIcon message={t('projects.assign.refused')} description={conflict} data-testid="conflict-alert" />}
          </>
        )}
        {action === 'decision' && (
          <>
            <Form.Item name="approved" label={t('projects.actions.result')}><Radio.Group options={[
              { value: true, label: t('projects.actions.approve') }, { value: false, label: t('projects.actions.reject') }]} /></Form.Item>
            {approved && (
              <Form.Item name="amountWan" label={t('projects.actions.amountWan')} rules={[{ required: true }]}
                extra={t('projects.actions.amountHelp', { requested: money(app.requestedAmount), left: budgetLeft == null ? '—' : money(budgetLeft) })}>
                <InputNumber min={0.01} precision={2} style={{ width: '100%' }} />
              </Form.Item>
            )}
            {comment}
          </>
        )}
        {action === 'objection' && comment}
        {action === 'contract' && (
          <>
            <Form.Item name="targets" label={t('projects.actions.targets')} rules={[{ required: true, whitespace: true }]}><Input.TextArea rows={4} maxLength={5000} /></Form.Item>
            <Space wrap>
              <Form.Item name="startOn" label={t('projects.actions.startOn')} rules={[{ required: true }]}><DatePicker /></Form.Item>
              <Form.Item name="endOn" label={t('projects.actions.endOn')} rules={[{ required: true }]}><DatePicker /></Form.Item>
            </Space>
          </>
        )}
        {action === 'tranche' && (
          <>
            <Typography.Paragraph type="secondary">{t('projects.actions.trancheHelp', { approved: money(app.approvedAmount), paid: money(app.paid) })}</Typography.Paragraph>
            <Form.Item name="amountWan" label={t('projects.actions.amountWan')} rules={[{ required: true }]}><InputNumber min={0.01} precision={2} style={{ width: '100%' }} /></Form.Item>
            <Form.Item name="paidOn" label={t('projects.actions.paidOn')} rules={[{ required: true }]}><DatePicker /></Form.Item>
            <Form.Item name="note" label={t('projects.actions.note')}><Input maxLength={200} /></Form.Item>
          </>
        )}
        {action === 'midterm' && (
          <>
            <Form.Item name="result" label={t('projects.actions.result')}><Radio.Group options={[
              { value: 'pass', label: t('projects.actions.midtermPass') }, { value: 'fail', label: t('projects.actions.midtermFail') }]} /></Form.Item>
            {comment}
          </>
        )}
        {action === 'acceptance' && (
          <>
            <Form.Item name="result" label={t('projects.actions.result')}><Radio.Group options={(['passed', 'passed_after_fix', 'failed'] as const).map((r) => ({ value: r, label: t(`projects.acceptance.${r}`) }))} /></Form.Item>
            {comment}
          </>
        )}
        {action === 'close' && <Typography.Paragraph>{t('projects.actions.closeConfirm')}</Typography.Paragraph>}
        {action === 'terminate' && comment}
      </Form>
    </Modal>
  );
}

/** The buttons of the actions the state allows. */
export function StaffActionButtons({ app, onPick }: { app: ApplicationDetail; onPick: (a: StaffAction) => void }) {
  const { t } = useTranslation();
  const actions = actionsFor(app);
  if (!actions.length) return null;
  return (
    <Space wrap>
      {actions.map((a, i) => (
        <Button key={a} type={i === 0 ? 'primary' : 'default'} danger={a === 'terminate'} onClick={() => onPick(a)} data-testid={`action-${a}`}>{t(`projects.actions.${a}`)}</Button>
      ))}
    </Space>
  );
}
