/**
 * 待办 of yearly statistics: staff confirm what enterprises of their region submitted; an
 * enterprise corrects and resubmits what the bureau returned, and submits last year's figures.
 */
import { todayInChina } from '../../../domain/dates';
import type { InboxKind } from '../inbox/registry';
import { Where } from '../../http/list-query';
import { limitToOrganizationScope, limitToRegionScope } from '../../http/scope';

/** Submitted statistics of enterprises in the staff member's region subtree (admins: all). */
export const statConfirmInbox: InboxKind = {
  kind: 'stat.confirm',
  name: ['统计数据待确认', 'Statistics to confirm'],
  roles: ['admin', 'staff'],
  async list(db, actor, lang, limit) {
    const where = new Where();
    where.add(`s.status = 'submitted'`);
    where.add(`o.kind = 'enterprise'`);
    limitToRegionScope(actor, where, 'o.region_code');
    // waiting since the submission (the audit row of the last submit; a staff edit since changes
    // the figures, not the wait), looked up only for the rows shown
    const { rows } = await db.query(
      `SELECT x.*, coalesce((SELECT max(a.at) FROM audit_log a
                               WHERE a.target_type = 'enterprise_stat' AND a.target_id = x.org_id || '/' || x.year
                                 AND a.action = 'enterprise.stats.submit'), x.updated_at) AS submitted_at
         FROM (SELECT s.org_id, s.year, s.updated_at, o.name, count(*) OVER () AS total
                 FROM enterprise_stat s JOIN organization o ON o.id = s.org_id
                 ${where}
                ORDER BY s.updated_at, s.org_id, s.year
                LIMIT ${Number(limit)}) x
        ORDER BY x.updated_at, x.org_id, x.year`,
      where.params,
    );
    const en = lang === 'en';
    return {
      count: rows[0]?.total ?? 0,
      items: rows.map((s) => ({
        kind: 'stat.confirm',
        title: en ? `Confirm the ${s.year} statistics of ${s.name}` : `确认 ${s.year} 年统计数据：${s.name}`,
        whose: s.name,
        link: `/enterprises/${s.org_id}?tab=stats`,
        since: new Date(s.submitted_at).toISOString(),
      })),
    };
  },
};

/**
 * The enterprise's own statistics returned by the bureau, until they are submitted again (saving
 * a correction turns a returned year into a draft that still carries the bureau's comment).
 */
export const statReturnedInbox: InboxKind = {
  kind: 'stat.returned',
  name: ['统计数据被退回', 'Statistics returned'],
  roles: ['enterprise'],
  async list(db, actor, lang, limit) {
    const where = new Where();
    where.add(`(s.status = 'returned' OR (s.status = 'draft' AND s.review_comment IS NOT NULL))`);
    where.add(`o.kind = 'enterprise'`);
    limitToOrganizationScope(actor, where, 'o.id', 'o.region_code');
    const { rows } = await db.query(
      `SELECT s.org_id, s.year, s.review_comment, s.updated_at, o.name, count(*) OVER () AS total
         FROM enterprise_stat s JOIN organization o ON o.id = s.org_id
         ${where}
        ORDER BY s.updated_at, s.year
        LIMIT ${Number(limit)}`,
      where.params,
    );
    const en = lang === 'en';
    return {
      count: rows[0]?.total ?? 0,
      items: rows.map((s) => ({
        kind: 'stat.returned',
        title: en ? `Correct and resubmit the ${s.year} statistics (returned: ${s.review_comment ?? ''})`
          : `修改后重新提交 ${s.year} 年统计数据（退回意见：${s.review_comment ?? ''}）`,
        whose: s.name,
        link: '/my-enterprise?tab=stats',
        since: new Date(s.updated_at).toISOString(),
      })),
    };
  },
};

/**
 * Last year's statistics not yet submitted by the enterprise: no figures for the year, or a draft
 * (a returned year is `stat.returned`). Not asked of an enterprise founded this year. There is no
 * deadline in the rules, so no due date.
 */
export const statUnsubmittedInbox: InboxKind = {
  kind: 'stat.unsubmitted',
  name: ['统计数据待填报', 'Statistics to submit'],
  roles: ['enterprise'],
  async list(db, actor, lang, limit) {
    const thisYear = Number(todayInChina().slice(0, 4));
    const year = thisYear - 1;
    const where = new Where();
    where.add(`o.kind = 'enterprise' AND o.status = 'approved'`);
    limitToOrganizationScope(actor, where, 'o.id', 'o.region_code');
    where.add(`(p.founded_on IS NULL OR p.founded_on < $?::date)`, `${thisYear}-01-01`);
    where.add(`(s.org_id IS NULL OR (s.status = 'draft' AND s.review_comment IS NULL))`);
    const yearParam = where.param(year);
    const { rows } = await db.query(
      `SELECT o.id, o.name, s.status, count(*) OVER () AS total
         FROM organization o
         LEFT JOIN enterprise_profile p ON p.org_id = o.id
         LEFT JOIN enterprise_stat s ON s.org_id = o.id AND s.year = ${yearParam}
         ${where}
        ORDER BY o.id
        LIMIT ${Number(limit)}`,
      where.params,
    );
    const en = lang === 'en';
    // waiting since the year ended (midnight of 1 January in China)
    const since = new Date(`${thisYear}-01-01T00:00:00+08:00`).toISOString();
    return {
      count: rows[0]?.total ?? 0,
      items: rows.map((o) => ({
        kind: 'stat.unsubmitted',
        title: o.status === 'draft'
          ? (en ? `Submit the ${year} statistics (saved as a draft)` : `提交 ${year} 年统计数据（已保存草稿）`)
          : (en ? `Fill in and submit the ${year} statistics` : `填报并提交 ${year} 年统计数据`),
        whose: o.name,
        link: '/my-enterprise?tab=stats',
        since,
      })),
    };
  },
};
