/**
 * Assigning experts to the applications of a call: by hand (a breach of a 回避 rule answers 409
 * CONFLICT_OF_INTEREST naming the rule) or drawn at random (抽取) from the qualified experts of
 * the call's province — fields include the application's field, title rank 副高 or above, active —
 * balanced in load, reproducible from the recorded seed, topping each application up to the call's
 * reviewers per application and never removing one. A declined expert is never drawn again for
 * the same application (补抽 draws someone else).
 */
import crypto from 'node:crypto';
import { todayInChina } from '../../../domain/dates';
import { AVOIDANCE_RULE_NAMES, breachedRule, type AvoidanceRule, type ItemFacts } from '../../../domain/review/avoidance';
import { drawExperts } from '../../../domain/review/draw';
import type { Database, Queryable } from '../../db/database';
import type { Actor, AuditActor } from '../../http/actor';
import { AppError, errors, fieldError } from '../../http/errors';
import { Where } from '../../http/list-query';
import { recordAudit } from '../audit/record';
import { notify } from '../notifications/notify';
import { callManageScope, lockManagedCall } from '../projects/calls';
import { callIdOf, lockManaged } from '../projects/applications';
import { expertFacts, reviewItems, type PoolExpert, type ReviewItem } from './facts';

/** Ranks an automatic draw accepts. */
/**
 * Hand assignment's checks, shared by every engine that puts experts on an item (project review,
 * achievement evaluation): known, active, never declined from this item, and no 回避 rule broken
 * (409 CONFLICT_OF_INTEREST naming the rule in error.details.rule). All or nothing: the first
 * problem refuses the whole request.
 */
export function assertAssignable(rules: readonly AvoidanceRule[], wanted: number[], experts: Map<number, PoolExpert>,
  item: ItemFacts & { everAssigned: number[]; active: number[] }): void {
  for (const id of wanted) {
    const x = experts.get(id);
    if (!x) throw fieldError('expertIds', 'field.expert.unknown');
    if (x.status !== 'active') throw new AppError(409, 'EXPERT_SUSPENDED');
    if (item.everAssigned.includes(id) && !item.active.includes(id)) throw new AppError(409, 'EXPERT_DECLINED');
    const rule = breachedRule(rules, x, item);
    if (rule) throw new AppError(409, 'CONFLICT_OF_INTEREST', { rule, ruleZh: AVOIDANCE_RULE_NAMES[rule][0], ruleEn: AVOIDANCE_RULE_NAMES[rule][1] }, undefined, { details: { rule, expertId: id } });
  }
}

export const DRAW_RANKS = ['正高', '副高'];
/** Applications that can take reviewers: past formal check, not yet decided. */
const ASSIGNABLE = ['formal_passed', 'under_review', 'reviewed'];

/** Writes assignments and moves each application that had none into review (timeline row each). */
async function insertAssignments(tx: Queryable, actor: Actor, callId: number, picks: { applicationId: number; expertId: number }[], method: 'manual' | 'draw', drawId: number | null) {
  if (!picks.length) return;
  await tx.query(
    `INSERT INTO review_assignment (call_id, application_id, expert_id, method, draw_id, assigned_by)
     SELECT $1, a, e, $4, $5, $6 FROM unnest($2::bigint[], $3::bigint[]) AS t(a, e) ON CONFLICT (application_id, expert_id) DO NOTHING`,
    [callId, picks.map((p) => p.applicationId), picks.map((p) => p.expertId), method, drawId, actor.id]);
  const ids = [...new Set(picks.map((p) => p.applicationId))];
  const { rows: moved } = await tx.query(
    `UPDATE application SET status = 'under_review', updated_at = now(), version = version + 1 WHERE id = ANY($1::bigint[]) AND status = 'formal_passed' RETURNING id`, [ids]);
  if (moved.length) {
    await tx.query(`INSERT INTO application_event (application_id, action, from_status, to_status, actor_id, actor_name)
                    SELECT unnest($1::bigint[]), 'start_review', 'formal_passed', 'under_review', $2, $3`, [moved.map((m) => m.id), actor.id, actor.displayName]);
  }
  // each expert learns of new work once per assignment round
  const { rows: users } = await tx.query(`SELECT DISTINCT user_id FROM expert WHERE id = ANY($1::bigint[]) AND user_id IS NOT NULL`, [[...new Set(picks.map((p) => p.expertId))]]);
  if (users.length) {
    await notify(tx, { userIds: users.map((u) => Number(u.user_id)), kind: 'reviewTask.assigned', link: '/projects/reviews',
      title: ['您有新的评审任务', 'You have new applications to review'], body: ['请在评审任务中签署承诺书并声明无利益冲突后开始评审。', 'Sign the pledge and declare no conflict in Reviews before you score.'] });
  }
}

