/**
 * 待办 of projects and review: applications to recommend (the applicant's county bureau), to
 * check (the call's bureau), reviewers to replace after a declared conflict, reviews to score
 * (experts, due when the call has a review deadline — none yet, so no date), and returned
 * applications to fix before the call closes (applicants).
 */
import type { InboxKind } from '../inbox/registry';
import { todayInChina } from '../../../domain/dates';
import { Where } from '../../http/list-query';

const count = (rows: { total?: number | string }[]) => Number(rows[0]?.total ?? 0);

export const applicationRecommendInbox: InboxKind = {
  kind: 'application.recommend',
  name: ['申报推荐', 'Applications to recommend'],
  roles: ['staff'],
  async list(db, actor, lang, limit) {
    const where = new Where();
    const root = where.param(actor.regionCode);
    where.add(`a.status = 'submitted' AND a.needs_recommendation AND a.region_code IN (SELECT region_subtree(${root})) AND c.region_code NOT IN (SELECT region_subtree(${root}))`);
    const { rows } = await db.query(
      `SELECT a.id, a.title, a.submitted_at, o.name AS org_name, c.closes_at, count(*) OVER () AS total
         FROM application a JOIN call c ON c.id = a.call_id JOIN organization o ON o.id = a.org_id ${where}
        ORDER BY a.submitted_at, a.id LIMIT ${Number(limit)}`, where.params);
    return { count: count(rows), items: rows.map((a) => ({ kind: 'application.recommend', title: lang === 'en' ? `Recommend or return: ${a.title}` : `推荐申报：${a.title}`,
      whose: a.org_name, link: `/projects/applications?application=${a.id}`, since: new Date(a.submitted_at).toISOString() })) };
  },
};

export const applicationCheckInbox: InboxKind = {
  kind: 'application.check',
  name: ['形式审查', 'Formal checks'],
  roles: ['admin', 'staff'],
  async list(db, actor, lang, limit) {
    const where = new Where();
    if (actor.role === 'staff') where.add('c.region_code IN (SELECT region_subtree($?))', actor.regionCode);
    where.add(`(a.status = 'recommended' OR (a.status = 'submitted' AND NOT a.needs_recommendation))`);
    const { rows } = await db.query(
      `SELECT a.id, a.title, a.submitted_at, o.name AS org_name, count(*) OVER () AS total
         FROM application a JOIN call c ON c.id = a.call_id JOIN organization o ON o.id = a.org_id ${where}
        ORDER BY a.submitted_at, a.id LIMIT ${Number(limit)}`, where.params);
    return { count: count(rows), items: rows.map((a) => ({ kind: 'application.check', title: lang === 'en' ? `Formal check: ${a.title}` : `形式审查：${a.title}`,
      whose: a.org_name, link: `/projects/applications?application=${a.id}`, since: new Date(a.submitted_at).toISOString() })) };
  },
};

export const reviewReplaceInbox: InboxKind = {
  kind: 'review.replace',
  name: ['补抽评审专家', 'Reviewers to replace'],
  roles: ['admin', 'staff'],
  async list(db, actor, lang, limit) {
    const where = new Where();
    if (actor.role === 'staff') where.add('c.region_code IN (SELECT region_subtree($?))', actor.regionCode);
    where.add(`a.status IN ('under_review', 'reviewed')`);
    const { rows } = await db.query(
      `SELECT a.id, a.title, c.id AS call_id, d.since, count(*) OVER () AS total
         FROM application a JOIN call c ON c.id = a.call_id
         JOIN LATERAL (SELECT max(r.assigned_at) AS since, count(*) FILTER (WHERE r.status <> 'declined') AS active,
                              count(*) FILTER (WHERE r.status = 'declined') AS declined
                         FROM review_assignment r WHERE r.application_id = a.id) d ON d.declined > 0 AND d.active < c.reviewers_per_application
        ${where} ORDER BY d.since, a.id LIMIT ${Number(limit)}`, where.params);
    return { count: count(rows), items: rows.map((a) => ({ kind: 'review.replace', title: lang === 'en' ? `Draw a replacement reviewer: ${a.title}` : `补抽评审专家：${a.title}`,
      link: `/projects/calls/${a.call_id}?tab=reviews`, since: new Date(a.since).toISOString() })) };
  },
};

export const reviewTodoInbox: InboxKind = {
  kind: 'review.todo',
  name: ['评审任务', 'Reviews to score'],
  roles: ['expert'],
  async list(db, actor, lang, limit) {
    const { rows } = await db.query(
      `SELECT r.id, a.title, r.assigned_at, c.title AS call_title, count(*) OVER () AS total
         FROM review_assignment r JOIN expert x ON x.id = r.expert_id JOIN application a ON a.id = r.application_id JOIN call c ON c.id = r.call_id
        WHERE x.user_id = $1 AND r.status IN ('assigned', 'declared') ORDER BY r.assigned_at, r.id LIMIT ${Number(limit)}`, [actor.id]);
    return { count: count(rows), items: rows.map((r) => ({ kind: 'review.todo', title: lang === 'en' ? `Review: ${r.title}` : `评审：${r.title}`,
      whose: r.call_title, link: `/projects/reviews/${r.id}`, since: new Date(r.assigned_at).toISOString() })) };
  },
};

export const applicationReturnedInbox: InboxKind = {
  kind: 'application.returned',
  name: ['退回修改的申报', 'Applications to fix'],
  roles: ['enterprise', 'institution'],
  async list(db, actor, lang, limit) {
    const { rows } = await db.query(
      `SELECT a.id, a.title, a.updated_at, c.closes_at, count(*) OVER () AS total
         FROM application a JOIN call c ON c.id = a.call_id
        WHERE a.org_id = $1 AND a.status = 'returned' AND c.status = 'published' AND now() < c.closes_at
        ORDER BY c.closes_at, a.id LIMIT ${Number(limit)}`, [actor.orgId]);
    return { count: count(rows), items: rows.map((a) => ({ kind: 'application.returned', title: lang === 'en' ? `Fix and resubmit: ${a.title}` : `修改后重新提交：${a.title}`,
      link: `/projects/mine?application=${a.id}`, since: new Date(a.updated_at).toISOString(), dueOn: todayInChina(new Date(a.closes_at)) })) };
  },
};
