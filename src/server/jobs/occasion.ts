/**
 * Notifying once per recipient and occasion: the keys are claimed in notification_occasion
 * (INSERT … ON CONFLICT DO NOTHING) before the notification is written, all in the caller's
 * transaction. A second run, or the same job running on another server at the same moment, waits
 * on the first one's uncommitted keys and then claims nothing — so it writes nothing.
 * The SMS goes through the outbox with the same key as dedupe_key.
 */
import type { Queryable } from '../db/database';
import { notify } from '../modules/notifications/notify';

export interface OccasionNotice {
  /** each reader with the key of this occasion for them, e.g. milestone-due:12:7:2025-06-30 */
  recipients: { userId: number; key: string }[];
  kind: string;
  title: [zh: string, en: string];
  body: [zh: string, en: string];
  link: string | null;
  /** also an SMS to each reader with a mobile number */
  sms: boolean;
}

/** Returns how many readers were notified now and how many SMS were queued. */
export async function notifyOnce(tx: Queryable, notice: OccasionNotice): Promise<{ notified: number; sms: number }> {
  if (!notice.recipients.length) return { notified: 0, sms: 0 };
  const { rows } = await tx.query<{ key: string }>(
    `INSERT INTO notification_occasion (key) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING RETURNING key`,
    [notice.recipients.map((r) => r.key)]);
  const claimed = new Set(rows.map((r) => r.key));
  const fresh = notice.recipients.filter((r) => claimed.has(r.key));
  if (!fresh.length) return { notified: 0, sms: 0 };
  const ids = await notify(tx, { userIds: fresh.map((r) => r.userId), kind: notice.kind, title: notice.title, body: notice.body, link: notice.link });
  let sms = 0;
  if (notice.sms) {
    const [title] = notice.title;
    const [body] = notice.body;
    const inserted = await tx.query(
      `INSERT INTO outbox (notification_id, user_id, channel, recipient, payload, dedupe_key)
       SELECT n.id, n.user_id, 'sms', u.phone, jsonb_build_object('text', $2::text, 'kind', $3::text), r.key
         FROM notification n
         JOIN app_user u ON u.id = n.user_id
         JOIN unnest($4::bigint[], $5::text[]) AS r (user_id, key) ON r.user_id = n.user_id
        WHERE n.id = ANY($1::bigint[]) AND u.phone IS NOT NULL
       ON CONFLICT (dedupe_key) DO NOTHING`,
      [ids, `【科创】${title}${body ? `：${body}` : ''}`, notice.kind, fresh.map((r) => r.userId), fresh.map((r) => r.key)]);
    sms = inserted.rowCount ?? 0;
  }
  return { notified: fresh.length, sms };
}

/** "Today" in the bureau's time zone, as YYYY-MM-DD, from the database clock. */
export async function today(db: Queryable, timeZone: string): Promise<string> {
  const { rows } = await db.query<{ d: string }>(`SELECT (now() AT TIME ZONE $1)::date AS d`, [timeZone]);
  return rows[0].d;
}
