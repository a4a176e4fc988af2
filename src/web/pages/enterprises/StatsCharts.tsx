import { useMemo } from 'react';
import { Card, Col, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import type { StatYear } from '../../api/types';
import EChart, { type ChartOption } from '../../components/charts/EChart';
import { ratioPct, toWan } from './shared';

/** Two charts by year: revenue with the R&D ratio, and staff with S&T staff. Loaded lazily with ECharts. */
export default function StatsCharts({ rows }: { rows: StatYear[] }) {
  const { t } = useTranslation();
  const sorted = useMemo(() => [...rows].sort((a, b) => a.year - b.year), [rows]);
  const years = sorted.map((r) => String(r.year));
  const wan = t('enterprises.stats.tenThousandYuan');
  const field = (key: string) => t(`enterprises.stats.field.${key}`);

  const revenue = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: years },
      yAxis: [
        { type: 'value', name: wan, axisLabel: { formatter: (v: number) => v.toLocaleString('en-US') } },
        { type: 'value', name: '%', splitLine: { show: false } },
      ],
      series: [
        { name: field('salesRevenue'), type: 'bar', data: sorted.map((r) => toWan(r.values.salesRevenue)), itemStyle: { color: '#1677ff' } },
        { name: field('rdExpense'), type: 'bar', data: sorted.map((r) => toWan(r.values.rdExpense)), itemStyle: { color: '#13c2c2' } },
        {
          name: t('enterprises.stats.rdRatio'),
          type: 'line',
          yAxisIndex: 1,
          data: sorted.map((r) => ratioPct(r.values.rdExpense, r.values.salesRevenue)),
          itemStyle: { color: '#fa541c' },
          label: { show: true, formatter: '{c}%' },
        },
      ],
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [sorted, t],
  );

  const staff = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: years },
      yAxis: { type: 'value', name: t('enterprises.stats.persons') },
      series: [
        { name: field('staff'), type: 'bar', data: sorted.map((r) => r.values.staff), itemStyle: { color: '#2f54eb' } },
        { name: field('scienceStaff'), type: 'bar', data: sorted.map((r) => r.values.scienceStaff), itemStyle: { color: '#52c41a' } },
        { name: field('rdStaff'), type: 'bar', data: sorted.map((r) => r.values.rdStaff), itemStyle: { color: '#faad14' } },
      ],
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [sorted, t],
  );

  return (
    <Row gutter={16} style={{ marginTop: 16 }}>
      <Col xs={24} xl={12}>
        <Card size="small" title={t('enterprises.stats.chartRevenue')}>
          <EChart option={revenue} height={300} label={t('enterprises.stats.chartRevenue')} />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card size="small" title={t('enterprises.stats.chartStaff')}>
          <EChart option={staff} height={300} label={t('enterprises.stats.chartStaff')} />
        </Card>
      </Col>
    </Row>
  );
}
