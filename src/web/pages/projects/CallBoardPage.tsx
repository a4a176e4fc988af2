// The board of one call (/projects/calls/:id): applications by state, review progress and the score
// distribution; the applications (filter, sort, page); experts drawn or assigned by hand; the
// ranking with or without the extremes; the funding plan within the budget; 立项公示. An
// application opens in a drawer with its timeline and the actions its state allows (?application=).
import { useMemo, useRef, useState } from 'react';
import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import {
  Alert, App, Button, Card, Col, Descriptions, Empty, InputNumber, List, Modal, Popconfirm, Progress, Row, Space, Statistic, Switch, Table, Tabs, Tag, Tooltip, Typography,
} from 'antd';
import { DownloadOutlined, ExperimentOutlined, FileWordOutlined, NotificationOutlined, WarningOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import AppPage from '../../components/AppPage';
import './projects.css';
import EChart, { type ChartOption } from '../../components/charts/EChart';
import PageLoading from '../../components/PageLoading';
import { toListQuery } from '../../components/listQuery';
import { useLinkedId } from '../../components/useLinkedId';
import ApplicationDrawer from './ApplicationDrawer';
import type { ListQuery } from '../../api';
import { APPLICATION_STATUSES, projectApi, type ApplicationSummary, type Assignment, type Board, type RankingItem } from './api';
import { CallStateTag, FROM_MD, StatusTag, chinaTime, fieldLabel, useApiError, useMoney, useWide, wanText } from './shared';

type CallFile = 'applications.xlsx' | 'reviews.xlsx' | 'funding.xlsx' | 'notice.docx';

/** One of the call's downloads (Excel, Word), with the server's refusal as a message. */
function CallFileButton({ callId, what, size }: { callId: number; what: CallFile; size?: 'small' }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const get = async () => {
    setBusy(true);
    try { await projectApi.callFile(callId, what); } catch (error) { message.error(t('common.exportFailed', { message: (error as Error).message })); } finally { setBusy(false); }
  };
  return <Button size={size} icon={what.endsWith('docx') ? <FileWordOutlined /> : <DownloadOutlined />} loading={busy} onClick={get} data-testid={`file-${what}`}>{t(`projects.board.files.${what.split('.')[0]}`)}</Button>;
}

const TABS = ['overview', 'applications', 'reviews', 'ranking', 'funding'] as const;
type TabKey = (typeof TABS)[number];

function Overview({ board, budget, approved }: { board: Board; budget: number; approved: number }) {
  const { t } = useTranslation();
  const money = useMoney();
  const total = Object.values(board.byStatus).reduce((s, n) => s + (n ?? 0), 0);
  const states = APPLICATION_STATUSES.filter((s) => board.byStatus[s]);
  const reviews = board.reviews;
  const assigned = (reviews.assigned ?? 0) + (reviews.declared ?? 0) + (reviews.submitted ?? 0);
  const submitted = reviews.submitted ?? 0;
  const outliers = board.matrix.filter((m) => m.outlier).length;
  const stateOption = useMemo<ChartOption>(() => ({
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: states.map((s) => t(`projects.status.${s}`)) },
    series: [{ type: 'bar', name: t('projects.board.applications'), data: states.map((s) => board.byStatus[s] ?? 0), itemStyle: { color: '#1677ff' }, barMaxWidth: 18, label: { show: true, position: 'right' } }],
  }), [board, states, t]);
  const scoreOption = useMemo<ChartOption>(() => ({
    grid: { left: 8, right: 16, top: 28, bottom: 24, containLabel: true },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: board.distribution.map((b) => `${b.from}–${b.to}`), name: t('projects.board.scoreAxis'), nameLocation: 'middle', nameGap: 28,
      axisLabel: { interval: 0, fontSize: 11 } },
    yAxis: { type: 'value', minInterval: 1, name: t('projects.board.countAxis') },
    series: [{ type: 'bar', name: t('projects.board.distribution'), data: board.distribution.map((b) => b.count), itemStyle: { color: '#13c2c2' }, barMaxWidth: 48, label: { show: true, position: 'top' } }],
  }), [board, t]);
  const scored = board.distribution.reduce((s, b) => s + b.count, 0);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={12} md={6}><Card size="small"><Statistic title={t('projects.board.applications')} value={total} /></Card></Col>
      <Col xs={12} md={6}><Card size="small"><Statistic title={t('projects.board.reviewProgress')} value={submitted} suffix={`/ ${assigned}`} /></Card></Col>
      <Col xs={12} md={6}><Card size="small"><Statistic title={t('projects.board.outliers')} value={outliers} valueStyle={outliers ? { color: '#cf1322' } : undefined} /></Card></Col>
      <Col xs={12} md={6}><Card size="small"><Statistic title={t('projects.board.approvedWan')} value={wanText(approved)} suffix={<span style={{ fontSize: 12 }}>/ {wanText(budget)}</span>} /></Card></Col>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('projects.board.byStatus')}>
          {states.length ? <EChart option={stateOption} height={Math.max(160, states.length * 30 + 20)} label={t('projects.board.byStatus')} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('projects.board.distribution')} extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('projects.board.scored', { n: scored })}</Typography.Text>}>
          {scored ? <EChart option={scoreOption} height={240} label={t('projects.board.distribution')} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('projects.board.noScores')} />}
        </Card>
      </Col>
      <Col xs={24}>
        <Card size="small" title={t('projects.board.reviewProgress')}>
          <Progress percent={assigned ? Math.round((submitted / assigned) * 100) : 0} format={() => `${submitted} / ${assigned}`} />
          <Space wrap style={{ marginTop: 8 }}>
            {(['assigned', 'declared', 'submitted', 'declined'] as const).map((s) => (
              <Tag key={s}>{t(`projects.reviewStatus.${s}`)} {reviews[s] ?? 0}</Tag>
            ))}
          </Space>
          <div style={{ marginTop: 8 }}><Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('projects.board.budgetLine', { budget: money(budget), approved: money(approved), left: money(budget - approved) })}</Typography.Text></div>
        </Card>
      </Col>
    </Row>
  );
}

