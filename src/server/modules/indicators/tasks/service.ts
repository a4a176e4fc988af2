/**
 * Key tasks (the year's work plan broken into tasks with a lead department, an owner, milestones
 * and progress reports) and the three lists (三张清单: risks, problems to fix, responsibilities).
 * Scope: staff see and write the tasks and items of their region and its sub-regions.
 * A list item closes only with a reason (and a problem only with the evidence of its fix).
 */
import type { Database, Queryable } from '../../../db/database';
import type { Actor, AuditActor } from '../../../http/actor';
import { AppError, errors, fieldError } from '../../../http/errors';
import { likePattern, orderBy, Where } from '../../../http/list-query';
import { limitToRegionScope } from '../../../http/scope';
import { transition, type Workflow } from '../../../workflow';
import { diff, recordAudit } from '../../audit/record';
import { visibleRegion } from '../service';

// ---- key tasks ---------------------------------------------------------------------------------

export interface MilestoneInput { title: string; owner?: string | null; dueOn: string }
export interface TaskInput {
  regionCode: string; year: number; plan?: string | null; title: string; description?: string | null;
  leadDepartment: string; owner: string; dueOn: string;
}

const taskView = (r: any, today: string) => ({
  id: r.id, regionCode: r.region_code, regionName: r.region_name, year: r.year, plan: r.plan, title: r.title, description: r.description,
  leadDepartment: r.lead_department, owner: r.owner, dueOn: r.due_on, progress: r.progress, status: r.status, version: r.version,
  milestones: r.milestones ?? 0, milestonesDone: r.milestones_done ?? 0, overdueMilestones: r.overdue_milestones ?? 0,
  nextMilestone: r.next_title ? { title: r.next_title, dueOn: r.next_due } : null,
  overdue: r.status !== 'done' && r.due_on < today,
  updatedAt: new Date(r.updated_at).toISOString(),
});

function taskScope(actor: Actor): Where {
  const where = new Where();
  limitToRegionScope(actor, where, 't.region_code');
  return where;
}

const TASK_SELECT = (today: string, where: Where) => `
  SELECT t.*, r.name AS region_name,
    (SELECT count(*)::int FROM task_milestone m WHERE m.task_id = t.id) AS milestones,
    (SELECT count(*)::int FROM task_milestone m WHERE m.task_id = t.id AND m.done_on IS NOT NULL) AS milestones_done,
    (SELECT count(*)::int FROM task_milestone m WHERE m.task_id = t.id AND m.done_on IS NULL AND m.due_on < ${where.param(today)}::date) AS overdue_milestones,
    n.title AS next_title, n.due_on AS next_due
  FROM key_task t JOIN region r ON r.code = t.region_code
  LEFT JOIN LATERAL (SELECT m.title, m.due_on FROM task_milestone m WHERE m.task_id = t.id AND m.done_on IS NULL ORDER BY m.due_on, m.id LIMIT 1) n ON true`;

export interface TaskFilters { region?: string; year?: number; q?: string; status?: 'active' | 'done'; overdue?: boolean; sort?: string }

export async function listTasks(db: Queryable, actor: Actor, f: TaskFilters, page: number, pageSize: number, today: string) {
  const where = taskScope(actor);
  if (f.region) where.add('t.region_code IN (SELECT region_subtree($?))', f.region);
  if (f.year) where.add('t.year = $?', f.year);
  if (f.status) where.add('t.status = $?', f.status);
  if (f.q) { const p = likePattern(f.q); where.add('(t.title ILIKE $? OR t.owner ILIKE $? OR t.lead_department ILIKE $?)', p, p, p); }
  if (f.overdue) where.add(`t.status <> 'done' AND (t.due_on < $?::date OR EXISTS (SELECT 1 FROM task_milestone m WHERE m.task_id = t.id AND m.done_on IS NULL AND m.due_on < $?::date))`, today, today);
  const { rows: [{ total }] } = await db.query(`SELECT count(*)::int AS total FROM key_task t ${where}`, where.params);
  const select = TASK_SELECT(today, where);
  const { rows } = await db.query(
    `${select} ${where} ${orderBy(f.sort, { dueOn: 't.due_on', progress: 't.progress', title: 't.title', region: 't.region_code' }, 't.region_code, t.plan NULLS LAST, t.id', 't.id')}
     LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`, where.params);
  return { items: rows.map((r) => taskView(r, today)), total, page, pageSize };
}

