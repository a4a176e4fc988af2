import { Suspense, lazy, useRef, useState } from 'react';
import {
  DrawerForm,
  ModalForm,
  ProFormCheckbox,
  ProFormDigit,
  ProFormGroup,
  ProFormSelect,
  ProFormTextArea,
  type ProFormInstance,
} from '@ant-design/pro-components';
import { Alert, App, Button, Empty, Space, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Rule } from 'antd/es/form';
import { MessageOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError, type Enterprise, type StatValues, type StatYear } from '../../api';
import { formatDateTime } from '../../components/listQuery';
import PageLoading from '../../components/PageLoading';
import { enterpriseApi } from './api';
import {
  ASSET_KEYS,
  COMPLIANCE_KEYS,
  FLAG_KEYS,
  FOUR_HAS_KEYS,
  IP_KEYS,
  MONEY_KEYS,
  NUMBER_KEYS,
  STAFF_KEYS,
  StatStatusTag,
  formatInt,
  formatWan,
  ratioPct,
} from './shared';
import { defaultStatYear, fromFormValues, statYearOptions, tenfoldChanges, toFormValues, YUAN_KEYS } from './stat-form';

const StatsCharts = lazy(() => import('./StatsCharts'));

type Role = 'enterprise' | 'staff';
type FormValues = Record<string, number | boolean | undefined> & { year?: number };

