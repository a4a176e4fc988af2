/**
 * tiers.expiry (daily): 高新技术企业 certificates (enterprise_tier, tier high_tech) whose validity
 * ends within 90 days → a notification to the enterprise's active accounts, once per certificate,
 * account and calendar year (a certificate still expiring after New Year is noticed once more).
 * Re-certification takes months, hence the long notice.
 */
import { JOB_TIME_ZONE, type JobDefinition } from './definition';
import { notifyOnce, today } from './occasion';

export const TIER_EXPIRY_DAYS_AHEAD = 90;

interface Expiring { id: number; certificate_no: string; valid_until: string; name: string; user_ids: number[] }

export const tiersExpiryJob: JobDefinition = {
  name: 'tiers.expiry',
  cron: '0 9 * * *',
  description: ['高新技术企业证书到期提醒（90 天内到期）', 'Notices of high-tech enterprise certificates expiring within 90 days'],
  async run(ctx) {
    return ctx.db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('kechuang.job.tiers.expiry'))`);
      const day = await today(tx, JOB_TIME_ZONE);
      const year = day.slice(0, 4);
      const { rows } = await tx.query<Expiring>(
        `SELECT t.id, t.certificate_no, t.valid_until::text AS valid_until, o.name, array_agg(u.id ORDER BY u.id) AS user_ids
           FROM enterprise_tier t
           JOIN organization o ON o.id = t.org_id
           JOIN app_user u ON u.org_id = t.org_id AND u.status = 'active'
          WHERE t.tier = 'high_tech' AND t.valid_until BETWEEN $1::date AND $1::date + $2::int
          GROUP BY t.id, t.certificate_no, t.valid_until, o.name
          ORDER BY t.id`, [day, TIER_EXPIRY_DAYS_AHEAD]);
      let notified = 0;
      for (const t of rows) {
        const done = await notifyOnce(tx, {
          recipients: t.user_ids.map((userId) => ({ userId, key: `tier-expiry:${t.id}:${userId}:${year}` })),
          kind: 'tier.expiring',
          title: ['高新技术企业证书即将到期', 'High-tech enterprise certificate expiring'],
          body: [`${t.name}的高新技术企业证书（${t.certificate_no}）将于 ${t.valid_until} 到期，请及时准备重新认定。`,
            `The high-tech enterprise certificate ${t.certificate_no} of ${t.name} expires on ${t.valid_until}; prepare the re-certification in time.`],
          link: '/my-enterprise',
          sms: false,
        });
        notified += done.notified;
      }
      return { certificates: rows.length, notified };
    });
  },
};
