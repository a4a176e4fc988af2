/**
 * The yearly round of a bureau (staff of a region open it with a deadline for the certified
 * platforms of their subtree), who has not reported yet, and closing a round once its deadline
 * has passed — which proposes revocation for every platform that did not report (staff decide).
 */
import { todayInChina } from '../../../domain/dates';
import type { Database, Queryable } from '../../db/database';
import type { Actor, AuditActor } from '../../http/actor';
import { AppError, errors } from '../../http/errors';
import { Where } from '../../http/list-query';
import { assertRegionInScope } from '../../http/scope';
import { recordAudit } from '../audit/record';
import { notify } from '../notifications/notify';
import { CERTIFIED_STATUSES } from './evaluation-platforms';
import { deadlinePassed } from './evaluation-rules';

export interface Round { id: number; regionCode: string; regionName: string; year: number; deadline: string; status: 'open' | 'closed'; note: string; openedAt: string; closedAt: string | null; version: number }

const roundOf = (r: Record<string, any>): Round => ({ id: Number(r.id), regionCode: r.region_code, regionName: r.region_name, year: r.year, deadline: r.deadline,
  status: r.status, note: r.note, openedAt: r.opened_at, closedAt: r.closed_at, version: r.version });
const ROUND = `SELECT r.id, r.region_code, rg.name AS region_name, r.year, r.deadline::text AS deadline, r.status, r.note, r.opened_at, r.closed_at, r.version
  FROM platform_evaluation_round r JOIN region rg ON rg.code = r.region_code`;

/** Staff see the rounds of their subtree and those above that cover it; admins all. */
function roundScope(actor: Actor, where: Where): Where {
  if (actor.role === 'admin') return where;
  if (actor.role !== 'staff' || !actor.regionCode) return where.add('FALSE');
  return where.add('(r.region_code IN (SELECT region_subtree($?)) OR $? IN (SELECT region_subtree(r.region_code)))', actor.regionCode, actor.regionCode);
}

/** Platforms due in a round: certified by the end of its year, in the round's subtree (and the actor's scope). */
function dueWhere(actor: Actor, round: { region_code: string; year: number }, where: Where): Where {
  where.add('p.status = ANY($?::text[])', CERTIFIED_STATUSES).add('p.region_code IN (SELECT region_subtree($?))', round.region_code)
    .add('p.certified_on <= make_date($?::int, 12, 31)', round.year);
  if (actor.role === 'staff') where.add('p.region_code IN (SELECT region_subtree($?))', actor.regionCode);
  return where;
}

export async function openRound(db: Database, actor: Actor, audit: AuditActor, b: { regionCode: string; year: number; deadline: string; note?: string }) {
  await assertRegionInScope(db, actor, b.regionCode);
  return db.transaction(async (tx) => {
    const { rows: [r] } = await tx.query(
      `INSERT INTO platform_evaluation_round (region_code, year, deadline, note, opened_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (region_code, year) DO NOTHING RETURNING id`, [b.regionCode, b.year, b.deadline, b.note ?? '', actor.id]);
    if (!r) throw new AppError(409, 'PLATFORM_ROUND_EXISTS', { year: b.year });
    await recordAudit(tx, audit, { action: 'platform.evaluation.round.open', targetType: 'platform_evaluation_round', targetId: r.id,
      changes: { year: { before: null, after: b.year }, deadline: { before: null, after: b.deadline }, region: { before: null, after: b.regionCode } } });
    // every host with a platform due learns of it (and has it in 待办 until it reports)
    const { rows: hosts } = await tx.query(
      `SELECT DISTINCT p.host_org_id FROM platform p WHERE p.status = ANY($1::text[]) AND p.region_code IN (SELECT region_subtree($2)) AND p.host_org_id IS NOT NULL`,
      [CERTIFIED_STATUSES, b.regionCode]);
    for (const h of hosts) {
      await notify(tx, { orgId: Number(h.host_org_id), kind: 'platform.report.due', link: '/platforms/evaluation',
        title: [`请于 ${b.deadline} 前提交 ${b.year} 年度创新平台绩效评价报告`, `Submit your platform's ${b.year} performance report by ${b.deadline}`] });
    }
    return { id: Number(r.id) };
  });
}

