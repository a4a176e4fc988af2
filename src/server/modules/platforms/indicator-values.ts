/**
 * The two platform indicators, counted from the registry for every root and as-of date:
 * - platforms_provincial_or_above: platforms at provincial or national level certified on or
 *   before the date and not revoked by then (revoked_on later than the date, or never);
 * - new_rd_institutions: 新型研发机构 of any level under the same condition.
 * A platform 筹建 (preparing) has no certification and never counts. One grouped scan serves every
 * as-of: platforms grouped by region, level flag, certified_on and revoked_on, summed per root.
 */
import type { Queryable } from '../../db/database';
import { sumPerRoot } from '../enterprises/figures';
import { put, type AsOf, type Values } from '../indicators/compute';

export async function platformIndicatorValues(db: Queryable, roots: string[], membership: Map<string, string[]>, asOfs: AsOf[], into: Values[]) {
  const { rows } = await db.query(
    `SELECT region_code, certified_on::text AS certified_on, revoked_on::text AS revoked_on,
            (level IN ('provincial', 'national'))::int AS high, (type_code = 'new_rd_institution')::int AS nri, count(*)::int AS n
       FROM platform
      WHERE status <> 'preparing' AND certified_on IS NOT NULL AND region_code = ANY($1::text[])
        AND (level IN ('provincial', 'national') OR type_code = 'new_rd_institution')
      GROUP BY 1, 2, 3, 4, 5`, [[...membership.keys()]]);
  asOfs.forEach((asOf, k) => {
    const standing = rows
      .filter((r) => r.certified_on <= asOf.date && (r.revoked_on == null || r.revoked_on > asOf.date))
      .map((r) => ({ region_code: r.region_code, high: r.high * r.n, nri: r.nri * r.n }));
    const byRoot = sumPerRoot(standing, membership, ['high', 'nri']);
    for (const root of roots) {
      const sums = byRoot.get(root) ?? { high: 0, nri: 0 };
      put(into[k], root, 'platforms_provincial_or_above', { value: sums.high, numerator: sums.high });
      put(into[k], root, 'new_rd_institutions', { value: sums.nri, numerator: sums.nri });
    }
  });
}
