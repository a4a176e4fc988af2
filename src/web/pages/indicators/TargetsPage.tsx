// 目标与数据: a region's targets for a year (set by its staff or the region above) beside the
// current values, and the entered / imported statistics-bureau figures with the Excel import.
import { useState } from 'react';
import { App, Button, Card, InputNumber, Space, Table, Tag, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api';
import AppPage from '../../components/AppPage';
import { formatValue, indicatorApi, progressPct, STATE_COLORS, type EntryRow, type TargetRow } from './api';
import { FilterBar, periodLabel, useIndicatorRegions } from './shared';

export default function TargetsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const { defaultCode } = useIndicatorRegions();
  const [filter, setFilter] = useState<{ region?: string; year: number }>({ year: new Date().getFullYear() });
  const region = filter.region ?? defaultCode;
  const q = { region, year: filter.year };
  const targets = useQuery({ queryKey: ['indicators', 'targets', q], queryFn: () => indicatorApi.targets(q), enabled: !!region });
  const values = useQuery({ queryKey: ['indicators', 'values', q], queryFn: () => indicatorApi.values(q), enabled: !!region });
  const entries = useQuery({ queryKey: ['indicators', 'entries', q], queryFn: () => indicatorApi.entries(q), enabled: !!region });
  const [draft, setDraft] = useState<Record<string, number | null>>({});
  const byCode = new Map((values.data?.items ?? []).map((i) => [i.code, i]));
  const names = new Map((targets.data?.items ?? []).map((i) => [i.indicatorCode, i.name]));
  const reload = () => client.invalidateQueries({ queryKey: ['indicators'] });

  const save = async (row: TargetRow) => {
    try {
      await indicatorApi.setTarget({ region: region!, year: filter.year, indicator: row.indicatorCode, target: draft[row.indicatorCode] ?? null, version: row.version });
      message.success(t('indicators.saved'));
      setDraft(({ [row.indicatorCode]: _, ...rest }) => rest);
      await reload();
    } catch (error) {
      if (isApiError(error)) message.error(error.message);
      else throw error;
    }
  };

  return (
    <AppPage extra={<FilterBar region={region} year={filter.year} withPeriod={false} onChange={(n) => setFilter((f) => ({ ...f, ...n }))} />}>
      <Card title={t('menu.indicatorTargets')} size="small" style={{ marginBottom: 16 }}>
        <Table<TargetRow> rowKey="indicatorCode" size="small" pagination={false} loading={targets.isPending} dataSource={targets.data?.items ?? []}
          columns={[
            { title: t('indicators.indicator'), dataIndex: 'name' },
            { title: t('indicators.unit'), dataIndex: 'unit', width: 80 },
            { title: t('indicators.value'), width: 140, render: (_, r) => { const i = byCode.get(r.indicatorCode); return i ? formatValue(i.value, i.decimals) : '—'; } },
            { title: t('indicators.target'), width: 200, render: (_, r) => (
              <InputNumber style={{ width: 170 }} value={r.indicatorCode in draft ? draft[r.indicatorCode] : r.target} aria-label={`${r.name} ${t('indicators.target')}`}
                onChange={(v) => setDraft((d) => ({ ...d, [r.indicatorCode]: v === null ? null : Number(v) }))} />) },
            { title: t('indicators.progress'), width: 150, render: (_, r) => {
              const i = byCode.get(r.indicatorCode);
              const p = progressPct(i?.progress ?? null);
              return i && p !== null ? <Tag color={STATE_COLORS[i.state]}>{p}%</Tag> : '—';
            } },
            { title: '', width: 90, render: (_, r) => <Button size="small" type="primary" disabled={!(r.indicatorCode in draft)} onClick={() => save(r)}>{t('indicators.save')}</Button> },
          ]} />
      </Card>
      <Card title={t('indicators.entries')} size="small" extra={
        <Space>
          <Button icon={<DownloadOutlined />} onClick={() => indicatorApi.template()}>{t('indicators.template')}</Button>
          <Upload accept=".xlsx" showUploadList={false} customRequest={async ({ file }) => {
            try {
              const r = await indicatorApi.importEntries(file as File);
              message.success(t('indicators.imported', { rows: r.rows }));
              await reload();
            } catch (error) {
              if (!isApiError(error)) throw error;
              message.error(`${error.message}${error.rows?.length ? `：${error.rows.slice(0, 3).map((x: any) => `#${x.row} ${x.column} ${x.message}`).join('；')}` : ''}`);
            }
          }}>
            <Button type="primary" icon={<UploadOutlined />}>{t('indicators.import')}</Button>
          </Upload>
        </Space>
      }>
        <Table<EntryRow> rowKey={(r) => `${r.indicatorCode}|${r.period}`} size="small" loading={entries.isPending} dataSource={entries.data?.items ?? []}
          pagination={{ pageSize: 20 }}
          columns={[
            { title: t('indicators.indicator'), dataIndex: 'indicatorCode', render: (c: string) => names.get(c) ?? c },
            { title: t('indicators.period'), dataIndex: 'period', width: 120, render: (p: string) => periodLabel(t, p) },
            { title: t('indicators.value'), dataIndex: 'value', width: 140, render: (v: number) => v.toLocaleString('zh-CN') },
            { title: t('indicators.source.imported'), dataIndex: 'source', width: 120, render: (s: string) => t(`indicators.source.${s}`) },
            { title: '', dataIndex: 'note', ellipsis: true },
          ]} />
      </Card>
    </AppPage>
  );
}