export async function listRounds(db: Queryable, actor: Actor, f: { year?: number } = {}) {
  const where = roundScope(actor, new Where());
  if (f.year) where.add('r.year = $?', f.year);
  const { rows } = await db.query(`${ROUND} ${where} ORDER BY r.year DESC, r.region_code`, where.params);
  if (!rows.length) return { items: [] };
  // due / reported / rated per round, in the actor's scope: one pass over the platforms and reports
  const staffRegion = actor.role === 'staff' ? actor.regionCode : null;
  const { rows: counts } = await db.query(
    `SELECT r.id,
            count(p.id) AS due,
            count(p.id) FILTER (WHERE rp.status IN ('submitted', 'rated')) AS reported,
            count(p.id) FILTER (WHERE rp.status = 'rated') AS rated
       FROM platform_evaluation_round r
       JOIN platform p ON p.status = ANY($2::text[]) AND p.region_code IN (SELECT region_subtree(r.region_code)) AND p.certified_on <= make_date(r.year, 12, 31)
                      AND ($3::text IS NULL OR p.region_code IN (SELECT region_subtree($3)))
       LEFT JOIN platform_report rp ON rp.platform_id = p.id AND rp.year = r.year
      WHERE r.id = ANY($1::bigint[]) GROUP BY r.id`, [rows.map((r) => r.id), CERTIFIED_STATUSES, staffRegion]);
  const byId = new Map(counts.map((c) => [Number(c.id), c]));
  return { items: rows.map((r) => {
    const c = byId.get(Number(r.id));
    return { ...roundOf(r), due: Number(c?.due ?? 0), reported: Number(c?.reported ?? 0), rated: Number(c?.rated ?? 0) };
  }) };
}

async function visibleRound(db: Queryable, actor: Actor, id: number, lock = false) {
  const where = roundScope(actor, new Where()).add('r.id = $?', id);
  const { rows: [r] } = await db.query(`${ROUND} ${where} ${lock ? 'FOR UPDATE OF r' : ''}`, where.params);
  if (!r) throw errors.notFound();
  return r;
}

/** Certified platforms of the round (in the actor's scope) with no submitted report for its year. */
export async function nonReporters(db: Queryable, actor: Actor, roundId: number) {
  const round = await visibleRound(db, actor, roundId);
  const where = dueWhere(actor, round, new Where());
  const year = where.param(round.year);
  const { rows } = await db.query(
    `SELECT p.id, p.name, p.type_code AS type, p.level, p.status, p.region_code, rg.name AS region_name, o.name AS host_name, rp.status AS report_status
       FROM platform p JOIN region rg ON rg.code = p.region_code LEFT JOIN organization o ON o.id = p.host_org_id
       LEFT JOIN platform_report rp ON rp.platform_id = p.id AND rp.year = ${year}
      ${where} AND (rp.id IS NULL OR rp.status = 'draft') ORDER BY p.region_code, p.name, p.id`, where.params);
  return { round: roundOf(round), items: rows.map((p) => ({ id: Number(p.id), name: p.name, type: p.type, level: p.level, status: p.status,
    regionCode: p.region_code, regionName: p.region_name, hostName: p.host_name, draft: p.report_status === 'draft' })) };
}

/**
 * Closes a round after its deadline: a conditional update (a second close answers 409), and a
 * revocation proposal (reason not_reported) for each platform of the round's subtree that has no
 * submitted report — at most one per platform and year.
 */
export async function closeRound(db: Database, actor: Actor, audit: AuditActor, id: number) {
  return db.transaction(async (tx) => {
    const round = await visibleRound(tx, actor, id, true);
    // staff close only rounds of their own subtree, not the province's
    if (actor.role === 'staff' && !(await tx.query('SELECT 1 WHERE $1 IN (SELECT region_subtree($2))', [round.region_code, actor.regionCode])).rowCount) throw errors.notFound();
    if (round.status !== 'open') throw new AppError(409, 'PLATFORM_ROUND_CLOSED');
    if (!deadlinePassed(round.deadline, todayInChina())) throw new AppError(409, 'PLATFORM_ROUND_DEADLINE_NOT_PASSED', { deadline: round.deadline });
    await tx.query(`UPDATE platform_evaluation_round SET status = 'closed', closed_by = $2, closed_at = now(), version = version + 1 WHERE id = $1`, [id, actor.id]);
    const { rows: proposed } = await tx.query(
      `INSERT INTO platform_revocation_proposal (platform_id, year, region_code, reason)
       SELECT p.id, $2::int, p.region_code, 'not_reported' FROM platform p
        WHERE p.status = ANY($3::text[]) AND p.region_code IN (SELECT region_subtree($1)) AND p.certified_on <= make_date($2::int, 12, 31)
          AND NOT EXISTS (SELECT 1 FROM platform_report rp WHERE rp.platform_id = p.id AND rp.year = $2::int AND rp.status IN ('submitted', 'rated'))
       ON CONFLICT (platform_id, year) DO NOTHING RETURNING id, platform_id`, [round.region_code, round.year, CERTIFIED_STATUSES]);
    await recordAudit(tx, audit, { action: 'platform.evaluation.round.close', targetType: 'platform_evaluation_round', targetId: id,
      changes: { status: { before: 'open', after: 'closed' }, proposed: { before: null, after: proposed.map((p) => Number(p.platform_id)) } } });
    return { id, status: 'closed' as const, proposed: proposed.length };
  });
}
