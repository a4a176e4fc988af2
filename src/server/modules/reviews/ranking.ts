/**
 * What staff see of a call's review: progress, the score matrix with outliers (a review more
 * than 20 points from its panel's mean), the ranking (weighted mean; optionally without the
 * highest and lowest when five or more reviewed; ties to the earliest submission) and a funding
 * plan that keeps within the call's budget.
 */
import { fundingPlan, isOutlier, rank } from '../../../domain/review/ranking';
import type { Queryable } from '../../db/database';
import type { Actor } from '../../http/actor';
import { errors } from '../../http/errors';
import { Where } from '../../http/list-query';
import { callManageScope } from '../projects/calls';
import { FUNDED_STATUSES } from '../projects/workflow';

/** Applications that take part in the ranking: past formal check. */
const RANKED = ['formal_passed', 'under_review', 'reviewed', 'approved', 'not_approved', 'publicized', 'contracted', 'midterm_passed', 'accepted', 'acceptance_failed', 'closed', 'terminated'];

async function managedCall(db: Queryable, actor: Actor, callId: number) {
  const where = callManageScope(actor, new Where()).add('c.id = $?', callId);
  const { rows: [c] } = await db.query(`SELECT c.* FROM call c ${where}`, where.params);
  if (!c) throw errors.notFound();
  return c;
}

async function rankedRows(db: Queryable, callId: number) {
  const { rows } = await db.query(
    `SELECT a.id, a.title, o.name AS org_name, a.field, a.status, a.requested_amount, a.approved_amount, a.submitted_at,
            coalesce(array_agg(r.total::float ORDER BY r.submitted_at, r.id) FILTER (WHERE r.status = 'submitted'), '{}') AS totals
       FROM application a JOIN organization o ON o.id = a.org_id LEFT JOIN review_assignment r ON r.application_id = a.id
      WHERE a.call_id = $1 AND a.status = ANY($2::text[])
      GROUP BY a.id, o.name`, [callId, RANKED]);
  return rows;
}

export async function callRanking(db: Queryable, actor: Actor, callId: number, dropExtremes?: boolean) {
  const c = await managedCall(db, actor, callId);
  const drop = dropExtremes ?? c.drop_extremes;
  const rows = await rankedRows(db, callId);
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  const ranked = rank(rows.map((r) => ({ id: Number(r.id), submittedAt: r.submitted_at, totals: r.totals as number[] })), drop);
  return {
    dropExtremes: drop, budget: Number(c.budget),
    items: ranked.map((x) => {
      const r = byId.get(x.id)!;
      return { applicationId: x.id, rank: x.rank, score: x.score, reviews: x.reviews, dropped: x.dropped, title: r.title, orgName: r.org_name, field: r.field,
        status: r.status, requestedAmount: Number(r.requested_amount), approvedAmount: r.approved_amount == null ? null : Number(r.approved_amount) };
    }),
  };
}

export async function callFundingPlan(db: Queryable, actor: Actor, callId: number, minScore = 0) {
  const ranking = await callRanking(db, actor, callId);
  // what is already approved stays; the plan fills the rest of the budget down the ranking
  const approved = ranking.items.filter((i) => FUNDED_STATUSES.includes(i.status)).reduce((s, i) => s + (i.approvedAmount ?? 0), 0);
  const open = ranking.items.filter((i) => i.status === 'reviewed' || i.status === 'under_review');
  const plan = fundingPlan(open.map((i) => ({ id: i.applicationId, score: i.score, requested: i.requestedAmount })), ranking.budget - approved, minScore);
  const amounts = new Map(plan.map((p) => [p.id, p.amount]));
  return {
    budget: ranking.budget, approved, planned: plan.reduce((s, p) => s + p.amount, 0), minScore,
    items: open.map((i) => ({ applicationId: i.applicationId, rank: i.rank, score: i.score, title: i.title, orgName: i.orgName, requestedAmount: i.requestedAmount,
      amount: amounts.get(i.applicationId) ?? 0 })),
  };
}

/** The call board: applications by state, review progress, the score distribution and matrix. */
export async function callBoard(db: Queryable, actor: Actor, callId: number) {
  const c = await managedCall(db, actor, callId);
  const [states, progress, matrix] = await Promise.all([
    db.query(`SELECT status, count(*)::int AS n FROM application WHERE call_id = $1 AND status <> 'draft' GROUP BY status`, [callId]),
    db.query(`SELECT status, count(*)::int AS n FROM review_assignment WHERE call_id = $1 GROUP BY status`, [callId]),
    db.query(`SELECT r.id, r.application_id, r.expert_id, x.name AS expert_name, r.status, r.total::float AS total
                FROM review_assignment r JOIN expert x ON x.id = r.expert_id WHERE r.call_id = $1 AND r.status <> 'declined' ORDER BY r.application_id, r.id`, [callId]),
  ]);
  const panels = new Map<number, number[]>();
  for (const m of matrix.rows) if (m.status === 'submitted') panels.set(Number(m.application_id), [...(panels.get(Number(m.application_id)) ?? []), m.total]);
  const ranking = await callRanking(db, actor, callId);
  const buckets = [0, 60, 70, 80, 90].map((lo, i, all) => ({ from: lo, to: all[i + 1] ?? 100,
    count: ranking.items.filter((x) => x.score != null && x.score >= lo && (i === all.length - 1 ? x.score <= 100 : x.score < all[i + 1])).length }));
  return {
    call: { id: Number(c.id), title: c.title, budget: Number(c.budget), reviewersPerApplication: c.reviewers_per_application },
    byStatus: Object.fromEntries(states.rows.map((s) => [s.status, s.n])),
    reviews: Object.fromEntries(progress.rows.map((s) => [s.status, s.n])),
    distribution: buckets,
    matrix: matrix.rows.map((m) => ({ assignmentId: Number(m.id), applicationId: Number(m.application_id), expertId: Number(m.expert_id), expertName: m.expert_name,
      status: m.status, total: m.total, outlier: m.status === 'submitted' && isOutlier(m.total, panels.get(Number(m.application_id)) ?? []) })),
  };
}
