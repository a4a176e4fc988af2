/**
 * What the public portal shows of projects: published calls (open ones with the days left) with
 * their guide, and the 立项公示 (publicized applications with their notice period). No sign-in;
 * nothing of drafts, applications in progress, scores or reviewers.
 */
import type { Queryable } from '../../db/database';
import { errors } from '../../http/errors';
import { CALL_STATE_SQL } from './calls';

const PUBLIC_CALL = `FROM call c JOIN programme p ON p.id = c.programme_id JOIN region r ON r.code = c.region_code WHERE c.status <> 'draft'`;

const callView = (c: Record<string, any>) => ({
  id: Number(c.id), title: c.title, year: c.year, programmeName: c.programme_name, regionCode: c.region_code, regionName: c.region_name,
  opensAt: new Date(c.opens_at).toISOString(), closesAt: new Date(c.closes_at).toISOString(), budget: Number(c.budget), state: c.state,
  daysLeft: c.state === 'open' ? Math.max(0, Math.ceil((new Date(c.closes_at).getTime() - Date.now()) / 86_400_000)) : null,
  publishedAt: c.published_at,
});

export async function portalCalls(db: Queryable, f: { state?: 'open' | 'closed' | 'upcoming'; page: number; pageSize: number }) {
  const filter = f.state ? `AND (${CALL_STATE_SQL}) = $1` : '';
  const params = f.state ? [f.state] : [];
  const [rows, count] = await Promise.all([
    db.query(`SELECT c.*, p.name AS programme_name, r.name AS region_name, ${CALL_STATE_SQL} AS state ${PUBLIC_CALL} ${filter}
               ORDER BY (${CALL_STATE_SQL}) = 'open' DESC, c.closes_at DESC, c.id DESC LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`, params),
    db.query(`SELECT count(*)::int AS n ${PUBLIC_CALL} ${filter}`, params),
  ]);
  return { items: rows.rows.map(callView), total: count.rows[0].n, page: f.page, pageSize: f.pageSize };
}

export async function portalCall(db: Queryable, id: number) {
  const { rows: [c] } = await db.query(`SELECT c.*, p.name AS programme_name, r.name AS region_name, ${CALL_STATE_SQL} AS state ${PUBLIC_CALL} AND c.id = $1`, [id]);
  if (!c) throw errors.notFound();
  return { ...callView(c), guide: c.guide, eligibleKinds: c.eligible_kinds, requiredAttachments: c.required_attachments, rubric: c.rubric };
}

/** 立项公示: calls whose approved applications are on (or were on) public notice, with the list. */
export async function portalProjectNotices(db: Queryable, f: { page: number; pageSize: number }) {
  const { rows: calls } = await db.query(
    `SELECT c.id, c.title, r.name AS region_name, min(a.notice_from) AS notice_from, max(a.notice_until) AS notice_until, count(*)::int AS projects,
            sum(a.approved_amount)::bigint AS amount, count(*) OVER () AS total
       FROM call c JOIN region r ON r.code = c.region_code JOIN application a ON a.call_id = c.id AND a.notice_from IS NOT NULL
      GROUP BY c.id, r.name ORDER BY min(a.notice_from) DESC, c.id DESC LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`);
  const ids = calls.map((c) => c.id);
  const { rows: projects } = ids.length ? await db.query(
    `SELECT a.call_id, a.id, a.title, o.name AS org_name, a.approved_amount FROM application a JOIN organization o ON o.id = a.org_id
      WHERE a.call_id = ANY($1::bigint[]) AND a.notice_from IS NOT NULL ORDER BY a.approved_amount DESC, a.id`, [ids]) : { rows: [] };
  return {
    total: Number(calls[0]?.total ?? 0), page: f.page, pageSize: f.pageSize,
    items: calls.map((c) => ({ callId: Number(c.id), title: `${c.title}拟立项项目公示`, regionName: c.region_name, noticeFrom: c.notice_from, noticeUntil: c.notice_until,
      projects: c.projects, amount: Number(c.amount),
      list: projects.filter((p) => p.call_id === c.id).map((p) => ({ id: Number(p.id), title: p.title, orgName: p.org_name, amount: Number(p.approved_amount) })) })),
  };
}
