/**
 * 待办 of the yearly platform evaluation: a host's reports due (an open round covers the platform
 * and it has not submitted), an expert's reports to score, and the bureau's reports to rate (or to
 * put experts on) and revocation proposals to decide — each limited to the user's scope in SQL.
 */
import type { InboxKind } from '../inbox/registry';
import { Where } from '../../http/list-query';
import { CERTIFIED_STATUSES } from './evaluation-platforms';

const count = (rows: { total?: number | string }[]) => Number(rows[0]?.total ?? 0);

export const platformReportDueInbox: InboxKind = {
  kind: 'platform.report.due',
  name: ['平台年度绩效报告', 'Platform reports due'],
  roles: ['enterprise', 'institution'],
  async list(db, actor, lang, limit) {
    const { rows } = await db.query(
      `SELECT p.id, p.name, r.year, r.deadline::text AS deadline, r.opened_at, count(*) OVER () AS total
         FROM platform p
         JOIN LATERAL (SELECT * FROM platform_evaluation_round r WHERE r.status = 'open' AND p.region_code IN (SELECT region_subtree(r.region_code))
                        ORDER BY r.year DESC, length(rtrim(r.region_code, '0')) DESC LIMIT 1) r ON true
        WHERE EXISTS (SELECT 1 FROM platform_host h WHERE h.platform_id = p.id AND h.org_id = $1) AND p.status = ANY($2::text[])
          AND p.certified_on <= make_date(r.year, 12, 31) AND NOT EXISTS (SELECT 1 FROM platform_report rp WHERE rp.platform_id = p.id AND rp.year = r.year AND rp.status <> 'draft')
        ORDER BY r.deadline, p.id LIMIT ${Number(limit)}`, [actor.orgId, CERTIFIED_STATUSES]);
    return { count: count(rows), items: rows.map((r) => ({ kind: 'platform.report.due',
      title: lang === 'en' ? `Submit the ${r.year} performance report: ${r.name}` : `提交 ${r.year} 年度绩效评价报告：${r.name}`,
      whose: r.name, link: '/platforms/evaluation', since: new Date(r.opened_at).toISOString(), dueOn: r.deadline })) };
  },
};

export const platformReviewTodoInbox: InboxKind = {
  kind: 'platform.review.todo',
  name: ['平台绩效评价任务', 'Platform reports to score'],
  roles: ['expert'],
  async list(db, actor, lang, limit) {
    const { rows } = await db.query(
      `SELECT v.id, v.assigned_at, rp.year, p.name, count(*) OVER () AS total
         FROM platform_report_review v JOIN expert x ON x.id = v.expert_id JOIN platform_report rp ON rp.id = v.report_id JOIN platform p ON p.id = rp.platform_id
        WHERE x.user_id = $1 AND v.status = 'assigned' AND rp.status = 'submitted' ORDER BY v.assigned_at, v.id LIMIT ${Number(limit)}`, [actor.id]);
    return { count: count(rows), items: rows.map((r) => ({ kind: 'platform.review.todo',
      title: lang === 'en' ? `Score the ${r.year} report: ${r.name}` : `评价 ${r.year} 年度报告：${r.name}`, whose: r.name,
      link: `/platforms/evaluation-reviews/${r.id}`, since: new Date(r.assigned_at).toISOString() })) };
  },
};

export const platformEvaluationHandleInbox: InboxKind = {
  kind: 'platform.evaluation.handle',
  name: ['平台绩效评价与撤销建议', 'Platform ratings and revocation proposals'],
  roles: ['admin', 'staff'],
  async list(db, actor, lang, limit) {
    const scope = (column: string) => {
      const where = new Where();
      if (actor.role === 'staff') where.add(`${column} IN (SELECT region_subtree($?))`, actor.regionCode);
      return where;
    };
    const reports = scope('rp.region_code').add(`rp.status = 'submitted'`);
    const proposals = scope('pr.region_code').add(`pr.status = 'proposed'`);
    const { rows } = await db.query(
      `SELECT * , count(*) OVER () AS total FROM (
         SELECT 'report' AS what, rp.id, p.name, rp.year, rp.submitted_at AS since, NULL AS reason FROM platform_report rp JOIN platform p ON p.id = rp.platform_id ${reports}
         UNION ALL
         SELECT 'proposal', pr.id, p.name, pr.year, pr.proposed_at, pr.reason FROM platform_revocation_proposal pr JOIN platform p ON p.id = pr.platform_id
          ${proposals.toString().replace(/\$(\d+)/g, (_, n) => `$${Number(n) + reports.params.length}`)}
       ) x ORDER BY since, id LIMIT ${Number(limit)}`, [...reports.params, ...proposals.params]);
    return { count: count(rows), items: rows.map((r) => {
      const report = r.what === 'report';
      const title = report
        ? (lang === 'en' ? `Rate the ${r.year} report: ${r.name}` : `评定 ${r.year} 年度绩效：${r.name}`)
        : (lang === 'en' ? `Decide on revoking: ${r.name} (${r.reason === 'two_failures' ? 'failed twice in a row' : 'did not report'})`
          : `撤销建议待决定：${r.name}（${r.reason === 'two_failures' ? '连续两年不合格' : '未按期报告'}）`);
      return { kind: 'platform.evaluation.handle', title, whose: r.name, link: report ? `/platforms/evaluation?report=${r.id}` : '/platforms/evaluation?tab=proposals',
        since: new Date(r.since).toISOString() };
    }) };
  },
};
