import { App, Badge, Button, Card, Empty, Grid, List, Segmented, Space, Tooltip, Typography } from 'antd';
import { CheckOutlined, RightOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { isApiError, notificationApi, type Notification } from '../../api';
import AppPage from '../../components/AppPage';
import { formatDateTime } from '../../components/listQuery';
import { NOTIFICATIONS_KEY, relativeTime, useMarkRead } from '../../components/notices';

const PAGE_SIZE = 20;

/**
 * 消息中心: the user's notifications, newest first, unread or all, a page at a time. Opening one
 * marks it read and goes where it points; 全部已读 marks every one.
 */
export default function NotificationsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  // a phone: the actions go under the text rather than beside it
  const narrow = Grid.useBreakpoint().sm === false;
  const unreadOnly = search.get('filter') === 'unread';
  const page = Math.max(1, Number(search.get('page')) || 1);
  const list = useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'list', { unreadOnly, page }],
    queryFn: () => notificationApi.list({ page, pageSize: PAGE_SIZE, unread: unreadOnly }),
    placeholderData: keepPreviousData,
    refetchOnWindowFocus: true,
  });
  const markRead = useMarkRead();

  const go = (changes: { filter?: 'unread' | 'all'; page?: number }) => {
    const next = new URLSearchParams(search);
    if (changes.filter) next[changes.filter === 'unread' ? 'set' : 'delete']('filter', 'unread');
    const nextPage = changes.page ?? 1;
    if (nextPage > 1) next.set('page', String(nextPage));
    else next.delete('page');
    setSearch(next, { replace: true });
  };

  const fail = (error: unknown) => message.error(isApiError(error) ? error.message : String(error));
  const open = (notice: Notification) => {
    if (!notice.read) markRead.mutate(notice.id, { onError: fail });
    if (notice.link) navigate(notice.link);
  };
  const readAll = () =>
    markRead.mutate(null, {
      onSuccess: (answer) => message.success(t('notifications.markedAll', { count: 'marked' in answer ? answer.marked : 0 })),
      onError: fail,
    });

  const unread = list.data?.unread ?? 0;
  return (
    <AppPage
      extra={
        <Button icon={<CheckOutlined />} onClick={readAll} disabled={unread === 0} loading={markRead.isPending && markRead.variables === null} data-testid="notifications-read-all">
          {t('notifications.markAllRead')}
        </Button>
      }
    >
      <Card>
        <Segmented
          style={{ marginBottom: 8 }}
          value={unreadOnly ? 'unread' : 'all'}
          onChange={(value) => go({ filter: value as 'unread' | 'all' })}
          options={[
            { value: 'all', label: t('notifications.all') },
            { value: 'unread', label: `${t('notifications.unread')} ${unread}` },
          ]}
        />
        <List<Notification>
          itemLayout={narrow ? 'vertical' : 'horizontal'}
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: <Empty description={list.isError ? (list.error as Error).message : unreadOnly ? t('notifications.emptyUnread') : t('notifications.empty')} /> }}
          pagination={
            (list.data?.total ?? 0) > PAGE_SIZE
              ? { current: page, pageSize: PAGE_SIZE, total: list.data?.total, onChange: (p) => go({ page: p }), showSizeChanger: false, size: 'small' }
              : false
          }
          renderItem={(notice) => (
            <List.Item
              data-testid={`notification-${notice.id}`}
              actions={[
                !notice.read && (
                  <Tooltip key="read" title={t('notifications.markRead')}>
                    <Button size="small" type="text" icon={<CheckOutlined />} aria-label={t('notifications.markRead')}
                      onClick={() => markRead.mutate(notice.id, { onError: fail })} />
                  </Tooltip>
                ),
                notice.link && (
                  <Button key="open" size="small" type="link" onClick={() => open(notice)}>
                    {t('notifications.open')} <RightOutlined />
                  </Button>
                ),
              ].filter(Boolean)}
            >
              <List.Item.Meta
                avatar={<Badge status={notice.read ? 'default' : 'error'} style={{ marginTop: 6 }} />}
                title={
                  <Space size={8} wrap>
                    <Typography.Link strong={!notice.read} onClick={() => open(notice)} style={{ color: notice.read ? 'rgba(0,0,0,0.65)' : undefined }}>
                      {notice.title}
                    </Typography.Link>
                    <Tooltip title={formatDateTime(notice.createdAt)}>
                      <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>{relativeTime(notice.createdAt, t)}</Typography.Text>
                    </Tooltip>
                  </Space>
                }
                description={notice.body || null}
              />
            </List.Item>
          )}
        />
      </Card>
    </AppPage>
  );
}
