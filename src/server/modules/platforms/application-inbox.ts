/**
 * 待办 of platform certification: for the region's staff, applications to recommend; for the
 * certifying level's staff (the city for city platforms, the province for the others), formal
 * checks, panels to assign (none yet, or short after a declared conflict) and decisions; for
 * experts, reviews to declare and score; for hosts, applications returned to them.
 */
import { Where } from '../../http/list-query';
import type { InboxKind } from '../inbox/registry';

const count = (rows: { total?: number | string }[]) => Number(rows[0]?.total ?? 0);
const since = (d: unknown) => new Date(d as string).toISOString();

export const platformRecommendInbox: InboxKind = {
  kind: 'platform.application.recommend',
  name: ['创新平台认定推荐', 'Platform certifications to recommend'],
  roles: ['admin', 'staff'],
  async list(db, actor, lang, limit) {
    const where = new Where().add(`a.status = 'submitted'`);
    if (actor.role === 'staff') where.add('a.region_code IN (SELECT region_subtree($?))', actor.regionCode);
    const { rows } = await db.query(
      `SELECT a.id, a.name, a.submitted_at, o.name AS org_name, count(*) OVER () AS total
         FROM platform_application a JOIN organization o ON o.id = a.org_id ${where} ORDER BY a.submitted_at, a.id LIMIT ${Number(limit)}`, where.params);
    return { count: count(rows), items: rows.map((r) => ({ kind: 'platform.application.recommend', title: lang === 'en' ? `Recommend or return: ${r.name}` : `认定推荐：${r.name}`,
      whose: r.org_name, link: `/platforms/applications/${r.id}`, since: since(r.submitted_at) })) };
  },
};

export const platformHandleInbox: InboxKind = {
  kind: 'platform.application.handle',
  name: ['创新平台认定审查', 'Platform certifications to handle'],
  roles: ['admin', 'staff'],
  async list(db, actor, lang, limit) {
    const where = new Where();
    if (actor.role === 'staff') {
      where.add('a.region_code IN (SELECT region_subtree($?))', actor.regionCode);
      // the certifying level only: a city's staff for city platforms, the province's for all
      where.add(`(SELECT level FROM region WHERE code = $?) <= CASE a.level WHEN 'city' THEN 2 ELSE 1 END`, actor.regionCode);
    }
    // formal_passed: no panel yet; under_review: an expert declined and the panel is short
    where.add(`(a.status IN ('recommended', 'formal_passed', 'reviewed') OR (a.status = 'under_review' AND p.declined > 0 AND p.active < a.experts_required))`);
    const { rows } = await db.query(
      `SELECT a.id, a.name, a.status, a.updated_at, o.name AS org_name, count(*) OVER () AS total
         FROM platform_application a JOIN organization o ON o.id = a.org_id
         JOIN LATERAL (SELECT count(*) FILTER (WHERE s.status <> 'declined') AS active, count(*) FILTER (WHERE s.status = 'declined') AS declined
                         FROM platform_application_assignment s WHERE s.application_id = a.id) p ON true
        ${where} ORDER BY a.updated_at, a.id LIMIT ${Number(limit)}`, where.params);
    const what: Record<string, [string, string]> = {
      recommended: ['形式审查', 'Formal check'], reviewed: ['作出认定决定', 'Decide'], formal_passed: ['指派评审专家', 'Assign reviewers'], under_review: ['补充评审专家', 'Add reviewers'],
    };
    return { count: count(rows), items: rows.map((r) => ({ kind: 'platform.application.handle', title: `${what[r.status][lang === 'en' ? 1 : 0]}${lang === 'en' ? ': ' : '：'}${r.name}`,
      whose: r.org_name, link: `/platforms/applications/${r.id}`, since: since(r.updated_at) })) };
  },
};

export const platformCertReviewInbox: InboxKind = {
  kind: 'platform.certification.review',
  name: ['创新平台认定评审', 'Platform certifications to review'],
  roles: ['expert'],
  async list(db, actor, lang, limit) {
    const { rows } = await db.query(
      `SELECT s.id, a.name, s.assigned_at, o.name AS org_name, count(*) OVER () AS total
         FROM platform_application_assignment s JOIN expert x ON x.id = s.expert_id JOIN platform_application a ON a.id = s.application_id
         JOIN organization o ON o.id = a.org_id
        WHERE x.user_id = $1 AND s.status IN ('assigned', 'declared') AND a.status IN ('under_review', 'reviewed')
        ORDER BY s.assigned_at, s.id LIMIT ${Number(limit)}`, [actor.id]);
    return { count: count(rows), items: rows.map((r) => ({ kind: 'platform.certification.review', title: lang === 'en' ? `Review: ${r.name}` : `平台认定评审：${r.name}`,
      whose: r.org_name, link: `/platforms/certification-reviews/${r.id}`, since: since(r.assigned_at) })) };
  },
};

export const platformReturnedInbox: InboxKind = {
  kind: 'platform.application.returned',
  name: ['创新平台认定申请退回', 'Platform certifications returned'],
  roles: ['enterprise', 'institution'],
  async list(db, actor, lang, limit) {
    const { rows } = await db.query(
      `SELECT a.id, a.name, a.decision_reason, a.updated_at, count(*) OVER () AS total FROM platform_application a
        WHERE a.org_id = $1 AND a.status = 'returned' ORDER BY a.updated_at, a.id LIMIT ${Number(limit)}`, [actor.orgId ?? -1]);
    return { count: count(rows), items: rows.map((r) => ({ kind: 'platform.application.returned', title: lang === 'en' ? `Change and resubmit: ${r.name}` : `修改后重新提交：${r.name}`,
      whose: r.decision_reason, link: `/platforms/applications/${r.id}`, since: since(r.updated_at) })) };
  },
};
