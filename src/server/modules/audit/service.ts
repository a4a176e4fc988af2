/** Browsing the audit log (admins): filters by actor, role, action, target and time; rows in words. */
import type { Database } from '../../db/database';
import { maskPhone } from '../../../domain/phone';
import type { Actor } from '../../http/actor';
import { likePattern, orderBy, Where } from '../../http/list-query';
import type { Lang } from '../../http/messages';
import type { Changes } from './record';
import { actionLabel, fieldLabel, targetTypeLabel, valueText } from './vocabulary';

export interface AuditFilters { actor?: string; role?: string; action?: string; targetType?: string; targetId?: string; from?: string; to?: string; sort?: string; q?: string }

export interface ChangeLine { field: string; label: string; before: string; after: string }

export interface AuditView {
  id: number; at: string; actorId: number | null; actorName: string | null; actorRole: string | null; ip: string | null;
  action: string; targetType: string | null; targetId: string | null; changes: Changes | null;
  /** the same row in words (the request's language) and where its record is in the web app */
  actionLabel: string; targetLabel: string | null; targetLink: string | null; changeList: ChangeLine[];
}

const PHONE_FIELDS = new Set(['phone', 'contactPhone']);

/** Mobile numbers inside changes are masked for anyone but admins (who alone browse the log today). */
function maskChanges(changes: Changes | null, viewer: Actor): Changes | null {
  if (!changes || viewer.role === 'admin') return changes;
  return Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, PHONE_FIELDS.has(k)
    ? { before: typeof v.before === 'string' ? maskPhone(v.before) : v.before, after: typeof v.after === 'string' ? maskPhone(v.after) : v.after }
    : v]));
}

/** The record's page in the web app, from its type and id. */
function linkOf(type: string | null, id: string | null, kind: string | null, username: string | null): string | null {
  if (!type) return null;
  switch (type) {
    case 'user': return username ? `/users?q=${encodeURIComponent(username)}` : null;
    case 'enterprise': return id ? `/enterprises/${id}` : null;
    case 'organization': return id && kind === 'enterprise' ? `/enterprises/${id}` : '/registrations';
    case 'enterprise_stat': return id ? `/enterprises/${id.split('/')[0]}?tab=stats` : null;
    case 'policy': return id ? `/policies/${id}` : null;
    case 'policy_review': return '/policies/reviews';
    case 'policy_category': case 'search_synonym': return '/policies';
    case 'region': return '/regions';
    case 'indicator_target': case 'indicator_value': return '/indicators/targets';
    case 'key_task': case 'task_milestone': case 'task_attachment': case 'supervision_item': return '/indicators/tasks';
    case 'portal_notice': return '/portal';
    default: return null;
  }
}

