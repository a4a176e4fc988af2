// 成果评价: evaluation requests (staff: their region's; an organisation: its own) with filters, sort
// and paging; one in a drawer (?evaluation=<id>, where 待办 and notifications link): the criteria
// set of its class, the panel (staff: experts, their state and scores; 指定 by hand under the
// 回避 rules or 随机抽取), the per-criterion means, the conclusion (level and opinion) and the
// Word evaluation report.
import { useRef, useState } from 'react';
import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { Alert, App, Button, Descriptions, Drawer, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext';
import AppPage from '../../components/AppPage';
import { toListQuery } from '../../components/listQuery';
import { useLinkedId } from '../../components/useLinkedId';
import { expertApi } from '../projects/api';
import { EVALUATION_CLASSES, EVALUATION_STATUSES, evaluationApi, type Evaluation, type EvaluationAssignment } from './api';
import { chinaTime, EvaluationStatusTag, useApiError, useFieldName, useLang, useListTableChrome, useMaturity, useWide } from './shared';

function ExpertPicker({ value, onChange }: { value?: number[]; onChange?: (v: number[]) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const found = useQuery({ queryKey: ['market', 'expert-pick', q], queryFn: () => expertApi.list({ q: q || undefined, pageSize: 20, status: 'active' }), staleTime: 30_000 });
  return (
    <Select mode="multiple" showSearch filterOption={false} onSearch={setQ} value={value} onChange={onChange} loading={found.isFetching} placeholder={t('market.evaluation.expertSearch')}
      options={(found.data?.items ?? []).map((x) => ({ value: x.id, label: `${x.name} · ${x.orgName}` }))} style={{ width: '100%' }} />
  );
}

function EvaluationDrawer({ id, onClose, onChanged }: { id: number | null; onClose: () => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user } = useAuth();
  const lang = useLang();
  const fieldName = useFieldName();
  const maturity = useMaturity();
  const onError = useApiError();
  const wide = useWide();
  const client = useQueryClient();
  const [assigning, setAssigning] = useState(false);
  const [concluding, setConcluding] = useState(false);
  const [experts, setExperts] = useState<number[]>([]);
  const [form] = Form.useForm<{ level: string; opinion: string }>();
  const staff = user?.role === 'staff' || user?.role === 'admin';
  const detail = useQuery({ queryKey: ['market', 'evaluation', id], queryFn: () => evaluationApi.get(id!), enabled: id !== null });
  const criteria = useQuery({ queryKey: ['market', 'evaluation-criteria'], queryFn: evaluationApi.criteria, enabled: staff && concluding });
  const e = detail.data;
  const refresh = async () => { await client.invalidateQueries({ queryKey: ['market'] }); onChanged(); };
  const run = async (call: () => Promise<unknown>, done: string) => { try { await call(); message.success(done); await refresh(); return true; } catch (error) { onError(error); return false; } };
  const level = (x: { levelName: string | null; levelNameEn: string | null }) => (lang === 'en' ? x.levelNameEn ?? x.levelName : x.levelName) ?? '—';
  const open = e && !['concluded', 'withdrawn'].includes(e.status);

  const actions = e && (
    <Space wrap>
      {staff && open && <Button onClick={() => { setExperts([]); setAssigning(true); }}>{t('market.evaluation.assign')}</Button>}
      {staff && open && (
        <Button onClick={() => run(async () => evaluationApi.draw(e.id), t('market.evaluation.assigned'))}>{t('market.evaluation.draw')}</Button>
      )}
      {staff && e.status === 'scored' && <Button type="primary" onClick={() => setConcluding(true)}>{t('market.evaluation.conclude')}</Button>}
      {e.status === 'concluded' && <Button icon={<DownloadOutlined />} onClick={() => evaluationApi.report(e.id).catch(onError)}>{t('market.evaluation.report')}</Button>}
      {open && (staff || e.status === 'requested') && (
        <Popconfirm title={t('market.evaluation.withdrawConfirm')} onConfirm={() => run(() => evaluationApi.withdraw(e.id), t('market.evaluation.withdrawn'))}>
          <Button danger>{t('market.evaluation.withdraw')}</Button>
        </Popconfirm>
      )}
    </Space>
  );

  return (
    <Drawer open={id !== null} onClose={onClose} width={860} destroyOnHidden title={e?.achievementTitle} extra={wide && actions}>
      {detail.isError && <Alert type="error" showIcon message={(detail.error as Error).message} />}
      {e && (
        <>
          {!wide && <div style={{ marginBottom: 12 }}>{actions}</div>}
          <Descriptions size="small" bordered={wide} column={{ xs: 1, sm: 1, md: 2 }}>
            <Descriptions.Item label={t('market.common.status')}><EvaluationStatusTag status={e.status} /></Descriptions.Item>
            <Descriptions.Item label={t('market.evaluation.achievement')}><Link to={`/market/achievements?achievement=${e.achievementId}`}>{e.achievementTitle}</Link></Descriptions.Item>
            <Descriptions.Item label={t('market.common.org')}>{e.orgName}（{e.regionName}）</Descriptions.Item>
            <Descriptions.Item label={t('market.common.field')}>{fieldName(e.field)} · {maturity(e.maturity)}</Descriptions.Item>
            <Descriptions.Item label={t('market.evaluation.class')}>{t(`market.evaluation.classes.${e.class}`)}</Descriptions.Item>
            <Descriptions.Item label={t('market.evaluation.evaluatorType')}>{t(`market.evaluation.evaluatorTypes.${e.evaluatorType}`, { defaultValue: e.evaluatorType })}</Descriptions.Item>
            <Descriptions.Item label={t('market.evaluation.experts')}>{t('market.evaluation.expertProgress', { submitted: e.experts.submitted, active: e.experts.active })} / {e.expertsRequired}</Descriptions.Item>
            <Descriptions.Item label={t('market.evaluation.requestedAt')}>{chinaTime(e.requestedAt)}</Descriptions.Item>
            {e.note && <Descriptions.Item label={t('market.evaluation.note')} span={wide ? 2 : 1}>{e.note}</Descriptions.Item>}
            {e.status === 'concluded' && (
              <>
                <Descriptions.Item label={t('market.evaluation.level')}><Tag color="gold">{level(e)}</Tag></Descriptions.Item>
                <Descriptions.Item label={t('market.evaluation.score')}>{e.score ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('market.evaluation.opinion')} span={wide ? 2 : 1}><span style={{ whiteSpace: 'pre-wrap' }}>{e.opinion}</span></Descriptions.Item>
              </>
            )}
            {e.panelScore != null && <Descriptions.Item label={t('market.evaluation.panelScore')}>{e.panelScore}</Descriptions.Item>}
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 16 }}>{t('market.evaluation.criteria')}</Typography.Title>
          <Table size="small" rowKey="code" pagination={false} scroll={{ x: 'max-content' }}
            dataSource={e.criterionMeans.length ? e.criterionMeans : e.criteria.map((c) => ({ ...c, mean: null }))}
            columns={[
              { title: t('market.evaluation.criterion'), dataIndex: 'name' },
              { title: t('market.evaluation.weight'), dataIndex: 'weight', align: 'right', render: (w: number) => `${Math.round(w * 100)}%` },
              { title: t('market.evaluation.max'), dataIndex: 'max', align: 'right' },
              { title: t('market.evaluation.mean'), dataIndex: 'mean', align: 'right', render: (m: number | null) => m ?? '—' },
            ]} />
          {staff && (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>{t('market.evaluation.experts')}</Typography.Title>
              <Table<EvaluationAssignment> size="small" rowKey="id" pagination={false} dataSource={e.assignments} scroll={{ x: 'max-content' }}
                locale={{ emptyText: t('market.evaluation.noExperts') }}
                columns={[
                  { title: t('market.evaluation.experts'), dataIndex: 'expertName', render: (v, a) => <>{v}<div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{a.expertOrg} {a.expertTitle}</Typography.Text></div></> },
                  { title: t('market.common.status'), dataIndex: 'status', render: (s, a) => <><Tag>{t(`market.evaluation.assignmentStatus.${s}`)}</Tag>{a.conflictReason && <div style={{ fontSize: 12 }}>{a.conflictReason}</div>}</> },
                  { title: '', dataIndex: 'method', render: (m) => t(`market.evaluation.method.${m}`) },
                  { title: t('market.evaluation.total'), dataIndex: 'total', align: 'right', render: (v) => v ?? '—' },
                  { title: t('market.evaluation.comment'), dataIndex: 'comment', render: (v) => v ?? '—' },
                ]} />
            </>
          )}
          {!staff && (e.opinions?.length ?? 0) > 0 && (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>{t('market.evaluation.opinions')}</Typography.Title>
              {e.opinions!.map((o, i) => <Typography.Paragraph key={i} style={{ whiteSpace: 'pre-wrap' }}>{i + 1}. {o}</Typography.Paragraph>)}
            </>
          )}
          <Modal open={assigning} title={t('market.evaluation.assign')} onCancel={() => setAssigning(false)} destroyOnHidden okButtonProps={{ disabled: !experts.length }}
            onOk={async () => { if (await run(() => evaluationApi.assign(e.id, experts), t('market.evaluation.assigned'))) setAssigning(false); }}>
            <Typography.Paragraph type="secondary">{t('market.evaluation.assignHelp')}</Typography.Paragraph>
            <ExpertPicker value={experts} onChange={setExperts} />
          </Modal>
          <Modal open={concluding} title={t('market.evaluation.concludeTitle')} onCancel={() => setConcluding(false)} destroyOnHidden
            onOk={async () => { const v = await form.validateFields(); if (await run(() => evaluationApi.conclude(e.id, v), t('market.evaluation.concluded'))) setConcluding(false); }}>
            <Typography.Paragraph>{t('market.evaluation.panelScore')}：<Typography.Text strong>{e.panelScore ?? '—'}</Typography.Text></Typography.Paragraph>
            <Form form={form} layout="vertical" preserve={false}>
              <Form.Item name="level" label={t('market.evaluation.level')} rules={[{ required: true }]}>
                <Select loading={criteria.isLoading} options={(criteria.data?.levels ?? []).map((l) => ({ value: l.code, label: lang === 'en' ? l.nameEn : l.nameZh }))} />
              </Form.Item>
              <Form.Item name="opinion" label={t('market.evaluation.opinion')} rules={[{ required: true, whitespace: true, max: 5000 }]}><Input.TextArea rows={5} /></Form.Item>
            </Form>
          </Modal>
        </>
      )}
    </Drawer>
  );
}