export async function getTask(db: Queryable, actor: Actor, id: number, today: string) {
  const where = taskScope(actor);
  where.add('t.id = $?', id);
  const { rows: [row] } = await db.query(`${TASK_SELECT(today, where)} ${where}`, where.params);
  if (!row) throw errors.notFound();
  const { rows: milestones } = await db.query('SELECT * FROM task_milestone WHERE task_id = $1 ORDER BY due_on, id', [id]);
  const { rows: reports } = await db.query(
    `SELECT r.*, coalesce((SELECT json_agg(json_build_object('id', a.id, 'fileName', a.file_name, 'size', a.size) ORDER BY a.id)
                           FROM task_attachment a WHERE a.report_id = r.id), '[]') AS attachments
       FROM task_report r WHERE r.task_id = $1 ORDER BY r.reported_on DESC, r.id DESC`, [id]);
  return {
    ...taskView(row, today),
    milestoneList: milestones.map((m) => ({ id: m.id, title: m.title, owner: m.owner, dueOn: m.due_on, doneOn: m.done_on, version: m.version,
      overdue: !m.done_on && m.due_on < today })),
    reports: reports.map((r) => ({ id: r.id, reportedOn: r.reported_on, text: r.text, progress: r.progress, reporter: r.reporter, attachments: r.attachments })),
  };
}

function assertDates(year: number, dueOn: string) {
  if (Number(dueOn.slice(0, 4)) < year) throw fieldError('dueOn', 'field.date');
}

