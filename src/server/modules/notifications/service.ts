/** A user's notifications: newest first, unread count, marking read. Only ever the caller's own. */
import type { Database } from '../../db/database';
import type { Actor } from '../../http/actor';
import { errors } from '../../http/errors';
import type { Lang } from '../../http/messages';

export interface NotificationView {
  id: number; kind: string; title: string; body: string; link: string | null; read: boolean; createdAt: string;
}

/** How long notifications are kept (the retention job deletes older ones). */
export const NOTIFICATION_RETENTION_DAYS = 180;

export async function listNotifications(db: Database, actor: Actor, lang: Lang, options: { unreadOnly?: boolean; page: number; pageSize: number }) {
  const en = lang === 'en';
  const { rows } = await db.query(
    `SELECT id, kind, ${en ? 'title_en' : 'title'} AS title, ${en ? 'body_en' : 'body'} AS body, link, read_at, created_at
       FROM notification
      WHERE user_id = $1 ${options.unreadOnly ? 'AND read_at IS NULL' : ''}
      ORDER BY created_at DESC, id DESC
      LIMIT $2 OFFSET $3`,
    [actor.id, options.pageSize, (options.page - 1) * options.pageSize],
  );
  const counts = await db.query<{ total: number; unread: number }>(
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE read_at IS NULL)::int AS unread FROM notification WHERE user_id = $1`,
    [actor.id],
  );
  const items: NotificationView[] = rows.map((r) => ({
    id: r.id, kind: r.kind, title: r.title, body: r.body, link: r.link, read: r.read_at !== null, createdAt: new Date(r.created_at).toISOString(),
  }));
  return { items, total: options.unreadOnly ? counts.rows[0].unread : counts.rows[0].total, unread: counts.rows[0].unread, page: options.page, pageSize: options.pageSize };
}

/** Marks one of the caller's notifications read (again is fine); another user's is 404. */
export async function markRead(db: Database, actor: Actor, id: number): Promise<{ unread: number }> {
  const { rowCount } = await db.query(`UPDATE notification SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = $2`, [id, actor.id]);
  if (!rowCount) throw errors.notFound();
  return unreadCount(db, actor);
}

export async function markAllRead(db: Database, actor: Actor): Promise<{ unread: number; marked: number }> {
  const { rowCount } = await db.query(`UPDATE notification SET read_at = now() WHERE user_id = $1 AND read_at IS NULL`, [actor.id]);
  return { marked: rowCount ?? 0, ...(await unreadCount(db, actor)) };
}

export async function unreadCount(db: Database, actor: Actor): Promise<{ unread: number }> {
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM notification WHERE user_id = $1 AND read_at IS NULL`, [actor.id]);
  return { unread: rows[0].n };
}
