/**
 * An expert's side of an evaluation (/evaluation-reviews): the list of their own assignments, a
 * declaration before the achievement's full text opens (no conflict, with the integrity pledge; or
 * a conflict, which removes the assignment and asks the bureau to replace the expert), scores per
 * criterion within their maxima with an opinion, drafts, and one submission — a second answers
 * 409 REVIEW_SUBMITTED and changes nothing. Only the expert's own rows are ever read (x.user_id).
 */
import { scoreProblems, weightedTotal, type Criterion } from '../../../domain/review/ranking';
import type { Database, Queryable } from '../../db/database';
import type { Actor, AuditActor } from '../../http/actor';
import { AppError, errors, type FieldProblem } from '../../http/errors';
import { recordAudit } from '../audit/record';
import { notify } from '../notifications/notify';
import { bureauStaffOf, refreshEvaluationStatus } from './evaluations';

const MINE = `FROM evaluation_assignment s JOIN expert x ON x.id = s.expert_id JOIN evaluation e ON e.id = s.evaluation_id JOIN achievement a ON a.id = e.achievement_id
  JOIN organization o ON o.id = a.org_id`;
const num = (v: unknown) => (v == null ? null : Number(v));

export async function myEvaluationReviews(db: Queryable, actor: Actor, f: { status?: string } = {}) {
  if (actor.role !== 'expert') throw errors.forbidden();
  const { rows } = await db.query(
    `SELECT s.id, s.evaluation_id, s.status, s.total, s.assigned_at, s.submitted_at, e.class, a.title, a.field, o.name AS org_name
       ${MINE} WHERE x.user_id = $1 AND s.status <> 'declined' AND e.status <> 'withdrawn' AND ($2::text IS NULL OR s.status = $2)
      ORDER BY (s.status = 'submitted'), s.assigned_at, s.id`, [actor.id, f.status ?? null]);
  return { items: rows.map((r) => ({ id: Number(r.id), evaluationId: Number(r.evaluation_id), status: r.status, class: r.class, title: r.title, field: r.field,
    orgName: r.org_name, total: num(r.total), assignedAt: r.assigned_at, submittedAt: r.submitted_at })) };
}

async function loadMine(db: Queryable, actor: Actor, id: number, lock = false) {
  if (actor.role !== 'expert') throw errors.forbidden();
  const { rows: [r] } = await db.query(
    `SELECT s.*, e.criteria, e.class, e.region_code, e.status AS evaluation_status, e.achievement_id, a.title, a.type, a.field, a.maturity, a.ip, a.inventors,
            a.summary, a.text, o.name AS org_name
       ${MINE} WHERE s.id = $1 AND x.user_id = $2 AND s.status <> 'declined' AND e.status <> 'withdrawn' ${lock ? 'FOR UPDATE OF s' : ''}`, [id, actor.id]);
  if (!r) throw errors.notFound();
  return r;
}

export async function getMyEvaluationReview(db: Queryable, actor: Actor, id: number) {
  const r = await loadMine(db, actor, id);
  const open = r.status !== 'assigned';
  return {
    id: Number(r.id), evaluationId: Number(r.evaluation_id), status: r.status, class: r.class, criteria: r.criteria as Criterion[],
    scores: r.scores as Record<string, number>, comment: r.comment, total: num(r.total), submittedAt: r.submitted_at,
    achievement: {
      id: Number(r.achievement_id), title: r.title, type: r.type, field: r.field, maturity: r.maturity, orgName: r.org_name, inventors: r.inventors,
      // the rest opens once the expert has declared no conflict
      summary: open ? r.summary : null, text: open ? r.text : null, ip: open ? r.ip : null,
    },
  };
}

