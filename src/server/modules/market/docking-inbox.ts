/** 待办 of docking events: registrations waiting for the event's staff to confirm them. */
import type { InboxKind } from '../inbox/registry';
import { Where } from '../../http/list-query';

export const dockingRegistrationInbox: InboxKind = {
  kind: 'market.docking.registration',
  name: ['对接会报名确认', 'Event registrations to confirm'],
  roles: ['admin', 'staff'],
  async list(db, actor, lang, limit) {
    const where = new Where().add(`g.status = 'pending' AND e.status = 'open'`);
    if (actor.role === 'staff') where.add('e.region_code IN (SELECT region_subtree($?))', actor.regionCode);
    const { rows } = await db.query(
      `SELECT g.id, g.event_id, g.created_at, e.title, e.starts_at, o.name AS org_name, count(*) OVER () AS total
         FROM docking_registration g JOIN docking_event e ON e.id = g.event_id JOIN organization o ON o.id = g.org_id ${where}
        ORDER BY e.starts_at, g.created_at, g.id LIMIT ${Number(limit)}`, where.params);
    return { count: Number(rows[0]?.total ?? 0), items: rows.map((g) => ({ kind: 'market.docking.registration',
      title: lang === 'en' ? `Confirm the registration for: ${g.title}` : `确认对接会报名：${g.title}`, whose: g.org_name,
      link: `/market/docking-events/${g.event_id}?tab=registrations`, since: new Date(g.created_at).toISOString(),
      dueOn: new Date(new Date(g.starts_at).getTime() + 8 * 3600_000).toISOString().slice(0, 10) })) };
  },
};
