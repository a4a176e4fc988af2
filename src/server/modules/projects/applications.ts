/**
 * 项目申报: an enterprise or institution fills a call's form (members, partners, budget table),
 * saves drafts, submits before the closing time (after it: 409 CALL_CLOSED, nothing changes),
 * withdraws before formal check; the county bureau recommends where the call asks it; the call's
 * bureau checks form, decides, publishes the 公示, signs the task contract and pays tranches.
 * Scope in SQL: staff their subtree (a city sees its counties' applications once recommended),
 * applicants their organisation's, experts none here (they read their assignments).
 */
import { todayInChina } from '../../../domain/dates';
import { formatMoney } from '../../../domain/money';
import type { Database, Queryable } from '../../db/database';
import type { Actor, AuditActor } from '../../http/actor';
import { AppError, errors, fieldError } from '../../http/errors';
import { likePattern, orderBy, Where } from '../../http/list-query';
import { transition } from '../../workflow';
import { diff, recordAudit } from '../audit/record';
import { workingDeadline } from '../calendar/service';
import { notify } from '../notifications/notify';
import { listApplicationFiles, submissionProblems } from './attachments';
import { CALL_STATE_SQL, lockManagedCall } from './calls';
import { listChanges } from './changes';
import { APPLICATION_WORKFLOW, FUNDED_STATUSES, type ApplicationAction, type ApplicationStatus } from './workflow';

export const BUDGET_CATEGORIES = ['equipment', 'materials', 'testing', 'fuel', 'travel', 'publication', 'labour', 'consultation', 'indirect'] as const;

export interface MemberInput { name: string; orgName: string; role: string; expertId?: number | null; idNumber?: string | null }
export interface ApplicationInput {
  callId: number; title: string; field: string; summary: string; requestedAmount: number; ownFunds?: number;
  members: MemberInput[]; partnerOrgIds: number[]; formData?: Record<string, unknown>;
  budget?: { category: (typeof BUDGET_CATEGORIES)[number]; own: number; requested: number }[]; reserveItemId?: number | null;
}

/**
 * Applications an actor may read, in SQL. `a` is the application, `c` its call. Where the call asks
 * for recommendation, the call's bureau (and those above it) sees a county's application only once
 * its county bureau has recommended it since it was last submitted.
 */
export function applicationScope(actor: Actor, where: Where): Where {
  if (actor.role === 'admin') return where.add(`a.status <> 'draft'`);
  if (actor.role === 'enterprise' || actor.role === 'institution') return where.add('a.org_id = $?', actor.orgId);
  if (actor.role === 'staff') {
    const root = where.param(actor.regionCode);
    return where.add(`a.status <> 'draft' AND (a.region_code IN (SELECT region_subtree(${root})) OR c.region_code IN (SELECT region_subtree(${root})))
      AND (NOT a.needs_recommendation OR c.region_code NOT IN (SELECT region_subtree(${root}))
           OR EXISTS (SELECT 1 FROM application_event e WHERE e.application_id = a.id AND e.action = 'recommend' AND e.at >= a.submitted_at))`);
  }
  return where.add('FALSE');
}

const APP_FROM = `FROM application a JOIN call c ON c.id = a.call_id JOIN organization o ON o.id = a.org_id JOIN region r ON r.code = a.region_code`;
const APP_COLUMNS = `a.id, a.call_id, c.title AS call_title, c.year AS call_year, a.org_id, o.name AS org_name, a.region_code, r.name AS region_name,
  a.title, a.field, a.summary, a.requested_amount, a.own_funds, a.status, a.needs_recommendation, a.submitted_at, a.approved_amount,
  a.notice_from, a.notice_until, a.acceptance, a.created_at, a.updated_at, a.version, ${CALL_STATE_SQL} AS call_state,
  (SELECT (CASE WHEN c.drop_extremes AND count(*) >= 5 THEN (sum(ra.total) - max(ra.total) - min(ra.total)) / (count(*) - 2) ELSE avg(ra.total) END)::float
     FROM review_assignment ra WHERE ra.application_id = a.id AND ra.status = 'submitted') AS mean_score,
  (SELECT count(*)::int FROM review_assignment ra WHERE ra.application_id = a.id AND ra.status = 'submitted') AS reviews_submitted,
  (SELECT count(*)::int FROM review_assignment ra WHERE ra.application_id = a.id AND ra.status <> 'declined') AS reviews_assigned,
  (SELECT coalesce(sum(t.amount), 0) FROM funding_tranche t WHERE t.application_id = a.id) AS paid`;

