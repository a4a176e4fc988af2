/**
 * What the yearly evaluation reads and changes of the platform registry (migration 020), in one
 * place: which statuses report, a platform's row and hosts, and the status change the rules make
 * (整改 on a 不合格) with the registry's timeline row (platform_event), as the registry asks of
 * whoever changes a status. Revocation, a staff decision, goes through the registry's own service.
 */
import { todayInChina } from '../../../domain/dates';
import type { Queryable } from '../../db/database';
import type { Actor } from '../../http/actor';

/** 认定 and 整改: the platforms that report every year. */
export const CERTIFIED_STATUSES = ['certified', 'rectifying'];
export const CERTIFIED = 'certified';
export const RECTIFYING = 'rectifying';
export const REVOKED = 'revoked';

export interface PlatformRow { id: number; name: string; type: string; level: string; hostOrgId: number; hostOrgIds: number[]; regionCode: string; status: string }

export async function lockPlatform(tx: Queryable, id: number): Promise<PlatformRow | null> {
  const { rows: [p] } = await tx.query(
    `SELECT p.id, p.name, p.type_code, p.level, p.host_org_id, p.region_code, p.status,
            coalesce((SELECT array_agg(h.org_id) FROM platform_host h WHERE h.platform_id = p.id), '{}') AS hosts
       FROM platform p WHERE p.id = $1 FOR UPDATE OF p`, [id]);
  if (!p) return null;
  const hosts = (p.hosts as unknown[]).map(Number);
  return { id: Number(p.id), name: p.name, type: p.type_code, level: p.level, hostOrgId: Number(p.host_org_id),
    hostOrgIds: hosts.includes(Number(p.host_org_id)) ? hosts : [Number(p.host_org_id), ...hosts], regionCode: p.region_code, status: p.status };
}

/**
 * The evaluation's own status change (整改 after a 不合格: a consequence of the rules, not a staff
 * action, so not under the registry's certifying-level authority): a conditional update from
 * `from` to `to` (false when it is no longer `from`) with the reason and the timeline row.
 */
export async function setStatusByEvaluation(tx: Queryable, actor: Pick<Actor, 'id' | 'displayName'> | null, platformId: number,
  from: string, to: string, action: string, reason: string): Promise<boolean> {
  const today = todayInChina();
  const { rows: [p] } = await tx.query(
    `UPDATE platform SET status = $3, status_reason = $4, revoked_on = CASE WHEN $3 = 'revoked' THEN $5::date ELSE revoked_on END,
            updated_at = now(), version = version + 1
      WHERE id = $1 AND status = $2 RETURNING level`, [platformId, from, to, reason, today]);
  if (!p) return false;
  await tx.query(`INSERT INTO platform_event (platform_id, action, from_status, to_status, level, on_date, comment, actor_id, actor_name)
                  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, [platformId, action, from, to, p.level, today, reason, actor?.id ?? null, actor?.displayName ?? null]);
  return true;
}
