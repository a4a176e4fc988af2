/**
 * Data scope, applied inside the SQL of every list and every lookup: staff see their region's
 * subtree, enterprise and institution users their own organisation, admins everything.
 */
import type { Actor } from './actor';
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