function Applications({ callId, onOpen, actionRef }: { callId: number; onOpen: (id: number) => void; actionRef: React.MutableRefObject<ActionType | undefined> }) {
  const { t, i18n } = useTranslation();
  const lastQuery = useRef<ListQuery>({});
  const wide = useWide();
  const columns: ProColumns<ApplicationSummary>[] = [
    { title: t('common.keyword'), dataIndex: 'q', hideInTable: true, fieldProps: { placeholder: t('projects.board.keyword') } },
    { title: t('projects.app.title'), dataIndex: 'title', sorter: true, hideInSearch: true, render: (_, a) => (
      <>
        <a onClick={() => onOpen(a.id)} data-testid={`open-application-${a.id}`}>{a.title}</a>
        <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{a.orgName} · {a.regionName}</Typography.Text></div>
      </>
    ) },
    { title: t('projects.app.field'), dataIndex: 'field', width: 110, hideInSearch: true, responsive: FROM_MD, render: (_, a) => fieldLabel(a.field, i18n.language) },
    { title: t('projects.app.requestedWan'), dataIndex: 'requestedAmount', sorter: true, hideInSearch: true, width: 110, align: 'right', responsive: FROM_MD, render: (_, a) => wanText(a.requestedAmount) },
    { title: t('projects.app.status'), dataIndex: 'status', width: 120, valueType: 'select',
      valueEnum: Object.fromEntries(APPLICATION_STATUSES.filter((s) => s !== 'draft').map((s) => [s, { text: t(`projects.status.${s}`) }])),
      render: (_, a) => <StatusTag status={a.status} /> },
    { title: t('projects.app.score'), dataIndex: 'score', sorter: true, hideInSearch: true, width: 80, align: 'right', render: (_, a) => a.meanScore ?? '—' },
    { title: t('projects.app.reviews'), key: 'reviews', hideInSearch: true, width: 80, align: 'center', responsive: FROM_MD, render: (_, a) => (a.reviewsAssigned ? `${a.reviewsSubmitted}/${a.reviewsAssigned}` : '—') },
    { title: t('projects.app.submittedAt'), dataIndex: 'submittedAt', sorter: true, hideInSearch: true, width: 140, responsive: FROM_MD, render: (_, a) => chinaTime(a.submittedAt) },
  ];
  return (
    <ProTable<ApplicationSummary>
      rowKey="id" actionRef={actionRef} columns={columns} scroll={wide ? { x: 880 } : undefined} size="small"
      search={{ labelWidth: 'auto', span: { xs: 24, sm: 12, md: 8, lg: 8, xl: 8, xxl: 6 } }}
      pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
      options={{ density: false, reload: true, setting: false }}
      request={async (params, sort) => {
        const query = { ...toListQuery(params, sort), callId };
        lastQuery.current = query;
        const page = await projectApi.applications(query);
        return { data: page.items, total: page.total, success: true };
      }}
      toolBarRender={() => [<CallFileButton key="export" callId={callId} what="applications.xlsx" />]}
    />
  );
}

