/**
 * The yearly minimum per region (the nearest region up the tree that sets one), the mid-year
 * 双过半 progress, and the yearly rating: computed from the year's confirmed logs against the
 * minimum and the feedback (domain/commissioners.ts rateYear), decided by staff — the computed
 * rating, or another with a note.
 */
import type { Database, Queryable } from '../../db/database';
import { expectedDaysBy, RATING_NAMES, rateYear, type Minimum, type Rating } from '../../../domain/commissioners';
import type { Actor, AuditActor } from '../../http/actor';
import { errors, fieldError } from '../../http/errors';
import { assertRegionInScope } from '../../http/scope';
import { recordAudit } from '../audit/record';
import { notify } from '../notifications/notify';
import { Where } from '../../http/list-query';
import { commissionerScope } from './commissioners';

const DEFAULT_MINIMUM: Minimum = { minDays: 30, minVisits: 12 };

/** The minimum that applies to each of `regions`: its own rule or the nearest ancestor's. */
export async function minimumsFor(db: Queryable, regions: string[]): Promise<Map<string, Minimum & { fromRegion: string | null }>> {
  const { rows } = await db.query(
    `WITH RECURSIVE up(start, code, depth) AS (
       SELECT x, x, 0 FROM unnest($1::text[]) AS x
       UNION ALL SELECT up.start, r.parent_code, up.depth + 1 FROM up JOIN region r ON r.code = up.code WHERE r.parent_code IS NOT NULL)
     SELECT DISTINCT ON (up.start) up.start, cr.region_code, cr.min_days::float8 AS min_days, cr.min_visits
       FROM up JOIN commissioner_rule cr ON cr.region_code = up.code ORDER BY up.start, up.depth`, [[...new Set(regions)]]);
  const out = new Map<string, Minimum & { fromRegion: string | null }>();
  for (const region of regions) out.set(region, { ...DEFAULT_MINIMUM, fromRegion: null });
  for (const r of rows) out.set(r.start, { minDays: r.min_days, minVisits: r.min_visits, fromRegion: r.region_code });
  return out;
}

export async function getRule(db: Queryable, actor: Actor, region: string) {
  await assertRegionInScope(db, actor, region, 'region');
  const m = (await minimumsFor(db, [region])).get(region)!;
  return { regionCode: region, ...m };
}

export async function setRule(db: Database, actor: Actor, audit: AuditActor, region: string, min: Minimum) {
  await assertRegionInScope(db, actor, region, 'region');
  await db.transaction(async (tx) => {
    const { rows: [before] } = await tx.query('SELECT min_days::float8 AS min_days, min_visits FROM commissioner_rule WHERE region_code = $1 FOR UPDATE', [region]);
    await tx.query(
      `INSERT INTO commissioner_rule (region_code, min_days, min_visits) VALUES ($1, $2, $3)
       ON CONFLICT (region_code) DO UPDATE SET min_days = $2, min_visits = $3, updated_at = now(), version = commissioner_rule.version + 1`,
      [region, min.minDays, min.minVisits]);
    await recordAudit(tx, audit, { action: 'commissioner_rule.set', targetType: 'region', targetId: region, changes: {
      minDays: { before: before?.min_days ?? null, after: min.minDays }, minVisits: { before: before?.min_visits ?? null, after: min.minVisits } } });
  });
  return getRule(db, actor, region);
}

/** Each active commissioner of the region's subtree with its service from 1 January through `to` (confirmed only, or all logs). */
async function yearOfService(db: Queryable, actor: Actor, region: string, to: string, confirmedOnly: boolean) {
  const where = commissionerScope(actor, new Where());
  const end = where.param(to);
  const root = where.param(region);
  where.add(`c.region_code IN (SELECT region_subtree(${root}))`);
  where.add(`c.status <> 'ended'`);
  // the logs aggregated once per commissioner (index-only through service_log_year_idx), then joined
  const { rows } = await db.query(
    `SELECT c.id, c.name, c.kind, c.region_code, c.org_name,
            coalesce(y.days, 0)::float8 AS days, coalesce(y.visits, 0)::int AS visits, y.feedback_avg::float8 AS feedback_avg
       FROM commissioner c LEFT JOIN (
         SELECT s.commissioner_id, sum(s.days) AS days, count(*) AS visits, avg(s.feedback_score) AS feedback_avg FROM service_log s
          WHERE s.served_on BETWEEN date_trunc('year', ${end}::date) AND ${end}::date ${confirmedOnly ? `AND s.status = 'confirmed'` : ''}
            -- only the region's commissioners' logs: a county's 50, not the province's million
            AND s.commissioner_id = ANY(ARRAY(SELECT id FROM commissioner WHERE region_code IN (SELECT region_subtree(${root}))))
          GROUP BY 1) y ON y.commissioner_id = c.id
     ${where} ORDER BY c.region_code, c.name`, where.params);
  return rows;
}

