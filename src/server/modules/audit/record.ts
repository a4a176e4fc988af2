/**
 * Writes audit rows. Every write in the platform calls `recordAudit` with the transaction it
 * runs in, so the change and its audit row commit or roll back together.
 */
import type { Queryable } from '../../db/database';
import type { AuditActor } from '../../http/actor';

export type Changes = Record<string, { before: unknown; after: unknown }>;

export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: string | number | null;
  changes?: Changes | null;
}

/** Fields that never go into the log, even hashed. */
const SECRET_FIELDS = new Set(['password', 'passwordHash', 'password_hash']);

/** The fields that differ between two snapshots of a record, as before → after. */
export function diff(before: Record<string, unknown> | null, after: Record<string, unknown> | null): Changes {
  const changes: Changes = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of keys) {
    if (SECRET_FIELDS.has(key)) continue;
    const b = before?.[key] ?? null;
    const a = after?.[key] ?? null;
    if (JSON.stringify(b) !== JSON.stringify(a)) changes[key] = { before: b, after: a };
  }
  return changes;
}

export async function recordAudit(tx: Queryable, actor: AuditActor, entry: AuditEntry): Promise<void> {
  const changes = entry.changes && Object.keys(entry.changes).length > 0 ? entry.changes : null;
  await tx.query(
    `INSERT INTO audit_log (actor_id, actor_name, actor_role, ip, action, target_type, target_id, changes)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [actor.id, actor.username, actor.role, actor.ip, entry.action, entry.targetType ?? null,
      entry.targetId === undefined || entry.targetId === null ? null : String(entry.targetId),
      changes ? JSON.stringify(changes) : null],
  );
}
