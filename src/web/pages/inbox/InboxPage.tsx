import { useMemo } from 'react';
import { Button, Card, Empty, Grid, Segmented, Space, Table, Typography, type TableColumnsType } from 'antd';
import { ReloadOutlined, RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { inboxApi, type InboxItem } from '../../api';
import AppPage from '../../components/AppPage';
import { formatDateTime } from '../../components/listQuery';
import { DueOn, INBOX_KEY } from '../../components/notices';
import './inbox.css';

/** As many of each kind as the server gives at once: the page shows the most urgent of each. */
const PAGE_LIMIT = 200;

/**
 * 待办事项: everything waiting for the user's action, from every module (the server lists the kinds
 * that apply to the role, named in the UI language): overdue first, then by deadline, then the
 * longest waiting. Filtered by kind with a Segmented; each item links to where it is done.
 */
export default function InboxPage() {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.md;
  const [search, setSearch] = useSearchParams();
  const inbox = useQuery({ queryKey: [...INBOX_KEY, PAGE_LIMIT], queryFn: () => inboxApi.list(PAGE_LIMIT), refetchOnWindowFocus: true });

  const kinds = inbox.data?.kinds ?? [];
  const total = kinds.reduce((sum, k) => sum + k.count, 0);
  const wanted = search.get('kind');
  const kind = wanted && kinds.some((k) => k.kind === wanted) ? wanted : 'all';
  const setKind = (value: string) => {
    const next = new URLSearchParams(search);
    if (value === 'all') next.delete('kind');
    else next.set('kind', value);
    setSearch(next, { replace: true });
  };

  const items = useMemo(() => (inbox.data?.items ?? []).filter((item) => kind === 'all' || item.kind === kind), [inbox.data, kind]);
  const names = useMemo(() => Object.fromEntries(kinds.map((k) => [k.kind, k.name])), [kinds]);
  const count = kind === 'all' ? total : (inbox.data?.counts[kind] ?? 0);

  const columns: TableColumnsType<InboxItem> = [
    {
      title: t('inbox.what'),
      key: 'title',
      render: (_, item) => (
        <div style={{ minWidth: 0 }}>
          <Link to={item.link} data-testid="inbox-item">{item.title}</Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {names[item.kind] ?? item.kind}
              {narrow && item.whose ? ` · ${item.whose}` : ''}
              {narrow ? ` · ${formatDateTime(item.since, true).slice(0, 10)}` : ''}
            </Typography.Text>
          </div>
          {narrow && item.dueOn && <DueOn dueOn={item.dueOn} overdue={item.overdue} compact />}
        </div>
      ),
    },
    { title: t('inbox.whose'), key: 'whose', width: 180, responsive: ['md'], render: (_, item) => item.whose ?? t('common.none') },
    { title: t('inbox.since'), key: 'since', width: 150, responsive: ['md'], render: (_, item) => formatDateTime(item.since, true) },
    {
      title: t('inbox.dueOn'),
      key: 'dueOn',
      width: 190,
      responsive: ['md'],
      render: (_, item) => <DueOn dueOn={item.dueOn} overdue={item.overdue} />,
    },
    {
      title: t('common.actions'),
      key: 'act',
      width: 100,
      responsive: ['md'],
      render: (_, item) => <Link to={item.link}>{t('inbox.act')} <RightOutlined /></Link>,
    },
  ];

  return (
    <AppPage extra={<Button icon={<ReloadOutlined />} onClick={() => void inbox.refetch()} loading={inbox.isFetching}>{t('inbox.refresh')}</Button>}>
      <Card>
        {kinds.length > 1 || (kinds.length === 1 && total > 0) ? (
          <div style={{ overflowX: 'auto', marginBottom: 16 }}>
            <Segmented
              className="kc-inbox-kinds"
              value={kind}
              onChange={(value) => setKind(String(value))}
              options={[
                { value: 'all', label: `${t('inbox.all')} ${total}` },
                // a phone: only the kinds that have something (the others stay reachable by ?kind=)
                ...kinds.filter((k) => !narrow || k.count > 0 || k.kind === kind).map((k) => ({ value: k.kind, label: `${k.name} ${k.count}` })),
              ]}
              data-testid="inbox-kinds"
            />
          </div>
        ) : null}
        <Table<InboxItem>
          rowKey={(item) => `${item.kind}:${item.link}:${item.title}`}
          size={narrow ? 'small' : 'middle'}
          columns={columns}
          dataSource={items}
          loading={inbox.isPending}
          pagination={items.length > 20 ? { pageSize: 20, showSizeChanger: false, size: 'small' } : false}
          locale={{
            emptyText: inbox.isError
              ? <Empty description={(inbox.error as Error).message} />
              : <Empty description={<Space direction="vertical" size={4}><span>{t('inbox.empty')}</span><Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('inbox.emptyHint')}</Typography.Text></Space>} />,
          }}
        />
        {count > items.length && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            {t('inbox.shownOfTotal', { shown: items.length, count })}
          </Typography.Paragraph>
        )}
      </Card>
    </AppPage>
  );
}
