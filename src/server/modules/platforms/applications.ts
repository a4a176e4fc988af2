/**
 * Certification applications (认定申请) through PLATFORM_APPLICATION_WORKFLOW: the host (an
 * enterprise or institution user) drafts one for a type and level with the type's checklist for
 * that level (platform_condition, copied with the answers on every save while the host may edit),
 * attaches files, and submits it when every required condition is met; the staff of its region
 * recommend or return it; the certifying level checks it, puts experts on it (application-
 * assignment.ts) and, once they have scored, certifies it — creating the platform, or updating the
 * one named, with status 认定 — or refuses it with reasons. Each step is a conditional update in a
 * transaction with its audit row, its timeline line and a notification.
 *
 * Scope, always in SQL: admins all; staff their region's subtree; the host its own applications.
 */
import { todayInChina } from '../../../domain/dates';
import {
  checklistProblems, decidingRegionLevel, LEVEL_NAMES, typeName, validUntil, type ChecklistItem, type PlatformApplicationStatus,
  type PlatformLevel,
} from '../../../domain/platforms';
import { panelScore, type Criterion } from '../../../domain/review/ranking';
import type { Database, Queryable } from '../../db/database';
import type { Actor, AuditActor } from '../../http/actor';
import { AppError, errors, fieldError, type FieldProblem } from '../../http/errors';
import { likePattern, orderBy, Where } from '../../http/list-query';
import { transition } from '../../workflow';
import { recordAudit } from '../audit/record';
import { notify } from '../notifications/notify';
import { HOST_EDITABLE, PLATFORM_APPLICATION_WORKFLOW, REGION_ACTIONS, type PlatformApplicationAction } from './application-workflow';
import { platformEvent, staffLevel } from './platforms';

/** Which applications (`a`) an actor may read. */
export function applicationScope(actor: Actor, where: Where): Where {
  if (actor.role === 'admin') return where;
  if (actor.role === 'staff') return where.add('a.region_code IN (SELECT region_subtree($?))', actor.regionCode);
  if (actor.role === 'enterprise' || actor.role === 'institution') return where.add('a.org_id = $?', actor.orgId);
  return where.add('false');
}

const num = (x: unknown) => (x == null ? null : Number(x));

export const applicationView = (a: Record<string, any>) => ({
  id: Number(a.id), orgId: Number(a.org_id), orgName: a.org_name, regionCode: a.region_code, regionName: a.region_name,
  platformId: num(a.platform_id), name: a.name, type: a.type_code as string, level: a.level as PlatformLevel, field: a.field, intro: a.intro,
  coHostOrgIds: ((a.co_host_org_ids ?? []) as unknown[]).map(Number), checklist: a.checklist as ChecklistItem[], criteria: a.criteria as Criterion[],
  expertsRequired: a.experts_required, status: a.status as PlatformApplicationStatus, submittedAt: a.submitted_at, score: num(a.score),
  decisionReason: a.decision_reason, certificateNo: a.certificate_no, certifiedOn: a.certified_on, validUntil: a.valid_until,
  attachments: Number(a.attachments ?? 0), experts: { active: Number(a.active ?? 0), submitted: Number(a.submitted ?? 0) },
  createdAt: a.created_at, updatedAt: a.updated_at, version: a.version,
});
export type ApplicationView = ReturnType<typeof applicationView>;

const SELECT = `SELECT a.*, a.certified_on::text AS certified_on, a.valid_until::text AS valid_until, o.name AS org_name, r.name AS region_name,
    (SELECT count(*) FROM platform_application_attachment f WHERE f.application_id = a.id) AS attachments,
    (SELECT count(*) FROM platform_application_assignment x WHERE x.application_id = a.id AND x.status <> 'declined') AS active,
    (SELECT count(*) FROM platform_application_assignment x WHERE x.application_id = a.id AND x.status = 'submitted') AS submitted
  FROM platform_application a JOIN organization o ON o.id = a.org_id JOIN region r ON r.code = a.region_code`;

export interface ApplicationFilters { q?: string; status?: string; type?: string; level?: string; regionCode?: string; sort?: string }

