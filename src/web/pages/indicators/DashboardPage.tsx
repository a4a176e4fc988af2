// 指标看板: KPI cards (value, target, progress), 双过半 / 全年红, trends over the years, the
// sub-regions' ranking (对标对表), completion by indicator, key tasks and overdue items, the three lists.
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Empty, Grid, List, Progress, Row, Select, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, FileExcelOutlined, FileWordOutlined, InfoCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import AppPage from '../../components/AppPage';
import EChart, { type ChartOption } from '../../components/charts/EChart';
import PageLoading from '../../components/PageLoading';
import { dashboardQuery, formatValue, indicatorApi, progressPct, STATE_COLORS, type IndicatorItem, type RankingRow } from './api';
import { FilterBar, useIndicatorRegions } from './shared';

/** What a computed figure counts up to: "截至 2026-11-24", "2025 年末", or the year's confirmed statistics. */
function AsOfCaption({ period }: { period: string | null }) {
  const { t } = useTranslation();
  if (!period) return null;
  const text = /^\d{4}-\d{2}-\d{2}$/.test(period)
    ? period.endsWith('-12-31') ? t('indicators.yearEnd', { year: period.slice(0, 4) }) : t('indicators.asOfShort', { date: period })
    : period === 'Y' ? t('indicators.annualConfirmed') : null;
  return text ? <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }} data-testid="as-of-caption">{text}</Typography.Text> : null;
}

function KpiCard({ item }: { item: IndicatorItem }) {
  const { t } = useTranslation();
  const pct = progressPct(item.progress);
  return (
    <Card size="small" style={{ height: '100%' }} data-testid={`kpi-${item.code}`}>
      <Typography.Text type="secondary" style={{ display: 'block', minHeight: 22 }}>{item.name}</Typography.Text>
      {(item.source === 'computed' || item.source === 'registry') && item.value !== null && <AsOfCaption period={item.period} />}
      <Space align="baseline" size={6} wrap>
        <Statistic value={item.value === null ? t('indicators.noValue') : formatValue(item.value, item.decimals)} valueStyle={{ fontSize: item.value === null ? 16 : 24 }} />
        {item.value !== null && <Typography.Text type="secondary">{item.unit}</Typography.Text>}
        <Tag color={STATE_COLORS[item.state]} style={{ marginLeft: 4 }}>{t(`indicators.state.${item.state}`)}</Tag>
      </Space>
      <div style={{ marginTop: 4 }}>
        <Typography.Text type="secondary">
          {t('indicators.target')} {item.target === null ? t('indicators.noTarget') : `${formatValue(item.target, item.decimals)} ${item.unit}`}
        </Typography.Text>
      </div>
      <Progress percent={pct === null ? 0 : Math.min(100, pct)} format={() => (pct === null ? '—' : `${pct}%`)} strokeColor={STATE_COLORS[item.state]} size="small" />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {item.value === null && item.previous !== null ? t('indicators.lastYear', { value: `${formatValue(item.previous, item.decimals)} ${item.unit}` }) : null}
        {item.yoy !== null && (
          <span style={{ color: item.yoy >= 0 ? '#389e0d' : '#cf1322' }}>
            {t('indicators.yoy')} {item.yoy >= 0 ? <ArrowUpOutlined /> : <ArrowDownOutlined />} {Math.abs(item.yoy).toFixed(1)}%
          </span>
        )}
      </Typography.Text>
    </Card>
  );
}

/** 较上期: completion (or value) against the previous period, in points, and the move in rank. */
function RankChange({ row }: { row: RankingRow }) {
  const { t } = useTranslation();
  if (row.progressChange === null && row.rankChange === null) return <>—</>;
  const pts = row.progressChange === null ? null : Math.round(row.progressChange * 1000) / 10;
  return (
    <Space size={6} wrap>
      {pts !== null && (
        <span style={{ color: pts > 0 ? '#389e0d' : pts < 0 ? '#cf1322' : undefined }}>
          {pts === 0 ? t('indicators.flat') : t('indicators.points', { value: `${pts > 0 ? '+' : ''}${pts.toFixed(1)}` })}
        </span>
      )}
      {row.rankChange !== null && row.rankChange !== 0 && (
        <span style={{ color: row.rankChange > 0 ? '#389e0d' : '#cf1322' }}>
          {row.rankChange > 0 ? <ArrowUpOutlined /> : <ArrowDownOutlined />} {t('indicators.places', { count: Math.abs(row.rankChange) })}
        </span>
      )}
    </Space>
  );
}

