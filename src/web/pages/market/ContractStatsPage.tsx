// 技术合同统计: the registry's accepted contracts of a region's subtree in a year — headline count,
// 成交额 and 技术交易额 with growth on last year; monthly turnover this year against last; by type,
// by field, by sub-region; where the buyers are (same city / the province / outside) and the flows
// from each sub-region to them. Amounts in 万元.
import { useMemo, useState } from 'react';
import { Alert, Card, Col, Empty, Row, Select, Space, Statistic, Table, TreeSelect, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import * as echarts from 'echarts/core';
import { PieChart } from 'echarts/charts';
import { useAuth } from '../../auth/AuthContext';
import AppPage from '../../components/AppPage';
import EChart, { type ChartOption } from '../../components/charts/EChart';
import { useScopedRegions } from '../../components/useRegions';
import { contractApi, type ContractStats } from './api';
import { useContractTypes, useFieldName, useLang, useMoney, useWide, wanText } from './shared';

echarts.use([PieChart]);

const wan = (yuan: number) => Math.round(yuan / 100) / 100;
const PLACES = ['local', 'province', 'outside'] as const;
const PLACE_COLORS = { local: '#1677ff', province: '#52c41a', outside: '#fa8c16' };

function Growth({ value }: { value: number | null }) {
  const { t } = useTranslation();
  if (value == null) return <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('market.stats.noGrowth')}</Typography.Text>;
  const up = value >= 0;
  return (
    <Typography.Text style={{ fontSize: 12, color: up ? '#3f8600' : '#cf1322' }} data-testid="growth">
      {up ? <ArrowUpOutlined /> : <ArrowDownOutlined />} {t('market.stats.growth', { value: `${up ? '+' : ''}${value.toFixed(2)}` })}
    </Typography.Text>
  );
}

function Headline({ title, value, previous, growth, testId }: { title: string; value: string; previous: string; growth: number | null; testId: string }) {
  const { t } = useTranslation();
  return (
    <Card size="small" style={{ height: '100%' }} data-testid={testId}>
      <Statistic title={title} value={value} valueStyle={{ fontSize: 22 }} />
      <Space size={8} wrap><Growth value={growth} /><Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('market.stats.lastYear', { value: previous })}</Typography.Text></Space>
    </Card>
  );
}

function useCharts(s: ContractStats | undefined, narrow: boolean) {
  const { t } = useTranslation();
  const fieldName = useFieldName();
  const { typeName } = useContractTypes();
  const lang = useLang();
  return useMemo(() => {
    if (!s) return null;
    const axisWan = { type: 'value' as const, name: t('market.stats.wan'), nameTextStyle: { align: 'left' as const } };
    const grid = { left: 8, right: 16, top: 40, bottom: 8, containLabel: true };
    const tooltip = { trigger: 'axis' as const };
    const months = s.byMonth.map((m) => new Date(2000, m.month - 1, 1).toLocaleString(lang, { month: 'short' }));
    const monthly: ChartOption = {
      tooltip, grid, legend: { top: 0, data: [String(s.year), String(s.year - 1)] },
      xAxis: { type: 'category', data: months, axisLabel: { interval: narrow ? 1 : 0 } }, yAxis: axisWan,
      series: [
        { name: String(s.year), type: 'bar', data: s.byMonth.map((m) => wan(m.amount)), itemStyle: { color: '#1677ff' } },
        { name: String(s.year - 1), type: 'line', data: s.byMonth.map((m) => wan(m.previousAmount)), itemStyle: { color: '#bfbfbf' }, smooth: true },
      ],
    };
    const amountSeries = (rows: { amount: number; technicalAmount: number }[]) => [
      { name: t('market.stats.amount'), type: 'bar' as const, data: rows.map((r) => wan(r.amount)), itemStyle: { color: '#1677ff' } },
      { name: t('market.stats.technicalAmount'), type: 'bar' as const, data: rows.map((r) => wan(r.technicalAmount)), itemStyle: { color: '#13c2c2' } },
    ];
    const legend = { top: 0, data: [t('market.stats.amount'), t('market.stats.technicalAmount')] };
    const byType: ChartOption = {
      tooltip, grid, legend, xAxis: { type: 'category', data: s.byType.map((r) => typeName(r.key)), axisLabel: { interval: 0, width: narrow ? 56 : 90, overflow: 'break' } }, yAxis: axisWan, series: amountSeries(s.byType),
    };
    const fields = [...s.byField].sort((a, b) => a.amount - b.amount);
    const byField: ChartOption = {
      tooltip, grid, legend, yAxis: { type: 'category', data: fields.map((r) => fieldName(r.key)), axisLabel: { width: narrow ? 90 : 190, overflow: 'truncate' } },
      xAxis: { ...axisWan, name: '', splitNumber: narrow ? 2 : 5 }, series: amountSeries(fields),
    };
    const byRegion: ChartOption = {
      tooltip, grid, legend, xAxis: { type: 'category', data: s.byRegion.map((r) => r.name), axisLabel: { interval: 0, rotate: s.byRegion.length > 5 ? 30 : 0 } },
      yAxis: axisWan, series: amountSeries(s.byRegion),
    };
    const place = (p: (typeof PLACES)[number]) => t(`market.stats.place.${p}`);
    const buyers = {
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      legend: { bottom: 0, data: PLACES.map(place) },
      series: [{ name: t('market.stats.buyerPlace'), type: 'pie', radius: ['35%', '65%'], center: ['50%', '45%'],
        label: narrow ? { position: 'inside', formatter: '{d}%', color: '#fff' } : { formatter: '{b}\n{d}%' },
        data: s.byBuyerPlace.map((r) => ({ name: place(r.key), value: wan(r.amount), itemStyle: { color: PLACE_COLORS[r.key] } })) }],
    } as unknown as ChartOption;
    const froms = [...new Set(s.flows.map((f) => f.fromName))];
    const flows: ChartOption = {
      tooltip, grid, legend: { top: 0, data: PLACES.map(place) },
      yAxis: { type: 'category', data: froms }, xAxis: { ...axisWan, name: '', splitNumber: narrow ? 2 : 5 },
      series: PLACES.map((p) => ({ name: place(p), type: 'bar' as const, stack: 'flow', itemStyle: { color: PLACE_COLORS[p] },
        data: froms.map((from) => wan(s.flows.filter((f) => f.fromName === from && f.to === p).reduce((sum, f) => sum + f.amount, 0))) })),
    };
    return { monthly, byType, byField, byRegion, buyers, flows };
  }, [s, t, fieldName, typeName, narrow, lang]);
}

