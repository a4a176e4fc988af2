/**
 * Writes townships and villages (the `locality` table) for the region import: new codes are added
 * in one multi-row INSERT per chunk, known ones renamed (and a village's 城乡分类代码 set) one by
 * one; each change leaves an audit row (action region.import, target locality) in the same transaction.
 */
import type { Queryable } from '../../db/database';
import { countyOfLocality, townshipOfVillage } from '../../../domain/regions';
import type { AuditActor } from '../../http/actor';
import { recordAudit } from '../audit/record';
import type { Locality } from './localities';

export interface LocalityInput { code: string; name: string; urbanRuralClass: string | null }

/** A township's county or a village's township: the node directly above, from the code alone. */
export function localityParent(code: string): string {
  return townshipOfVillage(code) ?? countyOfLocality(code);
}

const CHUNK = 1000;

/**
 * `rows` must list townships before villages (a village's township may be new in the same call);
 * `known` holds the rows' codes that exist already, as read before the transaction.
 */
export async function writeLocalities(tx: Queryable, audit: AuditActor, rows: LocalityInput[], known: Map<string, Locality>):
  Promise<{ created: number; updated: number }> {
  const fresh = rows.filter((r) => !known.has(r.code));
  // a code added meanwhile by another import (the same file sent twice at once) is that import's to
  // add and audit: ON CONFLICT skips it here instead of failing the whole file
  const inserted = new Set<string>();
  for (let i = 0; i < fresh.length; i += CHUNK) {
    const chunk = fresh.slice(i, i + CHUNK);
    const { rows: added } = await tx.query(
      `INSERT INTO locality (code, name, level, county_code, township_code, urban_rural_class)
       SELECT c, n, CASE WHEN length(c) = 9 THEN 4 ELSE 5 END, left(c, 6), CASE WHEN length(c) = 12 THEN left(c, 9) END, u
       FROM unnest($1::text[], $2::text[], $3::text[]) AS t(c, n, u)
       ON CONFLICT (code) DO NOTHING RETURNING code`,
      [chunk.map((r) => r.code), chunk.map((r) => r.name), chunk.map((r) => r.urbanRuralClass)]);
    for (const a of added) inserted.add(a.code);
  }
  for (const r of fresh.filter((x) => inserted.has(x.code))) {
    await recordAudit(tx, audit, { action: 'region.import', targetType: 'locality', targetId: r.code,
      changes: { name: { before: null, after: r.name }, urbanRuralClass: { before: null, after: r.urbanRuralClass } } });
  }
  let updated = 0;
  for (const r of rows) {
    const before = known.get(r.code);
    if (!before) continue;
    const urbanRuralClass = r.urbanRuralClass ?? before.urbanRuralClass; // an empty class keeps the stored one
    if (before.name === r.name && before.urbanRuralClass === urbanRuralClass) continue;
    await tx.query(`UPDATE locality SET name = $2, urban_rural_class = $3, updated_at = now(), version = version + 1 WHERE code = $1`,
      [r.code, r.name, urbanRuralClass]);
    const changes: Record<string, { before: unknown; after: unknown }> = {};
    if (before.name !== r.name) changes.name = { before: before.name, after: r.name };
    if (before.urbanRuralClass !== urbanRuralClass) changes.urbanRuralClass = { before: before.urbanRuralClass, after: urbanRuralClass };
    await recordAudit(tx, audit, { action: 'region.import', targetType: 'locality', targetId: r.code, changes });
    updated++;
  }
  return { created: inserted.size, updated };
}
