/**
 * An expert's side of a certification review (/platform-certification-reviews): their own assignments, a
 * declaration before the application's content opens (no conflict, with the integrity pledge; or a
 * conflict, which declines the assignment and asks the bureau for another expert), scores per
 * criterion of the copied rubric with an opinion, drafts, and one submission — a second answers
 * 409 REVIEW_SUBMITTED and changes nothing. Only the expert's own rows are ever read (x.user_id).
 */
import { scoreProblems, weightedTotal, type Criterion } from '../../../domain/review/ranking';
import type { Database, Queryable } from '../../db/database';
import type { Actor, AuditActor } from '../../http/actor';
import { AppError, errors, type FieldProblem } from '../../http/errors';
import { recordAudit } from '../audit/record';
import { notify } from '../notifications/notify';
import { refreshApplicationStatus } from './applications';

const MINE = `FROM platform_application_assignment s JOIN expert x ON x.id = s.expert_id JOIN platform_application a ON a.id = s.application_id
  JOIN organization o ON o.id = a.org_id`;
const num = (v: unknown) => (v == null ? null : Number(v));
/** Applications still being reviewed (an expert's row of a decided or withdrawn one is history). */
const OPEN = `a.status IN ('formal_passed', 'under_review', 'reviewed', 'certified', 'refused')`;

export async function myPlatformReviews(db: Queryable, actor: Actor, f: { status?: string } = {}) {
  if (actor.role !== 'expert') throw errors.forbidden();
  const { rows } = await db.query(
    `SELECT s.id, s.application_id, s.status, s.total, s.assigned_at, s.submitted_at, a.name, a.type_code, a.level, a.field, o.name AS org_name
       ${MINE} WHERE x.user_id = $1 AND s.status <> 'declined' AND ${OPEN} AND ($2::text IS NULL OR s.status = $2)
      ORDER BY (s.status = 'submitted'), s.assigned_at, s.id`, [actor.id, f.status ?? null]);
  return { items: rows.map((r) => ({ id: Number(r.id), applicationId: Number(r.application_id), status: r.status, name: r.name, type: r.type_code, level: r.level,
    field: r.field, orgName: r.org_name, total: num(r.total), assignedAt: r.assigned_at, submittedAt: r.submitted_at })) };
}

async function loadMine(db: Queryable, actor: Actor, id: number, lock = false) {
  if (actor.role !== 'expert') throw errors.forbidden();
  const { rows: [r] } = await db.query(
    `SELECT s.*, a.criteria, a.status AS application_status, a.name, a.type_code, a.level, a.field, a.intro, a.checklist, a.region_code, o.name AS org_name
       ${MINE} WHERE s.id = $1 AND x.user_id = $2 AND s.status <> 'declined' AND ${OPEN} ${lock ? 'FOR UPDATE OF s' : ''}`, [id, actor.id]);
  if (!r) throw errors.notFound();
  return r;
}

export async function getMyPlatformReview(db: Queryable, actor: Actor, id: number) {
  const r = await loadMine(db, actor, id);
  const open = r.status !== 'assigned';
  return {
    id: Number(r.id), applicationId: Number(r.application_id), status: r.status, criteria: r.criteria as Criterion[], scores: r.scores as Record<string, number>,
    comment: r.comment, total: num(r.total), submittedAt: r.submitted_at,
    application: { name: r.name, type: r.type_code, level: r.level, field: r.field, orgName: r.org_name,
      // the content opens once the expert has declared no conflict
      intro: open ? r.intro : null, checklist: open ? r.checklist : null },
  };
}

