/**
 * 待办 of achievement evaluation: for experts, their evaluations to declare and score; for staff
 * (their subtree) and admins, requests to handle — experts to assign (none yet, or fewer than
 * required after a declared conflict) and scored evaluations to conclude.
 */
import type { InboxKind } from '../inbox/registry';
import { Where } from '../../http/list-query';

const count = (rows: { total?: number | string }[]) => Number(rows[0]?.total ?? 0);

export const evaluationTodoInbox: InboxKind = {
  kind: 'evaluation.todo',
  name: ['成果评价任务', 'Achievements to evaluate'],
  roles: ['expert'],
  async list(db, actor, lang, limit) {
    const { rows } = await db.query(
      `SELECT s.id, a.title, s.assigned_at, o.name AS org_name, count(*) OVER () AS total
         FROM evaluation_assignment s JOIN expert x ON x.id = s.expert_id JOIN evaluation e ON e.id = s.evaluation_id
         JOIN achievement a ON a.id = e.achievement_id JOIN organization o ON o.id = a.org_id
        WHERE x.user_id = $1 AND s.status IN ('assigned', 'declared') AND e.status IN ('experts_assigned', 'scored')
        ORDER BY s.assigned_at, s.id LIMIT ${Number(limit)}`, [actor.id]);
    return { count: count(rows), items: rows.map((r) => ({ kind: 'evaluation.todo', title: lang === 'en' ? `Evaluate: ${r.title}` : `成果评价：${r.title}`,
      whose: r.org_name, link: `/market/evaluation-reviews/${r.id}`, since: new Date(r.assigned_at).toISOString() })) };
  },
};

export const evaluationHandleInbox: InboxKind = {
  kind: 'evaluation.handle',
  name: ['成果评价申请', 'Evaluation requests to handle'],
  roles: ['admin', 'staff'],
  async list(db, actor, lang, limit) {
    const where = new Where();
    if (actor.role === 'staff') where.add('e.region_code IN (SELECT region_subtree($?))', actor.regionCode);
    where.add(`(e.status = 'scored' OR (e.status IN ('requested', 'experts_assigned') AND p.active < e.experts_required))`);
    const { rows } = await db.query(
      `SELECT e.id, e.status, e.updated_at, a.title, o.name AS org_name, count(*) OVER () AS total
         FROM evaluation e JOIN achievement a ON a.id = e.achievement_id JOIN organization o ON o.id = e.org_id
         JOIN LATERAL (SELECT count(*) FILTER (WHERE s.status <> 'declined') AS active FROM evaluation_assignment s WHERE s.evaluation_id = e.id) p ON true
        ${where} ORDER BY e.updated_at, e.id LIMIT ${Number(limit)}`, where.params);
    return { count: count(rows), items: rows.map((r) => {
      const conclude = r.status === 'scored';
      const title = lang === 'en' ? `${conclude ? 'Conclude the evaluation' : 'Assign evaluators'}: ${r.title}` : `${conclude ? '作出评价结论' : '指派评价专家'}：${r.title}`;
      return { kind: 'evaluation.handle', title, whose: r.org_name, link: `/market/evaluations?evaluation=${r.id}`, since: new Date(r.updated_at).toISOString() };
    }) };
  },
};