export async function listApplications(db: Queryable, actor: Actor, f: ApplicationFilters, page: number, pageSize: number) {
  const where = applicationScope(actor, new Where());
  // staff never see the hosts' drafts
  if (actor.role === 'staff' || actor.role === 'admin') where.add(`a.status <> 'draft'`);
  if (f.q) { const t = likePattern(f.q); where.add('(a.name ILIKE $? OR o.name ILIKE $?)', t, t); }
  if (f.status) where.add('a.status = $?', f.status);
  if (f.type) where.add('a.type_code = $?', f.type);
  if (f.level) where.add('a.level = $?', f.level);
  if (f.regionCode) where.add('a.region_code IN (SELECT region_subtree($?))', f.regionCode);
  const order = orderBy(f.sort, { submittedAt: 'a.submitted_at', name: 'a.name', score: 'a.score', updatedAt: 'a.updated_at' }, 'a.updated_at DESC', 'a.id');
  const [rows, count] = await Promise.all([
    db.query(`${SELECT} ${where} ${order} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`, where.params),
    db.query(`SELECT count(*)::int AS n FROM platform_application a JOIN organization o ON o.id = a.org_id ${where}`, where.params),
  ]);
  return { items: rows.rows.map(applicationView), total: count.rows[0].n, page, pageSize };
}

/**
 * One application with its timeline. Staff also get the panel (experts, statuses, scores,
 * opinions); the host gets the opinions without names once decided, and nothing of the panel before.
 */
export async function getApplication(db: Queryable, actor: Actor, id: number) {
  const where = applicationScope(actor, new Where()).add('a.id = $?', id);
  if (actor.role === 'staff') where.add(`a.status <> 'draft'`);
  const { rows: [a] } = await db.query(`${SELECT} ${where}`, where.params);
  if (!a) throw errors.notFound();
  const view = applicationView(a);
  const [events, panel, coHosts] = await Promise.all([
    db.query('SELECT id, action, from_status, to_status, comment, actor_name, at FROM platform_application_event WHERE application_id = $1 ORDER BY at, id', [id]),
    db.query(`SELECT x.id, x.expert_id, p.name, p.org_name, p.title, x.status, x.method, x.conflict_reason, x.scores, x.comment, x.total, x.submitted_at
                FROM platform_application_assignment x JOIN expert p ON p.id = x.expert_id WHERE x.application_id = $1 ORDER BY x.id`, [id]),
    db.query('SELECT id, name FROM organization WHERE id = ANY($1::bigint[]) ORDER BY name', [view.coHostOrgIds]),
  ]);
  const staff = actor.role === 'admin' || actor.role === 'staff';
  const decided = view.status === 'certified' || view.status === 'refused';
  const submitted = panel.rows.filter((r) => r.status === 'submitted');
  return {
    ...view,
    coHosts: coHosts.rows.map((o) => ({ id: Number(o.id), name: o.name })),
    events: events.rows.map((e) => ({ id: Number(e.id), action: e.action, fromStatus: e.from_status, toStatus: e.to_status, comment: e.comment, actorName: e.actor_name, at: e.at })),
    panelScore: staff || decided ? panelScore(submitted.map((r) => Number(r.total)), false).score : null,
    assignments: staff ? panel.rows.map((r) => ({ id: Number(r.id), expertId: Number(r.expert_id), expertName: r.name, expertOrg: r.org_name, expertTitle: r.title,
      status: r.status, method: r.method, conflictReason: r.conflict_reason, scores: r.scores, comment: r.comment, total: num(r.total), submittedAt: r.submitted_at })) : [],
    opinions: !staff && decided ? submitted.map((r) => r.comment as string) : [],
  };
}

