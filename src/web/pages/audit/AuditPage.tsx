import { useRef } from 'react';
import { ProTable, type ProColumns } from '@ant-design/pro-components';
import { Space, Tag, Tooltip, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { auditApi, type AuditEntry, type ListQuery } from '../../api';
import AppPage from '../../components/AppPage';
import ExportButton from '../../components/ExportButton';
import { formatDateTime, toListQuery } from '../../components/listQuery';

/** "字段：之前 → 之后", one line per changed field, in words (the server's changeList). */
function Changes({ row }: { row: AuditEntry }) {
  const { t } = useTranslation();
  if (!row.changeList.length) return <>{t('common.none')}</>;
  return (
    <Space direction="vertical" size={0}>
      {row.changeList.map((c) => (
        <Typography.Text key={c.field} style={{ fontSize: 12 }}>
          <Typography.Text strong style={{ fontSize: 12 }}>{c.label}</Typography.Text>
          {t('audit.colon')}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{c.before}</Typography.Text> → <Typography.Text style={{ fontSize: 12 }}>{c.after}</Typography.Text>
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

const FAILURE = /fail|refused|throttled|locked/;

/** 审计日志: the append-only record of every action, in words, filterable from lists and exportable. */
export default function AuditPage() {
  const { t, i18n } = useTranslation();
  const lastQuery = useRef<ListQuery>({});
  const vocab = useQuery({ queryKey: ['audit', 'vocabulary', i18n.language], queryFn: auditApi.vocabulary, staleTime: Infinity });
  const v = vocab.data;
  // actions grouped by area for the select: 登录与账号, 企业, 政策 …
  const actionOptions = v
    ? [...new Set(v.actions.map((a) => a.group))].map((group) => ({
      label: group, title: group, options: v.actions.filter((a) => a.group === group).map((a) => ({ value: a.value, label: a.label })),
    }))
    : [];

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
    {
      title: t('audit.actorRole'), dataIndex: 'role', hideInTable: true, valueType: 'select',
      fieldProps: { options: v?.roles ?? [], placeholder: t('audit.any'), allowClear: true },
    },
    { title: t('audit.ip'), dataIndex: 'ip', hideInSearch: true, width: 130 },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      width: 220,
      valueType: 'select',
      fieldProps: { options: actionOptions, showSearch: true, optionFilterProp: 'label', placeholder: t('audit.any'), allowClear: true, popupMatchSelectWidth: 320 },
      render: (_, row) => (
        <Tooltip title={row.action}>
          <Tag color={FAILURE.test(row.action) ? 'error' : 'blue'} style={{ whiteSpace: 'normal' }}>{row.actionLabel}</Tag>
        </Tooltip>
      ),
    },
    {
      title: t('audit.targetType'), dataIndex: 'targetType', hideInTable: true, valueType: 'select',
      fieldProps: { options: v?.targetTypes ?? [], showSearch: true, optionFilterProp: 'label', placeholder: t('audit.any'), allowClear: true },
    },
    {
      title: t('audit.target'),
      dataIndex: 'target',
      hideInSearch: true,
      width: 220,
      render: (_, row) => {
        if (!row.targetLabel) return t('common.none');
        return row.targetLink ? <Link to={row.targetLink}>{row.targetLabel}</Link> : row.targetLabel;
      },
    },
    { title: t('audit.changes'), dataIndex: 'changes', hideInSearch: true, render: (_, row) => <Changes row={row} /> },
  ];

  return (
    <AppPage>
      <ProTable<AuditEntry>
        key={i18n.language}
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
