/**
 * Coverage (全覆盖): which villages of a region have a commissioner on a date — a village is covered
 * when an agreed dispatch serves it that day (SERVING_ON) — by township and county, with the
 * uncovered ones listed; and the two indicators computed from the same definition:
 * commissioner_village_coverage (covered ÷ villages, %) and commissioners_active (commissioners of
 * the region with a dispatch serving that day).
 */
import type { Queryable } from '../../db/database';
import type { Actor } from '../../http/actor';
import { errors } from '../../http/errors';
import { sumPerRoot } from '../enterprises/figures';
import { put, type AsOf, type Values } from '../indicators/compute';
import { SERVING_ON } from './dispatches';

/** The villages an agreed dispatch serves on `date`, once (a set joined to the villages, not a probe per village). */
const COVERED_ON = (date: string) => `(SELECT DISTINCT t.village_code FROM dispatch_target t JOIN dispatch d ON d.id = t.dispatch_id
  WHERE t.village_code IS NOT NULL AND ${SERVING_ON('d', date)})`;

/** Staff read their region's subtree, admins anything; 404 for a region outside it. */
async function assertReadableRegion(db: Queryable, actor: Actor, region: string) {
  const { rows: [r] } = await db.query(
    `SELECT name, ($2::text IS NULL OR $1 IN (SELECT region_subtree($2))) AS allowed FROM region WHERE code = $1`,
    [region, actor.role === 'staff' ? actor.regionCode : null]);
  if (!r || !r.allowed) throw errors.notFound();
  return r.name as string;
}

const share = (covered: number, villages: number) => (villages ? covered / villages : 0);

export async function villageCoverage(db: Queryable, actor: Actor, region: string, date: string) {
  const regionName = await assertReadableRegion(db, actor, region);
  const { rows } = await db.query(
    `SELECT v.code, v.name, v.township_code, tw.name AS township_name, v.county_code, c.name AS county_name, cv.village_code IS NOT NULL AS covered
       FROM locality v JOIN locality tw ON tw.code = v.township_code JOIN region c ON c.code = v.county_code
       LEFT JOIN ${COVERED_ON('$2::date')} cv ON cv.village_code = v.code
      WHERE v.level = 5 AND v.county_code IN (SELECT region_subtree($1))
      ORDER BY v.code`, [region, date]);
  const group = (key: 'township_code' | 'county_code', name: 'township_name' | 'county_name') => {
    const out = new Map<string, { code: string; name: string; villages: number; covered: number; share: number }>();
    for (const v of rows) {
      const g = out.get(v[key]) ?? { code: v[key], name: v[name], villages: 0, covered: 0, share: 0 };
      g.villages++;
      if (v.covered) g.covered++;
      g.share = share(g.covered, g.villages);
      out.set(v[key], g);
    }
    return [...out.values()];
  };
  const covered = rows.filter((v) => v.covered).length;
  return {
    region, regionName, date, villages: rows.length, covered, share: share(covered, rows.length),
    percent: Math.round(share(covered, rows.length) * 1000) / 10,
    uncovered: rows.filter((v) => !v.covered).map((v) => ({ code: v.code as string, name: v.name as string, townshipCode: v.township_code as string, townshipName: v.township_name as string })),
    byTownship: group('township_code', 'township_name'),
    byCounty: group('county_code', 'county_name'),
  };
}

/** The indicators for every root and as-of date, in one grouped scan per as-of: villages and covered ones per county, commissioners serving per region. */
export async function commissionerIndicatorValues(db: Queryable, roots: string[], membership: Map<string, string[]>, asOfs: AsOf[], into: Values[]) {
  const codes = [...membership.keys()];
  for (const [k, asOf] of asOfs.entries()) {
    const { rows: villages } = await db.query(
      `SELECT v.county_code AS region_code, count(*)::int AS villages, count(cv.village_code)::int AS covered
         FROM locality v LEFT JOIN ${COVERED_ON('$2::date')} cv ON cv.village_code = v.code
        WHERE v.level = 5 AND v.county_code = ANY($1::text[]) GROUP BY 1`, [codes, asOf.date]);
    const { rows: active } = await db.query(
      `SELECT c.region_code, count(*)::int AS n FROM commissioner c
        WHERE c.region_code = ANY($1::text[]) AND EXISTS (SELECT 1 FROM dispatch d WHERE d.commissioner_id = c.id AND ${SERVING_ON('d', '$2::date')})
        GROUP BY 1`, [codes, asOf.date]);
    const byVillages = sumPerRoot(villages, membership, ['villages', 'covered']);
    const byActive = sumPerRoot(active, membership, ['n']);
    for (const root of roots) {
      const v = byVillages.get(root);
      put(into[k], root, 'commissioner_village_coverage', v?.villages
        ? { value: (v.covered / v.villages) * 100, numerator: v.covered, denominator: v.villages }
        : { value: null, numerator: 0, denominator: 0 });
      const n = byActive.get(root)?.n ?? 0;
      put(into[k], root, 'commissioners_active', { value: n, numerator: n });
    }
  }
}