/** The type's conditions for a level, with the applicant's answers where given. */
async function checklistFor(db: Queryable, type: string, level: PlatformLevel, answers: { code: string; value: boolean | number | null; note?: string }[]): Promise<ChecklistItem[]> {
  const { rows } = await db.query(
    `SELECT DISTINCT ON (code) code, text_zh, text_en, answer, min_value, unit_zh, unit_en, required, seq FROM platform_condition
      WHERE type_code = $1 AND active AND (level IS NULL OR level = $2) ORDER BY code, (level IS NULL), seq`, [type, level]);
  rows.sort((x, y) => x.seq - y.seq || String(x.code).localeCompare(y.code));
  const given = new Map(answers.map((x) => [x.code, x]));
  for (const code of given.keys()) if (!rows.some((r) => r.code === code)) throw fieldError(`checklist.${code}`, 'field.invalid_option');
  return rows.map((r) => {
    const g = given.get(r.code);
    const value = g?.value ?? null;
    if (value != null && (r.answer === 'yes_no' ? typeof value !== 'boolean' : typeof value !== 'number')) throw fieldError(`checklist.${r.code}`, 'field.invalid');
    return { code: r.code, textZh: r.text_zh, textEn: r.text_en, answer: r.answer, min: num(r.min_value), unitZh: r.unit_zh, unitEn: r.unit_en,
      required: r.required, value, ...(g?.note ? { note: g.note.slice(0, 500) } : {}) };
  });
}

function assertChecklistMet(items: ChecklistItem[]) {
  const problems = checklistProblems(items);
  if (!problems.length) return;
  const fields: Record<string, FieldProblem> = {};
  for (const p of problems) {
    const it = items.find((x) => x.code === p.code)!;
    fields[`checklist.${p.code}`] = { key: p.problem === 'missing' ? 'field.platform.condition_missing' : 'field.platform.condition_not_met',
      params: { condition: it.textZh, conditionEn: it.textEn, min: it.min ?? '' } };
  }
  throw new AppError(400, 'VALIDATION_FAILED', {}, fields);
}

export interface ApplicationInput {
  name: string; type: string; level: PlatformLevel; field?: string; intro?: string; coHostOrgIds?: number[]; platformId?: number | null;
  checklist?: { code: string; value: boolean | number | null; note?: string }[];
}

/** The host's own organisation (approved), its region, and the platform named (it must host it, and it must not be revoked). */
async function hostContext(db: Queryable, actor: Actor, b: ApplicationInput) {
  if (actor.role !== 'enterprise' && actor.role !== 'institution') throw errors.forbidden();
  const { rows: [o] } = await db.query(`SELECT id, region_code FROM organization WHERE id = $1 AND status = 'approved'`, [actor.orgId]);
  if (!o) throw errors.forbidden();
  const coHosts = [...new Set(b.coHostOrgIds ?? [])];
  if (coHosts.includes(Number(o.id))) throw fieldError('coHostOrgIds', 'field.platform.co_host_lead');
  if (coHosts.length) {
    const { rows: [c] } = await db.query(`SELECT count(*)::int AS n FROM organization WHERE id = ANY($1::bigint[]) AND status = 'approved'`, [coHosts]);
    if (c.n !== coHosts.length) throw fieldError('coHostOrgIds', 'field.organization.unknown');
  }
  if (b.platformId != null) {
    const { rows: [p] } = await db.query(`SELECT id, type_code FROM platform WHERE id = $1 AND host_org_id = $2 AND status <> 'revoked'`, [b.platformId, o.id]);
    if (!p || p.type_code !== b.type) throw fieldError('platformId', 'field.platform.not_own');
  }
  return { orgId: Number(o.id), regionCode: o.region_code as string, coHosts };
}

