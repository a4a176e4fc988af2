/**
 * An expert's side of a review: the pledge (承诺书) once per call, a declaration of no conflict
 * before an application opens (a declared conflict removes the assignment and asks staff to
 * replace), scores per criterion within their maxima with a comment, drafts, and one submission
 * (a second answers 409 and changes nothing). Blind review hides the applicant and its members.
 */
import { scoreProblems, weightedTotal, type Criterion } from '../../../domain/review/ranking';
import type { Database, Queryable } from '../../db/database';
import type { Actor, AuditActor } from '../../http/actor';
import { AppError, errors, type FieldProblem } from '../../http/errors';
import { recordAudit } from '../audit/record';
import { notify } from '../notifications/notify';

const MINE = `FROM review_assignment r JOIN expert x ON x.id = r.expert_id JOIN application a ON a.id = r.application_id JOIN call c ON c.id = r.call_id`;

export async function myReviews(db: Queryable, actor: Actor, f: { status?: string } = {}) {
  if (actor.role !== 'expert') throw errors.forbidden();
  const { rows } = await db.query(
    `SELECT r.id, r.application_id, r.status, r.total, r.submitted_at, r.assigned_at, c.id AS call_id, c.title AS call_title, c.blind,
            a.title, a.field, CASE WHEN c.blind THEN NULL ELSE (SELECT o.name FROM organization o WHERE o.id = a.org_id) END AS org_name,
            EXISTS (SELECT 1 FROM review_pledge p WHERE p.call_id = c.id AND p.expert_id = x.id) AS pledged
       ${MINE} WHERE x.user_id = $1 AND r.status <> 'declined' AND ($2::text IS NULL OR r.status = $2)
      ORDER BY (r.status = 'submitted'), r.assigned_at, r.id`, [actor.id, f.status ?? null]);
  return { items: rows.map((r) => ({ id: Number(r.id), applicationId: Number(r.application_id), status: r.status, callId: Number(r.call_id), callTitle: r.call_title,
    title: r.title, field: r.field, orgName: r.org_name, blind: r.blind, pledged: r.pledged, total: r.total == null ? null : Number(r.total),
    assignedAt: r.assigned_at, submittedAt: r.submitted_at })) };
}

async function loadMine(db: Queryable, actor: Actor, id: number, lock = false) {
  if (actor.role !== 'expert') throw errors.forbidden();
  const { rows: [r] } = await db.query(
    `SELECT r.*, c.rubric, c.blind, c.pledge, c.title AS call_title, a.title AS app_title, a.org_id, a.status AS app_status, c.reviewers_per_application,
            EXISTS (SELECT 1 FROM review_pledge p WHERE p.call_id = c.id AND p.expert_id = x.id) AS pledged
       ${MINE} WHERE r.id = $1 AND x.user_id = $2 AND r.status <> 'declined' ${lock ? 'FOR UPDATE OF r' : ''}`, [id, actor.id]);
  if (!r) throw errors.notFound();
  return r;
}

export async function getMyReview(db: Queryable, actor: Actor, id: number) {
  const r = await loadMine(db, actor, id);
  const open = r.status !== 'assigned';
  const { rows: [a] } = await db.query(
    `SELECT a.title, a.field, a.summary, a.requested_amount, a.own_funds, a.form_data, a.budget, o.name AS org_name, rg.name AS region_name
       FROM application a JOIN organization o ON o.id = a.org_id JOIN region rg ON rg.code = a.region_code WHERE a.id = $1`, [r.application_id]);
  const blind = r.blind as boolean;
  const members = open ? (await db.query('SELECT name, org_name, role FROM application_member WHERE application_id = $1 ORDER BY seq', [r.application_id])).rows : [];
  const partners = open && !blind ? (await db.query('SELECT o.name FROM application_partner p JOIN organization o ON o.id = p.org_id WHERE p.application_id = $1', [r.application_id])).rows : [];
  return {
    id: Number(r.id), applicationId: Number(r.application_id), status: r.status, scores: r.scores as Record<string, number>, comment: r.comment,
    total: r.total == null ? null : Number(r.total), submittedAt: r.submitted_at, callTitle: r.call_title, rubric: r.rubric as Criterion[], blind,
    pledge: r.pledge, pledged: r.pledged,
    application: {
      title: a.title, field: a.field, orgName: blind ? null : a.org_name, regionName: blind ? null : a.region_name,
      // the rest opens once the expert has declared no conflict
      summary: open ? a.summary : null, requestedAmount: open ? Number(a.requested_amount) : null, ownFunds: open ? Number(a.own_funds) : null,
      formData: open ? a.form_data : null, budget: open ? a.budget : null,
      members: members.map((m, i) => (blind ? { name: `成员 ${i + 1}`, orgName: null, role: m.role } : { name: m.name, orgName: m.org_name, role: m.role })),
      partners: partners.map((p) => p.name),
    },
  };
}

