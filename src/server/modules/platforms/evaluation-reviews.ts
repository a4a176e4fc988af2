/**
 * Experts on a platform's yearly report, through the shared review engine: the same 回避 rules
 * and checks as project review (assertAssignable over expertFacts) with the platform's host
 * organisation as the "applicant" — an expert of the host never reviews it; the expert's side
 * (their reviews, a declared conflict, scores within each criterion's maximum, one submission:
 * a repeat answers 409 and counts nothing). Only the expert's own rows are read (x.user_id).
 */
import { todayInChina } from '../../../domain/dates';
import { DEFAULT_AVOIDANCE, type ItemFacts } from '../../../domain/review/avoidance';
import type { Criterion } from '../../../domain/review/ranking';
import type { Database, Queryable } from '../../db/database';
import type { Actor, AuditActor } from '../../http/actor';
import { AppError, errors } from '../../http/errors';
import { recordAudit } from '../audit/record';
import { bureauStaffOf } from '../market/evaluations';
import { notify } from '../notifications/notify';
import { assertAssignable } from '../reviews/assignment';
import { assertScores, panelReview } from '../reviews/panel-review';
import { expertFacts } from '../reviews/facts';
import { loadReport } from './evaluation-reports';
import { schemeFor } from './evaluation-schemes';

const num = (v: unknown) => (v == null ? null : Number(v));

export async function assignReviewers(db: Database, actor: Actor, audit: AuditActor, reportId: number, expertIds: number[]) {
  const wanted = [...new Set(expertIds)];
  return db.transaction(async (tx) => {
    const r = await loadReport(tx, actor, reportId, true);
    if (r.status !== 'submitted') throw new AppError(409, 'INVALID_TRANSITION', { from: r.status });
    const { rows: [state] } = await tx.query(
      `SELECT coalesce(array_agg(expert_id) FILTER (WHERE status <> 'declined'), '{}') AS active, coalesce(array_agg(expert_id), '{}') AS ever
         FROM platform_report_review WHERE report_id = $1`, [reportId]);
    const active = (state.active as unknown[]).map(Number);
    const item: ItemFacts & { active: number[]; everAssigned: number[] } = {
      applicantOrgId: Number(r.host_org_id), partnerOrgIds: (r.host_org_ids as unknown[]).map(Number).filter((o) => o !== Number(r.host_org_id)), memberExpertIds: [], memberNames: [], regionCode: r.region_code, on: todayInChina(),
      active, everAssigned: (state.ever as unknown[]).map(Number),
    };
    assertAssignable(DEFAULT_AVOIDANCE, wanted, await expertFacts(tx, { expertIds: wanted }), item);
    const fresh = wanted.filter((id) => !active.includes(id));
    if (fresh.length) {
      await tx.query(`INSERT INTO platform_report_review (report_id, expert_id, assigned_by) SELECT $1, unnest($2::bigint[]), $3 ON CONFLICT DO NOTHING`, [reportId, fresh, actor.id]);
      const { rows: users } = await tx.query('SELECT user_id FROM expert WHERE id = ANY($1::bigint[]) AND user_id IS NOT NULL', [fresh]);
      if (users.length) {
        await notify(tx, { userIds: users.map((u) => Number(u.user_id)), kind: 'platform.review.assigned', link: '/platforms/evaluation-reviews',
          title: [`您有新的平台绩效评价任务：${r.platform_name}（${r.year} 年度）`, `A platform report to score: ${r.platform_name} (${r.year})`] });
      }
    }
    await recordAudit(tx, audit, { action: 'platform.report.assign', targetType: 'platform_report', targetId: reportId, changes: { experts: { before: active, after: [...active, ...fresh] } } });
    return { assigned: fresh.length };
  });
}

const MINE = `FROM platform_report_review v JOIN expert x ON x.id = v.expert_id JOIN platform_report rp ON rp.id = v.report_id
  JOIN platform p ON p.id = rp.platform_id LEFT JOIN organization o ON o.id = rp.host_org_id`;

export async function myPlatformReviews(db: Queryable, actor: Actor) {
  if (actor.role !== 'expert') throw errors.forbidden();
  const { rows } = await db.query(
    `SELECT v.id, v.report_id, v.status, v.total, v.assigned_at, v.submitted_at, rp.year, rp.platform_type, p.name AS platform_name, o.name AS host_name
       ${MINE} WHERE x.user_id = $1 AND v.status <> 'declined' ORDER BY (v.status = 'submitted'), v.assigned_at, v.id`, [actor.id]);
  return { items: rows.map((r) => ({ id: Number(r.id), reportId: Number(r.report_id), status: r.status, total: num(r.total), year: r.year,
    platformType: r.platform_type, platformName: r.platform_name, hostName: r.host_name, assignedAt: r.assigned_at, submittedAt: r.submitted_at })) };
}

/** The shared panel engine on platform_report_review: no declaration step (a conflict is declared alone); a rated report takes no more scores. */
const panel = panelReview({
  table: 'platform_report_review', alias: 'v', auditPrefix: 'platform.report.review', declaration: false,
  load: `SELECT v.*, rp.year, rp.platform_type, rp.figures, rp.narrative, rp.criteria, rp.status AS report_status, rp.region_code, p.name AS platform_name, o.name AS host_name
           ${MINE} WHERE v.id = $1 AND x.user_id = $2 AND v.status <> 'declined'`,
  criteria: (r) => r.criteria as Criterion[],
  assertItemOpen(r) { if (r.report_status !== 'submitted') throw new AppError(409, 'PLATFORM_REPORT_RATED'); },
  // the bureau is asked for another expert
  async afterDecline(tx, r, reason) {
    await notify(tx, { userIds: await bureauStaffOf(tx, r.region_code), kind: 'platform.review.declined', link: `/platforms/evaluation?report=${r.report_id}`,
      title: [`评价专家申明回避，需补充专家：${r.platform_name}`, `A reviewer declared a conflict; assign another: ${r.platform_name}`], body: [reason, reason] });
  },
});

export async function getMyPlatformReview(db: Queryable, actor: Actor, id: number) {
  const r = await panel.load(db, actor, id);
  const scheme = await schemeFor(db, r.platform_type);
  return { id: Number(r.id), reportId: Number(r.report_id), status: r.status, scores: r.scores, comment: r.comment, total: num(r.total), submittedAt: r.submitted_at,
    criteria: r.criteria as Criterion[], report: { year: r.year, platformType: r.platform_type, platformName: r.platform_name, hostName: r.host_name,
      figures: r.figures, narrative: r.narrative, metrics: scheme.metrics } };
}

/** A declared conflict takes the expert off the report for good and asks the bureau for another. */
export const declinePlatformReview = panel.decline;

/** Staff scoring a report themselves check the same way (every criterion, within its maximum). */
export const checkScores = (criteria: Criterion[], scores: Record<string, number>) => assertScores(criteria, scores, true);

/** Submits once (the engine's row lock and conditional update). */
export const submitPlatformReview = (db: Database, actor: Actor, audit: AuditActor, id: number, b: { scores: Record<string, number>; comment: string }) =>
  panel.submitOnce(db, actor, audit, id, b);