export async function listAudit(db: Database, viewer: Actor, f: AuditFilters, page: number, pageSize: number, lang: Lang = 'zh-CN') {
  const where = new Where();
  if (f.actor) where.add('a.actor_name ILIKE $?', likePattern(f.actor));
  if (f.role) where.add('a.actor_role = $?', f.role);
  if (f.action) where.add('(a.action = $? OR a.action LIKE $?)', f.action, `${f.action.replace(/[\\%_]/g, (c) => `\\${c}`)}.%`);
  if (f.targetType) where.add('a.target_type = $?', f.targetType);
  if (f.targetId) where.add('a.target_id = $?', f.targetId);
  if (f.from) where.add('a.at >= $?', f.from);
  if (f.to) where.add('a.at <= $?', f.to);
  if (f.q) where.add('(a.action ILIKE $? OR a.actor_name ILIKE $? OR a.target_id = $?)', likePattern(f.q), likePattern(f.q), f.q);
  const order = orderBy(f.sort, { at: 'a.at', action: 'a.action' }, 'a.at DESC', 'a.id');
  const en = `$${where.params.length + 1}::boolean`; // the main query's extra parameter, not the count's
  // names of the page's targets (a page of rows, one look-up each): the clerk reads names, not ids
  const [rows, count] = await Promise.all([
    db.query(`SELECT a.*,
        CASE a.target_type
          WHEN 'user' THEN (SELECT u.display_name FROM app_user u WHERE u.id::text = a.target_id)
          WHEN 'enterprise' THEN (SELECT o.name FROM organization o WHERE o.id::text = a.target_id)
          WHEN 'organization' THEN (SELECT o.name FROM organization o WHERE o.id::text = a.target_id)
          WHEN 'enterprise_stat' THEN (SELECT o.name || ' ' || split_part(a.target_id, '/', 2) FROM organization o WHERE o.id::text = split_part(a.target_id, '/', 1))
          WHEN 'policy' THEN (SELECT p.title FROM policy p WHERE p.id::text = a.target_id)
          WHEN 'region' THEN (SELECT r.name FROM region r WHERE r.code = a.target_id)
          WHEN 'key_task' THEN (SELECT k.title FROM key_task k WHERE k.id::text = a.target_id)
          WHEN 'supervision_item' THEN (SELECT s.title FROM supervision_item s WHERE s.id::text = a.target_id)
          WHEN 'indicator_target' THEN (SELECT r.name || ' ' || split_part(a.target_id, '/', 2) || ' ' || CASE WHEN ${en} THEN i.name_en ELSE i.name_zh END
            FROM region r, indicator i WHERE r.code = split_part(a.target_id, '/', 1) AND i.code = split_part(a.target_id, '/', 3))
          WHEN 'indicator_value' THEN (SELECT r.name || ' ' || split_part(a.target_id, '/', 2) || ' ' || split_part(a.target_id, '/', 4) || ' ' || CASE WHEN ${en} THEN i.name_en ELSE i.name_zh END
            FROM region r, indicator i WHERE r.code = split_part(a.target_id, '/', 1) AND i.code = split_part(a.target_id, '/', 3))
        END AS target_name,
        CASE WHEN a.target_type = 'user' THEN (SELECT u.username FROM app_user u WHERE u.id::text = a.target_id) END AS target_username,
        CASE WHEN a.target_type = 'organization' THEN (SELECT o.kind FROM organization o WHERE o.id::text = a.target_id) END AS target_kind
       FROM audit_log a ${where} ${order} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`, [...where.params, lang === 'en']),
    db.query(`SELECT count(*)::int AS n FROM audit_log a ${where}`, where.params),
  ]);
  const codes = new Set<string>();
  for (const r of rows.rows) {
    const ch = r.changes as Changes | null;
    for (const v of [ch?.regionCode?.before, ch?.regionCode?.after]) if (typeof v === 'string') codes.add(v);
  }
  const regionNames = new Map<string, string>();
  if (codes.size) {
    const { rows: names } = await db.query('SELECT code, name FROM region WHERE code = ANY($1)', [[...codes]]);
    for (const n of names) regionNames.set(n.code, n.name);
  }
  const items: AuditView[] = rows.rows.map((row) => {
    const changes = maskChanges(row.changes, viewer);
    const type = targetTypeLabel(row.target_type ?? '', lang);
    const name = row.target_type === 'user' && row.target_username
      ? `${row.target_username}${row.target_name ? (lang === 'en' ? ` (${row.target_name})` : `（${row.target_name}）`) : ''}`
      : row.target_name ?? row.target_id;
    return {
      id: row.id, at: new Date(row.at).toISOString(), actorId: row.actor_id, actorName: row.actor_name, actorRole: row.actor_role,
      ip: row.ip, action: row.action, targetType: row.target_type, targetId: row.target_id, changes,
      actionLabel: actionLabel(row.action, lang),
      targetLabel: row.target_type ? (name ? `${type} ${name}` : type) : null,
      targetLink: linkOf(row.target_type, row.target_id, row.target_kind, row.target_username),
      changeList: Object.entries(changes ?? {}).map(([field, c]) => ({
        field, label: fieldLabel(field, lang), before: valueText(field, c.before, lang, regionNames), after: valueText(field, c.after, lang, regionNames),
      })),
    };
  });
  return { items, total: count.rows[0].n as number, page, pageSize };
}
