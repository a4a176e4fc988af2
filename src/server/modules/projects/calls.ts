/**
 * 科技计划 and 申报指南: programmes (a level and an owning region) and their calls (a year, the
 * opening and closing time on the server clock, the budget, who may apply, the application form,
 * the scoring rubric, reviewers per application, blind review and the 回避 rules, all data).
 * A call is draft → published → closed; it is open to applications while published and
 * opens_at ≤ now < closes_at, so it closes by itself at closes_at, to the second.
 */
import { AVOIDANCE_RULES, DEFAULT_AVOIDANCE, type AvoidanceRule } from '../../../domain/review/avoidance';
import type { Criterion } from '../../../domain/review/ranking';
import type { Database, Queryable } from '../../db/database';
import type { Actor, AuditActor } from '../../http/actor';
import { AppError, errors, fieldError } from '../../http/errors';
import { assertRegionInScope } from '../../http/scope';
import { Where } from '../../http/list-query';
import { diff, recordAudit } from '../audit/record';

export const PROGRAMME_LEVELS = ['central', 'provincial', 'city', 'county'] as const;
export type ProgrammeLevel = (typeof PROGRAMME_LEVELS)[number];

export const DEFAULT_PLEDGE = '本人承诺：严格遵守《科学技术活动评审工作中请托行为处理规定（试行）》（国科发监〔2020〕360号），'
  + '独立、客观、公正地开展评审；不接受请托，不打探、不泄露评审信息；与评审对象存在利益关系时主动申明回避；对评审内容保密。';

/** The state of a call on the server clock. */
export const CALL_STATE_SQL = `CASE WHEN c.status = 'draft' THEN 'draft' WHEN c.status = 'closed' OR now() >= c.closes_at THEN 'closed'
  WHEN now() < c.opens_at THEN 'upcoming' ELSE 'open' END`;

