/**
 * tasks.reminders (daily): key tasks and their milestones due within 3 days, or overdue, and not
 * done. Recipients: the active staff accounts of the task's region — key tasks name their owner and
 * lead department as text, not as accounts, so the region's staff are the ones who can act.
 * One notification and one SMS per recipient and occasion (the due date is part of the key: a
 * moved deadline is a new occasion).
 */
import { JOB_TIME_ZONE, type JobDefinition } from './definition';
import { notifyOnce, today } from './occasion';

export const REMINDER_DAYS_AHEAD = 3;

interface Due {
  kind: 'task' | 'milestone';
  id: number;
  title: string;
  task_id: number;
  task_title: string;
  due_on: string;
  overdue: boolean;
  user_ids: number[];
}

export const tasksRemindersJob: JobDefinition = {
  name: 'tasks.reminders',
  cron: '0 8 * * *',
  description: ['重点任务和里程碑到期提醒（3 天内到期或已逾期）', 'Reminders of key tasks and milestones due within 3 days or overdue'],
  async run(ctx) {
    const result = await ctx.db.transaction(async (tx) => {
      // one run at a time across servers: a second waits, then finds every occasion claimed
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('kechuang.job.tasks.reminders'))`);
      const day = await today(tx, JOB_TIME_ZONE);
      const { rows } = await tx.query<Due>(
        `WITH due AS (
           SELECT 'milestone' AS kind, m.id, m.title, t.id AS task_id, t.title AS task_title, m.due_on, t.region_code
             FROM task_milestone m JOIN key_task t ON t.id = m.task_id
            WHERE m.done_on IS NULL AND t.status <> 'done' AND m.due_on <= $1::date + $2::int
           UNION ALL
           SELECT 'task', t.id, t.title, t.id, t.title, t.due_on, t.region_code
             FROM key_task t
            WHERE t.status <> 'done' AND t.due_on <= $1::date + $2::int)
         SELECT d.kind, d.id, d.title, d.task_id, d.task_title, d.due_on::text AS due_on, d.due_on < $1::date AS overdue,
                array_agg(u.id ORDER BY u.id) AS user_ids
           FROM due d JOIN app_user u ON u.region_code = d.region_code AND u.role = 'staff' AND u.status = 'active'
          GROUP BY d.kind, d.id, d.title, d.task_id, d.task_title, d.due_on
          ORDER BY d.kind, d.id`, [day, REMINDER_DAYS_AHEAD]);
      let notified = 0;
      let sms = 0;
      for (const d of rows) {
        const milestone = d.kind === 'milestone';
        const state = d.overdue ? ['已逾期', 'overdue'] : ['即将到期', 'due soon'];
        const title: [string, string] = milestone
          ? [`里程碑${state[0]}：${d.title}`, `Milestone ${state[1]}: ${d.title}`]
          : [`重点任务${state[0]}：${d.title}`, `Key task ${state[1]}: ${d.title}`];
        const body: [string, string] = milestone
          ? [`重点任务「${d.task_title}」的里程碑「${d.title}」应于 ${d.due_on} 完成。`, `The milestone "${d.title}" of the key task "${d.task_title}" is due on ${d.due_on}.`]
          : [`重点任务「${d.title}」应于 ${d.due_on} 完成。`, `The key task "${d.title}" is due on ${d.due_on}.`];
        const done = await notifyOnce(tx, {
          recipients: d.user_ids.map((userId) => ({ userId, key: `${milestone ? 'milestone' : 'task'}-due:${d.id}:${userId}:${d.due_on}` })),
          kind: milestone ? 'task.milestone_due' : 'task.due',
          title, body,
          link: `/indicators/tasks?task=${d.task_id}`,
          sms: true,
        });
        notified += done.notified;
        sms += done.sms;
      }
      return { occasions: rows.length, notified, sms };
    });
    if (result.sms) await ctx.trigger('outbox.send');
    return result;
  },
};