export default function EvaluationsPage() {
  const { t } = useTranslation();
  const chrome = useListTableChrome();
  const lang = useLang();
  const fieldName = useFieldName();
  const actionRef = useRef<ActionType>(undefined);
  const [openId, setOpenId] = useLinkedId('evaluation');
  const columns: ProColumns<Evaluation>[] = [
    { title: t('common.keyword'), dataIndex: 'q', hideInTable: true, fieldProps: { placeholder: t('market.common.keyword') } },
    { title: t('market.evaluation.achievement'), dataIndex: 'title', sorter: true, hideInSearch: true, render: (_, e) => (
      <div style={{ minWidth: 180 }}>
        <a onClick={() => setOpenId(e.id)} data-testid={`evaluation-${e.id}`}>{e.achievementTitle}</a>
        <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{e.orgName} · {fieldName(e.field)}</Typography.Text></div>
      </div>
    ) },
    { title: t('market.evaluation.class'), dataIndex: 'class', valueType: 'select', width: 150,
      valueEnum: Object.fromEntries(EVALUATION_CLASSES.map((c) => [c, { text: t(`market.evaluation.classes.${c}`) }])), render: (_, e) => t(`market.evaluation.classes.${e.class}`) },
    { title: t('market.common.status'), dataIndex: 'status', valueType: 'select', width: 110,
      valueEnum: Object.fromEntries(EVALUATION_STATUSES.map((s) => [s, { text: t(`market.evaluation.status.${s}`) }])), render: (_, e) => <EvaluationStatusTag status={e.status} /> },
    { title: t('market.evaluation.experts'), dataIndex: 'experts', hideInSearch: true, width: 100, responsive: ['md'],
      render: (_, e) => t('market.evaluation.expertProgress', { submitted: e.experts.submitted, active: e.experts.active }) },
    { title: t('market.evaluation.level'), dataIndex: 'level', hideInSearch: true, width: 110, render: (_, e) => (e.level ? <Tag color="gold">{lang === 'en' ? e.levelNameEn ?? e.levelName : e.levelName}</Tag> : '—') },
    { title: t('market.evaluation.score'), dataIndex: 'score', sorter: true, hideInSearch: true, width: 80, align: 'right', responsive: ['md'], render: (_, e) => e.score ?? '—' },
    { title: t('market.evaluation.requestedAt'), dataIndex: 'requestedAt', sorter: true, hideInSearch: true, width: 150, responsive: ['lg'], render: (_, e) => chinaTime(e.requestedAt) },
  ];
  return (
    <AppPage>
      <ProTable<Evaluation>
        rowKey="id" actionRef={actionRef} columns={columns}
        {...chrome}
        request={async (params, sort) => {
          const page = await evaluationApi.list(toListQuery(params, sort));
          return { data: page.items, total: page.total, success: true };
        }}
      />
      <EvaluationDrawer id={openId} onClose={() => setOpenId(null)} onChanged={() => actionRef.current?.reload()} />
    </AppPage>
  );
}
