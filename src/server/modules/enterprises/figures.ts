/**
 * The registry's figures per region, defined once: the cultivation view (培育看板) and the
 * indicators (指标看板, reports, ranking, trend) both read them from here, so one region, year and
 * date give one number everywhere.
 *
 * - 高企: certificates valid on the as-of date (issued on or before it, valid until it or later).
 * - 科小, 省级科技创新型企业, 后备库: the records of the as-of's year.
 * - R&D expense, "四有", R&D activity: the year's **confirmed** statistics only (drafts,
 *   submitted and returned figures are not yet the bureau's numbers).
 */
import type { Queryable } from '../../db/database';

/** Which statistics count: the one rule, stated for the views that show these figures. */
export const STAT_BASIS = 'confirmed' as const;
export const STAT_BASIS_TEXT = {
  'zh-CN': '口径：高企数为截至日有效的证书数；科小、省级科技创新型企业为当年入库数；研发费用、"四有"、研发活动覆盖率仅计已确认的年度统计。',
  en: 'Basis: high-tech enterprises are certificates valid on the as-of date; tech SMEs and provincial innovative enterprises are the year\'s registrations; R&D expense, "four haves" and R&D activity count confirmed yearly statistics only.',
} as const;

/** 规上 industrial enterprise: above scale, industry division 06–46 (sections B, C, D). */
export const INDUSTRIAL_ABOVE_SCALE = `(coalesce(p.above_scale, false) AND substring(regexp_replace(p.industry_code, '^[A-T]', '') FROM 1 FOR 2) BETWEEN '06' AND '46')`;

export interface TierAsOf { date: string; year: number }
export interface TierCountRow { region_code: string; i: number; high_tech: number; tech_sme: number; provincial: number; candidate: number }

/**
 * Tier counts of the enterprises of `regionCodes` (each region on its own, not its subtree), for
 * every as-of in one scan; `i` is the as-of's 1-based position.
 */
export async function tierCountsByRegion(db: Queryable, regionCodes: string[], asOfs: TierAsOf[]): Promise<TierCountRow[]> {
  const { rows } = await db.query(
    `SELECT o.region_code, a.i::int AS i,
        count(DISTINCT t.org_id) FILTER (WHERE t.tier = 'high_tech' AND t.issued_on <= a.d AND t.valid_until >= a.d)::int AS high_tech,
        count(DISTINCT t.org_id) FILTER (WHERE t.tier = 'tech_sme' AND t.year = a.y)::int AS tech_sme,
        count(DISTINCT t.org_id) FILTER (WHERE t.tier = 'provincial_innovative' AND t.year = a.y)::int AS provincial,
        count(DISTINCT t.org_id) FILTER (WHERE t.tier = 'candidate' AND t.year = a.y)::int AS candidate
       FROM organization o JOIN enterprise_tier t ON t.org_id = o.id
       JOIN unnest($2::date[], $3::int[]) WITH ORDINALITY AS a(d, y, i)
         ON (t.tier = 'high_tech' AND t.issued_on <= a.d AND t.valid_until >= a.d) OR (t.tier <> 'high_tech' AND t.year = a.y)
      WHERE o.kind = 'enterprise' AND o.region_code = ANY($1::text[])
      GROUP BY o.region_code, a.i`,
    [regionCodes, asOfs.map((a) => a.date), asOfs.map((a) => a.year)]);
  return rows as TierCountRow[];
}

/** Summed per region code, from confirmed statistics of the year. */
export const STAT_FIELDS_SUMMED = ['rd', 'reporting', 'firms', 'institution', 'staff', 'funds', 'projects', 'all_four', 'active'] as const;

/**
 * R&D expense (yuan), reporting firms, and among 规上 industrial firms: "四有" and R&D activity —
 * from the confirmed statistics of each year, grouped by region code and year, in one scan.
 */
export async function statFiguresByRegion(db: Queryable, regionCodes: string[], years: number[]): Promise<Record<string, any>[]> {
  const { rows } = await db.query(
    `SELECT x.region_code, x.year, sum(x.rd_expense)::text AS rd, count(*)::int AS reporting,
        count(*) FILTER (WHERE x.ind)::int AS firms,
        count(*) FILTER (WHERE x.ind AND x.has_rd_institution)::int AS institution,
        count(*) FILTER (WHERE x.ind AND x.has_rd_staff)::int AS staff,
        count(*) FILTER (WHERE x.ind AND x.has_rd_funds)::int AS funds,
        count(*) FILTER (WHERE x.ind AND x.has_rd_projects)::int AS projects,
        count(*) FILTER (WHERE x.ind AND x.has_rd_institution AND x.has_rd_staff AND x.has_rd_funds AND x.has_rd_projects)::int AS all_four,
        count(*) FILTER (WHERE x.ind AND x.rd_expense > 0)::int AS active
       FROM (SELECT o.region_code, s.year, s.rd_expense, s.has_rd_institution, s.has_rd_staff, s.has_rd_funds, s.has_rd_projects,
                    ${INDUSTRIAL_ABOVE_SCALE} AS ind
               FROM organization o JOIN enterprise_stat s ON s.org_id = o.id AND s.year = ANY($2::int[]) AND s.status = '${STAT_BASIS}'
               LEFT JOIN enterprise_profile p ON p.org_id = o.id
              WHERE o.kind = 'enterprise' AND o.region_code = ANY($1::text[])
             OFFSET 0) x -- OFFSET 0: the 规上工业 test (a regexp) once per row, not once per count
      GROUP BY x.region_code, x.year`,
    [regionCodes, years]);
  return rows;
}

/** Each region code of the roots' subtrees → the roots that contain it. */
export async function subtreeMembership(db: Queryable, roots: string[]): Promise<Map<string, string[]>> {
  const { rows } = await db.query(
    'SELECT x.code AS root, s.code FROM unnest($1::text[]) AS x(code) CROSS JOIN LATERAL region_subtree(x.code) AS s(code)', [roots]);
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const list = out.get(r.code) ?? [];
    list.push(r.root);
    out.set(r.code, list);
  }
  return out;
}

/**
 * Every record belongs to one region, so counts and sums per region add up exactly to any
 * subtree: one grouped scan per registry, summed per root here (no per-root re-scan).
 */
export function sumPerRoot(rows: Record<string, any>[], membership: Map<string, string[]>, fields: readonly string[]) {
  const out = new Map<string, Record<string, number>>();
  for (const r of rows) {
    for (const root of membership.get(r.region_code) ?? []) {
      const acc = out.get(root) ?? Object.fromEntries(fields.map((f) => [f, 0]));
      for (const f of fields) acc[f] += Number(r[f]);
      out.set(root, acc);
    }
  }
  return out;
}