/** 双过半: by `date`, who has logged less than the share of the year elapsed times the minimum (days and visits both short). */
export async function progress(db: Queryable, actor: Actor, region: string, date: string) {
  await assertRegionInScope(db, actor, region, 'region');
  const rows = await yearOfService(db, actor, region, date, false);
  const minimums = await minimumsFor(db, rows.map((r) => r.region_code));
  const items = rows.map((r) => {
    const min = minimums.get(r.region_code)!;
    const { share, expectedDays } = expectedDaysBy(date, min.minDays);
    const expectedVisits = Math.round(min.minVisits * share * 10) / 10;
    return { commissionerId: Number(r.id), name: r.name as string, kind: r.kind as string, orgName: r.org_name as string, regionCode: r.region_code as string,
      days: r.days as number, visits: r.visits as number, minDays: min.minDays, minVisits: min.minVisits, expectedDays, expectedVisits,
      behind: r.days < expectedDays && r.visits < expectedVisits };
  });
  return { date, expectedShare: expectedDaysBy(date, 1).share, behind: items.filter((i) => i.behind).length, items };
}

/** The year's ratings: computed from the confirmed logs for everyone, with staff's decision where made. */
export async function ratings(db: Queryable, actor: Actor, region: string, year: number) {
  await assertRegionInScope(db, actor, region, 'region');
  const rows = await yearOfService(db, actor, region, `${year}-12-31`, true);
  const minimums = await minimumsFor(db, rows.map((r) => r.region_code));
  const { rows: decided } = await db.query(
    'SELECT commissioner_id, rating, note, decided_at FROM commissioner_rating WHERE year = $1 AND commissioner_id = ANY($2::bigint[])', [year, rows.map((r) => r.id)]);
  const byId = new Map(decided.map((d) => [Number(d.commissioner_id), d]));
  return { year, items: rows.map((r) => {
    const rated = rateYear({ days: r.days, visits: r.visits, feedbackAvg: r.feedback_avg }, minimums.get(r.region_code)!);
    const d = byId.get(Number(r.id));
    return { commissionerId: Number(r.id), name: r.name as string, kind: r.kind as string, orgName: r.org_name as string, days: r.days as number, visits: r.visits as number,
      feedbackAvg: r.feedback_avg == null ? null : Math.round(r.feedback_avg * 100) / 100, score: rated.score, computed: rated.rating,
      rating: (d?.rating ?? null) as Rating | null, note: (d?.note ?? '') as string, decidedAt: d?.decided_at ?? null };
  }) };
}

/** Staff decide a commissioner's rating of a year: the computed one, or another with a note; deciding again replaces it. */
export async function decideRating(db: Database, actor: Actor, audit: AuditActor, input: { commissionerId: number; year: number; rating: Rating; note?: string }) {
  return db.transaction(async (tx) => {
    const where = commissionerScope(actor, new Where()).add('c.id = $?', input.commissionerId);
    const { rows: [c] } = await tx.query(`SELECT c.id, c.region_code, c.user_id, c.name FROM commissioner c ${where} FOR UPDATE`, where.params);
    if (!c) throw errors.notFound();
    const { rows: [s] } = await tx.query(
      `SELECT coalesce(sum(days), 0)::float8 AS days, count(*)::int AS visits, avg(feedback_score)::float8 AS feedback_avg FROM service_log
        WHERE commissioner_id = $1 AND status = 'confirmed' AND extract(year FROM served_on) = $2`, [c.id, input.year]);
    const rated = rateYear({ days: s.days, visits: s.visits, feedbackAvg: s.feedback_avg }, (await minimumsFor(tx, [c.region_code])).get(c.region_code)!);
    const note = input.note?.trim() ?? '';
    if (input.rating !== rated.rating && !note) throw fieldError('note', 'field.rating_note_required');
    const { rows: [before] } = await tx.query('SELECT rating FROM commissioner_rating WHERE commissioner_id = $1 AND year = $2', [c.id, input.year]);
    await tx.query(
      `INSERT INTO commissioner_rating (commissioner_id, year, days, visits, feedback_avg, score, computed, rating, note, decided_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (commissioner_id, year) DO UPDATE SET days = $3, visits = $4, feedback_avg = $5, score = $6, computed = $7, rating = $8, note = $9,
         decided_by = $10, decided_at = now(), version = commissioner_rating.version + 1`,
      [c.id, input.year, s.days, s.visits, s.feedback_avg, rated.score, rated.rating, input.rating, note, actor.id]);
    await recordAudit(tx, audit, { action: 'commissioner.rate', targetType: 'commissioner', targetId: Number(c.id), changes: {
      [`rating${input.year}`]: { before: before?.rating ?? null, after: input.rating }, computed: { before: null, after: rated.rating } } });
    if (c.user_id != null) {
      const [zh, en] = RATING_NAMES[input.rating];
      await notify(tx, { userIds: [Number(c.user_id)], kind: 'commissioner.rated',
        title: [`${input.year} 年度考核：${zh}`, `${input.year} rating: ${en}`], link: '/commissioners/mine' });
    }
    return { commissionerId: Number(c.id), year: input.year, rating: input.rating, computed: rated.rating, score: rated.score };
  });
}
