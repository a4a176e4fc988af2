import { useMemo, useState } from 'react';
import { Alert, Card, Col, Empty, Grid, Row, Select, Space, Statistic, Table, Tag, Tooltip, TreeSelect, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ArrowDownOutlined, ArrowUpOutlined, InfoCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Cultivation } from '../../api/types';
import AppPage from '../../components/AppPage';
import EChart, { type ChartOption } from '../../components/charts/EChart';
import PageLoading from '../../components/PageLoading';
import { enterpriseApi } from './api';
import { TIER_COLORS, useScopedRegions } from './shared';

type Expiring = Cultivation['expiring'][number];
type Candidate = Cultivation['candidates'][number];

const DAY = 86_400_000;
const TIER_SERIES = [
  { key: 'techSme', tier: 'tech_sme', color: '#1677ff' },
  { key: 'provincialInnovative', tier: 'provincial_innovative', color: '#13c2c2' },
  { key: 'highTech', tier: 'high_tech', color: '#fa541c' },
  { key: 'candidate', tier: 'candidate', color: '#8c8c8c' },
] as const;
const FOUR_HAS = ['institution', 'staff', 'funds', 'projects', 'allFour'] as const;

function Growth({ pct, label }: { pct: number | null; label: string }) {
  const { t } = useTranslation();
  if (pct === null) return <Typography.Text type="secondary">{t('enterprises.cultivation.noGrowth')}</Typography.Text>;
  const up = pct >= 0;
  return (
    <Typography.Text style={{ color: up ? '#389e0d' : '#cf1322' }}>
      {label} {up ? <ArrowUpOutlined /> : <ArrowDownOutlined />} {Math.abs(pct).toFixed(1)}%
    </Typography.Text>
  );
}

/** "截至 2026-11-24" while the year runs, "2025 年末" once it is over: the indicator dashboard's as-of. */
function useAsOfLabel() {
  const { t } = useTranslation();
  return (date: string, short = false) => (date.endsWith('-12-31')
    ? t('enterprises.cultivation.yearEnd', { year: date.slice(0, 4) })
    : t('enterprises.cultivation.asOfDate', { date: short ? date.slice(5) : date }));
}

