/**
 * Experts on an evaluation, under the same 回避 rules as project review (breachedRule over
 * expertFacts): the achievement's organisation is the "applicant", its named 完成人 the
 * "members". By hand (a breach answers 409 CONFLICT_OF_INTEREST with error.details.rule, and
 * nothing of the request is assigned), or drawn at random from the province's qualified experts
 * of the achievement's field (reproducible from the recorded seed), topping the panel up to the
 * evaluation's experts_required. An expert once declined is never put back on the same one.
 */
import crypto from 'node:crypto';
import { todayInChina } from '../../../domain/dates';
import { fieldName } from '../../../domain/fields';
import { breachedRule, DEFAULT_AVOIDANCE, type ItemFacts } from '../../../domain/review/avoidance';
import { drawExperts } from '../../../domain/review/draw';
import type { Database, Queryable } from '../../db/database';
import type { Actor, AuditActor } from '../../http/actor';
import { AppError } from '../../http/errors';
import { recordAudit } from '../audit/record';
import { notify } from '../notifications/notify';
import { assertAssignable, DRAW_RANKS } from '../reviews/assignment';
import { expertFacts } from '../reviews/facts';
import { lockManagedEvaluation, refreshEvaluationStatus } from './evaluations';

/** Evaluations that take experts: before they are concluded or withdrawn. */
const ASSIGNABLE = ['requested', 'experts_assigned', 'scored'];
/** 完成人 are written as a list: 张三、李四, 张三,李四 … */
const NAME_SEPARATORS = /[、,，;；\n]+/;

interface EvaluationItem extends ItemFacts { field: string; active: number[]; everAssigned: number[] }

async function evaluationItem(tx: Queryable, evaluationId: number): Promise<EvaluationItem> {
  const { rows: [x] } = await tx.query(
    `SELECT a.org_id, a.region_code, a.field, a.inventors,
            coalesce((SELECT array_agg(s.expert_id) FILTER (WHERE s.status <> 'declined') FROM evaluation_assignment s WHERE s.evaluation_id = e.id), '{}') AS active,
            coalesce((SELECT array_agg(s.expert_id) FROM evaluation_assignment s WHERE s.evaluation_id = e.id), '{}') AS ever
       FROM evaluation e JOIN achievement a ON a.id = e.achievement_id WHERE e.id = $1`, [evaluationId]);
  return {
    applicantOrgId: Number(x.org_id), partnerOrgIds: [], memberExpertIds: [], memberNames: String(x.inventors).split(NAME_SEPARATORS).filter(Boolean),
    regionCode: x.region_code, on: todayInChina(), field: x.field,
    active: (x.active as unknown[]).filter((v) => v != null).map(Number), everAssigned: (x.ever as unknown[]).map(Number),
  };
}

async function insertAssignments(tx: Queryable, actor: Actor, evaluationId: number, title: string, expertIds: number[], method: 'manual' | 'draw', seed: string | null) {
  if (!expertIds.length) return;
  await tx.query(
    `INSERT INTO evaluation_assignment (evaluation_id, expert_id, method, draw_seed, assigned_by)
     SELECT $1, unnest($2::bigint[]), $3, $4, $5 ON CONFLICT (evaluation_id, expert_id) DO NOTHING`, [evaluationId, expertIds, method, seed, actor.id]);
  await refreshEvaluationStatus(tx, evaluationId);
  const { rows: users } = await tx.query('SELECT user_id FROM expert WHERE id = ANY($1::bigint[]) AND user_id IS NOT NULL', [expertIds]);
  if (users.length) {
    await notify(tx, { userIds: users.map((u) => Number(u.user_id)), kind: 'market.evaluation.assigned', link: '/market/evaluation-reviews',
      title: [`您有新的成果评价任务：${title}`, `You have an achievement to evaluate: ${title}`],
      body: ['请签署承诺书并声明无利益冲突后开始评分。', 'Sign the pledge and declare no conflict before you score.'] });
  }
}

export async function assignEvaluationExperts(db: Database, actor: Actor, audit: AuditActor, evaluationId: number, expertIds: number[]) {
  const wanted = [...new Set(expertIds)];
  return db.transaction(async (tx) => {
    const e = await lockManagedEvaluation(tx, actor, evaluationId);
    if (!ASSIGNABLE.includes(e.status)) throw new AppError(409, 'INVALID_TRANSITION', { from: e.status });
    const item = await evaluationItem(tx, evaluationId);
    const experts = await expertFacts(tx, { expertIds: wanted });
    assertAssignable(DEFAULT_AVOIDANCE, wanted, experts, item);
    const fresh = wanted.filter((id) => !item.active.includes(id));
    await insertAssignments(tx, actor, evaluationId, e.title, fresh, 'manual', null);
    await recordAudit(tx, audit, { action: 'achievement.evaluation.assign', targetType: 'evaluation', targetId: evaluationId,
      changes: { experts: { before: item.active, after: [...item.active, ...fresh] } } });
    return { assigned: fresh.length };
  });
}

/** 抽取 for one evaluation: qualified (副高 and above, active, the achievement's field), clear of every rule, least loaded first. */
export async function drawEvaluationExperts(db: Database, actor: Actor, audit: AuditActor, evaluationId: number, seedIn?: string) {
  const seed = seedIn ?? crypto.randomBytes(8).toString('hex');
  return db.transaction(async (tx) => {
    const e = await lockManagedEvaluation(tx, actor, evaluationId);
    if (!ASSIGNABLE.includes(e.status)) throw new AppError(409, 'INVALID_TRANSITION', { from: e.status });
    const item = await evaluationItem(tx, evaluationId);
    const pool = await expertFacts(tx, { provinceOf: e.region_code });
    const field = fieldName(item.field);
    const qualified = [...pool.values()].filter((x) => x.status === 'active' && DRAW_RANKS.includes(x.titleRank) && (x.fields.includes(field) || x.fields.includes(item.field)));
    const { rows: loads } = await tx.query(
      `SELECT expert_id, count(*)::int AS n FROM evaluation_assignment WHERE expert_id = ANY($1::bigint[]) AND status IN ('assigned', 'declared') GROUP BY expert_id`,
      [qualified.map((x) => x.id)]);
    const result = drawExperts(seed, [{ id: evaluationId, missing: e.experts_required - item.active.length, excluded: new Set(item.everAssigned) }],
      () => qualified.map((x) => x.id), (expertId) => breachedRule(DEFAULT_AVOIDANCE, pool.get(expertId)!, item) != null,
      new Map(loads.map((l) => [Number(l.expert_id), l.n])));
    const picked = result.picks.map((p) => p.expertId);
    await insertAssignments(tx, actor, evaluationId, e.title, picked, 'draw', seed);
    await recordAudit(tx, audit, { action: 'achievement.evaluation.draw', targetType: 'evaluation', targetId: evaluationId,
      changes: { seed: { before: null, after: seed }, experts: { before: item.active, after: [...item.active, ...picked] } } });
    return { assigned: picked.length, unfilled: result.unfilled[0]?.missing ?? 0, seed };
  });
}