async function event(tx: Queryable, id: number, action: string, from: string | null, to: string, actor: Actor, comment?: string | null) {
  await tx.query(`INSERT INTO platform_application_event (application_id, action, from_status, to_status, comment, actor_id, actor_name) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [id, action, from, to, comment ?? null, actor.id, actor.displayName]);
}

/** The staff nearest the host: its own region's and its city's (who recommend). */
async function regionStaff(tx: Queryable, regionCode: string): Promise<number[]> {
  const { rows } = await tx.query(`SELECT id FROM app_user WHERE role = 'staff' AND status = 'active' AND region_code IN ($1, substr($1, 1, 4) || '00')`, [regionCode]);
  return rows.map((r) => Number(r.id));
}

/** The staff of the certifying level above the host's region: the city's for city platforms, the province's otherwise. */
async function certifyingStaff(tx: Queryable, regionCode: string, level: PlatformLevel): Promise<number[]> {
  const code = decidingRegionLevel(level) === 2 ? `${regionCode.slice(0, 4)}00` : `${regionCode.slice(0, 2)}0000`;
  const { rows } = await tx.query(`SELECT id FROM app_user WHERE role = 'staff' AND status = 'active' AND region_code = $1`, [code]);
  return rows.map((r) => Number(r.id));
}

/** A draft (or, with `submit`, a submitted application) of the host. */
export async function createApplication(db: Database, actor: Actor, audit: AuditActor, b: ApplicationInput & { submit?: boolean }): Promise<number> {
  const host = await hostContext(db, actor, b);
  const checklist = await checklistFor(db, b.type, b.level, b.checklist ?? []);
  const id = await db.transaction(async (tx) => {
    const { rows: [a] } = await tx.query(
      `INSERT INTO platform_application (org_id, region_code, platform_id, name, type_code, level, field, intro, co_host_org_ids, checklist, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [host.orgId, host.regionCode, b.platformId ?? null, b.name.trim(), b.type, b.level, b.field ?? '', b.intro ?? '', host.coHosts, JSON.stringify(checklist), actor.id]);
    const newId = Number(a.id);
    await event(tx, newId, 'create', null, 'draft', actor);
    await recordAudit(tx, audit, { action: 'platform.application.create', targetType: 'platform_application', targetId: newId,
      changes: { name: { before: null, after: b.name.trim() }, type: { before: null, after: b.type }, level: { before: null, after: b.level } } });
    return newId;
  });
  if (b.submit) {
    const { rows: [a] } = await db.query('SELECT version FROM platform_application WHERE id = $1', [id]);
    await submitApplication(db, actor, audit, id, a.version);
  }
  return id;
}

async function lockOwn(tx: Queryable, actor: Actor, id: number) {
  if (actor.role !== 'enterprise' && actor.role !== 'institution') throw errors.forbidden();
  const { rows: [a] } = await tx.query('SELECT * FROM platform_application a WHERE a.id = $1 AND a.org_id = $2 FOR UPDATE', [id, actor.orgId]);
  if (!a) throw errors.notFound();
  return a;
}

/** The host changes a draft or a returned application (the checklist is rebuilt from the current conditions). */
export async function updateApplication(db: Database, actor: Actor, audit: AuditActor, id: number, b: ApplicationInput & { version: number }) {
  const host = await hostContext(db, actor, b);
  const checklist = await checklistFor(db, b.type, b.level, b.checklist ?? []);
  await db.transaction(async (tx) => {
    const a = await lockOwn(tx, actor, id);
    if (a.version !== b.version) throw errors.staleVersion();
    if (!HOST_EDITABLE.includes(a.status)) throw new AppError(409, 'INVALID_TRANSITION', { from: a.status });
    await tx.query(
      `UPDATE platform_application SET platform_id = $2, name = $3, type_code = $4, level = $5, field = $6, intro = $7, co_host_org_ids = $8, checklist = $9,
              updated_at = now(), version = version + 1 WHERE id = $1`,
      [id, b.platformId ?? null, b.name.trim(), b.type, b.level, b.field ?? '', b.intro ?? '', host.coHosts, JSON.stringify(checklist)]);
    await recordAudit(tx, audit, { action: 'platform.application.update', targetType: 'platform_application', targetId: id,
      changes: { name: { before: a.name, after: b.name.trim() }, level: { before: a.level, after: b.level }, checklist: { before: a.checklist, after: checklist } } });
  });
}

/** Submits (again): every required condition met; the type's rubric and panel size are copied now. */
export async function submitApplication(db: Database, actor: Actor, audit: AuditActor, id: number, version?: number) {
  return db.transaction(async (tx) => {
    const a = await lockOwn(tx, actor, id);
    if (version != null && a.version !== version) throw errors.staleVersion();
    const to = transition(PLATFORM_APPLICATION_WORKFLOW, 'submit', a.status, actor.role);
    assertChecklistMet(a.checklist);
    const { rows: [t] } = await tx.query('SELECT review_criteria, experts_per_review FROM platform_type WHERE code = $1', [a.type_code]);
    await tx.query(`UPDATE platform_application SET status = $2, criteria = $3, experts_required = $4, submitted_at = now(), updated_at = now(), version = version + 1
                     WHERE id = $1`, [id, to, JSON.stringify(t.review_criteria), t.experts_per_review]);
    await event(tx, id, 'submit', a.status, to, actor);
    await recordAudit(tx, audit, { action: 'platform.application.submit', targetType: 'platform_application', targetId: id, changes: { status: { before: a.status, after: to } } });
    await notify(tx, { userIds: await regionStaff(tx, a.region_code), kind: 'platform.application.submitted', link: `/platforms/applications/${id}`,
      title: [`创新平台认定申请待推荐：${a.name}`, `Platform certification to recommend: ${a.name}`],
      body: [`${LEVEL_NAMES[a.level as PlatformLevel][0]}${typeName(a.type_code)}`, `${LEVEL_NAMES[a.level as PlatformLevel][1]} ${typeName(a.type_code, 'en')}`] });
    return { id, status: to };
  });
}

