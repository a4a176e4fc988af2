import { useRef } from 'react';
import { ProTable, type ProColumns } from '@ant-design/pro-components';
import { Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { auditApi, type AuditEntry, type ListQuery } from '../../api';
import AppPage from '../../components/AppPage';
import ExportButton from '../../components/ExportButton';
import { formatDateTime, toListQuery } from '../../components/listQuery';

function show(value: unknown, empty: string): string {
  if (value === null || value === undefined || value === '') return empty;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** "field: before → after", one line per changed field. */
function Changes({ changes }: { changes: AuditEntry['changes'] }) {
  const { t } = useTranslation();
  if (!changes || Object.keys(changes).length === 0) return <>{t('common.none')}</>;
  return (
    <Space direction="vertical" size={0}>
      {Object.entries(changes).map(([field, change]) => (
        <Typography.Text key={field} style={{ fontSize: 12 }}>
          <Typography.Text strong style={{ fontSize: 12 }}>
            {field}
          </Typography.Text>
          : <Typography.Text type="secondary" style={{ fontSize: 12 }}>{show(change?.before, t('audit.empty'))}</Typography.Text> →{' '}
          <Typography.Text style={{ fontSize: 12 }}>{show(change?.after, t('audit.empty'))}</Typography.Text>
        </Typography.Text>
      ))}
    </Space>
  );
}

function toIso(value: unknown): string | undefined {
  if (!value) return undefined;
  const date = dayjs(value as string | Dayjs);
  return date.isValid() ? date.toISOString() : undefined;
}

/** 审计日志: the append-only record of every action, filterable and exportable. */
export default function AuditPage() {
  const { t } = useTranslation();
  const lastQuery = useRef<ListQuery>({});

  const columns: ProColumns<AuditEntry>[] = [
    { title: t('audit.at'), dataIndex: 'at', sorter: true, defaultSortOrder: 'descend', hideInSearch: true, width: 165, render: (_, row) => formatDateTime(row.at) },
    { title: t('audit.timeRange'), dataIndex: 'range', valueType: 'dateTimeRange', hideInTable: true },
    {
      title: t('audit.actor'),
      dataIndex: 'actor',
      width: 150,
      fieldProps: { placeholder: t('audit.actorPlaceholder') },
      render: (_, row) => (
        <div style={{ lineHeight: 1.3 }}>
          <div>{row.actorName ?? t('common.none')}</div>
          {row.actorRole && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t(`role.${row.actorRole}`)}
            </Typography.Text>
          )}
        </div>
      ),
    },
    { title: t('audit.ip'), dataIndex: 'ip', hideInSearch: true, width: 130 },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      width: 210,
      fieldProps: { placeholder: t('audit.actionPlaceholder') },
      render: (_, row) => <Tag color={row.action.includes('fail') ? 'error' : 'blue'}>{row.action}</Tag>,
    },
    { title: t('audit.targetType'), dataIndex: 'targetType', hideInTable: true },
    { title: t('audit.targetId'), dataIndex: 'targetId', hideInTable: true },
    {
      title: t('audit.target'),
      dataIndex: 'target',
      hideInSearch: true,
      width: 150,
      render: (_, row) => (row.targetType ? `${row.targetType}${row.targetId ? ` #${row.targetId}` : ''}` : t('common.none')),
    },
    { title: t('audit.changes'), dataIndex: 'changes', hideInSearch: true, render: (_, row) => <Changes changes={row.changes} /> },
  ];

  return (
    <AppPage>
      <ProTable<AuditEntry>
        rowKey="id"
        columns={columns}
        scroll={{ x: 1100 }}
        search={{ labelWidth: 'auto', defaultCollapsed: false }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true }}
        request={async (params, sort) => {
          const { range, ...rest } = params as typeof params & { range?: [unknown, unknown] };
          const query = toListQuery(rest, Object.keys(sort ?? {}).length ? sort : { at: 'descend' });
          if (range) {
            query.from = toIso(range[0]);
            query.to = toIso(range[1]);
          }
          lastQuery.current = query;
          const page = await auditApi.list(query);
          return { data: page.items, total: page.total, success: true };
        }}
        toolBarRender={() => [<ExportButton key="export" run={auditApi.export} query={() => lastQuery.current} />]}
      />
    </AppPage>
  );
}
