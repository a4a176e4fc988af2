/**
 * An evaluation request on an achievement (科技成果评价): requested by the owning organisation or
 * by the staff of its region, of one class (which brings its criteria set, copied), then experts
 * assigned (evaluation-assignment.ts), scored (evaluation-reviews.ts), and concluded by staff
 * with a level of the configured list and the weighted mean of the panel; or withdrawn before
 * that. requested → experts_assigned → scored → concluded | withdrawn.
 *
 * Scope, always in SQL: admins all; staff their region's subtree; an organisation its own
 * achievements' evaluations; experts none here (they reach their assignments only).
 */
import { panelScore, type Criterion } from '../../../domain/review/ranking';
import type { Database, Queryable } from '../../db/database';
import type { Actor, AuditActor } from '../../http/actor';
import { AppError, errors, fieldError } from '../../http/errors';
import { likePattern, orderBy, Where } from '../../http/list-query';
import { recordAudit } from '../audit/record';
import { notify } from '../notifications/notify';
import { criteriaSet, EVALUATION_CLASS_NAMES, type EvaluationClass } from './evaluation-criteria';

export const EVALUATION_STATUSES = ['requested', 'experts_assigned', 'scored', 'concluded', 'withdrawn'] as const;
/** Achievements that can be evaluated: past the owner's draft, not withdrawn. */
const EVALUABLE = ['submitted', 'published', 'transferred'];

/** Which evaluations (`e`) an actor may read. */
export function evaluationScope(actor: Actor, where: Where): Where {
  if (actor.role === 'admin') return where;
  if (actor.role === 'staff') return where.add('e.region_code IN (SELECT region_subtree($?))', actor.regionCode);
  if (actor.role === 'enterprise' || actor.role === 'institution') return where.add('e.org_id = $?', actor.orgId);
  throw errors.forbidden();
}

/** Staff (their subtree) and admins manage evaluations: the row locked, or 404 / 403. */
export async function lockManagedEvaluation(tx: Queryable, actor: Actor, id: number) {
  if (actor.role !== 'admin' && actor.role !== 'staff') throw errors.forbidden();
  const where = evaluationScope(actor, new Where()).add('e.id = $?', id);
  const { rows: [e] } = await tx.query(`SELECT e.*, a.title FROM evaluation e JOIN achievement a ON a.id = e.achievement_id ${where} FOR UPDATE OF e`, where.params);
  if (!e) throw errors.notFound();
  return e;
}

/** The staff nearest the achievement: its own region's and its city's. */
export async function bureauStaffOf(tx: Queryable, regionCode: string): Promise<number[]> {
  const { rows } = await tx.query(
    `SELECT id FROM app_user WHERE role = 'staff' AND status = 'active' AND region_code IN ($1, substr($1, 1, 4) || '00')`, [regionCode]);
  return rows.map((r) => Number(r.id));
}

