/**
 * calls.reminders (daily): applicants with an application still in draft or returned in a call
 * that closes within 3 days are told when it closes (notification and SMS); experts with a review
 * waiting more than 7 days are reminded once a week. One notice per recipient and occasion: the
 * closing day is part of the key (a moved deadline is a new occasion), the week for reviews.
 */
import { JOB_TIME_ZONE, type JobDefinition } from './definition';
import { notifyOnce, today } from './occasion';

export const CALL_REMINDER_DAYS_AHEAD = 3;
export const REVIEW_REMINDER_AFTER_DAYS = 7;

export const callsRemindersJob: JobDefinition = {
  name: 'calls.reminders',
  cron: '30 8 * * *',
  description: ['申报截止提醒（3 天内截止仍未提交）和评审催办（待评审超过 7 天）', 'Reminders of calls closing within 3 days with unsubmitted applications, and of reviews waiting over 7 days'],
  async run(ctx) {
    const result = await ctx.db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('kechuang.job.calls.reminders'))`);
      const day = await today(tx, JOB_TIME_ZONE);
      const { rows: drafts } = await tx.query(
        `SELECT a.id, a.title, a.status, c.title AS call_title, to_char(c.closes_at AT TIME ZONE $2, 'YYYY-MM-DD HH24:MI') AS closes,
                array_agg(u.id ORDER BY u.id) AS user_ids
           FROM application a JOIN call c ON c.id = a.call_id
           JOIN app_user u ON u.org_id = a.org_id AND u.status = 'active'
          WHERE a.status IN ('draft', 'returned') AND c.status = 'published' AND now() < c.closes_at
            AND (c.closes_at AT TIME ZONE $2)::date <= $1::date + $3::int
          GROUP BY a.id, c.title, c.closes_at ORDER BY a.id`, [day, JOB_TIME_ZONE, CALL_REMINDER_DAYS_AHEAD]);
      let notified = 0;
      let sms = 0;
      for (const a of drafts) {
        const returned = a.status === 'returned';
        const done = await notifyOnce(tx, {
          recipients: a.user_ids.map((userId: number) => ({ userId, key: `call-closing:${a.id}:${userId}:${a.closes}` })),
          kind: 'project.closing',
          title: [`申报即将截止：${a.title}`, `Call closing soon: ${a.title}`],
          body: [`「${a.call_title}」将于 ${a.closes} 截止，您的申报书${returned ? '被退回后' : ''}尚未提交。`,
            `"${a.call_title}" closes at ${a.closes} (Beijing time); your application${returned ? ', returned for changes,' : ''} is not submitted yet.`],
          link: `/projects/mine?application=${a.id}`,
          sms: true,
        });
        notified += done.notified;
        sms += done.sms;
      }
      const { rows: reviews } = await tx.query(
        `SELECT r.id, a.title, x.user_id, to_char($1::date, 'IYYY-IW') AS week
           FROM review_assignment r JOIN expert x ON x.id = r.expert_id AND x.user_id IS NOT NULL JOIN application a ON a.id = r.application_id
          WHERE r.status IN ('assigned', 'declared') AND r.assigned_at < now() - make_interval(days => $2) ORDER BY r.id`, [day, REVIEW_REMINDER_AFTER_DAYS]);
      for (const r of reviews) {
        const done = await notifyOnce(tx, {
          recipients: [{ userId: Number(r.user_id), key: `review-waiting:${r.id}:${r.week}` }],
          kind: 'reviewTask.waiting',
          title: [`评审任务待完成：${r.title}`, `A review is waiting: ${r.title}`],
          body: ['请尽快完成评审并提交评审意见。', 'Please complete and submit your review.'],
          link: `/projects/reviews/${r.id}`,
          sms: false,
        });
        notified += done.notified;
      }
      return { applications: drafts.length, reviews: reviews.length, notified, sms };
    });
    if (result.sms) await ctx.trigger('outbox.send');
    return result;
  },
};
