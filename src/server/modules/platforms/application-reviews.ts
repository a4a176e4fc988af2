/**
 * An expert's side of a certification review (/platform-certification-reviews): their own assignments, a
 * declaration before the application's content opens (no conflict, with the integrity pledge; or a
 * conflict, which declines the assignment and asks the bureau for another expert), scores per
 * criterion of the copied rubric with an opinion, drafts, and one submission — a second answers
 * 409 REVIEW_SUBMITTED and changes nothing. Only the expert's own rows are ever read (x.user_id).
 * The shared panel engine (reviews/panel-review.ts) does the expert's steps; this file keeps the
 * application as the expert sees it and the certification's hooks.
 */
import type { Criterion } from '../../../domain/review/ranking';
import type { Database, Queryable } from '../../db/database';
import type { Actor, AuditActor } from '../../http/actor';
import { AppError, errors } from '../../http/errors';
import { notify } from '../notifications/notify';
import { panelReview } from '../reviews/panel-review';
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

/** The shared panel engine on platform_application_assignment; a decided application takes no more scores. */
const panel = panelReview({
  table: 'platform_application_assignment', alias: 's', auditPrefix: 'platform.application.review', declaration: true,
  load: `SELECT s.*, a.criteria, a.status AS application_status, a.name, a.type_code, a.level, a.field, a.intro, a.checklist, a.region_code, o.name AS org_name
           ${MINE} WHERE s.id = $1 AND x.user_id = $2 AND s.status <> 'declined' AND ${OPEN}`,
  criteria: (r) => r.criteria as Criterion[],
  assertItemOpen(r) {
    if (r.application_status === 'certified' || r.application_status === 'refused') throw new AppError(409, 'INVALID_TRANSITION', { from: r.application_status });
  },
  // the staff who assigned the expert are asked for another
  async afterDecline(tx, r, reason, actor) {
    await refreshApplicationStatus(tx, Number(r.application_id), actor);
    const { rows: staff } = await tx.query('SELECT assigned_by FROM platform_application_assignment WHERE id = $1 AND assigned_by IS NOT NULL', [r.id]);
    await notify(tx, { userIds: staff.map((s) => Number(s.assigned_by)), kind: 'platform.certification.declined', link: `/platforms/applications/${r.application_id}`,
      title: [`评审专家申明回避，需补充专家：${r.name}`, `A reviewer declared a conflict; assign another: ${r.name}`], body: [reason, reason] });
  },
  // the last of the panel moves the application to reviewed
  async afterSubmit(tx, r, actor) { await refreshApplicationStatus(tx, Number(r.application_id), actor); },
});

export async function getMyPlatformReview(db: Queryable, actor: Actor, id: number) {
  const r = await panel.load(db, actor, id);
  const open = r.status !== 'assigned';
  return {
    id: Number(r.id), applicationId: Number(r.application_id), status: r.status, criteria: r.criteria as Criterion[], scores: r.scores as Record<string, number>,
    comment: r.comment, total: num(r.total), submittedAt: r.submitted_at,
    application: { name: r.name, type: r.type_code, level: r.level, field: r.field, orgName: r.org_name,
      // the content opens once the expert has declared no conflict
      intro: open ? r.intro : null, checklist: open ? r.checklist : null },
  };
}

export const declarePlatformReview = panel.declare;

export async function savePlatformReview(db: Database, actor: Actor, audit: AuditActor, id: number, b: { scores: Record<string, number>; comment?: string }) {
  await panel.saveScores(db, actor, audit, id, b);
  return getMyPlatformReview(db, actor, id);
}

/** Submits once (the engine's row lock and conditional update); the last of the panel moves the application to reviewed. */
export const submitPlatformReview = panel.submitOnce;
