// 平台看板: the innovation platforms of a region's subtree at a year's end — headline counts,
// bars by type (stacked by level), by level and by sub-region, growth year on year (new
// certifications as bars, the total at each year end as a line) and the evaluation ratings by year
// as stacked bars. Staff pick a region of their scope and a year.
import { useMemo, useState } from 'react';
import { Alert, Card, Col, Empty, Row, Select, Space, Statistic, Table, TreeSelect, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext';
import AppPage from '../../components/AppPage';
import EChart, { type ChartOption } from '../../components/charts/EChart';
import { useScopedRegions } from '../../components/useRegions';
import { useLang, useWide } from '../market/shared';
import { LEVELS, platformEvaluationApi, RATING_COLORS, RATINGS, type PlatformDashboard } from './EvaluationApi';

const LEVEL_COLORS = { national: '#cf1322', provincial: '#1677ff', city: '#13c2c2' };

function useCharts(d: PlatformDashboard | undefined, narrow: boolean) {
  const { t } = useTranslation();
  const lang = useLang();
  return useMemo(() => {
    if (!d) return null;
    const grid = { left: 8, right: 16, top: 40, bottom: 8, containLabel: true };
    const tooltip = { trigger: 'axis' as const };
    const level = (l: string) => t(`platformEvaluation.level.${l}`);
    const count = { type: 'value' as const, minInterval: 1 };
    const types = [...d.byType].sort((a, b) => a.count - b.count);
    const byType: ChartOption = {
      tooltip, grid, legend: { top: 0, data: LEVELS.map(level) },
      yAxis: { type: 'category', data: types.map((x) => (lang === 'en' ? x.nameEn : x.nameZh)), axisLabel: { width: narrow ? 96 : 260, overflow: 'truncate' } },
      xAxis: { ...count, splitNumber: narrow ? 3 : 5 },
      series: LEVELS.map((l) => ({ name: level(l), type: 'bar' as const, stack: 'level', itemStyle: { color: LEVEL_COLORS[l] }, data: types.map((x) => x.levels[l]) })),
    };
    const byLevel: ChartOption = {
      tooltip, grid, xAxis: { type: 'category', data: d.byLevel.map((x) => level(x.level)) }, yAxis: count,
      series: [{ name: t('platformEvaluation.dashboard.count'), type: 'bar', barMaxWidth: 48, label: { show: true, position: 'top' },
        data: d.byLevel.map((x) => ({ value: x.count, itemStyle: { color: LEVEL_COLORS[x.level] } })) }],
    };
    const regions = d.byRegion.map((r) => (r.own ? `${r.name}（${t('platformEvaluation.dashboard.own')}）` : r.name));
    const byRegion: ChartOption = {
      tooltip, grid, legend: { top: 0, data: [t('platformEvaluation.dashboard.total'), t('platformEvaluation.dashboard.provincialOrAbove')] },
      xAxis: { type: 'category', data: regions, axisLabel: { interval: 0, rotate: regions.length > 4 || narrow ? 30 : 0 } }, yAxis: count,
      series: [
        { name: t('platformEvaluation.dashboard.total'), type: 'bar', data: d.byRegion.map((r) => r.count), itemStyle: { color: '#1677ff' } },
        { name: t('platformEvaluation.dashboard.provincialOrAbove'), type: 'bar', data: d.byRegion.map((r) => r.provincialOrAbove), itemStyle: { color: '#fa8c16' } },
      ],
    };
    const years = d.growth.map((g) => String(g.year));
    const names = [t('platformEvaluation.dashboard.certified'), t('platformEvaluation.dashboard.revoked'), t('platformEvaluation.dashboard.totalAtYearEnd')];
    const growth: ChartOption = {
      tooltip, grid, legend: { top: 0, data: names }, xAxis: { type: 'category', data: years }, yAxis: count,
      series: [
        { name: names[0], type: 'bar', data: d.growth.map((g) => g.certified), itemStyle: { color: '#52c41a' } },
        { name: names[1], type: 'bar', data: d.growth.map((g) => g.revoked), itemStyle: { color: '#bfbfbf' } },
        { name: names[2], type: 'line', data: d.growth.map((g) => g.total), itemStyle: { color: '#1677ff' }, label: { show: true, position: 'top' } },
      ],
    };
    const rating = (r: string) => t(`platformEvaluation.rating.${r}`);
    const ratings: ChartOption = {
      tooltip, grid, legend: { top: 0, data: RATINGS.map(rating) }, xAxis: { type: 'category', data: d.ratings.map((r) => String(r.year)) }, yAxis: count,
      series: RATINGS.map((r) => ({ name: rating(r), type: 'bar' as const, stack: 'rating', barMaxWidth: 56, itemStyle: { color: RATING_COLORS[r] }, data: d.ratings.map((y) => y[r]) })),
    };
    return { byType, byLevel, byRegion, growth, ratings };
  }, [d, t, lang, narrow]);
}

export default function PlatformDashboardPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const wide = useWide();
  const regions = useScopedRegions();
  const thisYear = new Date().getFullYear();
  const [region, setRegion] = useState<string | undefined>(user?.regionCode ?? undefined);
  const [year, setYear] = useState(thisYear);
  const query = useQuery({ queryKey: ['platforms', 'dashboard', region, year], queryFn: () => platformEvaluationApi.dashboard({ region, year }) });
  const d = query.data;
  const charts = useCharts(d, !wide);
  const empty = d && d.total === 0 && d.growth.every((g) => g.total === 0);
  const growthThisYear = d?.growth.find((g) => g.year === d.year);
  // the latest year evaluated (the current year's reports come in the next year)
  const latestRated = d && [...d.ratings].reverse().find((r) => RATINGS.some((x) => r[x] > 0));

  const card = (key: string, title: string, option: ChartOption | undefined, height = 300, span = 12) => (
    <Col xs={24} xl={span} key={key}>
      <Card size="small" title={title} data-testid={`chart-${key}`}>
        {empty || !option ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('platformEvaluation.dashboard.none')} /> : <EChart option={option} height={height} label={title} />}
      </Card>
    </Col>
  );

  return (
    <AppPage>
      <Space wrap style={{ marginBottom: 16 }}>
        <TreeSelect aria-label={t('platformEvaluation.dashboard.region')} style={{ width: 200 }} value={region} onChange={setRegion} treeData={regions.scopedOptions}
          treeDefaultExpandAll showSearch treeNodeFilterProp="title" placeholder={t('platformEvaluation.dashboard.region')} />
        <Select aria-label={t('platformEvaluation.dashboard.year')} style={{ width: 110 }} value={year} onChange={setYear}
          options={[0, 1, 2, 3, 4].map((i) => ({ value: thisYear - i, label: t('platformEvaluation.dashboard.yearLabel', { year: thisYear - i }) }))} />
        {d && <Typography.Text type="secondary">{t('platformEvaluation.dashboard.basis', { region: d.region.name, date: d.asOf })}</Typography.Text>}
      </Space>
      {query.isError && <Alert type="error" showIcon message={(query.error as Error).message} />}
      {d && (
        <Row gutter={[16, 16]}>
          <Col xs={12} md={6}><Card size="small" data-testid="headline-total"><Statistic title={t('platformEvaluation.dashboard.total')} value={d.total} /></Card></Col>
          <Col xs={12} md={6}><Card size="small" data-testid="headline-provincial"><Statistic title={t('platformEvaluation.dashboard.provincialOrAbove')} value={d.provincialOrAbove} /></Card></Col>
          <Col xs={12} md={6}><Card size="small"><Statistic title={t('platformEvaluation.dashboard.certifiedThisYear')} value={growthThisYear?.certified ?? 0} /></Card></Col>
          <Col xs={12} md={6}><Card size="small"><Statistic title={t('platformEvaluation.dashboard.latestRatings', { year: latestRated?.year ?? d.year })}
            value={`${latestRated?.excellent ?? 0} / ${latestRated?.fail ?? 0}`} /></Card></Col>
          {card('type', t('platformEvaluation.dashboard.byType'), charts?.byType, Math.max(240, 70 + 30 * d.byType.length), 24)}
          {card('level', t('platformEvaluation.dashboard.byLevel'), charts?.byLevel)}
          {card('region', t('platformEvaluation.dashboard.byRegion'), charts?.byRegion)}
          {card('growth', t('platformEvaluation.dashboard.growth'), charts?.growth)}
          {card('ratings', t('platformEvaluation.dashboard.ratings'), charts?.ratings)}
          <Col span={24}>
            <Card size="small" title={t('platformEvaluation.dashboard.regionTable')}>
              <Table size="small" rowKey="code" pagination={false} dataSource={d.byRegion} scroll={wide ? undefined : { x: 'max-content' }}
                columns={[
                  { title: t('platformEvaluation.dashboard.region'), dataIndex: 'name', render: (v: string, r) => (r.own ? `${v}（${t('platformEvaluation.dashboard.own')}）` : v) },
                  { title: t('platformEvaluation.dashboard.total'), dataIndex: 'count', align: 'right', width: wide ? 120 : undefined },
                  { title: t('platformEvaluation.dashboard.provincialOrAbove'), dataIndex: 'provincialOrAbove', align: 'right', width: wide ? 140 : undefined },
                ]} />
            </Card>
          </Col>
        </Row>
      )}
    </AppPage>
  );
}
