/**
 * The cultivation view of a region (梯次培育): counts per tier and year, 双倍增 (this year against
 * last), the candidate pool ranked by closeness to the next tier, 高企 certificates expiring
 * within six months, and "四有" coverage of 规上 industrial enterprises.
 */
import type { Queryable } from '../../db/database';
import type { Actor } from '../../http/actor';
import { Where } from '../../http/list-query';
import { assessStored } from './assessment';
import { enterpriseScope } from './registry';

export interface TierCounts { year: number; techSme: number; provincialInnovative: number; highTech: number; candidate: number }

/** Scoped to the actor and, when given, to a region subtree inside that scope. */
function regionWhere(actor: Actor, regionCode?: string): Where {
  const where = enterpriseScope(actor);
  if (regionCode) where.add('o.region_code IN (SELECT region_subtree($?))', regionCode);
  return where;
}

export async function tierCounts(db: Queryable, actor: Actor, years: number[], regionCode?: string): Promise<TierCounts[]> {
  const where = regionWhere(actor, regionCode);
  const yearsParam = where.param(years);
  const { rows } = await db.query(
    `SELECT y.year,
        count(DISTINCT t.org_id) FILTER (WHERE t.tier = 'tech_sme' AND t.year = y.year)::int AS tech_sme,
        count(DISTINCT t.org_id) FILTER (WHERE t.tier = 'provincial_innovative' AND t.year = y.year)::int AS provincial_innovative,
        count(DISTINCT t.org_id) FILTER (WHERE t.tier = 'high_tech' AND t.issued_on <= make_date(y.year, 12, 31) AND t.valid_until >= make_date(y.year, 12, 31))::int AS high_tech,
        count(DISTINCT t.org_id) FILTER (WHERE t.tier = 'candidate' AND t.year = y.year)::int AS candidate
       FROM unnest(${yearsParam}::int[]) AS y(year)
       LEFT JOIN (enterprise_tier t JOIN organization o ON o.id = t.org_id ${where.toString().replace(/^WHERE/, 'AND')}) ON true
      GROUP BY y.year ORDER BY y.year`,
    where.params);
  return rows.map((r) => ({ year: r.year, techSme: r.tech_sme, provincialInnovative: r.provincial_innovative, highTech: r.high_tech, candidate: r.candidate }));
}

export interface FourHasCoverage { year: number; firms: number; institution: number; staff: number; funds: number; projects: number; allFour: number }

/** 规上工业企业研发活动"四有": among 规上 firms of industry sections B, C, D with statistics for the year. */
export async function fourHasCoverage(db: Queryable, actor: Actor, year: number, regionCode?: string): Promise<FourHasCoverage> {
  const where = regionWhere(actor, regionCode);
  where.add('p.above_scale');
  where.add(`substring(regexp_replace(p.industry_code, '^[A-T]', '') FROM 1 FOR 2) BETWEEN '06' AND '46'`);
  where.add('s.year = $?', year);
  const { rows: [r] } = await db.query(
    `SELECT count(*)::int AS firms,
            count(*) FILTER (WHERE s.has_rd_institution)::int AS institution, count(*) FILTER (WHERE s.has_rd_staff)::int AS staff,
            count(*) FILTER (WHERE s.has_rd_funds)::int AS funds, count(*) FILTER (WHERE s.has_rd_projects)::int AS projects,
            count(*) FILTER (WHERE s.has_rd_institution AND s.has_rd_staff AND s.has_rd_funds AND s.has_rd_projects)::int AS all_four
       FROM organization o JOIN enterprise_profile p ON p.org_id = o.id JOIN enterprise_stat s ON s.org_id = o.id ${where}`,
    where.params);
  return { year, firms: r.firms, institution: r.institution, staff: r.staff, funds: r.funds, projects: r.projects, allFour: r.all_four };
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

export interface CandidateRow { id: number; name: string; regionCode: string; regionName: string; target: 'high_tech' | 'tech_sme'; failed: number; blocking: string[]; eligible: string }

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
        blocking: failing.map((c) => c.code), eligible: a.assessment.highTech.eligible, scoreMax: a.assessment.highTech.score.max };
    })
    .sort((x, y) => x.failed - y.failed || x.blocking.length - y.blocking.length || y.scoreMax - x.scoreMax || x.name.localeCompare(y.name))
    .slice(0, limit)
    .map(({ scoreMax: _s, ...row }) => row);
}
