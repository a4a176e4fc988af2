// 待办 and 消息 shared by the header, 首页 and their pages: the queries (one cache entry each, so
// the header and 首页 ask once), marking read, relative times and deadlines.
//
// Polling (the header's counts every 60 s and on window focus) lives in the queries' observers:
// they belong to the signed-in frame, which unmounts on sign-out, so nothing polls after it.
import { Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { inboxApi, notificationApi } from '../api';

export const INBOX_KEY = ['inbox'] as const;
export const NOTIFICATIONS_KEY = ['notifications'] as const;
const POLL_MS = 60_000;

/** The inbox of the header and 首页: counts per kind and the first few items of each. */
export const INBOX_SUMMARY_LIMIT = 5;
export function useInboxSummary(options: { poll?: boolean } = {}) {
  return useQuery({
    queryKey: [...INBOX_KEY, INBOX_SUMMARY_LIMIT],
    queryFn: () => inboxApi.list(INBOX_SUMMARY_LIMIT),
    staleTime: 30_000,
    refetchInterval: options.poll ? POLL_MS : false,
    refetchOnWindowFocus: options.poll ?? false,
  });
}

export function useUnreadCount() {
  return useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'unread-count'],
    queryFn: async () => (await notificationApi.unreadCount()).unread,
    staleTime: 30_000,
    refetchInterval: POLL_MS,
    refetchOnWindowFocus: true,
  });
}

/** Marking read (one, or all with `id` null): the unread count is set from the answer, lists refetch. */
export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number | null) => (id === null ? notificationApi.markAllRead() : notificationApi.markRead(id)),
    onSuccess: ({ unread }) => {
      client.setQueryData([...NOTIFICATIONS_KEY, 'unread-count'], unread);
      void client.invalidateQueries({ queryKey: NOTIFICATIONS_KEY, predicate: (query) => query.queryKey[1] !== 'unread-count' });
    },
  });
}

/** "刚刚", "5 分钟前", "3 天前", then the date. */
export function relativeTime(iso: string, t: TFunction, now = Date.now()): string {
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return iso;
  const minutes = Math.floor((now - then) / 60_000);
  if (minutes < 1) return t('time.justNow');
  if (minutes < 60) return t('time.minutesAgo', { count: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t('time.hoursAgo', { count: hours });
  const days = Math.floor(hours / 24);
  if (days < 30) return t('time.daysAgo', { count: days });
  return localDate(new Date(then));
}

/** YYYY-MM-DD of a moment, in the browser's time zone. */
export function localDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Whole days from `from` to `to`, both YYYY-MM-DD. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A deadline: the date and, when overdue, "已逾期 N 天" in red; "今天到期" / "还剩 N 天" when close. */
export function DueOn({ dueOn, overdue, compact = false }: { dueOn?: string | null; overdue: boolean; compact?: boolean }) {
  const { t } = useTranslation();
  if (!dueOn) return compact ? null : <Typography.Text type="secondary">{t('inbox.noDeadline')}</Typography.Text>;
  const left = daysBetween(localDate(new Date()), dueOn);
  let note: string | null = null;
  if (overdue) note = t('inbox.overdueDays', { count: Math.max(1, -left) });
  else if (left === 0) note = t('inbox.dueToday');
  else if (left > 0 && left <= 7) note = t('inbox.dueIn', { count: left });
  return (
    <Typography.Text type={overdue ? 'danger' : left <= 7 ? 'warning' : undefined} data-overdue={overdue || undefined} style={{ whiteSpace: 'nowrap' }}>
      {compact ? (note ?? dueOn) : dueOn}
      {!compact && note && <span style={{ marginLeft: 6 }}>{note}</span>}
    </Typography.Text>
  );
}
