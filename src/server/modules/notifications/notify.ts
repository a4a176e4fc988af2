/**
 * Writes notifications (消息): every module calls `notify` with the transaction of the change that
 * concerns the users, so the change and its notification commit or roll back together. Texts go
 * in both languages (the reader may switch). Delivery beyond the site (SMS, e-mail) is a row of the
 * outbox in the same transaction, sent later by the job queue (src/server/jobs).
 */
import type { Queryable } from '../../db/database';

export interface NotificationInput {
  /** who reads it: user ids, or every active user of an organisation */
  userIds?: number[];
  orgId?: number;
  /** what happened, in the module's vocabulary: registration.approved, stat.returned … */
  kind: string;
  title: [zh: string, en: string];
  body?: [zh: string, en: string];
  /** where the reader acts or reads more: a path of the web app */
  link?: string | null;
  /** also send it as an SMS to each reader with a mobile number (through the outbox) */
  sms?: boolean;
}

/** Inserts one notification per reader (and their outbox rows); returns the notification ids. */
export async function notify(tx: Queryable, input: NotificationInput): Promise<number[]> {
  const ids = new Set(input.userIds ?? []);
  if (input.orgId != null) {
    const { rows } = await tx.query<{ id: number }>(`SELECT id FROM app_user WHERE org_id = $1 AND status IN ('active', 'pending')`, [input.orgId]);
    for (const row of rows) ids.add(row.id);
  }
  if (!ids.size) return [];
  const [title, titleEn] = input.title;
  const [body, bodyEn] = input.body ?? ['', ''];
  const { rows } = await tx.query<{ id: number; user_id: number }>(
    `INSERT INTO notification (user_id, kind, title, title_en, body, body_en, link)
     SELECT u, $2, $3, $4, $5, $6, $7 FROM unnest($1::bigint[]) AS u
     RETURNING id, user_id`,
    [[...ids], input.kind, title, titleEn, body, bodyEn, input.link ?? null],
  );
  if (input.sms) {
    await tx.query(
      `INSERT INTO outbox (notification_id, user_id, channel, recipient, payload)
       SELECT n.id, n.user_id, 'sms', u.phone, jsonb_build_object('text', $2::text, 'kind', $3::text)
         FROM notification n JOIN app_user u ON u.id = n.user_id
        WHERE n.id = ANY($1::bigint[]) AND u.phone IS NOT NULL`,
      [rows.map((r) => r.id), `【科创】${title}${body ? `：${body}` : ''}`, input.kind],
    );
  }
  return rows.map((r) => r.id);
}
