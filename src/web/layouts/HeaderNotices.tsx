// The header's 待办 count (→ /inbox) and 消息 bell (the latest notifications in a popover). Both
// counts refresh every 60 s and when the window regains focus (components/notices.tsx); they are
// part of the signed-in frame, so they stop with it on sign-out.
import { useState } from 'react';
import { Badge, Button, Empty, Grid, Popover, Spin, Tooltip, Typography } from 'antd';
import { BellOutlined, CarryOutOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { notificationApi, type Notification } from '../api';
import { NOTIFICATIONS_KEY, relativeTime, useInboxSummary, useMarkRead, useUnreadCount } from '../components/notices';
import './notices.css';

const ICON = { fontSize: 18, color: '#fff' } as const;
const LATEST = 8;

/** 待办: how many things wait for the user, linking to /inbox. */
export function InboxBadge() {
  const { t } = useTranslation();
  const inbox = useInboxSummary({ poll: true });
  const total = Object.values(inbox.data?.counts ?? {}).reduce((sum, n) => sum + n, 0);
  return (
    <Tooltip title={t('inbox.badgeTitle', { count: total })}>
      <Link to="/inbox" aria-label={t('inbox.badgeTitle', { count: total })} data-testid="header-inbox" className="kc-header-action">
        <Badge count={total} size="small" offset={[2, -2]} overflowCount={99}>
          <CarryOutOutlined style={ICON} />
        </Badge>
      </Link>
    </Tooltip>
  );
}

function NoticeRow({ notice, onOpen }: { notice: Notification; onOpen: (notice: Notification) => void }) {
  const { t } = useTranslation();
  return (
    <div
      role="button"
      tabIndex={0}
      className={`kc-notice${notice.read ? '' : ' kc-notice-unread'}`}
      onClick={() => onOpen(notice)}
      onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && onOpen(notice)}
      data-testid={`notice-${notice.id}`}
    >
      <span className="kc-notice-dot" aria-label={notice.read ? t('notifications.read') : t('notifications.unread')} />
      <div className="kc-notice-text">
        <Typography.Text strong={!notice.read} ellipsis className="kc-notice-title">
          {notice.title}
        </Typography.Text>
        {notice.body && (
          <Typography.Text type="secondary" ellipsis={{ tooltip: notice.body }} className="kc-notice-body">
            {notice.body}
          </Typography.Text>
        )}
        <Typography.Text type="secondary" className="kc-notice-time">
          {relativeTime(notice.createdAt, t)}
        </Typography.Text>
      </div>
    </div>
  );
}

/** 消息: the bell with the unread count; a click shows the latest notifications. */
export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const narrow = Grid.useBreakpoint().sm === false;
  const unread = useUnreadCount();
  const count = unread.data ?? 0;
  // asked for when the popover opens (and again on each opening: staleTime 0)
  const latest = useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'latest'],
    queryFn: () => notificationApi.list({ page: 1, pageSize: LATEST }),
    enabled: open,
  });
  const markRead = useMarkRead();

  const openNotice = (notice: Notification) => {
    if (!notice.read) markRead.mutate(notice.id);
    if (notice.link) {
      setOpen(false);
      navigate(notice.link);
    }
  };

  const items = latest.data?.items ?? [];
  const content = (
    <div className="kc-notices" data-testid="notice-popover">
      <div className="kc-notices-head">
        <Typography.Text strong>{t('notifications.latest')}</Typography.Text>
        <Button type="link" size="small" disabled={count === 0} loading={markRead.isPending && markRead.variables === null}
          onClick={() => markRead.mutate(null)} data-testid="notice-read-all">
          {t('notifications.markAllRead')}
        </Button>
      </div>
      <div className="kc-notices-list">
        {latest.isPending ? (
          <div style={{ textAlign: 'center', padding: 24 }}><Spin /></div>
        ) : items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={latest.isError ? (latest.error as Error).message : t('notifications.empty')} />
        ) : (
          items.map((notice) => <NoticeRow key={notice.id} notice={notice} onOpen={openNotice} />)
        )}
      </div>
      <div className="kc-notices-foot">
        <Link to="/notifications" onClick={() => setOpen(false)}>{t('notifications.viewAll')}</Link>
      </div>
    </div>
  );

  return (
    // "bottom" may shift sideways to stay on a phone's screen ("bottomRight" may only flip)
    <Popover open={open} onOpenChange={setOpen} trigger="click" placement={narrow ? 'bottom' : 'bottomRight'} arrow={false} content={content}
      styles={{ body: { padding: 0 } }} destroyOnHidden>
      <Button type="text" aria-label={t('notifications.bellTitle', { count })} data-testid="header-bell" className="kc-header-action"
        icon={<Badge count={count} size="small" offset={[2, -2]} overflowCount={99}><BellOutlined style={ICON} /></Badge>} />
    </Popover>
  );
}