export async function withdrawApplication(db: Database, actor: Actor, audit: AuditActor, id: number) {
  return db.transaction(async (tx) => {
    const a = await lockOwn(tx, actor, id);
    const to = transition(PLATFORM_APPLICATION_WORKFLOW, 'withdraw', a.status, actor.role);
    await tx.query('UPDATE platform_application SET status = $2, updated_at = now(), version = version + 1 WHERE id = $1', [id, to]);
    await event(tx, id, 'withdraw', a.status, to, actor);
    await recordAudit(tx, audit, { action: 'platform.application.withdraw', targetType: 'platform_application', targetId: id, changes: { status: { before: a.status, after: to } } });
    return { id, status: to };
  });
}

/**
 * Staff's row lock for an action: in their subtree, never a draft; for anything but the region's
 * own steps (recommend, and return before recommendation), staff at the certifying level.
 */
export async function lockForStaff(tx: Queryable, actor: Actor, id: number, action: PlatformApplicationAction | 'assign') {
  if (actor.role !== 'staff' && actor.role !== 'admin') throw errors.forbidden();
  const where = applicationScope(actor, new Where()).add('a.id = $?', id).add(`a.status <> 'draft'`);
  const { rows: [a] } = await tx.query(`SELECT a.* FROM platform_application a ${where} FOR UPDATE`, where.params);
  if (!a) throw errors.notFound();
  const regional = REGION_ACTIONS.includes(action as PlatformApplicationAction) || (action === 'return' && a.status === 'submitted');
  if (!regional && (await staffLevel(tx, actor)) > decidingRegionLevel(a.level)) throw new AppError(403, 'PLATFORM_LEVEL_AUTHORITY');
  return a;
}

const HOST_MESSAGES: Partial<Record<PlatformApplicationAction, [string, string]>> = {
  recommend: ['已获推荐，进入形式审查', 'recommended; formal check next'],
  return: ['被退回修改', 'returned for changes'],
  formal_pass: ['通过形式审查，进入专家评审', 'passed the formal check; expert review next'],
  formal_fail: ['未通过形式审查，不予认定', 'failed the formal check and was refused'],
  refuse: ['不予认定', 'was refused'],
};

