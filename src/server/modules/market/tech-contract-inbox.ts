/**
 * 待办 of the contract registry: filed contracts waiting for the registry's decision (staff of the
 * seller's region; due by the rule set's limit, overdue in red), and contracts returned to their
 * seller for completion.
 */
import type { InboxKind } from '../inbox/registry';
import { Where } from '../../http/list-query';

const count = (rows: { total?: number | string }[]) => Number(rows[0]?.total ?? 0);

export const contractDecideInbox: InboxKind = {
  kind: 'market.contract.decide',
  name: ['技术合同认定登记', 'Technology contracts to register'],
  roles: ['admin', 'staff'],
  async list(db, actor, lang, limit) {
    const where = new Where().add(`c.status = 'submitted'`);
    if (actor.role === 'staff') where.add('c.region_code IN (SELECT region_subtree($?))', actor.regionCode);
    const { rows } = await db.query(
      `SELECT c.id, c.name, c.filed_on::text AS filed_on, c.due_on::text AS due_on, o.name AS seller, count(*) OVER () AS total
         FROM tech_contract c JOIN organization o ON o.id = c.seller_org_id ${where}
        ORDER BY c.due_on, c.id LIMIT ${Number(limit)}`, where.params);
    return { count: count(rows), items: rows.map((c) => ({ kind: 'market.contract.decide', title: lang === 'en' ? `Register or return: ${c.name}` : `认定登记：${c.name}`,
      whose: c.seller, link: `/market/contracts?contract=${c.id}`, since: `${c.filed_on}T00:00:00+08:00`, dueOn: c.due_on })) };
  },
};

export const contractReturnedInbox: InboxKind = {
  kind: 'market.contract.returned',
  name: ['技术合同补正', 'Technology contracts to complete'],
  roles: ['enterprise', 'institution'],
  async list(db, actor, lang, limit) {
    const { rows } = await db.query(
      `SELECT c.id, c.name, c.reason, c.updated_at, count(*) OVER () AS total FROM tech_contract c
        WHERE c.seller_org_id = $1 AND c.status = 'returned' ORDER BY c.updated_at, c.id LIMIT ${Number(limit)}`, [actor.orgId ?? -1]);
    return { count: count(rows), items: rows.map((c) => ({ kind: 'market.contract.returned', title: lang === 'en' ? `Complete and refile: ${c.name}` : `补正后重新提交：${c.name}`,
      whose: c.reason, link: `/market/contracts?contract=${c.id}`, since: new Date(c.updated_at).toISOString() })) };
  },
};