export default function ContractStatsPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const money = useMoney();
  const wide = useWide();
  const regions = useScopedRegions();
  const thisYear = new Date().getFullYear();
  const [region, setRegion] = useState<string | undefined>(user?.regionCode ?? undefined);
  const [year, setYear] = useState(thisYear);
  const stats = useQuery({ queryKey: ['market', 'contract-stats', region, year], queryFn: () => contractApi.stats({ region, year }) });
  const s = stats.data;
  const charts = useCharts(s, !wide);
  const empty = s && s.count === 0;

  const card = (key: string, title: string, option: ChartOption | undefined, height = 300) => (
    <Col xs={24} xl={12} key={key}>
      <Card size="small" title={title} data-testid={`chart-${key}`}>
        {empty || !option ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('market.stats.none')} /> : <EChart option={option} height={height} label={title} />}
      </Card>
    </Col>
  );

  return (
    <AppPage>
      <Space wrap style={{ marginBottom: 16 }}>
        <TreeSelect aria-label={t('market.common.region')} style={{ width: 200 }} value={region} onChange={setRegion} treeData={regions.scopedOptions}
          treeDefaultExpandAll showSearch treeNodeFilterProp="title" placeholder={t('market.common.region')} />
        <Select aria-label={t('market.stats.year')} style={{ width: 110 }} value={year} onChange={setYear}
          options={[thisYear, thisYear - 1, thisYear - 2, thisYear - 3].map((y) => ({ value: y, label: t('market.stats.yearLabel', { year: y }) }))} />
        {s && <Typography.Text type="secondary">{t('market.stats.basis', { region: s.region.name, year: s.year })}</Typography.Text>}
      </Space>
      {stats.isError && <Alert type="error" showIcon message={(stats.error as Error).message} />}
      {s && (
        <Row gutter={[16, 16]}>
          <Col xs={24} md={8}><Headline testId="headline-count" title={t('market.stats.count')} value={String(s.count)} previous={String(s.previous.count)} growth={s.growth.count} /></Col>
          <Col xs={24} md={8}><Headline testId="headline-amount" title={t('market.stats.amount')} value={money(s.amount)} previous={money(s.previous.amount)} growth={s.growth.amount} /></Col>
          <Col xs={24} md={8}><Headline testId="headline-technical" title={t('market.stats.technicalAmount')} value={money(s.technicalAmount)} previous={money(s.previous.technicalAmount)} growth={s.growth.technicalAmount} /></Col>
          <Col span={24}>
            <Card size="small" title={t('market.stats.monthly', { year: s.year, previous: s.year - 1 })} data-testid="chart-monthly">
              {charts && <EChart option={charts.monthly} height={wide ? 320 : 260} label={t('market.stats.monthly', { year: s.year, previous: s.year - 1 })} />}
            </Card>
          </Col>
          {card('type', t('market.stats.byType'), charts?.byType)}
          {card('field', t('market.stats.byField'), charts?.byField)}
          {card('region', t('market.stats.byRegion'), charts?.byRegion)}
          {card('buyers', t('market.stats.buyerPlace'), charts?.buyers)}
          {card('flows', t('market.stats.flows'), charts?.flows, Math.max(220, 60 + 36 * new Set(s.flows.map((f) => f.from)).size))}
          <Col xs={24} xl={12}>
            <Card size="small" title={t('market.stats.regionTable')}>
              <Table size="small" rowKey="code" pagination={false} dataSource={s.byRegion} scroll={wide ? undefined : { x: 'max-content' }}
                columns={[
                  { title: t('market.common.region'), dataIndex: 'name' },
                  { title: t('market.stats.count'), dataIndex: 'count', align: 'right', width: 70 },
                  { title: t('market.stats.amountWan'), dataIndex: 'amount', align: 'right', render: (v: number) => wanText(v) },
                  { title: t('market.stats.technicalWan'), dataIndex: 'technicalAmount', align: 'right', render: (v: number) => wanText(v) },
                ]} />
            </Card>
          </Col>
        </Row>
      )}
    </AppPage>
  );
}