function summaryView(a: Record<string, any>, actor: Actor) {
  const staff = actor.role === 'admin' || actor.role === 'staff';
  return {
    id: Number(a.id), callId: Number(a.call_id), callTitle: a.call_title, callYear: a.call_year, orgId: Number(a.org_id), orgName: a.org_name,
    regionCode: a.region_code, regionName: a.region_name, title: a.title, field: a.field, summary: a.summary,
    requestedAmount: Number(a.requested_amount), ownFunds: Number(a.own_funds), status: a.status as ApplicationStatus,
    needsRecommendation: a.needs_recommendation, submittedAt: a.submitted_at, approvedAmount: a.approved_amount == null ? null : Number(a.approved_amount),
    noticeFrom: a.notice_from, noticeUntil: a.notice_until, acceptance: a.acceptance, createdAt: a.created_at, updatedAt: a.updated_at, version: a.version,
    callState: a.call_state, paid: Number(a.paid),
    // scores are the bureau's until results are out
    meanScore: staff && a.mean_score != null ? Math.round(a.mean_score * 100) / 100 : null,
    reviewsSubmitted: staff ? a.reviews_submitted : null, reviewsAssigned: staff ? a.reviews_assigned : null,
  };
}
export type ApplicationSummary = ReturnType<typeof summaryView>;

export interface ApplicationFilters { callId?: number; status?: string; q?: string; regionCode?: string; sort?: string }
const SORTS = { title: 'a.title', submittedAt: 'a.submitted_at', requestedAmount: 'a.requested_amount', status: 'a.status', score: 'mean_score', orgName: 'o.name' };

export async function listApplications(db: Queryable, actor: Actor, f: ApplicationFilters, page: number, pageSize: number) {
  const where = applicationScope(actor, new Where());
  if (f.callId) where.add('a.call_id = $?', f.callId);
  if (f.status) where.add('a.status = ANY($?::text[])', f.status.split(','));
  if (f.q) { const t = likePattern(f.q); where.add('(a.title ILIKE $? OR o.name ILIKE $?)', t, t); }
  if (f.regionCode) where.add('a.region_code IN (SELECT region_subtree($?))', f.regionCode);
  const order = orderBy(f.sort, SORTS, 'a.submitted_at DESC NULLS FIRST', 'a.id');
  const [rows, count] = await Promise.all([
    db.query(`SELECT ${APP_COLUMNS} ${APP_FROM} ${where} ${order} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`, where.params),
    db.query(`SELECT count(*)::int AS n ${APP_FROM} ${where}`, where.params),
  ]);
  return { items: rows.rows.map((a) => summaryView(a, actor)), total: count.rows[0].n, page, pageSize };
}

export async function getApplication(db: Queryable, actor: Actor, id: number) {
  const where = applicationScope(actor, new Where()).add('a.id = $?', id);
  const { rows: [a] } = await db.query(`SELECT ${APP_COLUMNS}, a.form_data, a.budget, a.contract, c.results_out ${APP_FROM} ${where}`, where.params);
  if (!a) throw errors.notFound();
  const [members, partners, events, tranches, files, changes] = await Promise.all([
    db.query('SELECT * FROM application_member WHERE application_id = $1 ORDER BY seq', [id]),
    db.query('SELECT o.id, o.name FROM application_partner p JOIN organization o ON o.id = p.org_id WHERE p.application_id = $1 ORDER BY o.name', [id]),
    db.query('SELECT * FROM application_event WHERE application_id = $1 ORDER BY at, id', [id]),
    db.query('SELECT id, amount, paid_on, note FROM funding_tranche WHERE application_id = $1 ORDER BY paid_on, id', [id]),
    listApplicationFiles(db, id),
    listChanges(db, id),
  ]);
  return {
    ...summaryView(a, actor), formData: a.form_data, budget: a.budget, contract: a.contract,
    members: members.rows.map((m) => ({ name: m.name, orgName: m.org_name, role: m.role, expertId: m.expert_id == null ? null : Number(m.expert_id),
      idNumber: m.id_number_tail ? `${'*'.repeat(14)}${m.id_number_tail}` : null })),
    partners: partners.rows.map((p) => ({ id: Number(p.id), name: p.name })),
    // the timeline: who acted is shown to staff; applicants see the bureau, never an expert
    timeline: events.rows.map((e) => ({ action: e.action, from: e.from_status, to: e.to_status, comment: e.comment, at: e.at,
      actor: actor.role === 'admin' || actor.role === 'staff' ? e.actor_name : null })),
    tranches: tranches.rows.map((t) => ({ id: Number(t.id), amount: Number(t.amount), paidOn: t.paid_on, note: t.note })),
    attachments: files, changes,
  };
}

