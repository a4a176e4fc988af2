/** Browsing the audit log (admins): filters by actor, action, target and time. */
import type { Database } from '../../db/database';
import { maskPhone } from '../../../domain/phone';
import type { Actor } from '../../http/actor';
import { likePattern, orderBy, Where } from '../../http/list-query';
import type { Changes } from './record';

export interface AuditFilters { actor?: string; action?: string; targetType?: string; targetId?: string; from?: string; to?: string; sort?: string; q?: string }

export interface AuditView {
  id: number; at: string; actorId: number | null; actorName: string | null; actorRole: string | null; ip: string | null;
  action: string; targetType: string | null; targetId: string | null; changes: Changes | null;
}

const PHONE_FIELDS = new Set(['phone', 'contactPhone']);

/** Mobile numbers inside changes are masked for anyone but admins (who alone browse the log today). */
function maskChanges(changes: Changes | null, viewer: Actor): Changes | null {
  if (!changes || viewer.role === 'admin') return changes;
  return Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, PHONE_FIELDS.has(k)
    ? { before: typeof v.before === 'string' ? maskPhone(v.before) : v.before, after: typeof v.after === 'string' ? maskPhone(v.after) : v.after }
    : v]));
}

export async function listAudit(db: Database, viewer: Actor, f: AuditFilters, page: number, pageSize: number) {
  const where = new Where();
  if (f.actor) where.add('a.actor_name ILIKE $?', likePattern(f.actor));
  if (f.action) where.add('(a.action = $? OR a.action LIKE $?)', f.action, `${f.action.replace(/[\\%_]/g, (c) => `\\${c}`)}.%`);
  if (f.targetType) where.add('a.target_type = $?', f.targetType);
  if (f.targetId) where.add('a.target_id = $?', f.targetId);
  if (f.from) where.add('a.at >= $?', f.from);
  if (f.to) where.add('a.at <= $?', f.to);
  if (f.q) where.add('(a.action ILIKE $? OR a.actor_name ILIKE $? OR a.target_id = $?)', likePattern(f.q), likePattern(f.q), f.q);
  const order = orderBy(f.sort, { at: 'a.at', action: 'a.action' }, 'a.at DESC', 'a.id');
  const [rows, count] = await Promise.all([
    db.query(`SELECT a.* FROM audit_log a ${where} ${order} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`, where.params),
    db.query(`SELECT count(*)::int AS n FROM audit_log a ${where}`, where.params),
  ]);
  const items: AuditView[] = rows.rows.map((row) => ({
    id: row.id, at: new Date(row.at).toISOString(), actorId: row.actor_id, actorName: row.actor_name, actorRole: row.actor_role,
    ip: row.ip, action: row.action, targetType: row.target_type, targetId: row.target_id, changes: maskChanges(row.changes, viewer),
  }));
  return { items, total: count.rows[0].n as number, page, pageSize };
}
