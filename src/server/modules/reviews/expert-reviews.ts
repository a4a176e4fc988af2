/**
 * An expert's side of a review: the pledge (承诺书) once per call, a declaration of no conflict
 * before an application opens (a declared conflict removes the assignment and asks staff to
 * replace), scores per criterion within their maxima with a comment, drafts, and one submission
 * (a second answers 409 and changes nothing) — the shared panel engine (panel-review.ts) on
 * review_assignment. Blind review hides the applicant and its members.
 */
import type { Criterion } from '../../../domain/review/ranking';
import type { Database, Queryable } from '../../db/database';
import type { Actor, AuditActor } from '../../http/actor';
import { AppError, errors } from '../../http/errors';
import { recordAudit } from '../audit/record';
import { notify } from '../notifications/notify';
import { panelReview } from './panel-review';

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

/** The shared panel engine on review_assignment; the pledge (once per call) and the application's move to reviewed are this use's own. */
const panel = panelReview({
  table: 'review_assignment', alias: 'r', auditPrefix: 'review', declaration: true,
  load: `SELECT r.*, c.rubric, c.blind, c.pledge, c.title AS call_title, a.title AS app_title, a.org_id, a.status AS app_status, c.reviewers_per_application,
                EXISTS (SELECT 1 FROM review_pledge p WHERE p.call_id = c.id AND p.expert_id = x.id) AS pledged
           ${MINE} WHERE r.id = $1 AND x.user_id = $2 AND r.status <> 'declined'`,
  criteria: (r) => r.rubric as Criterion[],
  async pledge(tx, r, audit, given) {
    if (r.pledged) return;
    if (given !== true) throw new AppError(409, 'PLEDGE_REQUIRED');
    await tx.query('INSERT INTO review_pledge (call_id, expert_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [r.call_id, r.expert_id]);
    await recordAudit(tx, audit, { action: 'review.pledge', targetType: 'call', targetId: r.call_id, changes: { pledge: { before: null, after: true } } });
  },
  // the call's bureau is asked to replace the expert (a 待办 too: review.replace)
  async afterDecline(tx, r, reason) {
    const { rows: staff } = await tx.query(
      `SELECT u.id FROM app_user u JOIN call c ON c.id = $1 WHERE u.role = 'staff' AND u.status = 'active' AND u.region_code = c.region_code`, [r.call_id]);
    await notify(tx, { userIds: staff.map((s) => Number(s.id)), kind: 'reviewTask.declined', link: `/projects/calls/${r.call_id}?tab=reviews`,
      title: [`专家申明回避，需补抽：${r.app_title}`, `An expert declared a conflict; draw a replacement: ${r.app_title}`], body: [reason, reason] });
  },
  // the last of the panel's reviews moves the application to reviewed
  async afterSubmit(tx, r) {
    const { rows: [a] } = await tx.query(
      `UPDATE application a SET status = 'reviewed', updated_at = now(), version = version + 1
        WHERE a.id = $1 AND a.status = 'under_review'
          AND (SELECT count(*) FROM review_assignment x WHERE x.application_id = a.id AND x.status = 'submitted') >= $2
          AND NOT EXISTS (SELECT 1 FROM review_assignment x WHERE x.application_id = a.id AND x.status IN ('assigned', 'declared'))
        RETURNING id`, [r.application_id, r.reviewers_per_application]);
    if (a) await tx.query(`INSERT INTO application_event (application_id, action, from_status, to_status) VALUES ($1, 'finish_review', 'under_review', 'reviewed')`, [a.id]);
  },
});

export async function getMyReview(db: Queryable, actor: Actor, id: number) {
  const r = await panel.load(db, actor, id);
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

export const declare = panel.declare;

export async function saveReview(db: Database, actor: Actor, audit: AuditActor, id: number, b: { scores: Record<string, number>; comment?: string }) {
  await panel.saveScores(db, actor, audit, id, b);
  return getMyReview(db, actor, id);
}

/** Submits once (the engine's row lock and conditional update). */
export const submitReview = panel.submitOnce;
