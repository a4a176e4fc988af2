/**
 * 待办 of key tasks and the three lists, for staff of the region (and its sub-regions): what is
 * not done and falls due within the next 14 days or is already overdue. The owners of tasks and
 * list items are names, not accounts, so the region's staff are the ones reminded.
 */
import { todayInChina } from '../../../domain/dates';
import type { InboxKind } from '../inbox/registry';
import { Where } from '../../http/list-query';
import { limitToRegionScope } from '../../http/scope';

/** How far ahead a deadline shows in the inbox. */
export const DUE_WITHIN_DAYS = 14;

function horizon(today: string): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + DUE_WITHIN_DAYS);
  return d.toISOString().slice(0, 10);
}

/** Open milestones of unfinished key tasks, and unfinished key tasks themselves, due by the horizon. */
export const taskMilestoneInbox: InboxKind = {
  kind: 'task.milestone',
  name: ['重点任务到期', 'Key tasks due'],
  roles: ['staff'],
  async list(db, actor, lang, limit) {
    const where = new Where();
    where.add(`t.status <> 'done'`);
    limitToRegionScope(actor, where, 't.region_code');
    const until = where.param(horizon(todayInChina()));
    const { rows } = await db.query(
      `SELECT x.*, count(*) OVER () AS total FROM (
         SELECT 'milestone' AS what, m.id, t.id AS task_id, m.title, t.title AS task_title, coalesce(m.owner, t.owner) AS owner,
                r.name AS region_name, m.due_on, t.created_at
           FROM task_milestone m JOIN key_task t ON t.id = m.task_id JOIN region r ON r.code = t.region_code
           ${where} AND m.done_on IS NULL AND m.due_on <= ${until}::date
         UNION ALL
         SELECT 'task', t.id, t.id, t.title, t.title, t.owner, r.name, t.due_on, t.created_at
           FROM key_task t JOIN region r ON r.code = t.region_code
           ${where} AND t.due_on <= ${until}::date
       ) x
       ORDER BY x.due_on, x.task_id, x.what, x.id
       LIMIT ${Number(limit)}`,
      where.params,
    );
    const en = lang === 'en';
    return {
      count: rows[0]?.total ?? 0,
      items: rows.map((x) => ({
        kind: 'task.milestone',
        title: x.what === 'milestone'
          ? (en ? `Milestone "${x.title}" of the task "${x.task_title}"` : `完成里程碑：${x.title}（${x.task_title}）`)
          : (en ? `Complete the key task "${x.title}"` : `完成重点任务：${x.title}`),
        whose: `${x.owner}（${x.region_name}）`,
        link: `/indicators/tasks?task=${x.task_id}`,
        since: new Date(x.created_at).toISOString(),
        dueOn: x.due_on,
      })),
    };
  },
};

const LIST_NAMES: Record<string, [string, string]> = {
  risk: ['化解风险', 'Resolve the risk'], problem: ['整改问题', 'Fix the problem'], responsibility: ['落实责任', 'Carry out the responsibility'],
};

/** Items of the three lists (三张清单) not closed whose deadline falls by the horizon. */
export const supervisionDueInbox: InboxKind = {
  kind: 'supervision.due',
  name: ['三张清单到期', 'Risks, problems and responsibilities due'],
  roles: ['staff'],
  async list(db, actor, lang, limit) {
    const where = new Where();
    where.add(`s.status <> 'closed' AND s.deadline IS NOT NULL`);
    limitToRegionScope(actor, where, 's.region_code');
    where.add('s.deadline <= $?::date', horizon(todayInChina()));
    const { rows } = await db.query(
      `SELECT s.id, s.list, s.title, s.owner, s.deadline, s.created_at, r.name AS region_name, count(*) OVER () AS total
         FROM supervision_item s JOIN region r ON r.code = s.region_code
         ${where}
        ORDER BY s.deadline, s.id
        LIMIT ${Number(limit)}`,
      where.params,
    );
    const en = lang === 'en' ? 1 : 0;
    return {
      count: rows[0]?.total ?? 0,
      items: rows.map((s) => ({
        kind: 'supervision.due',
        title: en ? `${LIST_NAMES[s.list][1]}: ${s.title}` : `${LIST_NAMES[s.list][0]}：${s.title}`,
        whose: `${s.owner}（${s.region_name}）`,
        link: `/indicators/tasks?tab=lists&list=${s.list}`,
        since: new Date(s.created_at).toISOString(),
        dueOn: s.deadline,
      })),
    };
  },
};
