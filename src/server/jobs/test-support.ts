/** Fixtures shared by the job tests: key tasks with milestones, extra staff, waiting for the queue. */
import type { Queryable } from '../db/database';

export async function addStaff(db: Queryable, username: string, regionCode: string, phone: string | null): Promise<number> {
  const { rows } = await db.query(
    `INSERT INTO app_user (username, display_name, role, region_code, phone, password_hash) VALUES ($1, $1, 'staff', $2, $3, 'x') RETURNING id`,
    [username, regionCode, phone]);
  return rows[0].id;
}

/** A key task due `dueIn` days from today (Shanghai), with milestones; returns the ids. */
export async function addTask(db: Queryable, regionCode: string, title: string, dueIn: number, options: { done?: boolean; milestones?: { title: string; dueIn: number; done?: boolean }[] } = {}) {
  const { rows: [task] } = await db.query(
    `INSERT INTO key_task (region_code, year, title, lead_department, owner, due_on, status)
     VALUES ($1, 2026, $2, '科技局', '张三', (now() AT TIME ZONE 'Asia/Shanghai')::date + $3::int, $4) RETURNING id`,
    [regionCode, title, dueIn, options.done ? 'done' : 'active']);
  const milestones: number[] = [];
  for (const m of options.milestones ?? []) {
    const { rows: [row] } = await db.query(
      `INSERT INTO task_milestone (task_id, title, due_on, done_on)
       VALUES ($1, $2, (now() AT TIME ZONE 'Asia/Shanghai')::date + $3::int, CASE WHEN $4 THEN current_date END) RETURNING id`,
      [task.id, m.title, m.dueIn, m.done ?? false]);
    milestones.push(row.id);
  }
  return { taskId: task.id as number, milestones };
}

export async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** No pg-boss job of ours waiting or running, and no outbox row due. */
export async function queueIdle(db: Queryable): Promise<boolean> {
  const { rows: [r] } = await db.query(
    `SELECT (SELECT count(*) FROM pgboss.job WHERE name NOT LIKE '\\_\\_pgboss%' AND state IN ('created', 'retry', 'active')) AS jobs,
            (SELECT count(*) FROM outbox WHERE status = 'pending' AND next_attempt_at <= now()) AS due`);
  return Number(r.jobs) === 0 && Number(r.due) === 0;
}
