// 服务覆盖: which villages of a region have a commissioner on a day (a dispatch active then), the
// share as a big figure (全覆盖 at 100 %), a treemap (or bars) of covered and uncovered villages by
// county (a city) or by township (a county), and the list of villages without one.
import { useMemo, useState } from 'react';
import { Alert, Card, Col, Row, Segmented, Spin, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import AppPage from '../../components/AppPage';
import EChart, { type ChartOption } from '../../components/charts/EChart';
import { useAuth } from '../../auth/AuthContext';
import { commissionerApi, type Coverage } from './api';
import CoverageTreemap from './CoverageTreemap';
import RegionDateBar from './RegionDateBar';
import { todayInChina, useWide } from './shared';
import './commissioners.css';

function percentText(c: Coverage) {
  return `${(Math.round(c.share * 1000) / 10).toFixed(1)}%`;
}

export default function CoveragePage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const wide = useWide();
  const [region, setRegion] = useState(user?.regionCode ?? '');
  const [date, setDate] = useState(todayInChina());
  const [view, setView] = useState<'treemap' | 'bars'>('treemap');
  const coverage = useQuery({ queryKey: ['commissioners', 'coverage', region, date], queryFn: () => commissionerApi.coverage(region, date), enabled: !!region });
  const c = coverage.data;
  const full = !!c && c.villages > 0 && c.covered >= c.villages;
  // a city: its counties; a county: its townships
  const parts = c ? (c.byCounty.length > 1 ? c.byCounty : c.byTownship) : [];
  const partsTitle = c && c.byCounty.length > 1 ? t('commissioners.staff.byCounty') : t('commissioners.staff.byTownship');

  const option = useMemo((): ChartOption => {
    const rows = [...parts].reverse();
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { data: [t('commissioners.staff.covered'), t('commissioners.staff.uncovered')], top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: rows.map((p) => p.name), axisLabel: { width: wide ? 120 : 72, overflow: 'truncate' } },
      series: [
        { name: t('commissioners.staff.covered'), type: 'bar', stack: 'v', data: rows.map((p) => p.covered), itemStyle: { color: '#52c41a' } },
        { name: t('commissioners.staff.uncovered'), type: 'bar', stack: 'v', data: rows.map((p) => p.villages - p.covered), itemStyle: { color: '#d9d9d9' } },
      ],
    };
  }, [parts, t, wide]);

  return (
    <AppPage>
      <RegionDateBar region={region} onRegion={setRegion} date={date} onDate={setDate} />
      {coverage.isError && <Alert type="error" showIcon message={(coverage.error as Error).message} />}
      {coverage.isLoading && <Spin />}
      {c && (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={8}>
            <Card title={`${c.regionName} · ${t('commissioners.staff.coverageShare')}`} size="small">
              <div className={`kc-big-figure${full ? ' kc-full' : ''}`} data-testid="coverage-share">{percentText(c)}</div>
              {full && <Tag color="success" style={{ fontSize: 16, padding: '4px 10px', marginTop: 8 }} data-testid="full-coverage">{t('commissioners.staff.full')}</Tag>}
              <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
                {t('commissioners.staff.coveredOf', { covered: c.covered, villages: c.villages })} · {c.date}
              </Typography.Paragraph>
            </Card>
          </Col>
          <Col xs={24} lg={16}>
            <Card title={partsTitle} size="small" extra={(
              <Segmented size="small" value={view} onChange={(v) => setView(v as 'treemap' | 'bars')}
                options={[{ value: 'treemap', label: t('commissioners.staff.treemap') }, { value: 'bars', label: t('commissioners.staff.bars') }]} />
            )}>
              {!parts.length ? <Typography.Text type="secondary">—</Typography.Text>
                : view === 'treemap' ? <CoverageTreemap parts={parts} height={wide ? 360 : 300} label={partsTitle} />
                : <EChart option={option} height={Math.max(200, parts.length * 26 + 60)} label={partsTitle} />}
            </Card>
          </Col>
          <Col span={24}>
            <Card title={`${t('commissioners.staff.uncoveredList')}（${c.uncovered.length}）`} size="small">
              {c.uncovered.length === 0 ? <Typography.Text type="success">{t('commissioners.staff.allCovered')}</Typography.Text> : (
                <Table size="small" rowKey="code" dataSource={c.uncovered} pagination={{ pageSize: 20, showSizeChanger: false, size: 'small' }} data-testid="uncovered-list"
                  columns={[
                    { title: t('commissioners.staff.township'), dataIndex: 'townshipName' },
                    { title: t('commissioners.staff.village'), dataIndex: 'name' },
                    { title: t('commissioners.staff.code'), dataIndex: 'code', responsive: ['sm'] },
                  ]} />
              )}
            </Card>
          </Col>
        </Row>
      )}
    </AppPage>
  );
}
