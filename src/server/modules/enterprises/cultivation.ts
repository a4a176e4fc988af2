/**
 * The cultivation view of a region (梯次培育): counts per tier and year, 双倍增 (this year against
 * the same date last year, as the indicator dashboard compares), the candidate pool ranked by closeness to the next tier, 高企 certificates expiring
 * within six months, and "四有" coverage of 规上 industrial enterprises.
 */
import type { Queryable } from '../../db/database';
import type { Actor } from '../../http/actor';
import { errors } from '../../http/errors';
import { Where } from '../../http/list-query';
import { limitToRegionScope } from '../../http/scope';
import { assessStored } from './assessment';
import { STAT_BASIS, STAT_FIELDS_SUMMED, statFiguresByRegion, subtreeMembership, sumPerRoot, tierCountsByRegion, type TierAsOf } from './figures';
import { enterpriseScope } from './registry';

/** Scoped to the actor and, when given, to a region subtree inside that scope. */
function regionWhere(actor: Actor, regionCode?: string): Where {
  const where = enterpriseScope(actor);
  if (regionCode) where.add('o.region_code IN (SELECT region_subtree($?))', regionCode);
  return where;
}

export interface TierCounts { techSme: number; provincialInnovative: number; highTech: number; candidate: number }

/**
 * The regions the view sums over: the one asked for (inside the actor's scope, else 404), else
 * the actor's own region, else (admins) every top-level region.
 */
export async function cultivationRoots(db: Queryable, actor: Actor, regionCode?: string): Promise<string[]> {
  const where = new Where();
  if (regionCode) where.add('r.code = $?', regionCode);
  else if (actor.regionCode) where.add('r.code = $?', actor.regionCode);
  else where.add('r.parent_code IS NULL');
  limitToRegionScope(actor, where, 'r.code');
  const { rows } = await db.query(`SELECT r.code FROM region r ${where} ORDER BY r.code`, where.params);
  if (!rows.length) throw errors.notFound();
  return rows.map((r) => r.code as string);
}

/** Tier counts of the roots' subtrees at each as-of: the same function the indicators use (figures.ts). */
export async function tierCountsAt(db: Queryable, roots: string[], asOfs: TierAsOf[]): Promise<TierCounts[]> {
  const membership = await subtreeMembership(db, roots);
  const rows = await tierCountsByRegion(db, [...membership.keys()], asOfs);
  return asOfs.map((_, k) => {
    const perRoot = sumPerRoot(rows.filter((r) => r.i === k + 1), membership, ['high_tech', 'tech_sme', 'provincial', 'candidate']);
    const sum = (f: string) => roots.reduce((n, root) => n + (perRoot.get(root)?.[f] ?? 0), 0);
    return { techSme: sum('tech_sme'), provincialInnovative: sum('provincial'), highTech: sum('high_tech'), candidate: sum('candidate') };
  });
}

export interface FourHasCoverage { year: number; basis: typeof STAT_BASIS; firms: number; institution: number; staff: number; funds: number; projects: number; allFour: number }

/** 规上工业企业研发活动"四有" of the year, from confirmed statistics: the indicators' own figures (figures.ts). */
export async function fourHasCoverage(db: Queryable, roots: string[], year: number): Promise<FourHasCoverage> {
  const membership = await subtreeMembership(db, roots);
  const perRoot = sumPerRoot(await statFiguresByRegion(db, [...membership.keys()], [year]), membership, STAT_FIELDS_SUMMED);
  const sum = (f: string) => roots.reduce((n, root) => n + (perRoot.get(root)?.[f] ?? 0), 0);
  return { year, basis: STAT_BASIS, firms: sum('firms'), institution: sum('institution'), staff: sum('staff'), funds: sum('funds'), projects: sum('projects'), allFour: sum('all_four') };
}

export async function expiringCertificates(db: Queryable, actor: Actor, today: string, regionCode?: string) {
  const where = regionWhere(actor, regionCode);
  where.add(`t.tier = 'high_tech'`);
  where.add('t.valid_until BETWEEN $?::date AND ($?::date + interval \'6 months\')::date', today, today);
  const { rows } = await db.query(
    `SELECT o.id, o.name, o.region_code, r.name AS region_name, t.certificate_no, t.issued_on, t.valid_until
       FROM enterprise_tier t JOIN organization o ON o.id = t.org_id JOIN region r ON r.code = o.region_code ${where}
      ORDER BY t.valid_until, o.name LIMIT 500`, where.params);
  return rows.map((r) => ({ id: r.id, name: r.name, regionCode: r.region_code, regionName: r.region_name,
    certificateNo: r.certificate_no, issuedOn: r.issued_on, validUntil: r.valid_until }));
}

/** blocking: every condition not met, in the engine's order; failed + uncertain.length = blocking.length. */
export interface CandidateRow { id: number; name: string; regionCode: string; regionName: string; target: 'high_tech' | 'tech_sme'; failed: number; uncertain: string[]; blocking: string[]; eligible: string }

/**
 * Enterprises in the candidate pool (后备库) or holding 科小 this year, ranked by how many 高企
 * conditions they still fail (then by score), with the conditions that hold them back.
 */
export async function candidatePool(db: Queryable, actor: Actor, today: string, regionCode?: string, limit = 200): Promise<CandidateRow[]> {
  const where = regionWhere(actor, regionCode);
  const year = Number(today.slice(0, 4));
  where.add(`EXISTS (SELECT 1 FROM enterprise_tier t WHERE t.org_id = o.id AND t.tier IN ('candidate', 'tech_sme') AND t.year = $?)`, year);
  where.add(`NOT EXISTS (SELECT 1 FROM enterprise_tier t WHERE t.org_id = o.id AND t.tier = 'high_tech' AND t.valid_until >= $?::date)`, today);
  const assessed = await assessStored(db, where, today, 5000);
  const { rows: regionRows } = await db.query('SELECT code, name FROM region WHERE code = ANY($1)', [[...new Set(assessed.map((a) => a.regionCode))]]);
  const regionName = new Map(regionRows.map((r) => [r.code as string, r.name as string]));
  return assessed
    .map((a) => {
      const failing = a.assessment.highTech.conditions.filter((c) => c.status !== 'met');
      return { id: a.id, name: a.name, regionCode: a.regionCode, regionName: regionName.get(a.regionCode) ?? a.regionCode, target: 'high_tech' as const, failed: failing.filter((c) => c.status === 'failed').length,
        uncertain: failing.filter((c) => c.status !== 'failed').map((c) => c.code), blocking: failing.map((c) => c.code), eligible: a.assessment.highTech.eligible, scoreMax: a.assessment.highTech.score.max };
    })
    .sort((x, y) => x.failed - y.failed || x.blocking.length - y.blocking.length || y.scoreMax - x.scoreMax || x.name.localeCompare(y.name))
    .slice(0, limit)
    .map(({ scoreMax: _s, ...row }) => row);
}
