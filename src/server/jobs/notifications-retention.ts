/**
 * notifications.retention (daily): notifications are kept 180 days (007_notifications_outbox.sql);
 * older ones are deleted, and with them delivered or abandoned outbox rows of the same age (they
 * hold phone numbers and texts). Occasion keys are kept two years, so that a reminder does not
 * come back when its notification is deleted. The audit log is not touched: it is append-only.
 */
import type { JobDefinition } from './definition';

export const NOTIFICATION_RETENTION_DAYS = 180;

export const notificationsRetentionJob: JobDefinition = {
  name: 'notifications.retention',
  cron: '30 3 * * *',
  description: ['删除 180 天前的消息', 'Delete notifications older than 180 days'],
  async run(ctx) {
    return ctx.db.transaction(async (tx) => {
      const notifications = await tx.query(`DELETE FROM notification WHERE created_at < now() - make_interval(days => $1)`, [NOTIFICATION_RETENTION_DAYS]);
      const outbox = await tx.query(
        `DELETE FROM outbox WHERE status IN ('sent', 'failed') AND created_at < now() - make_interval(days => $1)`, [NOTIFICATION_RETENTION_DAYS]);
      const occasions = await tx.query(`DELETE FROM notification_occasion WHERE created_at < now() - interval '2 years'`);
      return { notifications: notifications.rowCount ?? 0, outbox: outbox.rowCount ?? 0, occasions: occasions.rowCount ?? 0 };
    });
  },
};
