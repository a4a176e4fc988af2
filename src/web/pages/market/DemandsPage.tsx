// 技术需求: the published demands (需求大厅), an enterprise's own (我的需求) with drafts, the region's
// submitted ones for staff. A demand in a drawer (?demand=<id>&tab=answers&answer=<id>, where the
// notifications link): its facts; the answers for its organisation and staff (阅卷: shortlist,
// reject, pick; then the outcome); 我要答题 for institutions, enterprises and experts; its
// recommended achievements and experts (精准匹配).
import { useRef, useState } from 'react';
import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { Alert, App, Button, Descriptions, Drawer, Empty, Input, List, Popconfirm, Select, Space, Tabs, Tag, Typography } from 'antd';
import { AimOutlined, PaperClipOutlined, PlusOutlined, TrophyOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext';
import AppPage from '../../components/AppPage';
import { toListQuery } from '../../components/listQuery';
import { useLinkedId } from '../../components/useLinkedId';
import ReturnModal from './ReturnModal';
import AnswerForm from './AnswerForm';
import DemandForm from './DemandForm';
import { DEMAND_OUTCOMES, LISTING_STATUSES, answerApi, demandApi, type Answer, type Demand } from './api';
import { AnswerStatusTag, chinaTime, ListingStatusTag, useApiError, useFieldEnum, useFieldName, useListTableChrome, useMoney, useRange, useRegionFilterColumn, useWide } from './shared';

function AnswerCard({ a, canDecide, onDecided }: { a: Answer; canDecide: boolean; onDecided: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const money = useMoney();
  const onError = useApiError();
  const [note, setNote] = useState('');
  const decide = async (action: 'shortlist' | 'reject' | 'pick') => {
    try { await answerApi.decide(a.id, action, note.trim() || undefined); message.success(t('market.answer.decided')); setNote(''); onDecided(); } catch (error) { onError(error); }
  };
  const open = a.status === 'submitted' || a.status === 'shortlisted';
  return (
    <List.Item data-testid={`answer-${a.id}`}>
      <div style={{ width: '100%' }}>
        <Space size={8} wrap>
          <Typography.Text strong>{a.answerer.name}</Typography.Text>
          <Tag>{t(`market.answer.kinds.${a.answerer.kind}`)}</Tag>
          {a.answerer.kind === 'expert' && a.answerer.orgName && <Typography.Text type="secondary">{a.answerer.orgName}</Typography.Text>}
          <AnswerStatusTag status={a.status} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{chinaTime(a.createdAt)}</Typography.Text>
        </Space>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '6px 0' }} ellipsis={{ rows: 4, expandable: true, symbol: t('market.common.more') }}>{a.proposal}</Typography.Paragraph>
        {a.plan && <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap', margin: '0 0 6px' }} ellipsis={{ rows: 2, expandable: true, symbol: t('market.common.more') }}>{a.plan}</Typography.Paragraph>}
        <Space size={16} wrap>
          <span>{t('market.answer.priceWan')}：{a.price == null ? '—' : money(a.price)}</span>
          <span>{t('market.answer.durationMonths')}：{a.durationMonths == null ? '—' : t('market.answer.months', { count: a.durationMonths })}</span>
          {a.attachments.map((f) => <a key={f.id} onClick={() => answerApi.file(a.id, f.id, f.fileName).catch(onError)}><PaperClipOutlined /> {f.fileName}</a>)}
        </Space>
        {a.decisionNote && <div><Typography.Text type="secondary">{t('market.answer.decisionNote')}：{a.decisionNote}</Typography.Text></div>}
        {canDecide && open && (
          <Space wrap style={{ marginTop: 8 }}>
            <Input size="small" style={{ width: 220 }} placeholder={t('market.answer.decisionNote')} value={note} onChange={(e) => setNote(e.target.value)} />
            {a.status === 'submitted' && <Button size="small" onClick={() => decide('shortlist')}>{t('market.answer.shortlist')}</Button>}
            <Button size="small" onClick={() => decide('reject')}>{t('market.answer.reject')}</Button>
            <Popconfirm title={t('market.answer.pickConfirm', { name: a.answerer.name })} onConfirm={() => decide('pick')}>
              <Button size="small" type="primary" icon={<TrophyOutlined />}>{t('market.answer.pick')}</Button>
            </Popconfirm>
          </Space>
        )}
      </div>
    </List.Item>
  );
}

function DemandDrawer({ id, onClose, onChanged, onEdit }: { id: number | null; onClose: () => void; onChanged: () => void; onEdit: (d: Demand) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user } = useAuth();
  const [search, setSearch] = useSearchParams();
  const fieldName = useFieldName();
  const money = useMoney();
  const range = useRange();
  const onError = useApiError();
  const wide = useWide();
  const client = useQueryClient();
  const [returning, setReturning] = useState(false);
  const [answering, setAnswering] = useState(false);
  const [outcome, setOutcome] = useState<string>('agreement');
  const [outcomeNote, setOutcomeNote] = useState('');
  const tab = search.get('tab') ?? 'facts';
  const setTab = (next: string) => { const s = new URLSearchParams(search); s.set('tab', next); setSearch(s, { replace: true }); };
  const detail = useQuery({ queryKey: ['market', 'demand', id], queryFn: () => demandApi.get(id!), enabled: id !== null });
  const d = detail.data;
  const staff = user?.role === 'staff' || user?.role === 'admin';
  const mine = !!d && user?.orgId != null && String(d.orgId) === String(user.orgId);
  const answers = useQuery({ queryKey: ['market', 'demand', id, 'answers'], queryFn: () => demandApi.answers(id!), enabled: id !== null && (mine || staff) && d?.status !== 'draft' });
  const refresh = async () => { await client.invalidateQueries({ queryKey: ['market'] }); onChanged(); };
  const step = async (run: () => Promise<unknown>, done: string) => {
    try { await run(); message.success(done); await refresh(); } catch (error) { onError(error); }
  };
  const canAnswer = !!d && d.status === 'published' && !mine && ['enterprise', 'institution', 'expert'].includes(user?.role ?? '');

  const actions = d && (
    <Space wrap>
      {mine && d.status === 'draft' && <Button onClick={() => onEdit(d)}>{t('market.common.edit')}</Button>}
      {mine && d.status === 'draft' && (
        <Popconfirm title={t('market.common.submitConfirm', { title: d.title })} onConfirm={() => step(() => demandApi.submit(d.id), t('market.common.submitted'))}>
          <Button type="primary">{t('market.common.submit')}</Button>
        </Popconfirm>
      )}
      {staff && d.status === 'submitted' && (
        <>
          <Button type="primary" onClick={() => step(() => demandApi.publish(d.id), t('market.common.published'))}>{t('market.common.publish')}</Button>
          <Button onClick={() => setReturning(true)}>{t('market.common.returnAction')}</Button>
          <Button onClick={() => onEdit(d)}>{t('market.common.edit')}</Button>
        </>
      )}
      {canAnswer && <Button type="primary" onClick={() => setAnswering(true)} data-testid="demand-answer">{t('market.demand.answer')}</Button>}
      {(mine || staff) && d.status === 'published' && <Link to={`/market/matching?demand=${d.id}`}><Button icon={<AimOutlined />}>{t('market.demand.matches')}</Button></Link>}
    </Space>
  );

  const facts = d && (
    <Descriptions size="small" bordered={wide} column={{ xs: 1, sm: 1, md: 2 }}>
      <Descriptions.Item label={t('market.common.status')}><ListingStatusTag status={d.status} /></Descriptions.Item>
      <Descriptions.Item label={t('market.common.org')}>{d.orgName}（{d.regionName}）</Descriptions.Item>
      <Descriptions.Item label={t('market.common.field')}>{fieldName(d.field)}</Descriptions.Item>
      <Descriptions.Item label={t('market.demand.budget')}>{range(d.budgetMin, d.budgetMax)}</Descriptions.Item>
      <Descriptions.Item label={t('market.demand.deadline')}>{d.deadline ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('market.demand.openTo')}>{t(`market.demand.openToOptions.${d.openTo}`)}</Descriptions.Item>
      <Descriptions.Item label={t('market.demand.cooperationModes')} span={wide ? 2 : 1}>{d.cooperationModes.map((m) => t(`market.mode.${m}`)).join('、') || '—'}</Descriptions.Item>
      {d.openCall && <Descriptions.Item label={t('market.demand.openCall')} span={wide ? 2 : 1}><Tag color="gold" icon={<TrophyOutlined />}>{t('market.demand.prizeIs', { amount: money(d.prize) })}</Tag></Descriptions.Item>}
      <Descriptions.Item label={t('market.demand.description')} span={wide ? 2 : 1}><span style={{ whiteSpace: 'pre-wrap' }}>{d.description || '—'}</span></Descriptions.Item>
      {d.outcome && <Descriptions.Item label={t('market.demand.outcome')} span={wide ? 2 : 1}>{t(`market.demand.outcomes.${d.outcome}`)}{d.outcomeNote ? ` · ${d.outcomeNote}` : ''}</Descriptions.Item>}
    </Descriptions>
  );

  const answerList = (
    <>
      <List dataSource={answers.data?.items ?? []} loading={answers.isLoading} locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('market.answer.none')} /> }}
        renderItem={(a) => <AnswerCard a={a} canDecide={mine && d?.status === 'published'} onDecided={() => void refresh()} />} />
      {(mine || staff) && d?.status === 'published' && (
        <Space wrap style={{ marginTop: 12 }}>
          <Typography.Text strong>{t('market.demand.recordOutcome')}</Typography.Text>
          <Select value={outcome} onChange={setOutcome} style={{ width: 130 }} options={DEMAND_OUTCOMES.map((o) => ({ value: o, label: t(`market.demand.outcomes.${o}`) }))} />
          <Input style={{ width: 220 }} placeholder={t('market.demand.outcomeNote')} value={outcomeNote} onChange={(e) => setOutcomeNote(e.target.value)} />
          <Popconfirm title={t('market.demand.recordOutcome')} onConfirm={() => step(() => demandApi.outcome(d.id, { outcome, note: outcomeNote.trim() || undefined, version: d.version }), t('market.demand.outcomeRecorded'))}>
            <Button>{t('market.common.save')}</Button>
          </Popconfirm>
        </Space>
      )}
    </>
  );

  return (
    <Drawer open={id !== null} onClose={onClose} width={820} destroyOnHidden title={d?.title} extra={wide && actions}>
      {detail.isError && <Alert type="error" showIcon message={(detail.error as Error).message} />}
      {d && (
        <>
          {!wide && <div style={{ marginBottom: 12 }}>{actions}</div>}
          {(mine || staff) && d.status !== 'draft' ? (
            <Tabs activeKey={tab === 'answers' ? 'answers' : 'facts'} onChange={setTab} items={[
              { key: 'facts', label: t('market.common.note'), children: facts },
              { key: 'answers', label: `${t('market.demand.answers')} (${answers.data?.total ?? 0})`, children: answerList },
            ]} />
          ) : facts}
          <ReturnModal open={returning} onClose={() => setReturning(false)}
            onOk={(reason) => { setReturning(false); void step(() => demandApi.return(d.id, reason), t('market.common.returned')); }} />
          <AnswerForm open={answering} demand={d} onClose={() => setAnswering(false)}
            onSaved={() => { setAnswering(false); message.success(t('market.answer.submitted')); void refresh(); }} />
        </>
      )}
    </Drawer>
  );
}

