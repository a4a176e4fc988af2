/**
 * 待办 of the 科技特派员 module: dispatches waiting for the caller's confirmation (the commissioner,
 * a served organisation, staff for villages), and service logs waiting for the served party's
 * confirmation (the organisation's users; staff of the village's region).
 */
import { regionLevel } from '../../../domain/regions';
import type { InboxKind } from '../inbox/registry';
import { cappedTotal, Where } from '../../http/list-query';

const count = (rows: { total?: number | string }[]) => Number(rows[0]?.total ?? 0);

export const dispatchConfirmInbox: InboxKind = {
  kind: 'commissioner.dispatch.confirm',
  name: ['派驻待确认', 'Dispatches to confirm'],
  roles: ['commissioner', 'enterprise', 'institution', 'staff'],
  async list(db, actor, lang, limit) {
    const where = new Where().add(`d.status = 'proposed'`);
    if (actor.role === 'commissioner') {
      where.add(`d.commissioner_confirmed_at IS NULL AND (c.user_id = $? OR l.user_id = $?)`, actor.id, actor.id);
    } else if (actor.role === 'staff') {
      where.add(`EXISTS (SELECT 1 FROM dispatch_target t JOIN locality v ON v.code = t.village_code
        WHERE t.dispatch_id = d.id AND t.confirmed_at IS NULL AND v.county_code IN (SELECT region_subtree($?)))`, actor.regionCode);
    } else {
      where.add('EXISTS (SELECT 1 FROM dispatch_target t WHERE t.dispatch_id = d.id AND t.confirmed_at IS NULL AND t.org_id = $?)', actor.orgId);
    }
    const { rows } = await db.query(
      `SELECT d.id, c.name, to_char(d.starts_on, 'YYYY-MM-DD') AS starts_on, d.created_at, count(*) OVER () AS total
         FROM dispatch d JOIN commissioner c ON c.id = d.commissioner_id LEFT JOIN commissioner l ON l.id = c.leader_id ${where}
        ORDER BY d.starts_on, d.id LIMIT ${Number(limit)}`, where.params);
    const link = (id: number) => (actor.role === 'commissioner' ? '/commissioners/mine' : `/commissioners/dispatches?dispatch=${id}`);
    return { count: count(rows), items: rows.map((d) => ({ kind: 'commissioner.dispatch.confirm',
      title: lang === 'en' ? `Confirm the dispatch of ${d.name} from ${d.starts_on}` : `确认派驻：${d.name}（${d.starts_on} 起）`,
      whose: d.name, link: link(Number(d.id)), since: new Date(d.created_at).toISOString(), dueOn: d.starts_on })) };
  },
};

/** Counted up to this many: a badge shows "99+" long before, and a province's backlog is not read to count it. */
const LOG_TODO_CAP = 1000;

export const logConfirmInbox: InboxKind = {
  kind: 'commissioner.log.confirm',
  name: ['服务日志待确认', 'Service logs to confirm'],
  roles: ['enterprise', 'institution', 'staff'],
  async list(db, actor, lang, limit) {
    const where = new Where().add(`s.status = 'submitted'`);
    // a county's staff (the usual confirmers) by equality, so the partial index of unconfirmed logs answers
    if (actor.role === 'staff' && regionLevel(actor.regionCode!) === 3) where.add('left(s.village_code, 6) = $?', actor.regionCode);
    else if (actor.role === 'staff') where.add('left(s.village_code, 6) = ANY(ARRAY(SELECT region_subtree($?)))', actor.regionCode);
    else where.add('s.org_id = $?', actor.orgId);
    const { rows: ids } = await db.query(`SELECT s.id FROM service_log s ${where} ORDER BY s.served_on, s.id LIMIT ${Number(limit)}`, where.params);
    const { rows } = await db.query(
      `SELECT s.id, to_char(s.served_on, 'YYYY-MM-DD') AS served_on, s.created_at, k.name, coalesce(v.name, o.name) AS place
         FROM service_log s JOIN commissioner k ON k.id = s.commissioner_id LEFT JOIN locality v ON v.code = s.village_code
         LEFT JOIN organization o ON o.id = s.org_id WHERE s.id = ANY($1::bigint[]) ORDER BY s.served_on, s.id`, [ids.map((r) => r.id)]);
    const { total } = ids.length < Number(limit) ? { total: ids.length } : await cappedTotal(db, `FROM service_log s ${where}`, where.params, LOG_TODO_CAP);
    return { count: total, items: rows.map((s) => ({ kind: 'commissioner.log.confirm',
      title: lang === 'en' ? `Confirm ${s.name}'s service at ${s.place} on ${s.served_on}` : `确认服务日志：${s.name} ${s.served_on} 在${s.place}`,
      whose: s.name, link: `/commissioners/logs?log=${s.id}`, since: new Date(s.created_at).toISOString() })) };
  },
};
