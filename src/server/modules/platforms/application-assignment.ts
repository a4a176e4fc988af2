/**
 * Experts on a certification application, under the 回避 rules of the shared review engine
 * (assertAssignable / breachedRule over expertFacts): the host is the "applicant" and the co-hosts
 * the "partners". By hand (a breach answers 409 CONFLICT_OF_INTEREST naming the rule, and nothing of
 * the request is assigned) or drawn at random (抽取) from the province's qualified experts of the
 * platform's field, reproducible from the recorded seed, topping the panel up to experts_required.
 * An expert once declined is never put back on the same application. Staff of the certifying level.
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
import { ASSIGNABLE } from './application-workflow';
import { lockForStaff, refreshApplicationStatus } from './applications';

interface ApplicationItem extends ItemFacts { field: string; active: number[]; everAssigned: number[] }

async function applicationItem(tx: Queryable, id: number): Promise<ApplicationItem> {
  const { rows: [a] } = await tx.query(
    `SELECT a.org_id, a.region_code, a.field, a.co_host_org_ids,
            coalesce((SELECT array_agg(s.expert_id) FILTER (WHERE s.status <> 'declined') FROM platform_application_assignment s WHERE s.application_id = a.id), '{}') AS active,
            coalesce((SELECT array_agg(s.expert_id) FROM platform_application_assignment s WHERE s.application_id = a.id), '{}') AS ever
       FROM platform_application a WHERE a.id = $1`, [id]);
  return {
    applicantOrgId: Number(a.org_id), partnerOrgIds: (a.co_host_org_ids as unknown[]).map(Number), memberExpertIds: [], memberNames: [],
    regionCode: a.region_code, on: todayInChina(), field: a.field,
    active: (a.active as unknown[]).filter((v) => v != null).map(Number), everAssigned: (a.ever as unknown[]).map(Number),
  };
}

async function insertAssignments(tx: Queryable, actor: Actor, id: number, name: string, expertIds: number[], method: 'manual' | 'draw', seed: string | null) {
  if (!expertIds.length) return;
  await tx.query(
    `INSERT INTO platform_application_assignment (application_id, expert_id, method, draw_seed, assigned_by)
     SELECT $1, unnest($2::bigint[]), $3, $4, $5 ON CONFLICT (application_id, expert_id) DO NOTHING`, [id, expertIds, method, seed, actor.id]);
  await refreshApplicationStatus(tx, id, actor);
  const { rows: users } = await tx.query('SELECT user_id FROM expert WHERE id = ANY($1::bigint[]) AND user_id IS NOT NULL', [expertIds]);
  if (users.length) {
    await notify(tx, { userIds: users.map((u) => Number(u.user_id)), kind: 'platform.certification.assigned', link: '/platforms/certification-reviews',
      title: [`您有新的创新平台认定评审任务：${name}`, `You have a platform certification to review: ${name}`],
      body: ['请签署承诺书并声明无利益冲突后开始评分。', 'Sign the pledge and declare no conflict before you score.'] });
  }
}

function assertOpen(status: string) {
  if (!(ASSIGNABLE as string[]).includes(status)) throw new AppError(409, 'INVALID_TRANSITION', { from: status });
}

export async function assignApplicationExperts(db: Database, actor: Actor, audit: AuditActor, id: number, expertIds: number[]) {
  const wanted = [...new Set(expertIds)];
  return db.transaction(async (tx) => {
    const a = await lockForStaff(tx, actor, id, 'assign');
    assertOpen(a.status);
    const item = await applicationItem(tx, id);
    assertAssignable(DEFAULT_AVOIDANCE, wanted, await expertFacts(tx, { expertIds: wanted }), item);
    const fresh = wanted.filter((x) => !item.active.includes(x));
    await insertAssignments(tx, actor, id, a.name, fresh, 'manual', null);
    await recordAudit(tx, audit, { action: 'platform.application.assign', targetType: 'platform_application', targetId: id,
      changes: { experts: { before: item.active, after: [...item.active, ...fresh] } } });
    return { assigned: fresh.length };
  });
}

/** 抽取: qualified (副高 and above, active, the platform's field), clear of every rule, least loaded first. */
export async function drawApplicationExperts(db: Database, actor: Actor, audit: AuditActor, id: number, seedIn?: string) {
  const seed = seedIn ?? crypto.randomBytes(8).toString('hex');
  return db.transaction(async (tx) => {
    const a = await lockForStaff(tx, actor, id, 'assign');
    assertOpen(a.status);
    const item = await applicationItem(tx, id);
    const pool = await expertFacts(tx, { provinceOf: a.region_code });
    const field = fieldName(item.field);
    const qualified = [...pool.values()].filter((x) => x.status === 'active' && DRAW_RANKS.includes(x.titleRank)
      && (!item.field || x.fields.includes(field) || x.fields.includes(item.field)));
    const { rows: loads } = await tx.query(
      `SELECT expert_id, count(*)::int AS n FROM platform_application_assignment WHERE expert_id = ANY($1::bigint[]) AND status IN ('assigned', 'declared') GROUP BY expert_id`,
      [qualified.map((x) => x.id)]);
    const result = drawExperts(seed, [{ id, missing: a.experts_required - item.active.length, excluded: new Set(item.everAssigned) }],
      () => qualified.map((x) => x.id), (expertId) => breachedRule(DEFAULT_AVOIDANCE, pool.get(expertId)!, item) != null,
      new Map(loads.map((l) => [Number(l.expert_id), l.n])));
    const picked = result.picks.map((p) => p.expertId);
    await insertAssignments(tx, actor, id, a.name, picked, 'draw', seed);
    await recordAudit(tx, audit, { action: 'platform.application.draw', targetType: 'platform_application', targetId: id,
      changes: { seed: { before: null, after: seed }, experts: { before: item.active, after: [...item.active, ...picked] } } });
    return { assigned: picked.length, unfilled: result.unfilled[0]?.missing ?? 0, seed };
  });
}