export async function assignByHand(db: Database, actor: Actor, audit: AuditActor, applicationId: number, expertIds: number[]) {
  const wanted = [...new Set(expertIds)];
  return db.transaction(async (tx) => {
    // the call's row first, as the draw takes it: one assignment round of a call at a time, no deadlock
    const c = await lockManagedCall(tx, actor, await callIdOf(tx, applicationId));
    const a = await lockManaged(tx, actor, applicationId);
    if (!ASSIGNABLE.includes(a.status)) throw new AppError(409, 'INVALID_TRANSITION', { from: a.status });
    const [item] = await reviewItems(tx, Number(a.call_id), { applicationIds: [applicationId], on: todayInChina() });
    const experts = await expertFacts(tx, { expertIds: wanted });
    assertAssignable(c.avoidance as AvoidanceRule[], wanted, experts, item);
    const fresh = wanted.filter((id) => !item.active.includes(id));
    await insertAssignments(tx, actor, Number(a.call_id), fresh.map((expertId) => ({ applicationId, expertId })), 'manual', null);
    await recordAudit(tx, audit, { action: 'review.assign', targetType: 'application', targetId: applicationId, changes: { experts: { before: item.active, after: [...item.active, ...fresh] } } });
    return { assigned: fresh.length };
  });
}

export async function assignAutomatically(db: Database, actor: Actor, audit: AuditActor, callId: number, seedIn?: string) {
  const seed = seedIn ?? crypto.randomBytes(8).toString('hex');
  return db.transaction(async (tx) => {
    // the call's row serialises draws: two clicks at once cannot both top up the same application
    const c = await lockManagedCall(tx, actor, callId);
    const items = await reviewItems(tx, callId, { statuses: ASSIGNABLE, on: todayInChina() });
    const pool = await expertFacts(tx, { provinceOf: c.region_code });
    const qualified = [...pool.values()].filter((x) => x.status === 'active' && DRAW_RANKS.includes(x.titleRank));
    const byField = new Map<string, number[]>();
    for (const x of qualified) for (const f of x.fields) byField.set(f, [...(byField.get(f) ?? []), x.id]);
    const { rows: loads } = await tx.query(`SELECT expert_id, count(*)::int AS n FROM review_assignment WHERE call_id = $1 AND status <> 'declined' GROUP BY expert_id`, [callId]);
    const load = new Map<number, number>(loads.map((l) => [Number(l.expert_id), l.n]));
    const byId = new Map<number, ReviewItem>(items.map((i) => [i.id, i]));
    const result = drawExperts(seed,
      items.map((i) => ({ id: i.id, missing: c.reviewers_per_application - i.active.length, excluded: new Set(i.everAssigned) })),
      (d) => byField.get(byId.get(d.id)!.field) ?? [],
      (expertId, d) => breachedRule(c.avoidance as AvoidanceRule[], pool.get(expertId)!, byId.get(d.id)!) != null,
      load);
    const { rows: [draw] } = await tx.query('INSERT INTO review_draw (call_id, seed, assigned, unfilled, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [callId, seed, result.picks.length, result.unfilled.length, actor.id]);
    await insertAssignments(tx, actor, callId, result.picks.map((p) => ({ applicationId: p.itemId, expertId: p.expertId })), 'draw', Number(draw.id));
    await recordAudit(tx, audit, { action: 'review.draw', targetType: 'call', targetId: callId,
      changes: { seed: { before: null, after: seed }, assigned: { before: null, after: result.picks.length }, unfilled: { before: null, after: result.unfilled.length } } });
    return { assigned: result.picks.length, unfilled: result.unfilled.map((u) => ({ applicationId: u.itemId, missing: u.missing })), seed, drawId: Number(draw.id) };
  });
}

export async function listAssignments(db: Queryable, actor: Actor, callId: number) {
  const where = callManageScope(actor, new Where()).add('c.id = $?', callId);
  if (!(await db.query(`SELECT 1 FROM call c ${where}`, where.params)).rowCount) throw errors.notFound();
  const { rows } = await db.query(
    `SELECT r.id, r.application_id, r.expert_id, x.name AS expert_name, x.org_name AS expert_org, r.status, r.method, r.conflict_reason, r.total, r.submitted_at, r.assigned_at
       FROM review_assignment r JOIN expert x ON x.id = r.expert_id WHERE r.call_id = $1 ORDER BY r.application_id, r.id`, [callId]);
  return { items: rows.map((r) => ({ id: Number(r.id), applicationId: Number(r.application_id), expertId: Number(r.expert_id), expertName: r.expert_name,
    expertOrg: r.expert_org, status: r.status, method: r.method, conflictReason: r.conflict_reason, total: r.total == null ? null : Number(r.total),
    submittedAt: r.submitted_at, assignedAt: r.assigned_at })) };
}

/** Staff take an expert off an application before they submit (e.g. unreachable); the row stays as declined. */
export async function removeAssignment(db: Database, actor: Actor, audit: AuditActor, assignmentId: number, reason: string) {
  await db.transaction(async (tx) => {
    const { rows: [r] } = await tx.query('SELECT * FROM review_assignment WHERE id = $1 FOR UPDATE', [assignmentId]);
    if (!r) throw errors.notFound();
    await lockManaged(tx, actor, Number(r.application_id));
    if (r.status === 'submitted') throw new AppError(409, 'REVIEW_SUBMITTED');
    if (r.status === 'declined') return;
    await tx.query(`UPDATE review_assignment SET status = 'declined', conflict_reason = $2, version = version + 1 WHERE id = $1`, [assignmentId, reason]);
    await recordAudit(tx, audit, { action: 'review.unassign', targetType: 'application', targetId: r.application_id,
      changes: { expert: { before: Number(r.expert_id), after: null }, reason: { before: null, after: reason } } });
  });
}