export async function requestEvaluation(db: Database, actor: Actor, audit: AuditActor, achievementId: number,
  b: { class: EvaluationClass; note?: string; expertsRequired?: number }): Promise<number> {
  const staff = actor.role === 'admin' || actor.role === 'staff';
  if (!staff && actor.role !== 'enterprise' && actor.role !== 'institution') throw errors.forbidden();
  if (b.expertsRequired != null && !staff) throw fieldError('expertsRequired', 'field.invalid');
  const set = await criteriaSet(db, b.class);
  return db.transaction(async (tx) => {
    // the achievement's row serialises requests: never two evaluations under way for one achievement
    const where = new Where().add('a.id = $?', achievementId);
    if (actor.role === 'staff') where.add(`a.region_code IN (SELECT region_subtree($?)) AND a.status <> 'draft'`, actor.regionCode);
    else if (!staff) where.add('a.org_id = $?', actor.orgId);
    const { rows: [a] } = await tx.query(`SELECT a.* FROM achievement a ${where} FOR UPDATE`, where.params);
    if (!a) throw errors.notFound();
    if (!EVALUABLE.includes(a.status)) throw new AppError(409, 'INVALID_TRANSITION', { from: a.status });
    const open = await tx.query(`SELECT 1 FROM evaluation WHERE achievement_id = $1 AND status NOT IN ('concluded', 'withdrawn')`, [achievementId]);
    if (open.rowCount) throw new AppError(409, 'EVALUATION_OPEN');
    const { rows: [e] } = await tx.query(
      `INSERT INTO evaluation (achievement_id, org_id, region_code, class, evaluator_type, criteria, experts_required, note, requested_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [achievementId, a.org_id, a.region_code, b.class, set.evaluatorType, JSON.stringify(set.criteria), b.expertsRequired ?? set.expertsPerEvaluation,
        b.note?.trim() ?? '', actor.id]);
    const id = Number(e.id);
    await recordAudit(tx, audit, { action: 'achievement.evaluation.request', targetType: 'evaluation', targetId: id,
      changes: { achievementId: { before: null, after: achievementId }, class: { before: null, after: b.class } } });
    const [cls, clsEn] = EVALUATION_CLASS_NAMES[b.class];
    if (staff) {
      await notify(tx, { orgId: Number(a.org_id), kind: 'market.evaluation.requested', link: `/market/evaluations?evaluation=${id}`,
        title: [`科技局已为您的成果发起评价：${a.title}`, `The bureau requested an evaluation of your achievement: ${a.title}`], body: [cls, clsEn] });
    } else {
      await notify(tx, { userIds: await bureauStaffOf(tx, a.region_code), kind: 'market.evaluation.requested', link: `/market/evaluations?evaluation=${id}`,
        title: [`成果评价申请：${a.title}`, `Evaluation requested: ${a.title}`], body: [cls, clsEn] });
    }
    return id;
  });
}

const num = (x: unknown) => (x == null ? null : Number(x));

const evaluationView = (e: Record<string, any>) => ({
  id: Number(e.id), achievementId: Number(e.achievement_id), achievementTitle: e.title, achievementType: e.type, field: e.field, maturity: e.maturity,
  orgId: Number(e.org_id), orgName: e.org_name, regionCode: e.region_code, regionName: e.region_name,
  class: e.class as EvaluationClass, evaluatorType: e.evaluator_type, criteria: e.criteria as Criterion[], expertsRequired: e.experts_required, note: e.note,
  status: e.status, requestedAt: e.requested_at, score: num(e.score), level: e.level, levelName: e.level_zh ?? null, levelNameEn: e.level_en ?? null,
  opinion: e.opinion, concludedAt: e.concluded_at, updatedAt: e.updated_at, version: e.version,
  experts: { active: Number(e.active ?? 0), submitted: Number(e.submitted ?? 0) },
});

const FROM = `FROM evaluation e JOIN achievement a ON a.id = e.achievement_id JOIN organization o ON o.id = e.org_id JOIN region r ON r.code = e.region_code
  LEFT JOIN evaluation_level l ON l.code = e.level`;
const COLUMNS = `e.*, a.title, a.type, a.field, a.maturity, o.name AS org_name, r.name AS region_name, l.name_zh AS level_zh, l.name_en AS level_en,
  (SELECT count(*) FROM evaluation_assignment x WHERE x.evaluation_id = e.id AND x.status <> 'declined') AS active,
  (SELECT count(*) FROM evaluation_assignment x WHERE x.evaluation_id = e.id AND x.status = 'submitted') AS submitted`;

export async function listEvaluations(db: Queryable, actor: Actor,
  f: { q?: string; status?: string; class?: string; achievementId?: number; regionCode?: string; sort?: string }, page: number, pageSize: number) {
  const where = evaluationScope(actor, new Where());
  if (f.q) { const t = likePattern(f.q); where.add('(a.title ILIKE $? OR o.name ILIKE $?)', t, t); }
  if (f.status) where.add('e.status = $?', f.status);
  if (f.class) where.add('e.class = $?', f.class);
  if (f.achievementId) where.add('e.achievement_id = $?', f.achievementId);
  if (f.regionCode) where.add('e.region_code IN (SELECT region_subtree($?))', f.regionCode);
  const order = orderBy(f.sort, { requestedAt: 'e.requested_at', score: 'e.score', concludedAt: 'e.concluded_at', title: 'a.title' }, 'e.updated_at DESC', 'e.id');
  const [rows, count] = await Promise.all([
    db.query(`SELECT ${COLUMNS} ${FROM} ${where} ${order} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`, where.params),
    db.query(`SELECT count(*)::int AS n ${FROM} ${where}`, where.params),
  ]);
  return { items: rows.rows.map(evaluationView), total: count.rows[0].n, page, pageSize };
}

/**
 * One evaluation. Staff and admins also get the panel (experts, statuses, scores, opinions) and
 * the per-criterion means; the owning organisation gets the opinions without the experts' names
 * once concluded, and nothing of the panel before.
 */
export async function getEvaluation(db: Queryable, actor: Actor, id: number) {
  const where = evaluationScope(actor, new Where()).add('e.id = $?', id);
  const { rows: [e] } = await db.query(`SELECT ${COLUMNS} ${FROM} ${where}`, where.params);
  if (!e) throw errors.notFound();
  const view = evaluationView(e);
  const staff = actor.role === 'admin' || actor.role === 'staff';
  const { rows } = await db.query(
    `SELECT x.id, x.expert_id, p.name, p.org_name, p.title, x.status, x.method, x.conflict_reason, x.scores, x.comment, x.total, x.assigned_at, x.submitted_at
       FROM evaluation_assignment x JOIN expert p ON p.id = x.expert_id WHERE x.evaluation_id = $1 ORDER BY x.id`, [id]);
  const submitted = rows.filter((r) => r.status === 'submitted');
  const panel = panelScore(submitted.map((r) => Number(r.total)), false);
  const criterionMeans = view.criteria.map((c) => ({ code: c.code, name: c.name, weight: c.weight, max: c.max,
    mean: submitted.length ? Math.round((submitted.reduce((s, r) => s + Number(r.scores[c.code] ?? 0), 0) / submitted.length) * 100) / 100 : null }));
  if (staff) {
    return { ...view, panelScore: panel.score, criterionMeans,
      assignments: rows.map((r) => ({ id: Number(r.id), expertId: Number(r.expert_id), expertName: r.name, expertOrg: r.org_name, expertTitle: r.title,
        status: r.status, method: r.method, conflictReason: r.conflict_reason, scores: r.scores, comment: r.comment, total: num(r.total),
        assignedAt: r.assigned_at, submittedAt: r.submitted_at })) };
  }
  const concluded = view.status === 'concluded';
  return { ...view, panelScore: concluded ? panel.score : null, criterionMeans: concluded ? criterionMeans : [],
    opinions: concluded ? submitted.map((r) => r.comment as string) : [], assignments: [] };
}

export async function withdrawEvaluation(db: Database, actor: Actor, audit: AuditActor, id: number, reason?: string) {
  return db.transaction(async (tx) => {
    const where = evaluationScope(actor, new Where()).add('e.id = $?', id);
    const { rows: [e] } = await tx.query(`SELECT e.* FROM evaluation e ${where} FOR UPDATE`, where.params);
    if (!e) throw errors.notFound();
    // the owner takes back a request nobody works on yet; staff may stop one until it is concluded
    const staff = actor.role === 'admin' || actor.role === 'staff';
    const allowed = staff ? ['requested', 'experts_assigned', 'scored'] : ['requested'];
    if (!allowed.includes(e.status)) throw new AppError(409, 'INVALID_TRANSITION', { from: e.status });
    await tx.query(`UPDATE evaluation SET status = 'withdrawn', updated_at = now(), version = version + 1 WHERE id = $1`, [id]);
    await recordAudit(tx, audit, { action: 'achievement.evaluation.withdraw', targetType: 'evaluation', targetId: id,
      changes: { status: { before: e.status, after: 'withdrawn' }, ...(reason ? { reason: { before: null, after: reason } } : {}) } });
    return { id, status: 'withdrawn' as const };
  });
}

/**
 * Staff conclude a scored evaluation: a level of the configured list, an opinion, and the panel's
 * mean of weighted totals, computed here (never sent). The conditional update lets exactly one of
 * many simultaneous conclusions through.
 */
export async function concludeEvaluation(db: Database, actor: Actor, audit: AuditActor, id: number, b: { level: string; opinion: string }) {
  return db.transaction(async (tx) => {
    const e = await lockManagedEvaluation(tx, actor, id);
    if (e.status !== 'scored') throw new AppError(409, e.status === 'concluded' ? 'EVALUATION_CONCLUDED' : 'INVALID_TRANSITION', { from: e.status });
    const { rows: [level] } = await tx.query('SELECT code, name_zh, name_en FROM evaluation_level WHERE code = $1 AND active', [b.level]);
    if (!level) throw fieldError('level', 'field.invalid_option');
    const { rows: totals } = await tx.query(`SELECT total FROM evaluation_assignment WHERE evaluation_id = $1 AND status = 'submitted'`, [id]);
    const score = panelScore(totals.map((t) => Number(t.total)), false).score;
    const { rowCount } = await tx.query(
      `UPDATE evaluation SET status = 'concluded', level = $2, opinion = $3, score = $4, concluded_by = $5, concluded_at = now(), updated_at = now(), version = version + 1
        WHERE id = $1 AND status = 'scored'`, [id, b.level, b.opinion.trim(), score, actor.id]);
    if (!rowCount) throw new AppError(409, 'EVALUATION_CONCLUDED');
    await recordAudit(tx, audit, { action: 'achievement.evaluation.conclude', targetType: 'evaluation', targetId: id,
      changes: { status: { before: 'scored', after: 'concluded' }, level: { before: null, after: b.level }, score: { before: null, after: score } } });
    await notify(tx, { orgId: Number(e.org_id), kind: 'market.evaluation.concluded', link: `/market/evaluations?evaluation=${id}`,
      title: [`成果评价结论：${e.title}（${level.name_zh}）`, `Evaluation concluded: ${e.title} (${level.name_en})`],
      body: [`综合得分 ${score}`, `Score ${score}`] });
    return { id, status: 'concluded' as const, level: b.level, score };
  });
}

/**
 * After an assignment changes: requested ↔ experts_assigned by whether anyone is on the panel;
 * scored once the required number have submitted and nobody is still scoring (and back to
 * experts_assigned if staff add an expert to a scored one).
 */
export async function refreshEvaluationStatus(tx: Queryable, id: number): Promise<void> {
  // lock first, count after: the count's statement then sees every submission committed before it
  // (two experts submitting at once would otherwise each miss the other's and leave it unscored)
  await tx.query('SELECT id FROM evaluation WHERE id = $1 FOR UPDATE', [id]);
  await tx.query(
    `UPDATE evaluation e SET status = s.next, updated_at = now(), version = e.version + 1
       FROM (SELECT CASE WHEN p.submitted >= v.experts_required AND p.pending = 0 THEN 'scored'
                         WHEN p.submitted + p.pending > 0 THEN 'experts_assigned' ELSE 'requested' END AS next
               FROM evaluation v,
                    LATERAL (SELECT count(*) FILTER (WHERE x.status = 'submitted') AS submitted,
                                    count(*) FILTER (WHERE x.status IN ('assigned', 'declared')) AS pending
                               FROM evaluation_assignment x WHERE x.evaluation_id = v.id) p
              WHERE v.id = $1) s
      WHERE e.id = $1 AND e.status IN ('requested', 'experts_assigned', 'scored') AND e.status <> s.next`, [id]);
}