export default function DemandsPage() {
  const { t } = useTranslation();
  const chrome = useListTableChrome();
  const { message } = App.useApp();
  const { user } = useAuth();
  const fieldEnum = useFieldEnum();
  const fieldName = useFieldName();
  const range = useRange();
  const client = useQueryClient();
  const actionRef = useRef<ActionType>(undefined);
  const [openId, setOpenId] = useLinkedId('demand');
  const org = user?.role === 'enterprise' || user?.role === 'institution';
  const staff = user?.role === 'staff' || user?.role === 'admin';
  const regionFilter = useRegionFilterColumn<Demand>(staff);
  const [tab, setTab] = useState<'mine' | 'all'>(user?.role === 'enterprise' ? 'mine' : 'all');
  const [editing, setEditing] = useState<{ item?: Demand } | null>(null);
  const reload = () => { actionRef.current?.reload(); void client.invalidateQueries({ queryKey: ['market', 'demand'] }); };

  const columns: ProColumns<Demand>[] = [
    { title: t('common.keyword'), dataIndex: 'q', hideInTable: true, fieldProps: { placeholder: t('market.common.keyword') } },
    { title: t('market.demand.title'), dataIndex: 'title', sorter: true, hideInSearch: true, render: (_, d) => (
      <div style={{ minWidth: 180 }}>
        <a onClick={() => setOpenId(d.id)} data-testid={`demand-${d.id}`}>{d.title}</a>
        {d.openCall && <Tag color="gold" style={{ marginLeft: 6 }}>{t('market.demand.openCall')}</Tag>}
        <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{d.orgName} · {d.regionName}</Typography.Text></div>
      </div>
    ) },
    { title: t('market.common.field'), dataIndex: 'field', valueType: 'select', valueEnum: fieldEnum, width: 140, render: (_, d) => fieldName(d.field) },
    { title: t('market.demand.budget'), dataIndex: 'budgetMax', hideInSearch: true, width: 150, responsive: ['md'], render: (_, d) => range(d.budgetMin, d.budgetMax) },
    { title: t('market.demand.deadline'), dataIndex: 'deadline', hideInSearch: true, width: 110, responsive: ['lg'], render: (_, d) => d.deadline ?? '—' },
    { title: t('market.common.status'), dataIndex: 'status', valueType: 'select', width: 90, hideInSearch: !staff && tab === 'all',
      valueEnum: Object.fromEntries(LISTING_STATUSES.filter((s) => !['transferred', 'withdrawn'].includes(s)).map((s) => [s, { text: t(`market.status.${s}`) }])),
      render: (_, d) => <ListingStatusTag status={d.status} /> },
    { title: t('market.common.publishedAt'), dataIndex: 'publishedAt', sorter: true, hideInSearch: true, width: 150, responsive: ['lg'], render: (_, d) => chinaTime(d.publishedAt) },
    ...regionFilter,
  ];

  return (
    <AppPage>
      <ProTable<Demand>
        rowKey="id" actionRef={actionRef} columns={columns} params={{ tab }}
        headerTitle={org ? (
          <Select value={tab} onChange={setTab} style={{ width: 130 }} data-testid="demand-tab"
            options={[{ value: 'mine', label: t('market.demand.mineTab') }, { value: 'all', label: t('market.demand.allTab') }]} />
        ) : undefined}
        {...chrome}
        request={async ({ tab: which, ...params }, sort) => {
          const query = toListQuery(params, sort);
          if (which === 'mine' && org) query.mine = 'true';
          else if (!staff && !query.status) query.status = 'published';
          const page = await demandApi.list(query);
          return { data: page.items, total: page.total, success: true };
        }}
        toolBarRender={() => (org || staff ? [
          <Button key="create" type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>{t('market.demand.create')}</Button>,
        ] : [])}
      />
      <DemandDrawer id={openId} onClose={() => setOpenId(null)} onChanged={reload} onEdit={(d) => setEditing({ item: d })} />
      <DemandForm open={!!editing} item={editing?.item} onClose={() => setEditing(null)}
        onSaved={(id) => { message.success(t('market.common.saved')); setEditing(null); reload(); setOpenId(id); }} />
    </AppPage>
  );
}