export async function declare(db: Database, actor: Actor, audit: AuditActor, id: number, b: { conflict: boolean; pledge?: boolean; reason?: string }) {
  return db.transaction(async (tx) => {
    const r = await loadMine(tx, actor, id, true);
    if (r.status === 'submitted') throw new AppError(409, 'REVIEW_SUBMITTED');
    if (b.conflict) {
      if (!b.reason?.trim()) throw new AppError(400, 'VALIDATION_FAILED', {}, { reason: { key: 'field.reason' } });
      await tx.query(`UPDATE review_assignment SET status = 'declined', conflict_reason = $2, version = version + 1 WHERE id = $1`, [id, b.reason.trim()]);
      await recordAudit(tx, audit, { action: 'review.decline', targetType: 'review_assignment', targetId: id, changes: { conflict: { before: null, after: b.reason } } });
      // the call's bureau is asked to replace the expert (a 待办 too: review.replace)
      const { rows: staff } = await tx.query(
        `SELECT u.id FROM app_user u JOIN call c ON c.id = $1 WHERE u.role = 'staff' AND u.status = 'active' AND u.region_code = c.region_code`, [r.call_id]);
      await notify(tx, { userIds: staff.map((s) => Number(s.id)), kind: 'reviewTask.declined', link: `/projects/calls/${r.call_id}?tab=reviews`,
        title: [`专家申明回避，需补抽：${r.app_title}`, `An expert declared a conflict; draw a replacement: ${r.app_title}`], body: [b.reason.trim(), b.reason.trim()] });
      return { status: 'declined' as const };
    }
    if (!r.pledged) {
      if (b.pledge !== true) throw new AppError(409, 'PLEDGE_REQUIRED');
      await tx.query('INSERT INTO review_pledge (call_id, expert_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [r.call_id, r.expert_id]);
      await recordAudit(tx, audit, { action: 'review.pledge', targetType: 'call', targetId: r.call_id, changes: { pledge: { before: null, after: true } } });
    }
    if (r.status === 'assigned') {
      await tx.query(`UPDATE review_assignment SET status = 'declared', declared_at = now(), version = version + 1 WHERE id = $1`, [id]);
      await recordAudit(tx, audit, { action: 'review.declare', targetType: 'review_assignment', targetId: id, changes: { status: { before: 'assigned', after: 'declared' } } });
    }
    return { status: 'declared' as const };
  });
}

function checkScores(rubric: Criterion[], scores: Record<string, number>, complete: boolean) {
  const problems = scoreProblems(rubric, scores, complete);
  if (!problems.length) return;
  const fields: Record<string, FieldProblem> = {};
  for (const p of problems) {
    const c = rubric.find((x) => x.code === p.code);
    fields[`scores.${p.code}`] = p.problem === 'range' ? { key: 'field.score.range', params: { max: c?.max } } : { key: p.problem === 'missing' ? 'field.required' : 'field.invalid_option' };
  }
  throw new AppError(400, 'VALIDATION_FAILED', {}, fields);
}

export async function saveReview(db: Database, actor: Actor, audit: AuditActor, id: number, b: { scores: Record<string, number>; comment?: string }) {
  return db.transaction(async (tx) => {
    const r = await loadMine(tx, actor, id, true);
    if (r.status === 'assigned') throw new AppError(409, 'DECLARATION_REQUIRED');
    if (r.status === 'submitted') throw new AppError(409, 'REVIEW_SUBMITTED');
    checkScores(r.rubric, b.scores, false);
    await tx.query('UPDATE review_assignment SET scores = $2, comment = $3, version = version + 1 WHERE id = $1', [id, JSON.stringify(b.scores), b.comment ?? r.comment]);
    await recordAudit(tx, audit, { action: 'review.save', targetType: 'review_assignment', targetId: id, changes: { scores: { before: r.scores, after: b.scores } } });
    return getMyReview(tx, actor, id);
  });
}

/** Submits once: the conditional update lets exactly one of many simultaneous submissions through. */
export async function submitReview(db: Database, actor: Actor, audit: AuditActor, id: number, b: { scores?: Record<string, number>; comment?: string } = {}) {
  return db.transaction(async (tx) => {
    const r = await loadMine(tx, actor, id, true);
    if (r.status === 'assigned') throw new AppError(409, 'DECLARATION_REQUIRED');
    if (r.status === 'submitted') throw new AppError(409, 'REVIEW_SUBMITTED');
    const scores = b.scores ?? r.scores;
    checkScores(r.rubric, scores, true);
    const comment = (b.comment ?? r.comment ?? '').trim();
    if (!comment) throw new AppError(400, 'VALIDATION_FAILED', {}, { comment: { key: 'field.review.comment' } });
    const total = weightedTotal(r.rubric, scores);
    const { rowCount } = await tx.query(
      `UPDATE review_assignment SET status = 'submitted', scores = $2, comment = $3, total = $4, submitted_at = now(), version = version + 1
        WHERE id = $1 AND status = 'declared'`, [id, JSON.stringify(scores), comment, total]);
    if (!rowCount) throw new AppError(409, 'REVIEW_SUBMITTED');
    await recordAudit(tx, audit, { action: 'review.submit', targetType: 'review_assignment', targetId: id, changes: { total: { before: null, after: total } } });
    // the last of the panel's reviews moves the application to reviewed
    const { rows: [a] } = await tx.query(
      `UPDATE application a SET status = 'reviewed', updated_at = now(), version = version + 1
        WHERE a.id = $1 AND a.status = 'under_review'
          AND (SELECT count(*) FROM review_assignment x WHERE x.application_id = a.id AND x.status = 'submitted') >= $2
          AND NOT EXISTS (SELECT 1 FROM review_assignment x WHERE x.application_id = a.id AND x.status IN ('assigned', 'declared'))
        RETURNING id`, [r.application_id, r.reviewers_per_application]);
    if (a) await tx.query(`INSERT INTO application_event (application_id, action, from_status, to_status) VALUES ($1, 'finish_review', 'under_review', 'reviewed')`, [a.id]);
    return { id, status: 'submitted' as const, total };
  });
}
