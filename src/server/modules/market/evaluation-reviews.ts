/**
 * An expert's side of an evaluation (/evaluation-reviews): the list of their own assignments, a
 * declaration before the achievement's full text opens (no conflict, with the integrity pledge; or
 * a conflict, which removes the assignment and asks the bureau to replace the expert), scores per
 * criterion within their maxima with an opinion, drafts, and one submission — a second answers
 * 409 REVIEW_SUBMITTED and changes nothing. Only the expert's own rows are ever read (x.user_id).
 * The shared panel engine (reviews/panel-review.ts) does the expert's steps; this file keeps the
 * achievement as the expert sees it and the evaluation's hooks.
 */
import type { Criterion } from '../../../domain/review/ranking';
import type { Database, Queryable } from '../../db/database';
import type { Actor, AuditActor } from '../../http/actor';
import { AppError, errors } from '../../http/errors';
import { notify } from '../notifications/notify';
import { panelReview } from '../reviews/panel-review';
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

/** The shared panel engine on evaluation_assignment; a concluded evaluation takes no more scores. */
const panel = panelReview({
  table: 'evaluation_assignment', alias: 's', auditPrefix: 'achievement.evaluation', declaration: true,
  load: `SELECT s.*, e.criteria, e.class, e.region_code, e.status AS evaluation_status, e.achievement_id, a.title, a.type, a.field, a.maturity, a.ip, a.inventors,
                a.summary, a.text, o.name AS org_name
           ${MINE} WHERE s.id = $1 AND x.user_id = $2 AND s.status <> 'declined' AND e.status <> 'withdrawn'`,
  criteria: (r) => r.criteria as Criterion[],
  assertItemOpen(r) { if (r.evaluation_status === 'concluded') throw new AppError(409, 'EVALUATION_CONCLUDED'); },
  // the bureau is asked to assign another expert
  async afterDecline(tx, r, reason) {
    await refreshEvaluationStatus(tx, Number(r.evaluation_id));
    await notify(tx, { userIds: await bureauStaffOf(tx, r.region_code), kind: 'market.evaluation.declined', link: `/market/evaluations?evaluation=${r.evaluation_id}`,
      title: [`评价专家申明回避，需补充专家：${r.title}`, `An evaluator declared a conflict; assign another: ${r.title}`], body: [reason, reason] });
  },
  async afterSubmit(tx, r) { await refreshEvaluationStatus(tx, Number(r.evaluation_id)); },
});

export async function getMyEvaluationReview(db: Queryable, actor: Actor, id: number) {
  const r = await panel.load(db, actor, id);
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

export const declareEvaluation = panel.declare;

export async function saveEvaluationReview(db: Database, actor: Actor, audit: AuditActor, id: number, b: { scores: Record<string, number>; comment?: string }) {
  await panel.saveScores(db, actor, audit, id, b);
  return getMyEvaluationReview(db, actor, id);
}

/** Submits once (the engine's row lock and conditional update). */
export const submitEvaluationReview = panel.submitOnce;