function Reviews({ callId, board, onOpen, onChanged }: { callId: number; board: Board; onOpen: (id: number) => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const onError = useApiError();
  const [drawing, setDrawing] = useState(false);
  const wide = useWide();
  const assignments = useQuery({ queryKey: ['projects', 'assignments', callId], queryFn: () => projectApi.assignments(callId) });
  // the applications past formal check, with their titles
  const apps = useQuery({
    queryKey: ['projects', 'applications', callId, 'in-review'],
    queryFn: () => projectApi.applications({ callId, status: 'formal_passed,under_review,reviewed,approved,not_approved,publicized,contracted,midterm_passed,accepted,acceptance_failed,closed,terminated', pageSize: 200, sort: 'title' }),
  });
  const outlier = new Set(board.matrix.filter((m) => m.outlier).map((m) => m.assignmentId));
  const byApp = new Map<number, Assignment[]>();
  for (const a of assignments.data?.items ?? []) byApp.set(a.applicationId, [...(byApp.get(a.applicationId) ?? []), a]);
  const draw = async () => {
    setDrawing(true);
    try {
      const r = await projectApi.autoAssign(callId);
      const titles = new Map((apps.data?.items ?? []).map((a) => [a.id, a.title]));
      onChanged();
      modal.info({
        title: t('projects.assign.drawn', { n: r.assigned }), width: 560,
        content: (
          <div data-testid="draw-result">
            <Typography.Paragraph>{t('projects.assign.drawnHelp', { seed: r.seed })}</Typography.Paragraph>
            {r.unfilled.length ? (
              <>
                <Alert type="warning" showIcon message={t('projects.assign.unfilled', { n: r.unfilled.length })} style={{ marginBottom: 8 }} />
                <List size="small" dataSource={r.unfilled} renderItem={(u) => (
                  <List.Item>{titles.get(u.applicationId) ?? `#${u.applicationId}`}<Tag color="orange">{t('projects.assign.missing', { n: u.missing })}</Tag></List.Item>
                )} />
              </>
            ) : <Alert type="success" showIcon message={t('projects.assign.allFilled')} />}
          </div>
        ),
      });
    } catch (error) { onError(error); } finally { setDrawing(false); }
  };
  return (
    <Card size="small" title={t('projects.assign.title', { n: board.call.reviewersPerApplication })}
      extra={<Button type="primary" icon={<ExperimentOutlined />} loading={drawing} onClick={draw} data-testid="auto-assign">{t('projects.assign.auto')}</Button>}>
      <Table<ApplicationSummary> size="small" rowKey="id" loading={apps.isLoading || assignments.isLoading} dataSource={apps.data?.items ?? []} pagination={false} scroll={wide ? { x: 720 } : undefined}
        columns={[
          { title: t('projects.app.title'), dataIndex: 'title', render: (v, a) => <><a onClick={() => onOpen(a.id)}>{v}</a><div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{a.orgName}</Typography.Text></div></> },
          { title: t('projects.assign.experts'), key: 'experts', render: (_, a) => (
            <Space size={[4, 4]} wrap>
              {(byApp.get(a.id) ?? []).map((x) => (
                <Tooltip key={x.id} title={`${x.expertOrg ?? ''}${x.conflictReason ? ` · ${x.conflictReason}` : ''}`}>
                  <Tag color={x.status === 'submitted' ? (outlier.has(x.id) ? 'red' : 'green') : x.status === 'declined' ? 'default' : 'blue'}
                    style={x.status === 'declined' ? { textDecoration: 'line-through' } : undefined}>
                    {outlier.has(x.id) && <WarningOutlined />} {x.expertName}{x.total != null ? ` ${x.total}` : ''}
                  </Tag>
                </Tooltip>
              ))}
            </Space>
          ) },
          { title: t('projects.assign.progress'), key: 'p', width: 90, align: 'center', render: (_, a) => {
            const list = (byApp.get(a.id) ?? []).filter((x) => x.status !== 'declined');
            const done = list.filter((x) => x.status === 'submitted').length;
            const short = board.call.reviewersPerApplication - list.length;
            return <>{done}/{list.length}{short > 0 && <div><Tag color="orange" style={{ marginInlineEnd: 0 }}>{t('projects.assign.missing', { n: short })}</Tag></div>}</>;
          } },
          { title: t('projects.app.status'), dataIndex: 'status', width: 110, responsive: FROM_MD, render: (s) => <StatusTag status={s} /> },
        ]} />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>{t('projects.assign.legend')}</Typography.Paragraph>
    </Card>
  );
}

function RankingTab({ callId, defaultDrop, onOpen }: { callId: number; defaultDrop: boolean; onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  const [drop, setDrop] = useState(defaultDrop);
  const wide = useWide();
  const ranking = useQuery({ queryKey: ['projects', 'ranking', callId, drop], queryFn: () => projectApi.ranking(callId, drop) });
  return (
    <Card size="small" title={t('projects.ranking.title')}
      extra={<Space><Typography.Text>{t('projects.ranking.dropExtremes')}</Typography.Text><Switch checked={drop} onChange={setDrop} aria-label={t('projects.ranking.dropExtremes')} data-testid="drop-extremes" /></Space>}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('projects.ranking.rule')}</Typography.Paragraph>
      <Table<RankingItem> size="small" rowKey="applicationId" loading={ranking.isLoading} dataSource={ranking.data?.items ?? []} pagination={false} scroll={wide ? { x: 820 } : undefined}
        columns={[
          { title: t('projects.ranking.rank'), dataIndex: 'rank', width: 56, align: 'center', render: (v) => v ?? '—' },
          { title: t('projects.app.title'), dataIndex: 'title', render: (v, r) => <><a onClick={() => onOpen(r.applicationId)}>{v}</a><div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.orgName}</Typography.Text></div></> },
          { title: t('projects.ranking.score'), dataIndex: 'score', width: 80, align: 'right', render: (v) => (v == null ? '—' : <Typography.Text strong>{v}</Typography.Text>) },
          { title: t('projects.ranking.reviews'), dataIndex: 'reviews', width: 70, align: 'center', responsive: FROM_MD },
          { title: t('projects.ranking.dropped'), dataIndex: 'dropped', width: 110, responsive: FROM_MD, render: (d: number[]) => (d.length ? d.join(' / ') : '—') },
          { title: t('projects.app.status'), dataIndex: 'status', width: 110, responsive: FROM_MD, render: (s) => <StatusTag status={s} /> },
          { title: t('projects.app.requestedWan'), dataIndex: 'requestedAmount', width: 100, align: 'right', responsive: FROM_MD, render: (v) => wanText(v) },
          { title: t('projects.app.approvedWan'), dataIndex: 'approvedAmount', width: 100, align: 'right', responsive: FROM_MD, render: (v) => (v == null ? '—' : wanText(v)) },
        ]} />
    </Card>
  );
}

