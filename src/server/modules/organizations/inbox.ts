/** 待办 of registrations: pending registrations of the staff member's region subtree (admins: all). */
import type { InboxKind } from '../inbox/registry';
import { Where } from '../../http/list-query';
import { limitToRegionScope } from '../../http/scope';

export const registrationInbox: InboxKind = {
  kind: 'registration',
  name: ['注册审核', 'Registrations to review'],
  roles: ['admin', 'staff'],
  async list(db, actor, lang, limit) {
    const where = new Where();
    where.add(`o.status = 'pending'`);
    limitToRegionScope(actor, where, 'o.region_code');
    const en = lang === 'en';
    const { rows } = await db.query(
      `SELECT o.id, o.name, o.kind, o.created_at, r.name AS region_name, count(*) OVER () AS total
         FROM organization o JOIN region r ON r.code = o.region_code
         ${where}
        ORDER BY o.created_at, o.id
        LIMIT ${Number(limit)}`,
      where.params,
    );
    return {
      count: rows[0]?.total ?? 0,
      items: rows.map((o) => ({
        kind: 'registration',
        title: en ? `Review the registration of ${o.name}` : `审核注册：${o.name}`,
        whose: o.region_name,
        link: `/registrations?review=${o.id}`,
        since: new Date(o.created_at).toISOString(),
      })),
    };
  },
};
