/**
 * 待办 of 立改废 review rounds: open rounds of the staff member's region subtree (admins: all) —
 * the policies still to decide, or, once every one is decided, the round to close. A round has
 * no deadline in its data, so no due date.
 */
import type { InboxKind } from '../inbox/registry';
import { Where } from '../../http/list-query';
import { limitToRegionScope } from '../../http/scope';

export const policyReviewInbox: InboxKind = {
  kind: 'policy.review',
  name: ['政策审查', 'Policy reviews'],
  roles: ['admin', 'staff'],
  async list(db, actor, lang, limit) {
    const where = new Where();
    where.add(`v.status = 'open'`);
    limitToRegionScope(actor, where, 'v.region_code');
    const { rows } = await db.query(
      `SELECT v.id, v.title, v.created_at, r.name AS region_name, count(*) OVER () AS total,
              (SELECT count(*)::int FROM policy_review_item i WHERE i.review_id = v.id AND i.decision IS NULL) AS undecided
         FROM policy_review v JOIN region r ON r.code = v.region_code
         ${where}
        ORDER BY v.created_at, v.id
        LIMIT ${Number(limit)}`,
      where.params,
    );
    const en = lang === 'en';
    return {
      count: rows[0]?.total ?? 0,
      items: rows.map((v) => ({
        kind: 'policy.review',
        title: v.undecided > 0
          ? (en ? `Decide ${v.undecided} ${v.undecided === 1 ? 'policy' : 'policies'} of the review "${v.title}"` : `审查决定 ${v.undecided} 件政策：${v.title}`)
          : (en ? `Close the review "${v.title}" to apply its decisions` : `关闭审查并使决定生效：${v.title}`),
        whose: v.region_name,
        link: `/policies/reviews?review=${v.id}`,
        since: new Date(v.created_at).toISOString(),
      })),
    };
  },
};