/** recommend / return / formal_pass / formal_fail / refuse by staff; a comment where the workflow requires one. */
export async function actOnApplication(db: Database, actor: Actor, audit: AuditActor, id: number,
  action: 'recommend' | 'return' | 'formal_pass' | 'formal_fail' | 'refuse', comment?: string | null) {
  return db.transaction(async (tx) => {
    const a = await lockForStaff(tx, actor, id, action);
    const to = transition(PLATFORM_APPLICATION_WORKFLOW, action, a.status, actor.role, comment);
    const reason = comment?.trim() || null;
    const decided = to === 'refused';
    const { rowCount } = await tx.query(
      `UPDATE platform_application SET status = $2, updated_at = now(), version = version + 1,
              recommended_by = CASE WHEN $3 = 'recommend' THEN $4::bigint ELSE recommended_by END, recommended_at = CASE WHEN $3 = 'recommend' THEN now() ELSE recommended_at END,
              checked_by = CASE WHEN $3 IN ('formal_pass', 'formal_fail') THEN $4::bigint ELSE checked_by END, checked_at = CASE WHEN $3 IN ('formal_pass', 'formal_fail') THEN now() ELSE checked_at END,
              decided_by = CASE WHEN $5 THEN $4::bigint ELSE decided_by END, decided_at = CASE WHEN $5 THEN now() ELSE decided_at END,
              decision_reason = CASE WHEN $5 OR $3 = 'return' THEN $6 ELSE decision_reason END
        WHERE id = $1 AND status = $7`, [id, to, action, actor.id, decided, reason, a.status]);
    if (!rowCount) throw new AppError(409, 'INVALID_TRANSITION', { from: a.status });
    await event(tx, id, action, a.status, to, actor, reason);
    await recordAudit(tx, audit, { action: `platform.application.${action}`, targetType: 'platform_application', targetId: id,
      changes: { status: { before: a.status, after: to }, ...(reason ? { comment: { before: null, after: reason } } : {}) } });
    const [zh, en] = HOST_MESSAGES[action]!;
    await notify(tx, { orgId: Number(a.org_id), kind: `platform.application.${action}`, link: `/platforms/applications/${id}`,
      title: [`创新平台认定申请${zh}：${a.name}`, `Platform certification ${en}: ${a.name}`], body: [reason ?? '', reason ?? ''] });
    if (action === 'recommend') {
      await notify(tx, { userIds: await certifyingStaff(tx, a.region_code, a.level), kind: 'platform.application.recommended', link: `/platforms/applications/${id}`,
        title: [`创新平台认定申请待形式审查：${a.name}`, `Platform certification to check: ${a.name}`], body: ['', ''] });
    }
    return { id, status: to };
  });
}

/** Moves an application between under_review and reviewed as its panel submits (all active experts submitted, at least one). */
export async function refreshApplicationStatus(tx: Queryable, id: number, actor: Actor): Promise<void> {
  const { rows: [a] } = await tx.query('SELECT status FROM platform_application WHERE id = $1 FOR UPDATE', [id]);
  const { rows: [p] } = await tx.query(
    `SELECT count(*) FILTER (WHERE status = 'submitted')::int AS submitted, count(*) FILTER (WHERE status IN ('assigned', 'declared'))::int AS pending,
            coalesce(array_agg(total) FILTER (WHERE status = 'submitted'), '{}') AS totals
       FROM platform_application_assignment WHERE application_id = $1`, [id]);
  let next: PlatformApplicationStatus = a.status;
  if (a.status === 'formal_passed' && p.pending + p.submitted > 0) next = 'under_review';
  if ((a.status === 'under_review' || next === 'under_review') && p.submitted > 0 && p.pending === 0) next = 'reviewed';
  if (a.status === 'reviewed' && p.pending > 0) next = 'under_review';
  if (next === a.status) return;
  const score = next === 'reviewed' ? panelScore((p.totals as unknown[]).map(Number), false).score : null;
  await tx.query('UPDATE platform_application SET status = $2, score = $3, updated_at = now(), version = version + 1 WHERE id = $1', [id, next, score]);
  await event(tx, id, next === 'reviewed' ? 'finish_review' : 'start_review', a.status, next, actor);
}

/**
 * 认定: from reviewed, once (the row lock and the conditional update let one of many simultaneous
 * clicks through; the rest answer 409). Creates the platform (or raises the one named) with status
 * 认定, the number, the date and the term (the type's validity unless given), and tells the host.
 */