export async function createTask(db: Database, actor: Actor, audit: AuditActor, b: TaskInput & { milestones?: MilestoneInput[] }) {
  await visibleRegion(db, actor, b.regionCode);
  assertDates(b.year, b.dueOn);
  return db.transaction(async (tx) => {
    const { rows: [t] } = await tx.query(
      `INSERT INTO key_task (region_code, year, plan, title, description, lead_department, owner, due_on) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [b.regionCode, b.year, b.plan ?? null, b.title, b.description ?? null, b.leadDepartment, b.owner, b.dueOn]);
    for (const m of b.milestones ?? []) {
      await tx.query('INSERT INTO task_milestone (task_id, title, owner, due_on) VALUES ($1, $2, $3, $4)', [t.id, m.title, m.owner ?? null, m.dueOn]);
    }
    await recordAudit(tx, audit, { action: 'indicator.task.create', targetType: 'key_task', targetId: t.id,
      changes: diff(null, { ...b, milestones: (b.milestones ?? []).length }) });
    return t.id as number;
  });
}

async function lockTask(tx: Queryable, actor: Actor, id: number) {
  const where = taskScope(actor);
  where.add('t.id = $?', id);
  const { rows: [t] } = await tx.query(`SELECT t.* FROM key_task t ${where} FOR UPDATE`, where.params);
  if (!t) throw errors.notFound();
  return t;
}

const TASK_FIELDS: [keyof TaskInput, string][] = [['plan', 'plan'], ['title', 'title'], ['description', 'description'], ['leadDepartment', 'lead_department'], ['owner', 'owner'], ['dueOn', 'due_on']];

export async function updateTask(db: Database, actor: Actor, audit: AuditActor, id: number, b: Partial<TaskInput> & { version: number }) {
  return db.transaction(async (tx) => {
    const t = await lockTask(tx, actor, id);
    if (t.version !== b.version) throw errors.staleVersion();
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const sets: string[] = [];
    const params: unknown[] = [id];
    for (const [key, column] of TASK_FIELDS) {
      if (b[key] === undefined) continue;
      before[key] = t[column];
      after[key] = b[key];
      params.push(b[key]);
      sets.push(`${column} = $${params.length}`);
    }
    await tx.query(`UPDATE key_task SET ${[...sets, 'updated_at = now()', 'version = version + 1'].join(', ')} WHERE id = $1`, params);
    await recordAudit(tx, audit, { action: 'indicator.task.update', targetType: 'key_task', targetId: id, changes: diff(before, after) });
  });
}

export async function addMilestone(db: Database, actor: Actor, audit: AuditActor, taskId: number, m: MilestoneInput) {
  return db.transaction(async (tx) => {
    await lockTask(tx, actor, taskId);
    const { rows: [row] } = await tx.query('INSERT INTO task_milestone (task_id, title, owner, due_on) VALUES ($1, $2, $3, $4) RETURNING id', [taskId, m.title, m.owner ?? null, m.dueOn]);
    await tx.query('UPDATE key_task SET updated_at = now() WHERE id = $1', [taskId]);
    await recordAudit(tx, audit, { action: 'indicator.milestone.create', targetType: 'task_milestone', targetId: row.id, changes: diff(null, { taskId, ...m }) });
    return row.id as number;
  });
}

/** Marks a milestone done on a date (or, with doneOn null, not done). */
export async function setMilestoneDone(db: Database, actor: Actor, audit: AuditActor, taskId: number, milestoneId: number, doneOn: string | null, version: number) {
  return db.transaction(async (tx) => {
    await lockTask(tx, actor, taskId);
    const { rows: [m] } = await tx.query('SELECT * FROM task_milestone WHERE id = $1 AND task_id = $2 FOR UPDATE', [milestoneId, taskId]);
    if (!m) throw errors.notFound();
    if (m.version !== version) throw errors.staleVersion();
    await tx.query('UPDATE task_milestone SET done_on = $2, version = version + 1 WHERE id = $1', [milestoneId, doneOn]);
    await recordAudit(tx, audit, { action: 'indicator.milestone.done', targetType: 'task_milestone', targetId: milestoneId, changes: diff({ doneOn: m.done_on }, { doneOn }) });
  });
}

/** A progress report: text, percentage, optional attachments added afterwards. The task takes the reported percentage. */
export async function addReport(db: Database, actor: Actor, audit: AuditActor, taskId: number, b: { text: string; progress: number; reportedOn: string }) {
  return db.transaction(async (tx) => {
    const t = await lockTask(tx, actor, taskId);
    const { rows: [r] } = await tx.query(
      'INSERT INTO task_report (task_id, reported_on, text, progress, reported_by, reporter) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
      [taskId, b.reportedOn, b.text, b.progress, actor.id, actor.displayName]);
    const status = b.progress >= 100 ? 'done' : 'active';
    await tx.query('UPDATE key_task SET progress = $2, status = $3, updated_at = now(), version = version + 1 WHERE id = $1', [taskId, b.progress, status]);
    await recordAudit(tx, audit, { action: 'indicator.task.report', targetType: 'key_task', targetId: taskId,
      changes: diff({ progress: t.progress, status: t.status }, { progress: b.progress, status, report: b.text }) });
    return r.id as number;
  });
}

export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

export async function addAttachment(db: Database, actor: Actor, audit: AuditActor, taskId: number, reportId: number,
  file: { fileName: string; contentType: string; content: Buffer }) {
  return db.transaction(async (tx) => {
    await lockTask(tx, actor, taskId);
    const { rowCount } = await tx.query('SELECT 1 FROM task_report WHERE id = $1 AND task_id = $2', [reportId, taskId]);
    if (!rowCount) throw errors.notFound();
    const { rows: [a] } = await tx.query(
      'INSERT INTO task_attachment (report_id, file_name, content_type, size, content) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [reportId, file.fileName, file.contentType, file.content.length, file.content]);
    await recordAudit(tx, audit, { action: 'indicator.report.attach', targetType: 'task_attachment', targetId: a.id,
      changes: diff(null, { reportId, fileName: file.fileName, size: file.content.length }) });
    return { id: a.id as number, fileName: file.fileName, size: file.content.length };
  });
}

export async function getAttachment(db: Queryable, actor: Actor, attachmentId: number) {
  const where = taskScope(actor);
  where.add('a.id = $?', attachmentId);
  const { rows: [a] } = await db.query(
    `SELECT a.file_name, a.content_type, a.content FROM task_attachment a JOIN task_report r ON r.id = a.report_id JOIN key_task t ON t.id = r.task_id ${where}`, where.params);
  if (!a) throw errors.notFound();
  return { fileName: a.file_name as string, contentType: a.content_type as string, content: a.content as Buffer };
}

/** Overdue alerts: open milestones past their due date and unfinished tasks past theirs, oldest first. */
export async function overdueItems(db: Queryable, actor: Actor, region: string, year: number, today: string, limit = 50) {
  const where = taskScope(actor);
  where.add('t.region_code IN (SELECT region_subtree($?))', region);
  where.add('t.year = $?', year);
  where.add(`t.status <> 'done'`);
  const todayParam = where.param(today);
  const { rows } = await db.query(
    `SELECT * FROM (
       SELECT 'milestone' AS kind, t.id AS task_id, t.title AS task_title, m.title, coalesce(m.owner, t.owner) AS owner, t.lead_department, m.due_on,
              t.region_code, r.name AS region_name
         FROM task_milestone m JOIN key_task t ON t.id = m.task_id JOIN region r ON r.code = t.region_code
         ${where} AND m.done_on IS NULL AND m.due_on < ${todayParam}::date
       UNION ALL
       SELECT 'task', t.id, t.title, t.title, t.owner, t.lead_department, t.due_on, t.region_code, r.name
         FROM key_task t JOIN region r ON r.code = t.region_code ${where} AND t.due_on < ${todayParam}::date
     ) x ORDER BY due_on, task_id LIMIT ${limit}`, where.params);
  return rows.map((r) => ({ kind: r.kind as 'milestone' | 'task', taskId: r.task_id, taskTitle: r.task_title, title: r.title, owner: r.owner,
    leadDepartment: r.lead_department, dueOn: r.due_on, regionCode: r.region_code, regionName: r.region_name,
    daysOverdue: Math.round((Date.parse(today) - Date.parse(r.due_on)) / 86_400_000) }));
}

/** Task progress of a region for the dashboard: counts and the average reported progress. */
export async function taskSummary(db: Queryable, actor: Actor, region: string, year: number, today: string) {
  const where = taskScope(actor);
  where.add('t.region_code IN (SELECT region_subtree($?))', region);
  where.add('t.year = $?', year);
  const t = where.param(today);
  const { rows: [s] } = await db.query(
    `SELECT count(*)::int AS tasks, count(*) FILTER (WHERE t.status = 'done')::int AS done,
            coalesce(round(avg(t.progress), 1), 0)::float8 AS avg_progress,
            count(*) FILTER (WHERE t.status <> 'done' AND (t.due_on < ${t}::date OR EXISTS (
              SELECT 1 FROM task_milestone m WHERE m.task_id = t.id AND m.done_on IS NULL AND m.due_on < ${t}::date)))::int AS overdue
       FROM key_task t ${where}`, where.params);
  return { tasks: s.tasks, done: s.done, averageProgress: s.avg_progress, overdue: s.overdue };
}

// ---- the three lists (三张清单) ---------------------------------------------------------------

export type ListKind = 'risk' | 'problem' | 'responsibility';
export type ItemStatus = 'open' | 'in_progress' | 'closed';

export const ITEM_WORKFLOW: Workflow<ItemStatus, 'start' | 'close' | 'reopen'> = {
  start: { from: ['open'], to: 'in_progress', roles: ['staff', 'admin'] },
  close: { from: ['open', 'in_progress'], to: 'closed', roles: ['staff', 'admin'], comment: true },
  reopen: { from: ['closed'], to: 'open', roles: ['staff', 'admin'], comment: true },
};

export interface ItemInput {
  regionCode: string; year: number; list: ListKind; title: string; detail?: string | null; level?: 'high' | 'medium' | 'low' | null;
  measure?: string | null; owner: string; deadline?: string | null; evidence?: string | null; taskId?: number | null;
}

const itemView = (r: any, today: string) => ({
  id: r.id, regionCode: r.region_code, regionName: r.region_name, year: r.year, list: r.list, title: r.title, detail: r.detail, level: r.level,
  measure: r.measure, owner: r.owner, deadline: r.deadline, evidence: r.evidence, taskId: r.task_id, status: r.status, closeReason: r.close_reason,
  closedAt: r.closed_at ? new Date(r.closed_at).toISOString() : null, version: r.version,
  overdue: r.status !== 'closed' && !!r.deadline && r.deadline < today,
});

function checkItem(b: Partial<ItemInput>, list: ListKind) {
  if (list === 'risk' && !b.level) throw fieldError('level', 'field.required');
  if (list === 'problem' && !b.deadline) throw fieldError('deadline', 'field.required');
}

export async function listItems(db: Queryable, actor: Actor, f: { region?: string; year?: number; list?: ListKind; status?: ItemStatus; q?: string; sort?: string },
  page: number, pageSize: number, today: string) {
  const where = new Where();
  limitToRegionScope(actor, where, 's.region_code');
  if (f.region) where.add('s.region_code IN (SELECT region_subtree($?))', f.region);
  if (f.year) where.add('s.year = $?', f.year);
  if (f.list) where.add('s.list = $?', f.list);
  if (f.status) where.add('s.status = $?', f.status);
  if (f.q) { const p = likePattern(f.q); where.add('(s.title ILIKE $? OR s.owner ILIKE $?)', p, p); }
  const { rows: [{ total }] } = await db.query(`SELECT count(*)::int AS total FROM supervision_item s ${where}`, where.params);
  const { rows } = await db.query(
    `SELECT s.*, r.name AS region_name FROM supervision_item s JOIN region r ON r.code = s.region_code ${where}
     ${orderBy(f.sort, { deadline: 's.deadline', level: `array_position(ARRAY['high','medium','low'], s.level)`, status: 's.status', createdAt: 's.created_at' },
       `array_position(ARRAY['open','in_progress','closed'], s.status), s.deadline NULLS LAST`, 's.id')}
     LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`, where.params);
  return { items: rows.map((r) => itemView(r, today)), total, page, pageSize };
}

export async function createItem(db: Database, actor: Actor, audit: AuditActor, b: ItemInput) {
  await visibleRegion(db, actor, b.regionCode);
  checkItem(b, b.list);
  return db.transaction(async (tx) => {
    const { rows: [row] } = await tx.query(
      `INSERT INTO supervision_item (region_code, year, list, title, detail, level, measure, owner, deadline, evidence, task_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [b.regionCode, b.year, b.list, b.title, b.detail ?? null, b.level ?? null, b.measure ?? null, b.owner, b.deadline ?? null, b.evidence ?? null, b.taskId ?? null]);
    await recordAudit(tx, audit, { action: 'indicator.item.create', targetType: 'supervision_item', targetId: row.id, changes: diff(null, { ...b }) });
    return row.id as number;
  });
}

async function lockItem(tx: Queryable, actor: Actor, id: number) {
  const where = new Where();
  limitToRegionScope(actor, where, 's.region_code');
  where.add('s.id = $?', id);
  const { rows: [s] } = await tx.query(`SELECT s.* FROM supervision_item s ${where} FOR UPDATE`, where.params);
  if (!s) throw errors.notFound();
  return s;
}

export async function getItem(db: Queryable, actor: Actor, id: number, today: string) {
  const where = new Where();
  limitToRegionScope(actor, where, 's.region_code');
  where.add('s.id = $?', id);
  const { rows: [s] } = await db.query(`SELECT s.*, r.name AS region_name FROM supervision_item s JOIN region r ON r.code = s.region_code ${where}`, where.params);
  if (!s) throw errors.notFound();
  return itemView(s, today);
}

const ITEM_FIELDS: [keyof ItemInput, string][] = [['title', 'title'], ['detail', 'detail'], ['level', 'level'], ['measure', 'measure'], ['owner', 'owner'],
  ['deadline', 'deadline'], ['evidence', 'evidence'], ['taskId', 'task_id']];

export async function updateItem(db: Database, actor: Actor, audit: AuditActor, id: number, b: Partial<ItemInput> & { version: number }) {
  return db.transaction(async (tx) => {
    const s = await lockItem(tx, actor, id);
    if (s.version !== b.version) throw errors.staleVersion();
    if (s.status === 'closed') throw new AppError(409, 'ITEM_CLOSED');
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const sets: string[] = [];
    const params: unknown[] = [id];
    for (const [key, column] of ITEM_FIELDS) {
      if (b[key] === undefined) continue;
      before[key] = s[column];
      after[key] = b[key];
      params.push(b[key]);
      sets.push(`${column} = $${params.length}`);
    }
    checkItem({ level: s.level, deadline: s.deadline, ...after } as Partial<ItemInput>, s.list);
    await tx.query(`UPDATE supervision_item SET ${[...sets, 'updated_at = now()', 'version = version + 1'].join(', ')} WHERE id = $1`, params);
    await recordAudit(tx, audit, { action: 'indicator.item.update', targetType: 'supervision_item', targetId: id, changes: diff(before, after) });
  });
}

/** start / close (reason required; a problem also the evidence of its fix) / reopen (reason required). */
export async function moveItem(db: Database, actor: Actor, audit: AuditActor, id: number, action: 'start' | 'close' | 'reopen',
  b: { version: number; reason?: string | null; evidence?: string | null }) {
  return db.transaction(async (tx) => {
    const s = await lockItem(tx, actor, id);
    if (s.version !== b.version) throw errors.staleVersion();
    const next = transition(ITEM_WORKFLOW, action, s.status, actor.role, b.reason);
    const evidence = b.evidence?.trim() || s.evidence;
    if (action === 'close' && s.list === 'problem' && !evidence) throw fieldError('evidence', 'field.evidence');
    await tx.query(
      `UPDATE supervision_item SET status = $2, close_reason = $3, closed_at = $4, evidence = $5, updated_at = now(), version = version + 1 WHERE id = $1`,
      [id, next, action === 'close' ? b.reason!.trim() : next === 'closed' ? s.close_reason : null, action === 'close' ? new Date() : null, evidence]);
    await recordAudit(tx, audit, { action: `indicator.item.${action}`, targetType: 'supervision_item', targetId: id,
      changes: { status: { before: s.status, after: next }, ...(b.reason ? { reason: { before: null, after: b.reason } } : {}),
        ...(evidence !== s.evidence ? { evidence: { before: s.evidence, after: evidence } } : {}) } });
  });
}

export async function listCounts(db: Queryable, actor: Actor, region: string, year: number, today: string) {
  const where = new Where();
  limitToRegionScope(actor, where, 's.region_code');
  where.add('s.region_code IN (SELECT region_subtree($?))', region);
  where.add('s.year = $?', year);
  const t = where.param(today);
  const { rows } = await db.query(
    `SELECT s.list, count(*) FILTER (WHERE s.status <> 'closed')::int AS open, count(*) FILTER (WHERE s.status = 'closed')::int AS closed,
            count(*) FILTER (WHERE s.status <> 'closed' AND s.deadline < ${t}::date)::int AS overdue,
            count(*) FILTER (WHERE s.status <> 'closed' AND s.level = 'high')::int AS high
       FROM supervision_item s ${where} GROUP BY s.list`, where.params);
  const empty = { open: 0, closed: 0, overdue: 0, high: 0 };
  const by = Object.fromEntries(rows.map((r) => [r.list, { open: r.open, closed: r.closed, overdue: r.overdue, high: r.high }]));
  return { risk: by.risk ?? empty, problem: by.problem ?? empty, responsibility: by.responsibility ?? empty };
}