// separators in the whole part only (amounts in 万元 carry two decimals); empty stays empty, never 0
const thousands = (value: string | number | undefined) => {
  if (value === undefined || value === '') return '';
  const [whole, fraction] = `${value}`.split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction !== undefined ? `.${fraction}` : ''}`;
};
const unthousands = (value: string | undefined) => (value && value.trim() ? Number(value.replace(/[,\s]/g, '')) : (undefined as unknown as number));

export function statsKey(id: number) {
  return ['enterprise', id, 'stats'] as const;
}

function canEdit(role: Role, row: StatYear | null): boolean {
  if (!row) return true;
  if (role === 'enterprise') return row.status === 'draft' || row.status === 'returned';
  return row.status !== 'confirmed';
}

/**
 * The year's figures in a drawer: a new year starts empty (empty = not filled), amounts in 万元 with
 * two decimals (stored in yuan), the relations checked before sending, and a figure more than ten
 * times (or under a tenth of) last year's asked about before saving.
 */
function StatDrawer({
  enterprise,
  editing,
  existingYears,
  allRows,
  readOnly,
  onClose,
  onSaved,
  onConflict,
}: {
  enterprise: Enterprise;
  editing: StatYear | 'new';
  existingYears: number[];
  allRows: StatYear[];
  readOnly: boolean;
  onClose: () => void;
  onSaved: (row: StatYear) => void;
  onConflict: () => void;
}) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const formRef = useRef<ProFormInstance<FormValues>>(undefined);
  const isNew = editing === 'new';
  const thisYear = new Date().getFullYear();
  const yearOptions = statYearOptions(thisYear, existingYears);
  const label = (key: string) => t(`enterprises.stats.field.${key}`);

  const notAbove = (other: string, text: string): Rule => ({
    validator: async (_rule, value: number | undefined) => {
      const limit = formRef.current?.getFieldValue(other) as number | undefined;
      if (value !== undefined && value !== null && limit !== undefined && limit !== null && value > limit) throw new Error(text);
    },
  });
  const relations: Record<string, { rule: Rule; dependsOn: string }> = {
    rdExpenseDomestic: { rule: notAbove('rdExpense', t('enterprises.stats.rdDomesticTooLarge')), dependsOn: 'rdExpense' },
    scienceStaff: { rule: notAbove('staff', t('enterprises.stats.staffTooLarge')), dependsOn: 'staff' },
    rdStaff: { rule: notAbove('staff', t('enterprises.stats.staffTooLarge')), dependsOn: 'staff' },
    hightechRevenue: { rule: notAbove('totalRevenue', t('enterprises.stats.revenueTooLarge')), dependsOn: 'totalRevenue' },
    salesRevenue: { rule: notAbove('totalRevenue', t('enterprises.stats.revenueTooLarge')), dependsOn: 'totalRevenue' },
  };

  const numberField = (key: string, money: boolean) => (
    <ProFormDigit
      key={key}
      name={key}
      label={label(key)}
      colProps={{ xs: 24, md: money ? 12 : 8 }}
      min={0}
      dependencies={relations[key] ? [relations[key].dependsOn] : undefined}
      rules={[{ required: true, message: money ? t('enterprises.stats.amountRequired') : t('enterprises.stats.integer') }, ...(relations[key] ? [relations[key].rule] : [])]}
      fieldProps={{
        precision: money ? 2 : 0,
        style: { width: '100%' },
        formatter: thousands,
        parser: unthousands as never,
        addonAfter: money ? t('enterprises.stats.tenThousandYuan') : undefined,
        controls: false,
      }}
    />
  );

  const initial: FormValues = toFormValues(isNew ? null : editing.values);
  if (isNew) initial.year = defaultStatYear(thisYear, existingYears);

  /** Resolves true when nothing changed tenfold from last year, or the person confirms it did. */
  const confirmTenfold = (year: number, values: StatValues) => {
    const last = allRows.find((r) => r.year === year - 1);
    const changes = tenfoldChanges(values, last?.values ?? null);
    if (!changes.length) return Promise.resolve(true);
    const show = (key: string, v: number) => (YUAN_KEYS.includes(key) ? `${formatWan(v)} ${t('enterprises.stats.tenThousandYuan')}` : formatInt(v));
    return new Promise<boolean>((resolve) => {
      modal.confirm({
        title: t('enterprises.stats.tenfoldTitle', { year: year - 1 }),
        width: 560,
        content: (
          <ul style={{ paddingLeft: 20, margin: 0 }} data-testid="tenfold-list">
            {changes.map((c) => (
              <li key={c.key}>{t('enterprises.stats.tenfoldItem', { field: label(c.key), before: show(c.key, c.before), after: show(c.key, c.after) })}</li>
            ))}
          </ul>
        ),
        okText: t('enterprises.stats.tenfoldOk'),
        cancelText: t('enterprises.stats.tenfoldBack'),
        onOk: () => resolve(true),
        onCancel: () => resolve(false),
      });
    });
  };

  return (
    <DrawerForm<FormValues>
      open
      title={isNew ? t('enterprises.stats.addYearTitle') : t('enterprises.stats.editTitle', { year: editing.year })}
      formRef={formRef}
      width={760}
      grid
      rowProps={{ gutter: 16 }}
      initialValues={initial}
      readonly={readOnly}
      submitter={readOnly ? false : undefined}
      drawerProps={{ destroyOnHidden: true, onClose, maskClosable: false }}
      onOpenChange={(open) => !open && onClose()}
      onFinish={async (form) => {
        const year = isNew ? Number(form.year) : editing.year;
        const values = fromFormValues(form, isNew ? null : editing.values);
        if (!(await confirmTenfold(year, values))) return false;
        try {
          const saved = await enterpriseApi.saveStats(enterprise.id, year, values, isNew ? 0 : editing.version);
          message.success(t('enterprises.stats.saved', { year }));
          onSaved(saved);
          return true;
        } catch (error) {
          if (!isApiError(error)) throw error;
          if (error.code === 'STALE_VERSION' || error.code === 'STAT_LOCKED' || error.code === 'INVALID_TRANSITION') {
            message.error(error.message);
            if (!isNew) message.info(t('enterprises.staleReloaded'));
            onConflict();
            return true;
          }
          const fields = Object.entries(error.fields ?? {}).map(([name, text]) => ({ name: name.replace(/^values\./, ''), errors: [text] }));
          const known = fields.filter((f) => (NUMBER_KEYS as readonly string[]).includes(f.name) || (FLAG_KEYS as readonly string[]).includes(f.name));
          if (known.length) formRef.current?.setFields(known as never);
          else message.error(error.message);
          return false;
        }
      }}
    >
      {!isNew && editing.reviewComment && editing.status === 'returned' && (
        <Alert type="warning" showIcon style={{ marginBottom: 16, width: '100%' }} message={t('enterprises.stats.reviewComment')} description={editing.reviewComment} />
      )}
      {isNew && (
        <ProFormSelect
          name="year"
          label={t('enterprises.stats.year')}
          colProps={{ span: 8 }}
          allowClear={false}
          rules={[{ required: true, message: t('enterprises.stats.yearRequired') }]}
          options={yearOptions.map((y) => ({ value: y, label: String(y) }))}
        />
      )}
      <ProFormGroup title={t('enterprises.stats.groupMoney')}>{MONEY_KEYS.map((key) => numberField(key, true))}</ProFormGroup>
      <ProFormGroup title={t('enterprises.stats.groupAssets')}>{ASSET_KEYS.map((key) => numberField(key, true))}</ProFormGroup>
      <ProFormGroup title={t('enterprises.stats.groupStaff')}>{STAFF_KEYS.map((key) => numberField(key, false))}</ProFormGroup>
      <ProFormGroup title={t('enterprises.stats.groupIp')}>{IP_KEYS.map((key) => numberField(key, false))}</ProFormGroup>
      <ProFormGroup title={t('enterprises.stats.groupFourHas')}>
        {FOUR_HAS_KEYS.map((key) => (
          <ProFormCheckbox key={key} name={key} colProps={{ xs: 12, md: 6 }}>
            {label(key)}
          </ProFormCheckbox>
        ))}
      </ProFormGroup>
      <ProFormGroup title={t('enterprises.stats.groupCompliance')}>
        {COMPLIANCE_KEYS.map((key) => (
          <ProFormCheckbox key={key} name={key} colProps={{ span: 24 }}>
            {label(key)}
          </ProFormCheckbox>
        ))}
      </ProFormGroup>
    </DrawerForm>
  );
}

/** 年度统计: the years with their review status, the edit drawer, the workflow buttons and two charts. */
export default function StatsTab({ enterprise, role }: { enterprise: Enterprise; role: Role }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const stats = useQuery({ queryKey: statsKey(enterprise.id), queryFn: async () => (await enterpriseApi.stats(enterprise.id)).items });
  const [editing, setEditing] = useState<{ row: StatYear | 'new'; readOnly: boolean } | null>(null);
  const [returning, setReturning] = useState<StatYear | null>(null);
  const rows = [...(stats.data ?? [])].sort((a, b) => b.year - a.year);

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: statsKey(enterprise.id) });
    await queryClient.invalidateQueries({ queryKey: ['enterprise', enterprise.id] });
  };

  const review = async (row: StatYear, action: 'submit' | 'confirm' | 'return', comment?: string) => {
    try {
      await enterpriseApi.review(enterprise.id, row.year, action, row.version, comment);
      message.success(t(`enterprises.stats.done.${action}`, { year: row.year }));
      await refresh();
      return true;
    } catch (error) {
      message.error(isApiError(error) ? error.message : String(error));
      await refresh();
      return isApiError(error) && error.status === 409;
    }
  };

  const confirmThen = (row: StatYear, action: 'submit' | 'confirm') =>
    modal.confirm({
      title: action === 'submit' ? t('enterprises.stats.submit') : t('enterprises.stats.confirm'),
      content: action === 'submit' ? t('enterprises.stats.submitConfirm', { year: row.year }) : t('enterprises.stats.confirmConfirm', { year: row.year }),
      onOk: () => review(row, action),
    });

  const columns: ColumnsType<StatYear> = [
    { title: t('enterprises.stats.year'), dataIndex: 'year', width: 80, fixed: 'left' },
    {
      title: t('enterprises.stats.status'),
      dataIndex: 'status',
      width: 120,
      render: (_, row) => (
        <Space size={4}>
          <StatStatusTag status={row.status} />
          {row.reviewComment && (
            <Tooltip title={`${t('enterprises.stats.reviewComment')}：${row.reviewComment}`}>
              <MessageOutlined style={{ color: '#fa8c16' }} aria-label={t('enterprises.stats.reviewComment')} />
            </Tooltip>
          )}
        </Space>
      ),
    },
    { title: `${t('enterprises.stats.field.salesRevenue')}（${t('enterprises.stats.tenThousandYuan')}）`, key: 'sales', align: 'right', render: (_, r) => formatWan(r.values.salesRevenue) },
    { title: `${t('enterprises.stats.field.rdExpense')}（${t('enterprises.stats.tenThousandYuan')}）`, key: 'rd', align: 'right', render: (_, r) => formatWan(r.values.rdExpense) },
    {
      title: t('enterprises.stats.rdRatio'),
      key: 'rdRatio',
      align: 'right',
      width: 110,
      render: (_, r) => {
        const pct = ratioPct(r.values.rdExpense, r.values.salesRevenue);
        return pct === null ? t('common.none') : `${pct.toFixed(1)}%`;
      },
    },
    { title: t('enterprises.stats.field.staff'), key: 'staff', align: 'right', width: 90, render: (_, r) => formatInt(r.values.staff) },
    { title: t('enterprises.stats.field.scienceStaff'), key: 'scienceStaff', align: 'right', width: 100, render: (_, r) => formatInt(r.values.scienceStaff) },
    { title: t('enterprises.stats.updatedAt'), dataIndex: 'updatedAt', width: 150, render: (_, r) => formatDateTime(r.updatedAt, true) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 200,
      fixed: 'right',
      render: (_, row) => {
        const links = [];
        if (canEdit(role, row)) links.push(<a key="edit" onClick={() => setEditing({ row, readOnly: false })}>{t('enterprises.stats.edit')}</a>);
        else links.push(<a key="view" onClick={() => setEditing({ row, readOnly: true })}>{t('enterprises.stats.view')}</a>);
        if (row.status === 'draft' || row.status === 'returned') links.push(<a key="submit" onClick={() => confirmThen(row, 'submit')}>{t('enterprises.stats.submit')}</a>);
        if (role === 'staff' && row.status === 'submitted') links.push(<a key="confirm" onClick={() => confirmThen(row, 'confirm')}>{t('enterprises.stats.confirm')}</a>);
        if (role === 'staff' && (row.status === 'submitted' || row.status === 'confirmed')) {
          links.push(
            <a key="return" style={{ color: '#cf1322' }} onClick={() => setReturning(row)}>
              {t('enterprises.stats.return')}
            </a>,
          );
        }
        return <Space size={12}>{links}</Space>;
      },
    },
  ];

  return (
    <>
      <div style={{ marginBottom: 12, display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <Typography.Text type="secondary">{t('enterprises.stats.unitHint')}</Typography.Text>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ row: 'new', readOnly: false })}>
          {t('enterprises.stats.addYear')}
        </Button>
      </div>
      <Table<StatYear>
        rowKey="year"
        size="middle"
        loading={stats.isPending}
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 1000 }}
        locale={{ emptyText: stats.isError ? <Empty description={(stats.error as Error).message} /> : <Empty description={t('enterprises.stats.empty')} /> }}
      />
      {rows.length > 0 && (
        <Suspense fallback={<PageLoading />}>
          <StatsCharts rows={rows} />
        </Suspense>
      )}
      {editing && (
        <StatDrawer
          key={editing.row === 'new' ? 'new' : `${editing.row.year}-${editing.row.version}`}
          enterprise={enterprise}
          editing={editing.row}
          readOnly={editing.readOnly}
          existingYears={rows.map((r) => r.year)}
          allRows={rows}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void refresh();
          }}
          onConflict={() => {
            setEditing(null);
            void refresh();
          }}
        />
      )}
      <ModalForm<{ comment: string }>
        title={returning ? t('enterprises.stats.returnTitle', { year: returning.year }) : ''}
        open={returning !== null}
        width={520}
        modalProps={{ destroyOnHidden: true, onCancel: () => setReturning(null) }}
        onFinish={async ({ comment }) => {
          if (!returning) return true;
          const done = await review(returning, 'return', comment.trim());
          if (done) setReturning(null);
          return done;
        }}
      >
        <ProFormTextArea
          name="comment"
          label={t('enterprises.stats.comment')}
          rules={[{ required: true, whitespace: true, message: t('enterprises.stats.commentRequired') }]}
          fieldProps={{ maxLength: 500, showCount: true, rows: 4, placeholder: t('enterprises.stats.commentPlaceholder') }}
        />
      </ModalForm>
    </>
  );
}

