/**
 * Data scope, applied inside the SQL of every list and every lookup: staff see their region's
 * subtree, enterprise and institution users their own organisation, admins everything.
 */
import type { Queryable } from '../db/database';
import type { Actor } from './actor';
import { fieldError } from './errors';
import type { Where } from './list-query';

/** Restricts `column` (a region code) to the actor's region subtree. */
export function limitToRegionScope(actor: Actor, where: Where, column: string): void {
  if (actor.role === 'admin') return;
  if (actor.role === 'staff' && actor.regionCode) {
    where.add(`${column} IN (SELECT region_subtree($?))`, actor.regionCode);
    return;
  }
  where.add('FALSE');
}

/** Organisations: staff their region subtree, enterprise and institution users their own, admins all. */
export function limitToOrganizationScope(actor: Actor, where: Where, orgIdColumn: string, regionColumn: string): void {
  if (actor.role === 'enterprise' || actor.role === 'institution') where.add(`${orgIdColumn} = $?`, actor.orgId);
  else limitToRegionScope(actor, where, regionColumn);
}

/**
 * A region code an actor writes into a record: it must exist and, for staff, lie in their subtree
 * (admins anywhere). Otherwise a field error on `field`.
 */
export async function assertRegionInScope(db: Queryable, actor: Actor, regionCode: string, field = 'regionCode'): Promise<void> {
  const { rows: [r] } = await db.query(
    `SELECT EXISTS (SELECT 1 FROM region WHERE code = $1) AS exists, ($2::text IS NULL OR $1 IN (SELECT region_subtree($2))) AS allowed`,
    [regionCode, actor.role === 'staff' ? actor.regionCode : null]);
  if (!r.exists) throw fieldError(field, 'field.region');
  if (!r.allowed) throw fieldError(field, 'field.region.out_of_scope');
}