export async function declareEvaluation(db: Database, actor: Actor, audit: AuditActor, id: number, b: { conflict: boolean; pledge?: boolean; reason?: string }) {
  return db.transaction(async (tx) => {
    const r = await loadMine(tx, actor, id, true);
    if (r.status === 'submitted') throw new AppError(409, 'REVIEW_SUBMITTED');
    if (b.conflict) {
      const reason = b.reason?.trim();
      if (!reason) throw new AppError(400, 'VALIDATION_FAILED', {}, { reason: { key: 'field.reason' } });
      await tx.query(`UPDATE evaluation_assignment SET status = 'declined', conflict_reason = $2, version = version + 1 WHERE id = $1`, [id, reason]);
      await refreshEvaluationStatus(tx, Number(r.evaluation_id));
      await recordAudit(tx, audit, { action: 'achievement.evaluation.decline', targetType: 'evaluation_assignment', targetId: id, changes: { conflict: { before: null, after: reason } } });
      await notify(tx, { userIds: await bureauStaffOf(tx, r.region_code), kind: 'market.evaluation.declined', link: `/market/evaluations?evaluation=${r.evaluation_id}`,
        title: [`评价专家申明回避，需补充专家：${r.title}`, `An evaluator declared a conflict; assign another: ${r.title}`], body: [reason, reason] });
      return { status: 'declined' as const };
    }
    if (r.status === 'declared') return { status: 'declared' as const };
    if (b.pledge !== true) throw new AppError(409, 'PLEDGE_REQUIRED');
    await tx.query(`UPDATE evaluation_assignment SET status = 'declared', declared_at = now(), version = version + 1 WHERE id = $1`, [id]);
    await recordAudit(tx, audit, { action: 'achievement.evaluation.declare', targetType: 'evaluation_assignment', targetId: id,
      changes: { status: { before: 'assigned', after: 'declared' }, pledge: { before: null, after: true } } });
    return { status: 'declared' as const };
  });
}

function checkScores(criteria: Criterion[], scores: Record<string, number>, complete: boolean) {
  const problems = scoreProblems(criteria, scores, complete);
  if (!problems.length) return;
  const fields: Record<string, FieldProblem> = {};
  for (const p of problems) {
    const c = criteria.find((x) => x.code === p.code);
    fields[`scores.${p.code}`] = p.problem === 'range' ? { key: 'field.score.range', params: { max: c?.max } } : { key: p.problem === 'missing' ? 'field.required' : 'field.invalid_option' };
  }
  throw new AppError(400, 'VALIDATION_FAILED', {}, fields);
}

function assertScoring(r: Record<string, any>) {
  if (r.status === 'assigned') throw new AppError(409, 'DECLARATION_REQUIRED');
  if (r.status === 'submitted') throw new AppError(409, 'REVIEW_SUBMITTED');
  if (r.evaluation_status === 'concluded') throw new AppError(409, 'EVALUATION_CONCLUDED');
}

export async function saveEvaluationReview(db: Database, actor: Actor, audit: AuditActor, id: number, b: { scores: Record<string, number>; comment?: string }) {
  return db.transaction(async (tx) => {
    const r = await loadMine(tx, actor, id, true);
    assertScoring(r);
    checkScores(r.criteria, b.scores, false);
    await tx.query('UPDATE evaluation_assignment SET scores = $2, comment = $3, version = version + 1 WHERE id = $1', [id, JSON.stringify(b.scores), b.comment ?? r.comment]);
    await recordAudit(tx, audit, { action: 'achievement.evaluation.save', targetType: 'evaluation_assignment', targetId: id, changes: { scores: { before: r.scores, after: b.scores } } });
    return getMyEvaluationReview(tx, actor, id);
  });
}

/** Submits once: the row lock and the conditional update let exactly one of many simultaneous submissions through. */
export async function submitEvaluationReview(db: Database, actor: Actor, audit: AuditActor, id: number, b: { scores?: Record<string, number>; comment?: string } = {}) {
  return db.transaction(async (tx) => {
    const r = await loadMine(tx, actor, id, true);
    assertScoring(r);
    const scores = b.scores ?? r.scores;
    checkScores(r.criteria, scores, true);
    const comment = (b.comment ?? r.comment ?? '').trim();
    if (!comment) throw new AppError(400, 'VALIDATION_FAILED', {}, { comment: { key: 'field.review.comment' } });
    const total = weightedTotal(r.criteria, scores);
    const { rowCount } = await tx.query(
      `UPDATE evaluation_assignment SET status = 'submitted', scores = $2, comment = $3, total = $4, submitted_at = now(), version = version + 1
        WHERE id = $1 AND status = 'declared'`, [id, JSON.stringify(scores), comment, total]);
    if (!rowCount) throw new AppError(409, 'REVIEW_SUBMITTED');
    await refreshEvaluationStatus(tx, Number(r.evaluation_id));
    await recordAudit(tx, audit, { action: 'achievement.evaluation.submit', targetType: 'evaluation_assignment', targetId: id, changes: { total: { before: null, after: total } } });
    return { id, status: 'submitted' as const, total };
  });
}