export default function DashboardPage() {
  const { t } = useTranslation();
  const { defaultCode } = useIndicatorRegions();
  const [filter, setFilter] = useState<{ region?: string; year: number; period?: string }>({ year: new Date().getFullYear() });
  const region = filter.region ?? defaultCode;
  const query = { region, year: filter.year, period: filter.period || undefined };
  const data = useQuery({ ...dashboardQuery(query), enabled: !!region, placeholderData: (p) => p });
  const [trendCode, setTrendCode] = useState('high_tech_enterprises');
  const [rankCode, setRankCode] = useState('overall');
  const ranking = useQuery({
    queryKey: ['indicators', 'ranking', query, rankCode],
    queryFn: () => indicatorApi.ranking({ ...query, indicator: rankCode, by: 'progress' }),
    enabled: !!region && rankCode !== 'overall',
  });
  const d = data.data;
  const rank = rankCode === 'overall' ? d?.ranking : ranking.data ?? d?.ranking;

  const trendOption = useMemo<ChartOption | null>(() => {
    const s = d?.trend.items.find((i) => i.code === trendCode);
    if (!s) return null;
    const decimals = d!.values.items.find((i) => i.code === trendCode)?.decimals ?? 0;
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: s.points.map((p) => String(p.year)) },
      yAxis: { type: 'value', name: s.unit },
      series: [
        // value labels inside the bars' foot: the target line's markers sit at the bars' height and covered labels on top
        { name: t('indicators.value'), type: 'bar', barMaxWidth: 56, data: s.points.map((p) => p.value), itemStyle: { color: '#1677ff' },
          label: { show: true, position: 'insideBottom', distance: 6, color: '#fff', fontSize: 11, formatter: (p: { value: unknown }) => (p.value == null ? '' : formatValue(Number(p.value), decimals)) } },
        { name: t('indicators.target'), type: 'line', data: s.points.map((p) => p.target), itemStyle: { color: '#fa541c' }, lineStyle: { type: 'dashed' }, symbolSize: 8, z: 3 },
      ],
    };
  }, [d, trendCode, t]);

  const rankOption = useMemo<ChartOption | null>(() => {
    if (!rank) return null;
    const rows = [...rank.items].reverse();
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', data: rows.map((r) => r.regionName) },
      series: [{
        type: 'bar', name: rank.name,
        // the row's state comes from the server (rules.ts): the same colour the region's own dashboard shows
        data: rows.map((r) => ({ value: progressPct(r.progress), itemStyle: { color: STATE_COLORS[r.state ?? 'none'] } })),
        label: { show: true, position: 'right', formatter: '{c}%', fontSize: 11 },
      }],
    };
  }, [rank]);

  // on a phone the names take the width: shorter names, no value axis (the bars carry their own labels)
  const screens = Grid.useBreakpoint();
  const narrow = !screens.sm;
  const byIndicatorOption = useMemo<ChartOption | null>(() => {
    if (!d) return null;
    // indicators with a target and a figure; those awaiting annual statistics are counted in the summary bar
    const rows = d.values.items.filter((i) => i.target !== null && i.progress !== null).reverse();
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', axisLabel: { formatter: '{value}%', show: !narrow } },
      yAxis: { type: 'category', data: rows.map((i) => i.name), axisLabel: { width: narrow ? 110 : 170, overflow: narrow ? 'break' : 'truncate', fontSize: narrow ? 11 : 12 } },
      series: [
        { type: 'bar', name: t('indicators.progress'), data: rows.map((i) => ({ value: progressPct(i.progress) ?? 0, itemStyle: { color: STATE_COLORS[i.state] } })),
          label: { show: true, position: 'right', formatter: '{c}%', fontSize: 11 } },
      ],
    };
  }, [d, t, narrow]);

  if (!d) return <AppPage><PageLoading /></AppPage>;
  const s = d.values.summary;
  // a county has no sub-regions to rank: no empty card
  const hasChildren = (d.values.children?.length ?? 0) > 0;
  // overdue tasks and milestones, and overdue items of the three lists: one count, so "none" is only said when there are none
  const listsOverdue = (['risk', 'problem', 'responsibility'] as const).reduce((n, k) => n + d.lists[k].overdue, 0);
  const overdueTotal = d.overdue.length + listsOverdue;
  const headline = d.values.items.filter((i) => i.headline);
  const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 1000) / 10}%`);
  const rankColumns = [
    { title: t('indicators.rank'), dataIndex: 'rank', width: 64 },
    { title: t('indicators.region'), dataIndex: 'regionName', onCell: () => ({ style: { whiteSpace: 'nowrap' as const } }) },
    ...(rank && rank.indicator !== 'overall' ? [{ title: `${t('indicators.value')}（${rank.unit}）`, dataIndex: 'value', render: (v: number | null) => (v === null ? '—' : v.toLocaleString('zh-CN', { maximumFractionDigits: 2 })) }] : []),
    { title: rank?.indicator === 'overall' ? rank.name : t('indicators.progress'), dataIndex: 'progress', render: (p: number | null) => pct(p) },
    { title: <Tooltip title={rank ? t('indicators.rankChangeHelp', { date: rank.previousAsOf }) : undefined}>{t('indicators.rankChange')}</Tooltip>, dataIndex: 'progressChange', width: 150,
      render: (_: unknown, r: RankingRow) => <RankChange row={r} /> },
  ];

  return (
    <AppPage
      title={`${d.values.region.name} · ${t('indicators.dashboard')}`}
      extra={
        <Space wrap>
          <FilterBar region={region} year={filter.year} period={filter.period} onChange={(n) => setFilter((f) => ({ ...f, ...n }))} />
          <Button icon={<FileExcelOutlined />} onClick={() => indicatorApi.report(query, 'xlsx')}>{t('indicators.exportXlsx')}</Button>
          <Button icon={<FileWordOutlined />} onClick={() => indicatorApi.report(query, 'docx')}>{t('indicators.exportDocx')}</Button>
        </Space>
      }
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space wrap size={24}>
          <Typography.Text type="secondary">{t('indicators.asOf', { date: d.values.asOf })}</Typography.Text>
          <span>{t('indicators.elapsed')} <b>{pct(s.elapsed)}</b></span>
          <span>{t('indicators.completion')} <b>{pct(s.completion)}</b>{' '}
            {s.overall.state !== 'none' && <Tag color={STATE_COLORS[s.overall.state]} data-testid="overall-state">{t(`indicators.state.${s.overall.state}`)}</Tag>}</span>
          <span>{t('indicators.doubleHalf')} <Tag color={s.doubleHalf.reached ? 'red' : 'default'}>{t(s.doubleHalf.reached ? 'indicators.reached' : 'indicators.notReached')}</Tag>
            {s.doubleHalf.pending.length > 0 && <Typography.Text type="secondary">{t('indicators.pending', { count: s.doubleHalf.pending.length })}</Typography.Text>}</span>
          <span>{t('indicators.fullYearRed')} <Tag color={s.fullYearRed.reached ? 'red' : 'default'}>{t(s.fullYearRed.reached ? 'indicators.reached' : 'indicators.notReached')}</Tag></span>
          <Space size={4}>
            {(['green', 'amber', 'red'] as const).map((k) => <Tag key={k} color={STATE_COLORS[k]}>{t(`indicators.state.${k}`)} {s.states[k]}</Tag>)}
          </Space>
          <Tooltip title={d.values.rule} overlayStyle={{ maxWidth: 520 }}>
            <Typography.Link><InfoCircleOutlined /> {t('indicators.rule')}</Typography.Link>
          </Tooltip>
          <Tooltip title={d.values.basis} overlayStyle={{ maxWidth: 520 }}>
            <Typography.Link><InfoCircleOutlined /> {t('indicators.basis')}</Typography.Link>
          </Tooltip>
        </Space>
      </Card>

      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        {headline.map((item) => (
          <Col key={item.code} xs={24} sm={12} md={8} xl={6} xxl={6}><KpiCard item={item} /></Col>
        ))}
      </Row>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={t('indicators.trend')} size="small"
            extra={<Select size="small" style={{ width: narrow ? 150 : 220 }} value={trendCode} onChange={setTrendCode} aria-label={t('indicators.trendIndicator')}
              options={d.trend.items.map((i) => ({ value: i.code, label: i.name }))} />}>
            {trendOption ? <EChart option={trendOption} height={300} label={t('indicators.trend')} /> : <Empty />}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('indicators.byIndicator')} size="small">
            {byIndicatorOption ? <EChart option={byIndicatorOption} height={300} label={t('indicators.byIndicator')} /> : <Empty />}
          </Card>
        </Col>
        {hasChildren && <Col xs={24} xl={12}>
          <Card title={t('indicators.ranking')} size="small"
            extra={<Select size="small" style={{ width: narrow ? 150 : 220 }} value={rankCode} onChange={setRankCode} aria-label={t('indicators.rankingBy')}
              options={[{ value: 'overall', label: t('indicators.overall') }, ...d.values.items.map((i) => ({ value: i.code, label: i.name }))]} />}>
            {rank && rank.items.length ? (
              <>
                <EChart option={rankOption!} height={Math.max(200, rank.items.length * 26)} label={t('indicators.ranking')} />
                <Table<RankingRow> size="small" rowKey="regionCode" pagination={false} dataSource={rank.items} columns={rankColumns} style={{ marginTop: 8 }} scroll={{ x: 'max-content' }} />
              </>
            ) : <Empty />}
          </Card>
        </Col>}
        <Col xs={24} xl={hasChildren ? 12 : 24}>
          <Card title={t('indicators.taskPanel')} size="small" extra={<Link to="/indicators/tasks">{t('indicators.tasks')}</Link>}>
            <Row gutter={12} style={{ marginBottom: 12 }}>
              <Col xs={12} sm={6}><Statistic title={t('indicators.taskCount', { count: d.tasks.tasks })} value={d.tasks.done} suffix={`/ ${d.tasks.tasks}`} /></Col>
              <Col xs={12} sm={6}><Statistic title={t('indicators.taskAvg')} value={d.tasks.averageProgress} suffix="%" /></Col>
              <Col xs={24} sm={12} style={{ marginTop: narrow ? 12 : 0 }}>
                <Space direction="vertical" size={2}>
                  {(['risk', 'problem', 'responsibility'] as const).map((k) => (
                    <span key={k}><b>{t(`indicators.list.${k}`)}</b>{' '}
                      <Tag>{t('indicators.listOpen', { count: d.lists[k].open })}</Tag>
                      <Tag>{t('indicators.listClosed', { count: d.lists[k].closed })}</Tag>
                      {d.lists[k].overdue > 0 && <Tag color="error">{t('indicators.listOverdue', { count: d.lists[k].overdue })}</Tag>}
                    </span>
                  ))}
                </Space>
              </Col>
            </Row>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {t('indicators.overdue')} {overdueTotal > 0 && <Tag color="error">{t('indicators.overdueCount', { count: overdueTotal })}</Tag>}
            </Typography.Title>
            {listsOverdue > 0 && (
              <Alert type="warning" showIcon style={{ marginBottom: 8 }}
                message={<Link to="/indicators/tasks">{t('indicators.listsOverdue', { count: listsOverdue })}</Link>} />
            )}
            {d.overdue.length ? (
              <List size="small" dataSource={d.overdue.slice(0, 6)} renderItem={(o) => (
                <List.Item extra={<Tag color="error">{t('indicators.daysOverdue', { days: o.daysOverdue })}</Tag>}>
                  <List.Item.Meta title={o.kind === 'task' ? o.taskTitle : `${o.taskTitle} · ${o.title}`}
                    description={`${o.regionName} · ${o.leadDepartment} · ${o.owner} · ${t('indicators.dueOn')} ${o.dueOn}`} />
                </List.Item>
              )} />
            ) : overdueTotal === 0 ? <Alert type="success" showIcon message={t('indicators.noOverdue')} /> : null}
          </Card>
        </Col>
      </Row>
    </AppPage>
  );
}