function FundingTab({ callId, onOpen }: { callId: number; onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  const money = useMoney();
  const [minScore, setMinScore] = useState<number | null>(null);
  const wide = useWide();
  const plan = useQuery({ queryKey: ['projects', 'funding', callId, minScore], queryFn: () => projectApi.fundingPlan(callId, minScore ?? undefined) });
  const p = plan.data;
  return (
    <Card size="small" title={t('projects.funding.title')}
      extra={<Space><Typography.Text>{t('projects.funding.minScore')}</Typography.Text><InputNumber min={0} max={1000} value={minScore} onChange={setMinScore} style={{ width: 90 }} aria-label={t('projects.funding.minScore')} /></Space>}>
      {p && (
        <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
          <Col xs={12} md={6}><Statistic title={t('projects.funding.budget')} value={wanText(p.budget)} /></Col>
          <Col xs={12} md={6}><Statistic title={t('projects.funding.approved')} value={wanText(p.approved)} /></Col>
          <Col xs={12} md={6}><Statistic title={t('projects.funding.planned')} value={wanText(p.planned)} /></Col>
          <Col xs={12} md={6}><Statistic title={t('projects.funding.left')} value={wanText(p.budget - p.approved - p.planned)} /></Col>
        </Row>
      )}
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('projects.funding.rule')}</Typography.Paragraph>
      <Table size="small" rowKey="applicationId" loading={plan.isLoading} dataSource={p?.items ?? []} pagination={false} scroll={wide ? { x: 640 } : undefined}
        columns={[
          { title: t('projects.ranking.rank'), dataIndex: 'rank', width: 56, align: 'center', render: (v) => v ?? '—' },
          { title: t('projects.app.title'), dataIndex: 'title', render: (v, r) => <><a onClick={() => onOpen(r.applicationId)}>{v}</a><div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.orgName}</Typography.Text></div></> },
          { title: t('projects.ranking.score'), dataIndex: 'score', width: 80, align: 'right', responsive: FROM_MD, render: (v) => v ?? '—' },
          { title: t('projects.app.requestedWan'), dataIndex: 'requestedAmount', width: 100, align: 'right', responsive: FROM_MD, render: (v) => wanText(v) },
          { title: t('projects.funding.amountWan'), dataIndex: 'amount', width: 100, align: 'right', render: (v) => (v ? <Typography.Text strong>{wanText(v)}</Typography.Text> : <Typography.Text type="secondary">—</Typography.Text>) },
        ]} />
    </Card>
  );
}

