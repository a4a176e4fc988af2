/**
 * The platform dashboard (平台看板) of a region's subtree at a year's end: counts by type, level
 * and sub-region, growth year on year (new certifications, the total at each year end) and the
 * evaluation ratings by year. Each table is read once per request (regions, types, platforms,
 * rated reports); the counting is done here. A platform counts at a day D when it was certified
 * by D and not revoked by D (the registry's rule, migration 020).
 */
import { todayInChina } from '../../../domain/dates';
import type { Queryable } from '../../db/database';
import type { Actor } from '../../http/actor';
import { errors, fieldError } from '../../http/errors';
import { RATINGS, type Rating } from './evaluation-rules';

export const LEVELS = ['national', 'provincial', 'city'] as const;
/** Years of growth and ratings shown, up to the year asked. */
const SPAN = 5;

interface PlatformFact { type: string; level: string; regionCode: string; certifiedOn: string | null; revokedOn: string | null; status: string }

/** Whether a platform counts at the end of day `on`. */
export function countsOn(p: PlatformFact, on: string): boolean {
  return p.status !== 'preparing' && p.certifiedOn != null && p.certifiedOn <= on && (p.revokedOn == null || p.revokedOn > on);
}

export async function platformDashboard(db: Queryable, actor: Actor, q: { region?: string; year?: number }) {
  const today = todayInChina();
  const thisYear = Number(today.slice(0, 4));
  const year = q.year ?? thisYear;
  const root = q.region ?? (actor.role === 'staff' ? actor.regionCode! : '620000');
  // one read of the regions: the subtree, with the root's own row; out of scope answers 404
  const { rows: regions } = await db.query(
    `SELECT code, name, parent_code, ($2::text IS NULL OR $1 IN (SELECT region_subtree($2))) AS allowed FROM region WHERE code IN (SELECT region_subtree($1))`,
    [root, actor.role === 'staff' ? actor.regionCode : null]);
  const self = regions.find((r) => r.code === root);
  if (!self) throw fieldError('region', 'field.region');
  if (!self.allowed) throw errors.notFound();
  // the subtree's codes, passed to the other queries so that the region table is read once
  const subtree = regions.map((r) => r.code as string);
  const parentOf = new Map(regions.map((r) => [r.code as string, r.parent_code as string | null]));
  const children = regions.filter((r) => r.parent_code === root).sort((a, b) => a.code.localeCompare(b.code));
  /** The child of the root whose subtree holds `code` (the root itself for its own platforms). */
  const childOf = (code: string) => {
    let c = code;
    while (parentOf.get(c) && parentOf.get(c) !== root) c = parentOf.get(c)!;
    return c;
  };

  const { rows: types } = await db.query('SELECT code, name_zh, name_en FROM platform_type ORDER BY sort, code');
  const { rows: platforms } = await db.query(
    `SELECT type_code, level, region_code, certified_on::text AS certified_on, revoked_on::text AS revoked_on, status
       FROM platform WHERE region_code = ANY($1::text[])`, [subtree]);
  const facts: PlatformFact[] = platforms.map((p) => ({ type: p.type_code, level: p.level, regionCode: p.region_code, certifiedOn: p.certified_on, revokedOn: p.revoked_on, status: p.status }));
  const { rows: ratings } = await db.query(
    `SELECT year, rating, count(*)::int AS n FROM platform_report WHERE status = 'rated' AND region_code = ANY($1::text[]) AND year BETWEEN $2 AND $3
      GROUP BY year, rating`, [subtree, year - SPAN + 1, year]);

  const end = year >= thisYear ? today : `${year}-12-31`;
  const live = facts.filter((p) => countsOn(p, end));
  const count = (xs: PlatformFact[], f: (p: PlatformFact) => boolean) => xs.filter(f).length;
  const years = Array.from({ length: SPAN }, (_, i) => year - SPAN + 1 + i);
  return {
    region: { code: root, name: self.name as string },
    year,
    asOf: end,
    total: live.length,
    provincialOrAbove: count(live, (p) => p.level !== 'city'),
    byType: types.map((t) => ({ code: t.code as string, nameZh: t.name_zh as string, nameEn: t.name_en as string,
      levels: Object.fromEntries(LEVELS.map((l) => [l, count(live, (p) => p.type === t.code && p.level === l)])) as Record<(typeof LEVELS)[number], number>,
      count: count(live, (p) => p.type === t.code) })).filter((t) => t.count > 0),
    byLevel: LEVELS.map((level) => ({ level, count: count(live, (p) => p.level === level) })),
    byRegion: [...(live.some((p) => p.regionCode === root) ? [{ code: root, name: self.name as string, own: true }] : []),
      ...children.map((c) => ({ code: c.code as string, name: c.name as string, own: false }))].map((r) => {
      const mine = live.filter((p) => (r.own ? p.regionCode === root : p.regionCode !== root && childOf(p.regionCode) === r.code));
      return { ...r, count: mine.length, provincialOrAbove: count(mine, (p) => p.level !== 'city') };
    }),
    growth: years.map((y) => {
      const yEnd = y >= thisYear ? today : `${y}-12-31`;
      return { year: y, certified: count(facts, (p) => p.status !== 'preparing' && p.certifiedOn != null && p.certifiedOn.startsWith(String(y))),
        revoked: count(facts, (p) => p.revokedOn != null && p.revokedOn.startsWith(String(y))), total: count(facts, (p) => countsOn(p, yEnd)) };
    }),
    ratings: years.map((y) => ({ year: y, ...Object.fromEntries(RATINGS.map((r) => [r, Number(ratings.find((x) => x.year === y && x.rating === r)?.n ?? 0)])) as Record<Rating, number> })),
  };
}
