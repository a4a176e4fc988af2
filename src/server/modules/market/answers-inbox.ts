/** 待办 of answers: new answers waiting for the demand's organisation to review them (阅卷). */
import type { InboxKind } from '../inbox/registry';

export const answerReviewInbox: InboxKind = {
  kind: 'market.answer.review',
  name: ['待阅卷的答题方案', 'Proposals to review'],
  roles: ['enterprise', 'institution'],
  async list(db, actor, lang, limit) {
    // answers still submitted to the organisation's published demands that have no pick yet
    const { rows } = await db.query(
      `SELECT a.id, a.demand_id, d.title, a.created_at, coalesce(o.name, x.name) AS answerer, count(*) OVER () AS total
         FROM demand_answer a JOIN demand d ON d.id = a.demand_id LEFT JOIN organization o ON o.id = a.org_id LEFT JOIN expert x ON x.id = a.expert_id
        WHERE d.org_id = $1 AND d.status = 'published' AND d.outcome IS NULL AND a.status = 'submitted'
        ORDER BY a.created_at, a.id LIMIT ${Number(limit)}`, [actor.orgId]);
    return { count: Number(rows[0]?.total ?? 0), items: rows.map((a) => ({ kind: 'market.answer.review', title: lang === 'en' ? `Review the proposal to: ${a.title}` : `阅卷：${a.title}`,
      whose: a.answerer, link: `/market/demands?demand=${a.demand_id}&tab=answers&answer=${a.id}`, since: new Date(a.created_at).toISOString() })) };
  },
};