export default function CallBoardPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const money = useMoney();
  const client = useQueryClient();
  const onError = useApiError();
  const callId = Number(useParams().id);
  const [search, setSearch] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(search.get('tab') ?? '') ? (search.get('tab') as TabKey) : 'overview';
  const [openApp, setOpenApp] = useLinkedId('application');
  const tableRef = useRef<ActionType>(undefined);
  const call = useQuery({ queryKey: ['projects', 'call', callId], queryFn: () => projectApi.call(callId) });
  const board = useQuery({ queryKey: ['projects', 'board', callId], queryFn: () => projectApi.board(callId) });
  const plan = useQuery({ queryKey: ['projects', 'funding', callId, null], queryFn: () => projectApi.fundingPlan(callId) });
  const refresh = () => { void client.invalidateQueries({ queryKey: ['projects'] }); tableRef.current?.reload(); };

  if (call.isLoading) return <PageLoading />;
  if (!call.data) return <AppPage><Alert type="error" message={call.error ? String((call.error as Error).message) : t('error.notFound')} /></AppPage>;
  const c = call.data;
  const approved = plan.data?.approved ?? 0;
  const noticeable = (board.data?.byStatus.approved ?? 0) > 0;

  const publishNotice = async () => {
    try {
      const r = await projectApi.publishNotice(callId);
      Modal.success({ title: t('projects.notice.published', { n: r.count }), content: t('projects.notice.period', { from: r.noticeFrom, until: r.noticeUntil }) });
      refresh();
    } catch (error) { onError(error); }
  };

  return (
    <div className="kc-call-board">
    <AppPage title={c.title}
      extra={
        <Space wrap>
          <CallFileButton callId={callId} what="reviews.xlsx" />
          <CallFileButton callId={callId} what="funding.xlsx" />
          {c.resultsOut && <CallFileButton callId={callId} what="notice.docx" />}
          <Popconfirm title={t('projects.notice.confirm', { days: c.noticeDays })} onConfirm={publishNotice} disabled={!noticeable}>
            <Button icon={<NotificationOutlined />} disabled={!noticeable} data-testid="publish-notice">{t('projects.notice.publish')}</Button>
          </Popconfirm>
        </Space>
      }>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }}>
          <Descriptions.Item label={t('projects.call.state')}><CallStateTag state={c.state} /></Descriptions.Item>
          <Descriptions.Item label={t('projects.call.programme')}>{c.programmeName}</Descriptions.Item>
          <Descriptions.Item label={t('projects.call.period')}>{chinaTime(c.opensAt)} ~ {chinaTime(c.closesAt)}</Descriptions.Item>
          <Descriptions.Item label={t('projects.call.budget')}>{money(c.budget)}</Descriptions.Item>
          <Descriptions.Item label={t('projects.call.reviewers')}>{c.reviewersPerApplication}</Descriptions.Item>
          <Descriptions.Item label={t('projects.call.blind')}>{c.blind ? t('common.yes') : t('common.no')}</Descriptions.Item>
          <Descriptions.Item label={t('projects.call.dropExtremes')}>{c.dropExtremes ? t('common.yes') : t('common.no')}</Descriptions.Item>
          <Descriptions.Item label={t('projects.call.noticeDays')}>{t('projects.call.workingDays', { n: c.noticeDays })}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Tabs activeKey={tab} onChange={(k) => { const next = new URLSearchParams(search); next.set('tab', k); setSearch(next, { replace: true }); }}
        items={[
          { key: 'overview', label: t('projects.board.tabs.overview'), children: board.data ? <Overview board={board.data} budget={c.budget} approved={approved} /> : <PageLoading /> },
          { key: 'applications', label: t('projects.board.tabs.applications'), children: <Applications callId={callId} onOpen={setOpenApp} actionRef={tableRef} /> },
          { key: 'reviews', label: t('projects.board.tabs.reviews'), children: board.data ? <Reviews callId={callId} board={board.data} onOpen={setOpenApp} onChanged={refresh} /> : <PageLoading /> },
          { key: 'ranking', label: t('projects.board.tabs.ranking'), children: <RankingTab callId={callId} defaultDrop={c.dropExtremes} onOpen={setOpenApp} /> },
          { key: 'funding', label: t('projects.board.tabs.funding'), children: <FundingTab callId={callId} onOpen={setOpenApp} /> },
        ]} />
      <ApplicationDrawer id={openApp} budgetLeft={c.budget - approved} onClose={() => setOpenApp(null)} onChanged={refresh} />
    </AppPage>
    </div>
  );
}
