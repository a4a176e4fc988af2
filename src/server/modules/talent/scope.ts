/**
 * Who sees and changes talent records, in SQL. A record belongs to the region of its host
 * organisation: staff see and keep their region's subtree; the host (an enterprise or institution
 * user) sees the talent it hosts and keeps their service records; the person, if they sign in as
 * an expert, sees their own. Aliases: t = talent, o = host organisation, x = expert.
 */
import type { Queryable } from '../../db/database';
import type { Actor } from '../../http/actor';
import { errors, fieldError } from '../../http/errors';
import type { Where } from '../../http/list-query';

export function talentReadScope(actor: Actor, where: Where): Where {
  if (actor.role === 'admin') return where;
  if (actor.role === 'staff' && actor.regionCode) return where.add('o.region_code IN (SELECT region_subtree($?))', actor.regionCode);
  if ((actor.role === 'enterprise' || actor.role === 'institution') && actor.orgId) return where.add('t.host_org_id = $?', actor.orgId);
  if (actor.role === 'expert') return where.add('x.user_id = $?', actor.id);
  return where.add('FALSE');
}

/** The record itself and its payments: staff of the host's region and admins. */
export function talentWriteScope(actor: Actor, where: Where): Where {
  if (actor.role !== 'admin' && actor.role !== 'staff') throw errors.forbidden();
  return talentReadScope(actor, where);
}

/** Service records: staff of the host's region, admins, and the host itself. */
export function serviceWriteScope(actor: Actor, where: Where): Where {
  if (!['admin', 'staff', 'enterprise', 'institution'].includes(actor.role)) throw errors.forbidden();
  return talentReadScope(actor, where);
}

/** Organisations whose designation, teams or talent staff keep: their region subtree (alias o). */
export function hostWriteScope(actor: Actor, where: Where): Where {
  if (actor.role === 'admin') return where;
  if (actor.role === 'staff' && actor.regionCode) return where.add('o.region_code IN (SELECT region_subtree($?))', actor.regionCode);
  throw errors.forbidden();
}

/** A host is an approved enterprise or institution of the actor's region; otherwise a field error. */
export async function assertHost(db: Queryable, actor: Actor, orgId: number, field = 'hostOrgId'): Promise<{ id: number; name: string; regionCode: string }> {
  const { rows: [o] } = await db.query(
    `SELECT id, name, region_code, ($2::text IS NULL OR region_code IN (SELECT region_subtree($2))) AS allowed
       FROM organization WHERE id = $1 AND status = 'approved'`, [orgId, actor.role === 'staff' ? actor.regionCode : null]);
  if (!o || !o.allowed) throw fieldError(field, 'field.talent.host');
  return { id: Number(o.id), name: o.name, regionCode: o.region_code };
}
