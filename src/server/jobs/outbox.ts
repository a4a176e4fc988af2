/**
 * The outbox worker (job outbox.send): delivers pending outbox rows through the channel adapters.
 *
 * A batch is claimed in a short transaction — SELECT … FOR UPDATE SKIP LOCKED, then attempts + 1
 * and next_attempt_at moved a lease ahead — and sent after it commits. Another server's claim
 * skips the locked rows and then finds them leased, so no row is sent twice. Sending outside the
 * transaction matters on the embedded database, which runs one transaction at a time: a slow
 * gateway would otherwise stall every request. A row whose sender dies mid-send is taken again
 * when its lease ends (at least once, then; the gateway's timeout is far shorter than the lease).
 * A failure waits 1, 2, 4, 8 minutes; the 5th failure marks the row failed, with its last error.
 */
import type { Database } from '../db/database';
import type { Channel, Delivery } from './adapters';
import type { JobDefinition } from './definition';

export const OUTBOX_MAX_ATTEMPTS = 5;

export interface OutboxOptions {
  batchSize?: number;
  /** Batches per run at most, so that one run ends (the next tick continues). */
  maxBatches?: number;
  /** How long a claimed row is left to its sender. */
  leaseSeconds?: number;
  /** The wait after the first failure; doubled after each further one. */
  backoffSeconds?: number;
}

export interface OutboxResult {
  sent: number;
  retrying: number;
  failed: number;
  [key: string]: unknown;
}

interface Claimed { id: number; channel: Channel; recipient: string; payload: Record<string, unknown>; attempts: number }

async function claim(db: Database, batchSize: number, leaseSeconds: number): Promise<Claimed[]> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: number }>(
      `SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= now()
        ORDER BY next_attempt_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`, [batchSize]);
    if (!rows.length) return [];
    const claimed = await tx.query<Claimed>(
      `UPDATE outbox SET attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => $2)
        WHERE id = ANY($1::bigint[])
        RETURNING id, channel, recipient, payload, attempts`, [rows.map((r) => r.id), leaseSeconds]);
    return claimed.rows.sort((a, b) => a.id - b.id);
  });
}

export async function sendOutbox(db: Database, delivery: Delivery, options: OutboxOptions = {}): Promise<OutboxResult> {
  const { batchSize = 20, maxBatches = 50, leaseSeconds = 600, backoffSeconds = 60 } = options;
  const result: OutboxResult = { sent: 0, retrying: 0, failed: 0 };
  for (let batch = 0; batch < maxBatches; batch++) {
    const rows = await claim(db, batchSize, leaseSeconds);
    if (!rows.length) break;
    for (const row of rows) {
      try {
        await delivery[row.channel].send({ channel: row.channel, recipient: row.recipient, payload: row.payload });
      } catch (error) {
        const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
        const giveUp = row.attempts >= OUTBOX_MAX_ATTEMPTS;
        await db.query(
          `UPDATE outbox SET status = $2, last_error = $3,
                  next_attempt_at = now() + make_interval(secs => $4 * power(2, attempts - 1))
            WHERE id = $1 AND status = 'pending'`,
          [row.id, giveUp ? 'failed' : 'pending', message, backoffSeconds]);
        if (giveUp) result.failed++;
        else result.retrying++;
        continue;
      }
      await db.query(`UPDATE outbox SET status = 'sent', sent_at = now(), last_error = NULL WHERE id = $1 AND status = 'pending'`, [row.id]);
      result.sent++;
    }
    if (rows.length < batchSize) break;
  }
  return result;
}

export const outboxJob: JobDefinition = {
  name: 'outbox.send',
  cron: '* * * * *',
  description: ['发送待发短信、邮件和微信消息（失败重试，5 次后放弃）', 'Send pending SMS, e-mail and WeChat messages (retried, given up after 5 attempts)'],
  // a failed message is retried by the outbox itself, not by re-running the job
  retryLimit: 0,
  run: (ctx) => sendOutbox(ctx.db, ctx.delivery),
};