export async function declarePlatformReview(db: Database, actor: Actor, audit: AuditActor, id: number, b: { conflict: boolean; pledge?: boolean; reason?: string }) {
  return db.transaction(async (tx) => {
    const r = await loadMine(tx, actor, id, true);
    if (r.status === 'submitted') throw new AppError(409, 'REVIEW_SUBMITTED');
    if (b.conflict) {
      const reason = b.reason?.trim();
      if (!reason) throw new AppError(400, 'VALIDATION_FAILED', {}, { reason: { key: 'field.reason' } });
      await tx.query(`UPDATE platform_application_assignment SET status = 'declined', conflict_reason = $2, version = version + 1 WHERE id = $1`, [id, reason]);
      await refreshApplicationStatus(tx, Number(r.application_id), actor);
      await recordAudit(tx, audit, { action: 'platform.application.review.decline', targetType: 'platform_application_assignment', targetId: id, changes: { conflict: { before: null, after: reason } } });
      const { rows: staff } = await tx.query('SELECT assigned_by FROM platform_application_assignment WHERE id = $1 AND assigned_by IS NOT NULL', [id]);
      await notify(tx, { userIds: staff.map((s) => Number(s.assigned_by)), kind: 'platform.certification.declined', link: `/platforms/applications/${r.application_id}`,
        title: [`评审专家申明回避，需补充专家：${r.name}`, `A reviewer declared a conflict; assign another: ${r.name}`], body: [reason, reason] });
      return { status: 'declined' as const };
    }
    if (r.status === 'declared') return { status: 'declared' as const };
    if (b.pledge !== true) throw new AppError(409, 'PLEDGE_REQUIRED');
    await tx.query(`UPDATE platform_application_assignment SET status = 'declared', declared_at = now(), version = version + 1 WHERE id = $1`, [id]);
    await recordAudit(tx, audit, { action: 'platform.application.review.declare', targetType: 'platform_application_assignment', targetId: id,
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
  if (r.application_status === 'certified' || r.application_status === 'refused') throw new AppError(409, 'INVALID_TRANSITION', { from: r.application_status });
}

export async function savePlatformReview(db: Database, actor: Actor, audit: AuditActor, id: number, b: { scores: Record<string, number>; comment?: string }) {
  await db.transaction(async (tx) => {
    const r = await loadMine(tx, actor, id, true);
    assertScoring(r);
    checkScores(r.criteria, b.scores, false);
    await tx.query('UPDATE platform_application_assignment SET scores = $2, comment = $3, version = version + 1 WHERE id = $1', [id, JSON.stringify(b.scores), b.comment ?? r.comment]);
    await recordAudit(tx, audit, { action: 'platform.application.review.save', targetType: 'platform_application_assignment', targetId: id, changes: { scores: { before: r.scores, after: b.scores } } });
  });
  return getMyPlatformReview(db, actor, id);
}

/** Submits once; the last of the panel moves the application to reviewed. */
export async function submitPlatformReview(db: Database, actor: Actor, audit: AuditActor, id: number, b: { scores?: Record<string, number>; comment?: string } = {}) {
  return db.transaction(async (tx) => {
    const r = await loadMine(tx, actor, id, true);
    assertScoring(r);
    const scores = b.scores ?? r.scores;
    checkScores(r.criteria, scores, true);
    const comment = (b.comment ?? r.comment ?? '').trim();
    if (!comment) throw new AppError(400, 'VALIDATION_FAILED', {}, { comment: { key: 'field.review.comment' } });
    const total = weightedTotal(r.criteria, scores);
    const { rowCount } = await tx.query(
      `UPDATE platform_application_assignment SET status = 'submitted', scores = $2, comment = $3, total = $4, submitted_at = now(), version = version + 1
        WHERE id = $1 AND status = 'declared'`, [id, JSON.stringify(scores), comment, total]);
    if (!rowCount) throw new AppError(409, 'REVIEW_SUBMITTED');
    await refreshApplicationStatus(tx, Number(r.application_id), actor);
    await recordAudit(tx, audit, { action: 'platform.application.review.submit', targetType: 'platform_application_assignment', targetId: id, changes: { total: { before: null, after: total } } });
    return { id, status: 'submitted' as const, total };
  });
}