/** 培育看板: 双倍增 of 科小 and 高企, tier counts over three years, "四有" coverage, expiring certificates, the candidate pool. */
export default function CultivationPage() {
  const { t } = useTranslation();
  const regions = useScopedRegions();
  const thisYear = new Date().getFullYear();
  const [regionCode, setRegionCode] = useState<string | undefined>();
  const [year, setYear] = useState<number>(thisYear);
  const data = useQuery({
    queryKey: ['enterprises', 'cultivation', regionCode ?? '', year],
    queryFn: () => enterpriseApi.cultivation({ regionCode, year }),
    placeholderData: (previous) => previous,
  });
  const d = data.data;
  const unit = t('enterprises.cultivation.unit');
  const asOfLabel = useAsOfLabel();
  const narrow = !Grid.useBreakpoint().md;

  const countsOption = useMemo<ChartOption | null>(() => {
    if (!d) return null;
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: d.counts.map((c) => `${c.year}\n${c.asOf.endsWith('-12-31') ? t('enterprises.cultivation.yearEndShort') : asOfLabel(c.asOf, true)}`), axisLabel: { interval: 0 } },
      yAxis: { type: 'value', name: unit || undefined },
      series: TIER_SERIES.map((s) => ({
        name: t(`enterprises.tier.${s.tier}`),
        type: 'bar' as const,
        data: d.counts.map((c) => c[s.key]),
        itemStyle: { color: s.color },
        label: { show: true, position: 'top' as const, fontSize: 11 },
      })),
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [d, t, unit]);

  const pct = (n: number) => (d && d.fourHas.firms > 0 ? Math.round((n / d.fourHas.firms) * 1000) / 10 : 0);
  const fourHasOption = useMemo<ChartOption | null>(() => {
    if (!d) return null;
    return {
      tooltip: {
        trigger: 'axis',
        formatter: (params: unknown) => {
          const p = (params as { dataIndex: number; name: string; value: number }[])[0];
          const key = FOUR_HAS[p.dataIndex];
          return `${p.name}<br/>${p.value}%（${d.fourHas[key]} / ${d.fourHas.firms}）`;
        },
      },
      grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: FOUR_HAS.map((k) => t(`enterprises.cultivation.fourHas.${k}`)), axisLabel: { interval: 0, fontSize: 11, width: 56, overflow: 'break',
        // Chinese has no spaces to break at: two lines of half the name each, so five labels fit a phone
        formatter: (v: string) => (!narrow || /\s/.test(v) || v.length <= 3 ? v : `${v.slice(0, Math.ceil(v.length / 2))}\n${v.slice(Math.ceil(v.length / 2))}`) } },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          name: t('enterprises.cultivation.coverage'),
          type: 'bar',
          barMaxWidth: 48,
          data: FOUR_HAS.map((k) => ({ value: pct(d.fourHas[k]), itemStyle: { color: k === 'allFour' ? '#722ed1' : '#2f54eb' } })),
          label: { show: true, position: 'top', formatter: '{c}%' },
        },
      ],
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [d, t, narrow]);

  const today = Date.now();
  const expiringColumns: ColumnsType<Expiring> = [
    { title: t('enterprises.name'), dataIndex: 'name', onCell: () => ({ style: { whiteSpace: 'nowrap' } }), render: (_, r) => <Link to={`/enterprises/${r.id}`}>{r.name}</Link> },
    { title: t('enterprises.region'), dataIndex: 'regionName', width: 120 },
    { title: t('enterprises.tiers.certificateNo'), dataIndex: 'certificateNo', width: 180 },
    { title: t('enterprises.tiers.issuedOn'), dataIndex: 'issuedOn', width: 130 },
    { title: t('enterprises.tiers.validUntil'), dataIndex: 'validUntil', width: 130 },
    {
      title: t('enterprises.cultivation.daysLeft'),
      key: 'days',
      width: 110,
      align: 'right',
      render: (_, r) => {
        const days = Math.max(0, Math.ceil((new Date(`${r.validUntil}T23:59:59+08:00`).getTime() - today) / DAY));
        return <Tag color={days <= 30 ? 'red' : days <= 90 ? 'orange' : 'gold'}>{days}</Tag>;
      },
    },
  ];

  const candidateColumns: ColumnsType<Candidate> = [
    { title: t('enterprises.name'), dataIndex: 'name', onCell: () => ({ style: { whiteSpace: 'nowrap' } }), render: (_, r) => <Link to={`/enterprises/${r.id}?tab=assessment`}>{r.name}</Link> },
    { title: t('enterprises.region'), dataIndex: 'regionCode', width: 120, render: (_, r) => regions.nameOf(r.regionCode) },
    {
      // every condition not yet met, as the tags beside it list them: failed ones, and ones still to be checked
      title: t('enterprises.cultivation.failed'),
      dataIndex: 'blocking',
      key: 'unmet',
      width: 120,
      align: 'center',
      render: (_, r) => (
        <span>
          {r.blocking.length}
          {r.uncertain.length > 0 && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {t('enterprises.cultivation.toCheck', { count: r.uncertain.length })}
            </Typography.Text>
          )}
        </span>
      ),
    },
    {
      title: t('enterprises.cultivation.blocking'),
      dataIndex: 'blocking',
      width: '40%',
      render: (_, r) =>
        r.blocking.length ? (
          <Space size={4} wrap>
            {r.blocking.map((code) => (
              <Tag key={code} color={r.uncertain.includes(code) ? 'orange' : 'red'} bordered={false}>
                {t(`enterprises.assessment.cond.${code}`, { defaultValue: code })}
              </Tag>
            ))}
          </Space>
        ) : (
          <Tag color="success">{t('enterprises.cultivation.noBlocking')}</Tag>
        ),
    },
    {
      title: t('enterprises.cultivation.eligibleState'),
      dataIndex: 'eligible',
      width: 130,
      render: (_, r) => (
        <Tag color={r.eligible === 'yes' ? 'success' : r.eligible === 'no' ? 'error' : 'warning'}>
          {t(`enterprises.assessment.eligible.${r.eligible}`, { defaultValue: r.eligible })}
        </Tag>
      ),
    },
  ];

  const filters = (
    <Space wrap>
      <TreeSelect
        style={{ width: 200 }}
        allowClear
        showSearch
        treeNodeFilterProp="title"
        treeDefaultExpandAll
        placeholder={t('enterprises.cultivation.allRegions')}
        treeData={regions.scopedOptions}
        value={regionCode}
        onChange={(v) => setRegionCode(v || undefined)}
        aria-label={t('enterprises.cultivation.region')}
      />
      <Select
        style={{ width: 110 }}
        value={year}
        onChange={setYear}
        options={Array.from({ length: 5 }, (_, i) => thisYear - i).map((y) => ({ value: y, label: String(y) }))}
        aria-label={t('enterprises.cultivation.year')}
      />
    </Space>
  );

  if (data.isPending) return <PageLoading />;

  return (
    <AppPage extra={filters}>
      {data.isError && <Alert type="error" showIcon message={(data.error as Error).message} style={{ marginBottom: 16 }} />}
      {d && (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={24} md={12} xl={6}>
              <Card style={{ height: '100%' }}>
                <Statistic title={t('enterprises.cultivation.kpiTechSme', { year: d.year })} value={d.doubling.techSme.current} suffix={unit} />
                <Space direction="vertical" size={0}>
                  <Growth pct={d.doubling.techSme.growthPct} label={t('enterprises.cultivation.growth')} />
                  <Typography.Text type="secondary">{t('enterprises.cultivation.lastYear', { count: d.doubling.techSme.last })}</Typography.Text>
                </Space>
              </Card>
            </Col>
            <Col xs={24} md={12} xl={6}>
              <Card style={{ height: '100%' }}>
                <Statistic title={t('enterprises.cultivation.kpiHighTechAsOf', { when: asOfLabel(d.asOf) })} value={d.doubling.highTech.current} suffix={unit} data-testid="cultivation-hightech" />
                <Space direction="vertical" size={0}>
                  <Growth pct={d.doubling.highTech.growthPct} label={t('enterprises.cultivation.growthSameDate')} />
                  <Typography.Text type="secondary">{t('enterprises.cultivation.sameDateLastYear', { date: d.previousAsOf, count: d.doubling.highTech.last })}</Typography.Text>
                </Space>
              </Card>
            </Col>
            <Col xs={24} md={12} xl={6}>
              <Card style={{ height: '100%' }}>
                <Statistic title={t('enterprises.cultivation.kpiFourHas')} value={pct(d.fourHas.allFour)} precision={1} suffix="%" />
                <Typography.Text type="secondary">
                  {t('enterprises.cultivation.fourHasLine', { all: d.fourHas.allFour, firms: d.fourHas.firms, year: d.fourHas.year })}
                </Typography.Text>
                <Tooltip title={d.basis} overlayStyle={{ maxWidth: 480 }}>
                  <Typography.Link style={{ display: 'block', fontSize: 12 }}><InfoCircleOutlined /> {t('enterprises.cultivation.basis')}</Typography.Link>
                </Tooltip>
              </Card>
            </Col>
            <Col xs={24} md={12} xl={6}>
              <Card style={{ height: '100%' }}>
                <Statistic
                  title={t('enterprises.cultivation.kpiCandidates', { year: d.year })}
                  value={d.counts[d.counts.length - 1]?.candidate ?? 0}
                  suffix={unit}
                />
                <Typography.Text type="secondary">{t('enterprises.cultivation.doubling')}</Typography.Text>
              </Card>
            </Col>
          </Row>
          <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
            <Col xs={24} xl={14}>
              <Card title={t('enterprises.cultivation.countsChart')} size="small">
                {countsOption && <EChart option={countsOption} height={320} label={t('enterprises.cultivation.countsChart')} />}
              </Card>
            </Col>
            <Col xs={24} xl={10}>
              <Card title={t('enterprises.cultivation.fourHasChart', { year: d.fourHas.year, firms: d.fourHas.firms })} size="small" styles={{ title: { whiteSpace: 'normal' } }}>
                {fourHasOption && d.fourHas.firms > 0 ? (
                  <EChart option={fourHasOption} height={320} label={t('enterprises.cultivation.kpiFourHas')} />
                ) : (
                  <Empty style={{ height: 296, paddingTop: 100 }} />
                )}
              </Card>
            </Col>
          </Row>
          <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
            <Col span={24}>
              <Card title={t('enterprises.cultivation.expiringTitle')} size="small" extra={<Tag color={TIER_COLORS.high_tech}>{d.expiring.length}</Tag>}>
                <Table<Expiring> rowKey={(r) => `${r.id}-${r.certificateNo}`} size="small" columns={expiringColumns} dataSource={d.expiring} scroll={{ x: 'max-content' }} pagination={{ pageSize: 10, size: 'small', showSizeChanger: false }} />
              </Card>
            </Col>
            <Col span={24}>
              <Card title={t('enterprises.cultivation.candidatesTitle')} size="small" extra={<Tag>{d.candidates.length}</Tag>}>
                <Table<Candidate> rowKey="id" size="small" columns={candidateColumns} dataSource={d.candidates} scroll={{ x: 'max-content' }} pagination={{ pageSize: 10, size: 'small', showSizeChanger: false }} />
              </Card>
            </Col>
          </Row>
        </>
      )}
    </AppPage>
  );
}