async function checkApplicationInput(db: Queryable, b: Omit<ApplicationInput, 'callId'>) {
  const partners = [...new Set(b.partnerOrgIds)];
  if (partners.length) {
    const { rows } = await db.query(`SELECT id FROM organization WHERE id = ANY($1::bigint[]) AND status = 'approved'`, [partners]);
    if (rows.length !== partners.length) throw fieldError('partnerOrgIds', 'field.organization.unknown');
  }
  const experts = [...new Set(b.members.map((m) => m.expertId).filter((x): x is number => x != null))];
  if (experts.length) {
    const { rows } = await db.query('SELECT id FROM expert WHERE id = ANY($1::bigint[])', [experts]);
    if (rows.length !== experts.length) throw fieldError('members', 'field.expert.unknown');
  }
  return partners;
}

async function writeParts(tx: Queryable, id: number, b: Omit<ApplicationInput, 'callId'>, partners: number[]) {
  await tx.query('DELETE FROM application_member WHERE application_id = $1', [id]);
  await tx.query('DELETE FROM application_partner WHERE application_id = $1', [id]);
  for (const [i, m] of b.members.entries()) {
    await tx.query('INSERT INTO application_member (application_id, seq, name, org_name, role, expert_id, id_number_tail) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [id, i + 1, m.name.trim(), m.orgName?.trim() ?? '', m.role?.trim() ?? '', m.expertId ?? null, m.idNumber ? m.idNumber.trim().slice(-4).toUpperCase() : null]);
  }
  if (partners.length) await tx.query('INSERT INTO application_partner (application_id, org_id) SELECT $1, unnest($2::bigint[])', [id, partners]);
}

export async function recordEvent(tx: Queryable, actor: Actor | null, applicationId: number,
  action: ApplicationAction | 'objection' | 'tranche' | 'change_request' | 'change_approve' | 'change_reject',
  from: string | null, to: string, comment: string | null = null) {
  await tx.query('INSERT INTO application_event (application_id, action, from_status, to_status, comment, actor_id, actor_name) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [applicationId, action, from, to, comment, actor?.id ?? null, actor?.displayName ?? null]);
}

export async function createApplication(db: Database, actor: Actor, audit: AuditActor, b: ApplicationInput): Promise<number> {
  if (actor.role !== 'enterprise' && actor.role !== 'institution') throw errors.forbidden();
  const { rows: [c] } = await db.query(
    `SELECT c.*, ${CALL_STATE_SQL} AS state, o.region_code AS org_region, o.kind AS org_kind,
            o.region_code IN (SELECT region_subtree(c.region_code)) AS in_region,
            (SELECT count(*)::int FROM application a WHERE a.call_id = c.id AND a.org_id = o.id AND a.status NOT IN ('withdrawn')) AS filed
       FROM call c, organization o WHERE c.id = $1 AND o.id = $2 AND c.status <> 'draft'`, [b.callId, actor.orgId]);
  if (!c) throw fieldError('callId', 'field.call.unknown');
  if (c.state === 'closed') throw new AppError(409, 'CALL_CLOSED');
  if (c.state === 'upcoming') throw new AppError(409, 'CALL_NOT_OPEN');
  if (!c.in_region || !c.eligible_kinds.includes(c.org_kind)) throw new AppError(409, 'CALL_NOT_ELIGIBLE');
  if (c.max_per_org != null && c.filed >= c.max_per_org) throw new AppError(409, 'CALL_LIMIT_REACHED', { max: c.max_per_org });
  const partners = await checkApplicationInput(db, b);
  // a county applicant to a call of a region above it, where the call asks for recommendation
  const needsRecommendation = c.requires_recommendation && c.org_region !== c.region_code;
  return db.transaction(async (tx) => {
    const { rows: [a] } = await tx.query(
      `INSERT INTO application (call_id, org_id, region_code, title, field, summary, requested_amount, own_funds, form_data, budget, needs_recommendation, reserve_item_id, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
      [b.callId, actor.orgId, c.org_region, b.title.trim(), b.field, b.summary, b.requestedAmount, b.ownFunds ?? 0, JSON.stringify(b.formData ?? {}),
        JSON.stringify(b.budget ?? []), needsRecommendation, b.reserveItemId ?? null, actor.id]);
    await writeParts(tx, a.id, b, partners);
    if (b.reserveItemId != null) {
      // a reserve item of this organisation (or of none yet) becomes this application
      const { rowCount } = await tx.query(`UPDATE reserve_item SET status = 'applied', application_id = $2, lead_org_id = $3, updated_at = now(), version = version + 1
        WHERE id = $1 AND (lead_org_id IS NULL OR lead_org_id = $3) AND status IN ('reserve', 'arguing')`, [b.reserveItemId, a.id, actor.orgId]);
      if (!rowCount) throw fieldError('reserveItemId', 'field.invalid_option');
    }
    await recordEvent(tx, actor, a.id, 'create', null, 'draft');
    await recordAudit(tx, audit, { action: 'application.create', targetType: 'application', targetId: a.id,
      changes: diff(null, { callId: b.callId, title: b.title, requestedAmount: b.requestedAmount }) });
    return Number(a.id);
  });
}

/** The application locked for an applicant's change: their own, in draft or returned, the call still open. */
async function lockOwn(tx: Queryable, actor: Actor, id: number) {
  if (actor.role !== 'enterprise' && actor.role !== 'institution') throw errors.forbidden();
  const { rows: [a] } = await tx.query(
    `SELECT a.*, ${CALL_STATE_SQL} AS call_state, c.title AS call_title, c.region_code AS call_region FROM application a JOIN call c ON c.id = a.call_id
      WHERE a.id = $1 AND a.org_id = $2 FOR UPDATE OF a`, [id, actor.orgId]);
  if (!a) throw errors.notFound();
  return a;
}

export async function updateApplication(db: Database, actor: Actor, audit: AuditActor, id: number, b: Omit<ApplicationInput, 'callId'> & { version: number }) {
  const partners = await checkApplicationInput(db, b);
  await db.transaction(async (tx) => {
    const a = await lockOwn(tx, actor, id);
    if (a.version !== b.version) throw errors.staleVersion();
    if (a.status !== 'draft' && a.status !== 'returned') throw new AppError(409, 'APPLICATION_LOCKED', { status: a.status });
    if (a.call_state === 'closed') throw new AppError(409, 'CALL_CLOSED');
    await tx.query(`UPDATE application SET title = $2, field = $3, summary = $4, requested_amount = $5, own_funds = $6, form_data = $7, budget = $8,
                    updated_at = now(), version = version + 1 WHERE id = $1`,
      [id, b.title.trim(), b.field, b.summary, b.requestedAmount, b.ownFunds ?? 0, JSON.stringify(b.formData ?? {}), JSON.stringify(b.budget ?? [])]);
    await writeParts(tx, id, b, partners);
    await recordAudit(tx, audit, { action: 'application.update', targetType: 'application', targetId: id,
      changes: diff({ title: a.title, requestedAmount: Number(a.requested_amount) }, { title: b.title, requestedAmount: b.requestedAmount }) });
  });
}

/** Moves an application along its workflow: status, version, timeline and audit in the caller's transaction. */
export async function moveApplication(tx: Queryable, actor: Actor, audit: AuditActor, a: Record<string, any>, action: Exclude<ApplicationAction, 'create'>,
  comment?: string | null, extra: { set?: string; params?: unknown[] } = {}): Promise<ApplicationStatus> {
  const to = transition(APPLICATION_WORKFLOW, action, a.status, actor.role, comment);
  const params = [a.id, to, ...(extra.params ?? [])];
  await tx.query(`UPDATE application SET status = $2${extra.set ? `, ${extra.set}` : ''}, updated_at = now(), version = version + 1 WHERE id = $1`, params);
  await recordEvent(tx, actor, Number(a.id), action, a.status, to, comment?.trim() || null);
  await recordAudit(tx, audit, { action: `application.${action}`, targetType: 'application', targetId: a.id,
    changes: { status: { before: a.status, after: to }, ...(comment ? { comment: { before: null, after: comment } } : {}) } });
  return to;
}

async function notifyApplicant(tx: Queryable, a: Record<string, any>, kind: string, title: [string, string], body: [string, string] = ['', '']) {
  await notify(tx, { orgId: Number(a.org_id), kind, link: `/projects/mine?application=${a.id}`, title, body });
}

export async function submitApplication(db: Database, actor: Actor, audit: AuditActor, id: number) {
  return db.transaction(async (tx) => {
    const a = await lockOwn(tx, actor, id);
    // the server clock decides, to the second, whatever the job that marks calls closed has done
    if (a.call_state !== 'open') throw new AppError(409, a.call_state === 'upcoming' ? 'CALL_NOT_OPEN' : 'CALL_CLOSED');
    if (a.status === 'submitted' || a.status === 'recommended') throw new AppError(409, 'ALREADY_SUBMITTED');
    const problems = await submissionProblems(tx, a);
    if (Object.keys(problems).length) throw new AppError(400, 'APPLICATION_INCOMPLETE', { count: Object.keys(problems).length }, problems);
    return moveApplication(tx, actor, audit, a, 'submit', null, { set: 'submitted_at = now()' });
  });
}

export async function withdrawApplication(db: Database, actor: Actor, audit: AuditActor, id: number, comment?: string) {
  return db.transaction(async (tx) => moveApplication(tx, actor, audit, await lockOwn(tx, actor, id), 'withdraw', comment));
}

/** The application locked for a staff action on the call's side (formal check, decision, contract…). */
export async function lockManaged(tx: Queryable, actor: Actor, id: number) {
  if (actor.role !== 'admin' && actor.role !== 'staff') throw errors.forbidden();
  const where = applicationScope(actor, new Where()).add('a.id = $?', id);
  if (actor.role === 'staff') where.add('c.region_code IN (SELECT region_subtree($?))', actor.regionCode);
  const { rows: [a] } = await tx.query(`SELECT a.*, c.title AS call_title, c.budget AS call_budget, c.notice_days, c.region_code AS call_region
    FROM application a JOIN call c ON c.id = a.call_id ${where} FOR UPDATE OF a`, where.params);
  if (!a) throw errors.notFound();
  return a;
}

/** The call of an application (unlocked, unscoped: only to take the call's lock first; scope is checked after). */
export async function callIdOf(tx: Queryable, applicationId: number): Promise<number> {
  const { rows: [a] } = await tx.query('SELECT call_id FROM application WHERE id = $1', [applicationId]);
  if (!a) throw errors.notFound();
  return Number(a.call_id);
}

/** 推荐: the applicant's county bureau (below the call's region) recommends or returns. */
export async function recommendApplication(db: Database, actor: Actor, audit: AuditActor, id: number, b: { result: 'recommend' | 'return'; comment?: string }) {
  return db.transaction(async (tx) => {
    if (actor.role !== 'admin' && actor.role !== 'staff') throw errors.forbidden();
    const where = applicationScope(actor, new Where()).add('a.id = $?', id);
    const { rows: [a] } = await tx.query(`SELECT a.* FROM application a JOIN call c ON c.id = a.call_id ${where} FOR UPDATE OF a`, where.params);
    if (!a) throw errors.notFound();
    if (!a.needs_recommendation) throw new AppError(409, 'RECOMMENDATION_NOT_NEEDED');
    const to = await moveApplication(tx, actor, audit, a, b.result === 'recommend' ? 'recommend' : 'recommend_return', b.comment);
    if (to === 'returned') await notifyApplicant(tx, a, 'project.returned', [`申报被退回：${a.title}`, `Application returned: ${a.title}`], [b.comment ?? '', b.comment ?? '']);
    return to;
  });
}

export async function formalCheck(db: Database, actor: Actor, audit: AuditActor, id: number, b: { result: 'pass' | 'return' | 'fail'; comment?: string }) {
  return db.transaction(async (tx) => {
    const a = await lockManaged(tx, actor, id);
    if (a.needs_recommendation && a.status === 'submitted') throw new AppError(409, 'RECOMMENDATION_REQUIRED');
    const action = b.result === 'pass' ? 'formal_pass' : b.result === 'return' ? 'formal_return' : 'formal_fail';
    const to = await moveApplication(tx, actor, audit, a, action, b.comment);
    const words: Record<string, [string, string]> = {
      formal_passed: ['已通过形式审查', 'passed formal check'], returned: ['被退回修改', 'was returned for changes'], formal_failed: ['未通过形式审查', 'failed formal check'],
    };
    await notifyApplicant(tx, a, `project.${to}`, [`申报${words[to][0]}：${a.title}`, `Your application ${words[to][1]}: ${a.title}`],
      [b.comment ?? '', b.comment ?? '']);
    return to;
  });
}

/** 立项 decision: approved with an amount (the call's approved total never exceeds its budget) or not approved. */
export async function decide(db: Database, actor: Actor, audit: AuditActor, id: number, b: { approved: boolean; amount?: number; comment?: string }) {
  return db.transaction(async (tx) => {
    // the call row first (as draws and notices lock it), then the application: decisions on one call
    // run one at a time, so two at once cannot both fit into what is left of the budget
    const c = await lockManagedCall(tx, actor, await callIdOf(tx, id));
    const a = await lockManaged(tx, actor, id);
    if (b.approved) {
      if (b.amount == null || b.amount <= 0) throw fieldError('amount', 'field.required');
      const { rows: [s] } = await tx.query(`SELECT coalesce(sum(approved_amount), 0)::bigint AS approved FROM application WHERE call_id = $1 AND status = ANY($2::text[]) AND id <> $3`,
        [a.call_id, FUNDED_STATUSES, id]);
      if (Number(s.approved) + b.amount > Number(c.budget)) {
        throw new AppError(409, 'BUDGET_EXCEEDED', { left: Number(c.budget) - Number(s.approved) }, { amount: { key: 'field.amount.over_budget' } });
      }
    }
    const to = await moveApplication(tx, actor, audit, a, b.approved ? 'approve' : 'reject', b.comment,
      b.approved ? { set: 'approved_amount = $3', params: [b.amount] } : {});
    if (b.approved) await tx.query(`UPDATE reserve_item SET status = 'approved', updated_at = now(), version = version + 1 WHERE application_id = $1`, [id]);
    await notifyApplicant(tx, a, `project.${to}`,
      b.approved ? [`项目拟立项：${a.title}`, `Project approved: ${a.title}`] : [`项目未获立项：${a.title}`, `Project not approved: ${a.title}`],
      b.approved ? [`拟支持经费 ${formatMoney(b.amount!)}，公示期满后签订任务书。`, `Proposed funding ${formatMoney(b.amount!, 'en')}; the task contract follows the public notice.`] : [b.comment ?? '', b.comment ?? '']);
    return to;
  });
}

/** 立项公示: every approved application of the call goes on public notice for the call's N working days. */
export async function publishNotice(db: Database, actor: Actor, audit: AuditActor, callId: number) {
  return db.transaction(async (tx) => {
    const c = await lockManagedCall(tx, actor, callId);
    const { rows } = await tx.query(`SELECT a.* FROM application a WHERE a.call_id = $1 AND a.status = 'approved' ORDER BY a.id FOR UPDATE`, [callId]);
    if (!rows.length) throw new AppError(409, 'NOTICE_EMPTY');
    const from = todayInChina();
    const { dueOn } = await workingDeadline(tx, from, c.notice_days);
    for (const a of rows) {
      await moveApplication(tx, actor, audit, a, 'publicize', null, { set: 'notice_from = $3, notice_until = $4', params: [from, dueOn] });
    }
    await tx.query('UPDATE call SET results_out = true, updated_at = now(), version = version + 1 WHERE id = $1', [callId]);
    return { count: rows.length, noticeFrom: from, noticeUntil: dueOn };
  });
}

/** 公示 objection: recorded on the timeline (and the audit log); staff follow it up. */
export async function recordObjection(db: Database, actor: Actor, audit: AuditActor, id: number, comment: string) {
  await db.transaction(async (tx) => {
    const a = await lockManaged(tx, actor, id);
    if (a.status !== 'publicized') throw new AppError(409, 'INVALID_TRANSITION', { from: a.status });
    await recordEvent(tx, actor, id, 'objection', a.status, a.status, comment);
    await recordAudit(tx, audit, { action: 'application.objection', targetType: 'application', targetId: id, changes: { objection: { before: null, after: comment } } });
  });
}

export async function signContract(db: Database, actor: Actor, audit: AuditActor, id: number, b: { targets: string; startOn: string; endOn: string }) {
  if (b.endOn < b.startOn) throw fieldError('endOn', 'field.date_order');
  return db.transaction(async (tx) => {
    const a = await lockManaged(tx, actor, id);
    if (a.status === 'publicized' && a.notice_until && String(a.notice_until) >= todayInChina()) throw new AppError(409, 'NOTICE_NOT_OVER', { until: a.notice_until });
    return moveApplication(tx, actor, audit, a, 'contract', null, { set: 'contract = $3', params: [JSON.stringify(b)] });
  });
}

/** 拨付: a tranche; the sum of tranches never exceeds the approved amount. */
export async function payTranche(db: Database, actor: Actor, audit: AuditActor, id: number, b: { amount: number; paidOn: string; note?: string }) {
  return db.transaction(async (tx) => {
    const a = await lockManaged(tx, actor, id);
    if (!['contracted', 'midterm_passed'].includes(a.status)) throw new AppError(409, 'INVALID_TRANSITION', { from: a.status });
    const { rows: [s] } = await tx.query('SELECT coalesce(sum(amount), 0)::bigint AS paid FROM funding_tranche WHERE application_id = $1', [id]);
    if (Number(s.paid) + b.amount > Number(a.approved_amount)) {
      throw new AppError(409, 'FUNDING_EXCEEDS_APPROVED', { left: Number(a.approved_amount) - Number(s.paid) }, { amount: { key: 'field.amount.over_approved' } });
    }
    const { rows: [t] } = await tx.query('INSERT INTO funding_tranche (application_id, amount, paid_on, note, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [id, b.amount, b.paidOn, b.note ?? '', actor.id]);
    await recordEvent(tx, actor, id, 'tranche', a.status, a.status, `${(b.amount / 10000).toFixed(2)} 万元（${b.paidOn}）${b.note ? `：${b.note}` : ''}`);
    await recordAudit(tx, audit, { action: 'application.tranche', targetType: 'application', targetId: id, changes: diff(null, { amount: b.amount, paidOn: b.paidOn }) });
    return Number(t.id);
  });
}

/** Mid-term check, acceptance, closing and termination: one staff action each, with the comment the workflow asks for. */
export async function staffStep(db: Database, actor: Actor, audit: AuditActor, id: number,
  action: 'midterm_pass' | 'midterm_fail' | 'accept_pass' | 'accept_fail' | 'close' | 'terminate', comment?: string, acceptance?: string) {
  return db.transaction(async (tx) => {
    const a = await lockManaged(tx, actor, id);
    const to = await moveApplication(tx, actor, audit, a, action, comment, acceptance ? { set: 'acceptance = $3', params: [acceptance] } : {});
    await notifyApplicant(tx, a, `project.${to}`, [`项目状态更新：${a.title}`, `Project update: ${a.title}`], [comment ?? '', comment ?? '']);
    return to;
  });
}
