// 待办 (/api/v1/inbox) and 消息 (/api/v1/notifications): the signed-in user's own work and news.
import { api } from './client';

/** One thing waiting for the user's action; `kind` is open-ended (modules add kinds). */
export interface InboxItem {
  kind: string;
  /** what is to be done, and to what — in the request's language */
  title: string;
  /** the organisation, region or person concerned */
  whose?: string | null;
  /** the page of the web app where the user acts on it */
  link: string;
  /** waiting since (ISO time) */
  since: string;
  /** deadline (YYYY-MM-DD), when there is one */
  dueOn?: string | null;
  overdue: boolean;
}

export interface Inbox {
  /** overdue first, then by deadline, then the longest waiting; at most `limit` of each kind */
  items: InboxItem[];
  counts: Record<string, number>;
  /** the kinds that apply to the user, named in the request's language */
  kinds: { kind: string; name: string; count: number }[];
}

export interface Notification {
  id: number;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  read: boolean;
  createdAt: string;
}

export interface NotificationPage {
  items: Notification[];
  total: number;
  unread: number;
  page: number;
  pageSize: number;
}

export const inboxApi = {
  /** `limit`: items per kind (1–200); the counts are complete whatever the limit. */
  list: (limit = 20) => api.get<Inbox>('/inbox', { limit }),
};

export const notificationApi = {
  list: (query: { page: number; pageSize: number; unread?: boolean }) =>
    api.get<NotificationPage>('/notifications', { page: query.page, pageSize: query.pageSize, unread: query.unread ? 1 : undefined }),
  unreadCount: () => api.get<{ unread: number }>('/notifications/unread-count'),
  markRead: (id: number) => api.post<{ unread: number }>(`/notifications/${id}/read`),
  markAllRead: () => api.post<{ unread: number; marked: number }>('/notifications/read-all'),
};
