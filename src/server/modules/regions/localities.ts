/**
 * Townships (乡镇, 9-digit) and villages (村/社区, 12-digit 统计用区划代码) below the counties: the
 * `locality` table (migration 018), kept apart from the scope tree `region`. Read by everyone like
 * the region tree; other modules (科技特派员 dispatch and coverage) check village codes here.
 */
import type { Queryable } from '../../db/database';
import { isValidLocalityCode, isValidRegionCode } from '../../../domain/regions';

/** One node of the tree as `GET /regions?parent=` lists it, whichever table it lives in. */
export interface RegionChild {
  code: string;
  name: string;
  parentCode: string | null;
  level: number;
  version: number;
  urbanRuralClass: string | null;
  /** How many nodes sit directly below (for a tree that loads a level when it is opened). */
  childCount: number;
}

export interface Locality {
  code: string;
  name: string;
  level: 4 | 5;
  countyCode: string;
  townshipCode: string | null;
  urbanRuralClass: string | null;
  version: number;
}

export interface Village {
  code: string;
  name: string;
  townshipCode: string;
  townshipName: string;
  countyCode: string;
  urbanRuralClass: string | null;
}

const toLocality = (row: any): Locality => ({
  code: row.code, name: row.name, level: row.level, countyCode: row.county_code, townshipCode: row.township_code,
  urbanRuralClass: row.urban_rural_class, version: row.version,
});

/**
 * The children of any node: a province's cities (and counties directly under it), a city's counties,
 * a county's townships, a township's villages. Null when `parent` is no node at all (the route answers 404).
 * Regions come first, then localities (a 不设区的地级市 such as 嘉峪关市 has both kinds of child).
 */
export async function childrenOf(db: Queryable, parent: string): Promise<RegionChild[] | null> {
  if (isValidRegionCode(parent)) {
    const { rows } = await db.query(
      `SELECT EXISTS (SELECT 1 FROM region WHERE code = $1) AS found,
         coalesce((SELECT json_agg(c ORDER BY c.code) FROM (
           SELECT r.code, r.name, r.parent_code, r.level, r.version, NULL::text AS urban_rural_class,
                  (SELECT count(*) FROM region k WHERE k.parent_code = r.code)
                + (SELECT count(*) FROM locality l WHERE l.county_code = r.code AND l.level = 4) AS child_count
           FROM region r WHERE r.parent_code = $1) c), '[]') AS regions,
         coalesce((SELECT json_agg(c ORDER BY c.code) FROM (
           SELECT l.code, l.name, l.county_code AS parent_code, l.level, l.version, l.urban_rural_class,
                  (SELECT count(*) FROM locality v WHERE v.township_code = l.code) AS child_count
           FROM locality l WHERE l.county_code = $1 AND l.level = 4) c), '[]') AS localities`, [parent]);
    if (!rows[0].found) return null;
    return [...rows[0].regions, ...rows[0].localities].map(toChild);
  }
  if (isValidLocalityCode(parent) && parent.length === 9) {
    const { rows } = await db.query(
      `SELECT EXISTS (SELECT 1 FROM locality WHERE code = $1) AS found,
         coalesce((SELECT json_agg(c ORDER BY c.code) FROM (
           SELECT code, name, township_code AS parent_code, level, version, urban_rural_class, 0 AS child_count
           FROM locality WHERE township_code = $1) c), '[]') AS villages`, [parent]);
    if (!rows[0].found) return null;
    return rows[0].villages.map(toChild);
  }
  if (isValidLocalityCode(parent)) {
    const { rows } = await db.query('SELECT 1 FROM locality WHERE code = $1', [parent]);
    return rows.length ? [] : null; // a village has no children
  }
  return null;
}

function toChild(row: any): RegionChild {
  return { code: row.code, name: row.name, parentCode: row.parent_code, level: Number(row.level), version: Number(row.version),
    urbanRuralClass: row.urban_rural_class ?? null, childCount: Number(row.child_count) };
}

/**
 * The villages under any region (a county, or every county of a city or province), each with its
 * township's name, ordered by code; `q` matches a name (village or township) or a code prefix.
 */
export async function villagesUnder(db: Queryable, regionCode: string, options: { q?: string; limit?: number } = {}):
  Promise<{ items: Village[]; total: number }> {
  const q = options.q?.trim() ?? '';
  const { rows } = await db.query(
    `WITH found AS (
       SELECT v.code, v.name, v.township_code, t.name AS township_name, v.county_code, v.urban_rural_class
       FROM locality v JOIN locality t ON t.code = v.township_code
       WHERE v.level = 5 AND v.county_code IN (SELECT region_subtree($1))
         AND ($2 = '' OR v.name LIKE '%' || $2 || '%' OR t.name LIKE '%' || $2 || '%' OR v.code LIKE $2 || '%'))
     SELECT (SELECT count(*) FROM found) AS total,
            coalesce((SELECT json_agg(f ORDER BY f.code) FROM (SELECT * FROM found ORDER BY code LIMIT $3) f), '[]') AS items`,
    [regionCode, q, options.limit ?? 1000]);
  return {
    total: Number(rows[0].total),
    items: rows[0].items.map((r: any) => ({ code: r.code, name: r.name, townshipCode: r.township_code, townshipName: r.township_name,
      countyCode: r.county_code, urbanRuralClass: r.urban_rural_class })),
  };
}

/** Every village of the given counties (exact county codes), ordered by code: for other modules' pickers and checks. */
export async function villagesOf(db: Queryable, countyCodes: string[]): Promise<Locality[]> {
  if (!countyCodes.length) return [];
  const { rows } = await db.query(
    `SELECT code, name, level, county_code, township_code, urban_rural_class, version FROM locality
     WHERE level = 5 AND county_code = ANY($1::text[]) ORDER BY code`, [countyCodes]);
  return rows.map(toLocality);
}

/**
 * The townships and villages among `codes` that exist, by code: a module that stores village codes
 * (dispatches, service logs) checks them with one query (`codes.filter((c) => !found.has(c))` are unknown).
 */
export async function localitiesByCodes(db: Queryable, codes: string[]): Promise<Map<string, Locality>> {
  if (!codes.length) return new Map();
  const { rows } = await db.query(
    `SELECT code, name, level, county_code, township_code, urban_rural_class, version FROM locality WHERE code = ANY($1::text[])`,
    [[...new Set(codes)]]);
  return new Map(rows.map((r) => [r.code as string, toLocality(r)]));
}