export async function createProgramme(db: Database, actor: Actor, audit: AuditActor, b: { name: string; level: ProgrammeLevel; regionCode: string; description?: string }) {
  if (actor.role !== 'admin' && actor.role !== 'staff') throw errors.forbidden();
  await assertRegionInScope(db, actor, b.regionCode);
  return db.transaction(async (tx) => {
    const { rows: [p] } = await tx.query('INSERT INTO programme (name, level, region_code, description, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [b.name.trim(), b.level, b.regionCode, b.description ?? '', actor.id]);
    await recordAudit(tx, audit, { action: 'programme.create', targetType: 'programme', targetId: p.id, changes: diff(null, { name: b.name, level: b.level, regionCode: b.regionCode }) });
    return Number(p.id);
  });
}

/** Programmes of the staff member's region subtree and of the regions above it (a county sees the city's). */
export async function listProgrammes(db: Queryable, actor: Actor) {
  const where = new Where();
  if (actor.role === 'staff') where.add(`(p.region_code IN (SELECT region_subtree($?)) OR $? IN (SELECT region_subtree(p.region_code)))`, actor.regionCode, actor.regionCode);
  else if (actor.role !== 'admin') throw errors.forbidden();
  const { rows } = await db.query(
    `SELECT p.*, r.name AS region_name, (SELECT count(*)::int FROM call c WHERE c.programme_id = p.id) AS calls
       FROM programme p JOIN region r ON r.code = p.region_code ${where} ORDER BY p.region_code, p.id`, where.params);
  return { items: rows.map((p) => ({ id: Number(p.id), name: p.name, level: p.level, regionCode: p.region_code, regionName: p.region_name, description: p.description, calls: p.calls })) };
}

export interface CallInput {
  programmeId: number; title: string; year: number; guide?: string; opensAt: string; closesAt: string; budget: number;
  eligibleKinds?: ('enterprise' | 'institution')[]; form?: unknown[]; requiredAttachments?: string[];
  rubric: Criterion[]; reviewersPerApplication: number; blind: boolean; avoidance?: AvoidanceRule[];
  dropExtremes?: boolean; requiresRecommendation?: boolean; maxPerOrg?: number | null; noticeDays?: number; pledge?: string;
}

function checkCall(b: CallInput) {
  if (new Date(b.closesAt) <= new Date(b.opensAt)) throw fieldError('closesAt', 'field.call.closes_before_opens');
  const codes = b.rubric.map((c) => c.code);
  if (new Set(codes).size !== codes.length) throw fieldError('rubric', 'field.rubric.duplicate_code');
  if (b.avoidance?.some((a) => !AVOIDANCE_RULES.includes(a))) throw fieldError('avoidance', 'field.invalid_option');
}

export async function createCall(db: Database, actor: Actor, audit: AuditActor, b: CallInput): Promise<number> {
  if (actor.role !== 'admin' && actor.role !== 'staff') throw errors.forbidden();
  checkCall(b);
  const { rows: [p] } = await db.query('SELECT * FROM programme WHERE id = $1', [b.programmeId]);
  if (!p) throw fieldError('programmeId', 'field.programme.unknown');
  await assertRegionInScope(db, actor, p.region_code).catch(() => { throw fieldError('programmeId', 'field.region.out_of_scope'); });
  return db.transaction(async (tx) => {
    const { rows: [c] } = await tx.query(
      `INSERT INTO call (programme_id, region_code, title, year, guide, opens_at, closes_at, budget, eligible_kinds, form, required_attachments, rubric,
                         reviewers_per_application, blind, avoidance, drop_extremes, requires_recommendation, max_per_org, notice_days, pledge, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21) RETURNING id`,
      [b.programmeId, p.region_code, b.title.trim(), b.year, b.guide ?? '', b.opensAt, b.closesAt, b.budget, b.eligibleKinds ?? ['enterprise', 'institution'],
        JSON.stringify(b.form ?? []), JSON.stringify(b.requiredAttachments ?? []), JSON.stringify(b.rubric), b.reviewersPerApplication, b.blind,
        b.avoidance ?? DEFAULT_AVOIDANCE, b.dropExtremes ?? false, b.requiresRecommendation ?? false, b.maxPerOrg ?? null, b.noticeDays ?? 7,
        b.pledge?.trim() || DEFAULT_PLEDGE, actor.id]);
    await recordAudit(tx, audit, { action: 'call.create', targetType: 'call', targetId: c.id,
      changes: diff(null, { title: b.title, year: b.year, opensAt: b.opensAt, closesAt: b.closesAt, budget: b.budget }) });
    return Number(c.id);
  });
}

/**
 * Calls an actor may see: staff those of their subtree and the published ones above them; admins
 * all; applicants and experts the published ones their region may apply to (or review).
 */
export function callScope(actor: Actor, where: Where): Where {
  if (actor.role === 'admin') return where;
  if (actor.role === 'staff') {
    return where.add(`(c.region_code IN (SELECT region_subtree($?)) OR (c.status <> 'draft' AND $? IN (SELECT region_subtree(c.region_code))))`, actor.regionCode, actor.regionCode);
  }
  where.add(`c.status <> 'draft'`);
  if (actor.role === 'enterprise' || actor.role === 'institution') {
    where.add(`(SELECT o.region_code FROM organization o WHERE o.id = $?) IN (SELECT region_subtree(c.region_code))`, actor.orgId);
  }
  return where;
}

/** Staff may manage a call (publish, check, assign, decide) when it belongs to their subtree. */
export function callManageScope(actor: Actor, where: Where): Where {
  if (actor.role === 'admin') return where;
  if (actor.role === 'staff') return where.add('c.region_code IN (SELECT region_subtree($?))', actor.regionCode);
  return where.add('FALSE');
}

function callView(c: Record<string, any>) {
  return {
    id: Number(c.id), programmeId: Number(c.programme_id), programmeName: c.programme_name, programmeLevel: c.programme_level,
    regionCode: c.region_code, regionName: c.region_name, title: c.title, year: c.year, guide: c.guide,
    opensAt: new Date(c.opens_at).toISOString(), closesAt: new Date(c.closes_at).toISOString(), budget: Number(c.budget),
    eligibleKinds: c.eligible_kinds, form: c.form, requiredAttachments: c.required_attachments, rubric: c.rubric as Criterion[],
    reviewersPerApplication: c.reviewers_per_application, blind: c.blind, avoidance: c.avoidance, dropExtremes: c.drop_extremes,
    requiresRecommendation: c.requires_recommendation, maxPerOrg: c.max_per_org, noticeDays: c.notice_days, pledge: c.pledge,
    status: c.status, state: c.state, publishedAt: c.published_at, resultsOut: c.results_out, version: c.version,
    applications: c.applications == null ? undefined : Number(c.applications),
  };
}
export type CallView = ReturnType<typeof callView>;

const CALL_FROM = `FROM call c JOIN programme p ON p.id = c.programme_id JOIN region r ON r.code = c.region_code`;
const CALL_COLUMNS = `c.*, p.name AS programme_name, p.level AS programme_level, r.name AS region_name, ${CALL_STATE_SQL} AS state`;

export async function listCalls(db: Queryable, actor: Actor, f: { year?: number; programmeId?: number; state?: string; q?: string }) {
  const where = callScope(actor, new Where());
  if (f.year) where.add('c.year = $?', f.year);
  if (f.programmeId) where.add('c.programme_id = $?', f.programmeId);
  if (f.state) where.add(`(${CALL_STATE_SQL}) = $?`, f.state);
  if (f.q) where.add('c.title ILIKE $?', `%${f.q}%`);
  const counted = actor.role === 'admin' || actor.role === 'staff';
  const { rows } = await db.query(
    `SELECT ${CALL_COLUMNS}${counted ? `, (SELECT count(*) FROM application a WHERE a.call_id = c.id AND a.status <> 'draft') AS applications` : ''}
       ${CALL_FROM} ${where} ORDER BY c.closes_at DESC, c.id DESC LIMIT 500`, where.params);
  return { items: rows.map(callView) };
}

export async function getCall(db: Queryable, actor: Actor, id: number): Promise<CallView> {
  const where = callScope(actor, new Where()).add('c.id = $?', id);
  const { rows: [c] } = await db.query(`SELECT ${CALL_COLUMNS} ${CALL_FROM} ${where}`, where.params);
  if (!c) throw errors.notFound();
  return callView(c);
}

/** The call locked for a staff action, or 404 outside the actor's subtree. */
export async function lockManagedCall(tx: Queryable, actor: Actor, id: number) {
  const where = callManageScope(actor, new Where()).add('c.id = $?', id);
  const { rows: [c] } = await tx.query(`SELECT c.*, ${CALL_STATE_SQL} AS state FROM call c ${where} FOR UPDATE`, where.params);
  if (!c) throw errors.notFound();
  return c;
}

export async function updateCall(db: Database, actor: Actor, audit: AuditActor, id: number, b: CallInput & { version: number }) {
  checkCall(b);
  await db.transaction(async (tx) => {
    const c = await lockManagedCall(tx, actor, id);
    if (c.version !== b.version) throw errors.staleVersion();
    if (c.status !== 'draft') throw new AppError(409, 'CALL_NOT_DRAFT');
    await tx.query(
      `UPDATE call SET title = $2, year = $3, guide = $4, opens_at = $5, closes_at = $6, budget = $7, eligible_kinds = $8, form = $9, required_attachments = $10,
              rubric = $11, reviewers_per_application = $12, blind = $13, avoidance = $14, drop_extremes = $15, requires_recommendation = $16, max_per_org = $17,
              notice_days = $18, pledge = $19, updated_at = now(), version = version + 1 WHERE id = $1`,
      [id, b.title.trim(), b.year, b.guide ?? '', b.opensAt, b.closesAt, b.budget, b.eligibleKinds ?? ['enterprise', 'institution'], JSON.stringify(b.form ?? []),
        JSON.stringify(b.requiredAttachments ?? []), JSON.stringify(b.rubric), b.reviewersPerApplication, b.blind, b.avoidance ?? DEFAULT_AVOIDANCE,
        b.dropExtremes ?? false, b.requiresRecommendation ?? false, b.maxPerOrg ?? null, b.noticeDays ?? 7, b.pledge?.trim() || DEFAULT_PLEDGE]);
    await recordAudit(tx, audit, { action: 'call.update', targetType: 'call', targetId: id,
      changes: diff({ title: c.title, closesAt: c.closes_at, budget: Number(c.budget) }, { title: b.title, closesAt: b.closesAt, budget: b.budget }) });
  });
}

export async function setCallStatus(db: Database, actor: Actor, audit: AuditActor, id: number, action: 'publish' | 'close') {
  await db.transaction(async (tx) => {
    const c = await lockManagedCall(tx, actor, id);
    const [from, to] = action === 'publish' ? ['draft', 'published'] : ['published', 'closed'];
    if (c.status !== from) throw new AppError(409, 'INVALID_TRANSITION', { from: c.status });
    await tx.query(`UPDATE call SET status = $2, published_at = CASE WHEN $2 = 'published' THEN now() ELSE published_at END, updated_at = now(), version = version + 1 WHERE id = $1`, [id, to]);
    await recordAudit(tx, audit, { action: `call.${action}`, targetType: 'call', targetId: id, changes: { status: { before: from, after: to } } });
  });
}
