/**
 * Statistics of the registry: contracts accepted in a year (by registration date) in a region's
 * subtree — count, 成交额 and 技术交易额 with year-on-year growth — by month, type, field, the
 * sub-region of the seller and where the buyer is (same city / the province / outside it). One
 * grouped scan per year (no join: the sub-region of each seller region is looked up here); the
 * dimensions are summed here.
 */
import { buyerPlace, CONTRACT_TYPES, type BuyerPlace } from '../../../domain/tech-contracts';
import { FIELD_CODES } from '../../../domain/fields';
import { yoyGrowth } from '../../../domain/indicators/rules';
import type { Queryable } from '../../db/database';
import type { Actor } from '../../http/actor';
import { errors } from '../../http/errors';
import { assertRegionInScope } from '../../http/scope';

interface Sums { count: number; amount: number; technicalAmount: number }
const zero = (): Sums => ({ count: 0, amount: 0, technicalAmount: 0 });
const add = (into: Sums, r: { n: number; amount: number; technical: number }) => { into.count += r.n; into.amount += r.amount; into.technicalAmount += r.technical; };

/** Which child of the root each region of its subtree lies under (the root itself for its own). */
async function childOf(db: Queryable, region: string): Promise<Map<string, string>> {
  const { rows } = await db.query(
    'SELECT k.code AS kid, s.code FROM region k CROSS JOIN LATERAL region_subtree(k.code) AS s(code) WHERE k.parent_code = $1', [region]);
  return new Map<string, string>([[region, region], ...rows.map((r) => [r.code, r.kid] as [string, string])]);
}

/** The year's accepted contracts of the subtree, grouped finely: seller region, month, type, field, buyer city. */
async function groupedYear(db: Queryable, region: string, year: number, kidOf: Map<string, string>) {
  const { rows } = await db.query(
    `SELECT c.region_code AS seller, extract(month FROM c.decided_on)::int AS month, c.type, c.field, left(c.buyer_region_code, 4) AS buyer4,
            count(*)::int AS n, sum(c.amount)::float8 AS amount, sum(c.technical_amount)::float8 AS technical
       FROM tech_contract c
      WHERE c.status = 'accepted' AND c.decided_on BETWEEN make_date($2, 1, 1) AND make_date($2, 12, 31) AND c.region_code IN (SELECT region_subtree($1))
      GROUP BY 1, 2, 3, 4, 5`, [region, year]);
  return (rows as { month: number; type: string; field: string; seller: string; buyer4: string; n: number; amount: number; technical: number }[])
    .map((r) => ({ ...r, kid: kidOf.get(r.seller) ?? region }));
}

export async function contractStats(db: Queryable, actor: Actor, q: { region?: string; year: number }) {
  if (actor.role !== 'staff' && actor.role !== 'admin') throw errors.forbidden();
  const region = q.region ?? actor.regionCode ?? (await db.query('SELECT code FROM region WHERE parent_code IS NULL ORDER BY code LIMIT 1')).rows[0]?.code;
  if (!region) throw errors.notFound();
  await assertRegionInScope(db, actor, region);
  const { rows: [root] } = await db.query('SELECT code, name FROM region WHERE code = $1', [region]);
  if (!root) throw errors.notFound();
  const { rows: kids } = await db.query('SELECT code, name FROM region WHERE parent_code = $1 ORDER BY code', [region]);
  const kidOf = await childOf(db, region);
  const [now, before] = await Promise.all([groupedYear(db, region, q.year, kidOf), groupedYear(db, region, q.year - 1, kidOf)]);

  const total = zero(); const previous = zero();
  now.forEach((r) => add(total, r)); before.forEach((r) => add(previous, r));
  const byMonth = Array.from({ length: 12 }, (_, i) => ({ month: i + 1, ...zero(), previousAmount: 0 }));
  now.forEach((r) => add(byMonth[r.month - 1], r));
  before.forEach((r) => { byMonth[r.month - 1].previousAmount += r.amount; });
  const by = <K extends string>(keys: readonly K[], keyOf: (r: (typeof now)[number]) => K) => {
    const m = new Map<K, Sums>(keys.map((k) => [k, zero()]));
    now.forEach((r) => { const k = keyOf(r); if (!m.has(k)) m.set(k, zero()); add(m.get(k)!, r); });
    return [...m].map(([key, s]) => ({ key, ...s }));
  };
  const names = new Map<string, string>([[root.code, root.name], ...kids.map((k) => [k.code, k.name] as [string, string])]);
  const places: BuyerPlace[] = ['local', 'province', 'outside'];
  const placeOf = (r: (typeof now)[number]) => buyerPlace(r.seller, `${r.buyer4}00`);
  const flows = new Map<string, Sums & { from: string; fromName: string; to: BuyerPlace }>();
  for (const r of now) {
    const key = `${r.kid}|${placeOf(r)}`;
    if (!flows.has(key)) flows.set(key, { from: r.kid, fromName: names.get(r.kid) ?? r.kid, to: placeOf(r), ...zero() });
    add(flows.get(key)!, r);
  }
  const growth = (a: number, b: number) => { const g = yoyGrowth(a, b || null); return g == null ? null : Math.round(g * 100) / 100; };
  return {
    region: { code: root.code, name: root.name }, year: q.year,
    ...total,
    previous,
    growth: { count: growth(total.count, previous.count), amount: growth(total.amount, previous.amount), technicalAmount: growth(total.technicalAmount, previous.technicalAmount) },
    byMonth,
    byType: by(CONTRACT_TYPES, (r) => r.type as (typeof CONTRACT_TYPES)[number]),
    byField: by(FIELD_CODES, (r) => r.field as (typeof FIELD_CODES)[number]).filter((f) => f.count > 0),
    byBuyerPlace: by(places, placeOf),
    byRegion: kids.map((k) => ({ code: k.code, name: k.name, ...now.filter((r) => r.kid === k.code).reduce((s, r) => { add(s, r); return s; }, zero()) })),
    flows: [...flows.values()].sort((a, b) => b.amount - a.amount),
  };
}
