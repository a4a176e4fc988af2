// 目标与数据: a region's targets for a year (set by its staff or the region above) beside the
// current values, and the entered / imported statistics-bureau figures: entered or corrected one by
// one by hand (录入数据), or imported from the statistics bureau's Excel.
import { useRef, useState, type ReactElement } from 'react';
import { ModalForm, ProFormDigit, ProFormSelect, ProFormText, ProFormTreeSelect, type ProFormInstance } from '@ant-design/pro-components';
import { App, Button, Card, InputNumber, Popconfirm, Space, Table, Tag, Upload } from 'antd';
import { DownloadOutlined, EditOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api';
import AppPage from '../../components/AppPage';
import { ImportPreviewModal } from '../../components/ImportPreview';
import { formatValue, indicatorApi, progressPct, STATE_COLORS, type EntryInput, type EntryRow, type TargetRow } from './api';
import { FilterBar, PERIOD_VALUES, periodLabel, useFormError, useIndicatorRegions } from './shared';

type EntryValues = Omit<EntryInput, 'version'>;
const ENTRY_FIELDS = ['region', 'indicator', 'year', 'period', 'value', 'note'];

/**
 * 录入数据: one year-to-date figure of a region (PUT /indicators/entries). The version sent is the
 * one the row was read with when its key is unchanged (a concurrent change → 409), else the stored
 * figure's current one (0 creates it).
 */
function EntryForm({ region, year, row, trigger, onSaved }: { region?: string; year: number; row?: EntryRow; trigger: ReactElement; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { options } = useIndicatorRegions();
  const formRef = useRef<ProFormInstance<EntryValues>>(undefined);
  const onError = useFormError();
  const catalogue = useQuery({ queryKey: ['indicators', 'catalogue'], queryFn: () => indicatorApi.catalogue(), staleTime: 600_000 });
  const enterable = (catalogue.data?.items ?? []).filter((i) => i.source !== 'computed');
  const thisYear = new Date().getFullYear();
  return (
    <ModalForm<EntryValues> title={row ? t('indicators.correctValue') : t('indicators.enterValue')} name={row ? 'correctValue' : 'enterValue'} formRef={formRef}
      width={640} trigger={trigger} modalProps={{ destroyOnHidden: true, maskClosable: false }} grid rowProps={{ gutter: 16 }}
      initialValues={row
        ? { region, year, indicator: row.indicatorCode, period: row.period, value: row.value, note: row.note ?? undefined }
        : { region, year, period: 'Y' }}
      onFinish={async (v) => {
        try {
          const same = row && v.region === region && v.year === year && v.indicator === row.indicatorCode && v.period === row.period;
          const version = same ? row.version
            : (await indicatorApi.entries({ region: v.region, year: v.year, indicator: v.indicator })).items.find((e) => e.period === v.period)?.version ?? 0;
          await indicatorApi.saveEntry({ ...v, value: v.value ?? null, note: v.note?.trim() || null, version });
          message.success(t('indicators.saved'));
          onSaved();
          return true;
        } catch (error) {
          return onError(error, formRef.current, ENTRY_FIELDS, onSaved);
        }
      }}>
      <ProFormTreeSelect name="region" label={t('indicators.region')} colProps={{ span: 12 }} rules={[{ required: true }]}
        fieldProps={{ treeData: options, showSearch: true, treeNodeFilterProp: 'title', treeDefaultExpandAll: true }} />
      <ProFormSelect name="indicator" label={t('indicators.indicator')} colProps={{ span: 12 }} rules={[{ required: true }]} extra={t('indicators.enterableHelp')}
        showSearch options={enterable.map((i) => ({ value: i.code, label: `${i.name}（${i.unit}）` }))} />
      <ProFormSelect name="year" label={t('indicators.year')} colProps={{ span: 12 }} rules={[{ required: true }]} allowClear={false}
        options={[thisYear - 3, thisYear - 2, thisYear - 1, thisYear].map((y) => ({ value: y, label: `${y}` }))} />
      <ProFormSelect name="period" label={t('indicators.period')} colProps={{ span: 12 }} rules={[{ required: true }]} allowClear={false}
        options={PERIOD_VALUES.filter(Boolean).map((p) => ({ value: p, label: periodLabel(t, p) }))} />
      <ProFormDigit name="value" label={t('indicators.value')} colProps={{ span: 12 }} rules={[{ required: true }]} min={-1e12} max={1e12}
        fieldProps={{ style: { width: '100%' } }} extra={t('indicators.valueHelp')} />
      <ProFormText name="note" label={t('indicators.note')} colProps={{ span: 12 }} fieldProps={{ maxLength: 500 }} />
    </ModalForm>
  );
}

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
  // a chosen file is previewed first; it is imported from the preview's 确认导入
  const [importFile, setImportFile] = useState<File | null>(null);

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

  const removeEntry = async (row: EntryRow) => {
    try {
      await indicatorApi.saveEntry({ region: region!, year: filter.year, indicator: row.indicatorCode, period: row.period, value: null, version: row.version });
      message.success(t('indicators.deleted'));
    } catch (error) {
      if (!isApiError(error)) throw error;
      message.error(error.message);
      if (error.code === 'STALE_VERSION') message.info(t('indicators.staleReloaded'));
    }
    await reload();
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
          <EntryForm region={region} year={filter.year} onSaved={reload} trigger={<Button icon={<EditOutlined />}>{t('indicators.enterValue')}</Button>} />
          <Button icon={<DownloadOutlined />} onClick={() => indicatorApi.template()}>{t('indicators.template')}</Button>
          <Upload accept=".xlsx" showUploadList={false} beforeUpload={(file) => { setImportFile(file); return false; }}>
            <Button type="primary" icon={<UploadOutlined />}>{t('indicators.import')}</Button>
          </Upload>
          <ImportPreviewModal file={importFile} send={indicatorApi.importEntries} title={t('indicators.import')} onClose={() => setImportFile(null)} onDone={() => void reload()} />
        </Space>
      }>
        <Table<EntryRow> rowKey={(r) => `${r.indicatorCode}|${r.period}`} size="small" loading={entries.isPending} dataSource={entries.data?.items ?? []}
          pagination={{ pageSize: 20 }}
          columns={[
            { title: t('indicators.indicator'), dataIndex: 'indicatorCode', render: (c: string) => names.get(c) ?? c },
            { title: t('indicators.period'), dataIndex: 'period', width: 120, render: (p: string) => periodLabel(t, p) },
            { title: t('indicators.value'), dataIndex: 'value', width: 140, render: (v: number) => v.toLocaleString('zh-CN') },
            { title: t('indicators.sourceLabel'), dataIndex: 'source', width: 120, render: (s: string) => t(`indicators.source.${s}`) },
            { title: t('indicators.note'), dataIndex: 'note', ellipsis: true },
            { title: t('common.actions'), width: 130, render: (_, r) => (
              <Space size={0}>
                <EntryForm region={region} year={filter.year} row={r} onSaved={reload} trigger={<Button size="small" type="link">{t('indicators.correct')}</Button>} />
                <Popconfirm title={t('indicators.deleteValueConfirm')} onConfirm={() => removeEntry(r)}>
                  <Button size="small" type="link" danger>{t('indicators.delete')}</Button>
                </Popconfirm>
              </Space>) },
          ]} />
      </Card>
    </AppPage>
  );
}