export async function certifyApplication(db: Database, actor: Actor, audit: AuditActor, id: number,
  b: { certificateNo: string; certifiedOn?: string | null; validUntil?: string | null; authority?: string | null; comment?: string | null }, today = todayInChina()) {
  const certifiedOn = b.certifiedOn ?? today;
  if (certifiedOn > today) throw fieldError('certifiedOn', 'field.platform.future');
  if (b.validUntil && b.validUntil < certifiedOn) throw fieldError('validUntil', 'field.invalid');
  return db.transaction(async (tx) => {
    const a = await lockForStaff(tx, actor, id, 'certify');
    const to = transition(PLATFORM_APPLICATION_WORKFLOW, 'certify', a.status, actor.role);
    const { rows: [t] } = await tx.query('SELECT validity_years FROM platform_type WHERE code = $1', [a.type_code]);
    const until = b.validUntil ?? validUntil(certifiedOn, t.validity_years);
    const authority = b.authority?.trim() || (await authorityName(tx, actor));
    let platformId = num(a.platform_id);
    if (platformId) {
      const { rows: [old] } = await tx.query('SELECT status, level FROM platform WHERE id = $1 FOR UPDATE', [platformId]);
      await tx.query(
        `UPDATE platform SET level = $2, status = 'certified', certified_on = $3, certificate_no = $4, valid_until = $5, authority = $6, revoked_on = NULL,
                status_reason = NULL, updated_at = now(), version = version + 1 WHERE id = $1`, [platformId, a.level, certifiedOn, b.certificateNo.trim(), until, authority]);
      await platformEvent(tx, { platformId, action: 'certify', from: old.status, to: 'certified', level: a.level, on: certifiedOn, comment: b.certificateNo.trim(), actor });
    } else {
      const { rows: [p] } = await tx.query(
        `INSERT INTO platform (name, type_code, level, status, host_org_id, region_code, field, intro, authority, certified_on, certificate_no, valid_until, source, created_by)
         VALUES ($1, $2, $3, 'certified', $4, $5, $6, $7, $8, $9, $10, $11, 'workflow', $12) RETURNING id`,
        [a.name, a.type_code, a.level, a.org_id, a.region_code, a.field, a.intro, authority, certifiedOn, b.certificateNo.trim(), until, actor.id])
        .catch((e) => { if (e.code === '23505') throw new AppError(409, 'PLATFORM_EXISTS'); throw e; });
      platformId = Number(p.id);
      await tx.query(`INSERT INTO platform_host (platform_id, org_id, is_lead) SELECT $1::bigint, $2::bigint, true UNION ALL SELECT $1::bigint, unnest($3::bigint[]), false`,
        [platformId, a.org_id, a.co_host_org_ids]);
      await platformEvent(tx, { platformId, action: 'certify', from: null, to: 'certified', level: a.level, on: certifiedOn, comment: b.certificateNo.trim(), actor });
    }
    const { rowCount } = await tx.query(
      `UPDATE platform_application SET status = $2, platform_id = $3, certificate_no = $4, certified_on = $5, valid_until = $6, decided_by = $7, decided_at = now(),
              decision_reason = $8, updated_at = now(), version = version + 1 WHERE id = $1 AND status = 'reviewed'`,
      [id, to, platformId, b.certificateNo.trim(), certifiedOn, until, actor.id, b.comment?.trim() || null]);
    if (!rowCount) throw new AppError(409, 'INVALID_TRANSITION', { from: a.status });
    await event(tx, id, 'certify', a.status, to, actor, b.certificateNo.trim());
    await recordAudit(tx, audit, { action: 'platform.application.certify', targetType: 'platform_application', targetId: id,
      changes: { status: { before: a.status, after: to }, platformId: { before: num(a.platform_id), after: platformId }, certificateNo: { before: null, after: b.certificateNo.trim() },
        certifiedOn: { before: null, after: certifiedOn }, validUntil: { before: null, after: until } } });
    const [lvZh, lvEn] = LEVEL_NAMES[a.level as PlatformLevel];
    await notify(tx, { orgId: Number(a.org_id), kind: 'platform.application.certify', link: `/platforms/${platformId}`,
      title: [`创新平台已认定：${a.name}`, `Platform certified: ${a.name}`],
      body: [`${lvZh}${typeName(a.type_code)}，认定文号 ${b.certificateNo.trim()}${until ? `，有效期至 ${until}` : ''}。`,
        `${lvEn} ${typeName(a.type_code, 'en')}, document ${b.certificateNo.trim()}${until ? `, valid until ${until}` : ''}.`] });
    return { id, status: to, platformId, certifiedOn, validUntil: until };
  });
}

/** The bureau's name for the certificate: 甘肃省科学技术厅 for the province, otherwise 〈region〉科学技术局. */
async function authorityName(tx: Queryable, actor: Actor): Promise<string> {
  if (!actor.regionCode) return '';
  const { rows: [r] } = await tx.query('SELECT name, level FROM region WHERE code = $1', [actor.regionCode]);
  if (!r) return '';
  return r.level === 1 ? `${r.name}科学技术厅` : `${r.name}科学技术局`;
}

