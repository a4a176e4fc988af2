/**
 * 精准匹配 for a demand: the published achievements (top 20) and active experts (top 10) ranked by
 * text relevance (BM25 over the market's own documents), field, maturity and region, each with
 * its reasons; for an achievement: the published demands (top 20) and their enterprises. The
 * database finds the candidates sharing any word (GIN index) and pre-ranks them; the final score
 * is worked out here (src/domain/matching.ts). A user's dismissed matches stay out of their list.
 */
import {
  ACHIEVEMENT_WEIGHTS, combine, countsOfVector, DEFAULT_MATURITY_NEEDED, EXPERT_WEIGHTS, idf, MIN_TEXT, regionCloseness, textMatch, type Scored,
} from '../../../domain/matching';
import { fieldName } from '../../../domain/fields';
import type { Queryable } from '../../db/database';
import type { Actor } from '../../http/actor';
import { errors } from '../../http/errors';
import { anyOf, frequencies, indexPending, queryTerms, type MatchTable } from './match-index';

/** How many candidates the database hands over for the final scoring. */
export const CANDIDATES = 300;

/**
 * The words the database finds candidates by: the rarest of the query that some document holds,
 * as many as keep the rows to pre-rank within `budget` (at least one, at most `most`) — a common word
 * such as 处理 would hand half the corpus to a pre-ranking that knows no idf. Every word of the
 * query still counts in the final score.
 */
export function retrievalTerms(terms: string[], withTerm: ReadonlyMap<string, number>, budget = 10_000, most = 8): string[] {
  const present = terms.filter((t) => (withTerm.get(t) ?? 0) > 0).sort((a, b) => withTerm.get(a)! - withTerm.get(b)!);
  const out: string[] = [];
  let rows = 0;
  for (const t of present) {
    if (out.length && (rows + withTerm.get(t)! > budget || out.length >= most)) break;
    out.push(t);
    rows += withTerm.get(t)!;
  }
  return out;
}

interface Query { terms: string[]; field: string; region: string; orgId: number; maturityNeeded?: number }

async function idfsOf(db: Queryable, table: MatchTable, where: string, terms: string[]) {
  const f = await frequencies(db, table, where, terms);
  // a word no document holds weighs nothing: it would only lower every candidate's share alike
  const idfs = new Map(terms.map((t) => [t, f.withTerm.get(t) ? idf(f.documents, f.withTerm.get(t)!) : 0]));
  return { idfs, averageLength: f.averageLength, retrieval: retrievalTerms(terms, f.withTerm) };
}

function rank<T extends { id: number }>(rows: (T & { vector: string })[], score: (row: T & { vector: string }) => Scored, top: number) {
  return rows.map((r) => { const { vector, ...rest } = r; return { ...(rest as unknown as T), ...score(r) }; })
    .filter((r) => r.text >= MIN_TEXT)
    .sort((a, b) => b.score - a.score || a.id - b.id).slice(0, top);
}

/** Ranked published achievements for a query (a demand's words), without the asking organisation's own. */
export async function rankAchievements(db: Queryable, q: Query, top = 20, exclude: number[] = []) {
  if (!q.terms.length) return [];
  const where = `status = 'published'`;
  const { idfs, averageLength, retrieval } = await idfsOf(db, 'achievement', where, q.terms);
  if (!retrieval.length) return [];
  const { rows } = await db.query(
    `SELECT a.id::int AS id, a.title, a.field, a.maturity, a.type, a.region_code, a.org_id::int AS org_id, o.name AS org_name, r.name AS region_name,
            a.summary, a.search_vector::text AS vector
       FROM ((SELECT id FROM achievement WHERE ${where} AND search_vector @@ $1::tsquery AND org_id <> $2 AND NOT (id = ANY($3::bigint[]))
               ORDER BY ts_rank('{0.2, 0.5, 0.5, 1.0}', search_vector, $1::tsquery) DESC, id LIMIT ${CANDIDATES})
             UNION
             -- the field counts in the score but not in the pre-ranking: the best of the demand's own field as well
             (SELECT id FROM achievement WHERE ${where} AND field = $4 AND search_vector @@ $1::tsquery AND org_id <> $2 AND NOT (id = ANY($3::bigint[]))
               ORDER BY ts_rank('{0.2, 0.5, 0.5, 1.0}', search_vector, $1::tsquery) DESC, id LIMIT ${CANDIDATES / 2})) c
       JOIN achievement a ON a.id = c.id JOIN organization o ON o.id = a.org_id JOIN region r ON r.code = a.region_code`,
    [anyOf(retrieval), q.orgId, exclude, q.field]);
  const needed = q.maturityNeeded ?? DEFAULT_MATURITY_NEEDED;
  return rank(rows as any[], (r) => combine(ACHIEVEMENT_WEIGHTS, textMatch(q.terms, idfs, countsOfVector(r.vector), averageLength),
    r.field === q.field, regionCloseness(q.region, r.region_code), { needed, has: r.maturity }), top)
    .map((r: any) => ({ id: r.id, score: r.score, reasons: r.reasons, title: r.title, orgId: r.org_id, orgName: r.org_name, regionCode: r.region_code, regionName: r.region_name,
      field: r.field, fieldName: fieldName(r.field), maturity: r.maturity, type: r.type, summary: r.summary }));
}

/** Ranked active experts for a query, without the asking organisation's own people. */
export async function rankExperts(db: Queryable, q: Query, top = 10, exclude: number[] = []) {
  if (!q.terms.length) return [];
  const where = `status = 'active'`;
  const { idfs, averageLength, retrieval } = await idfsOf(db, 'expert', where, q.terms);
  if (!retrieval.length) return [];
  const fieldZh = fieldName(q.field);
  const { rows } = await db.query(
    `SELECT x.id::int AS id, x.name, x.org_name, x.title, x.fields, x.expertise, x.region_code, r.name AS region_name, x.search_vector::text AS vector
       FROM (SELECT id FROM expert WHERE ${where} AND search_vector @@ $1::tsquery AND org_id IS DISTINCT FROM $2 AND NOT (id = ANY($3::bigint[]))
              ORDER BY ts_rank('{0.2, 0.5, 0.5, 1.0}', search_vector, $1::tsquery) DESC, id LIMIT ${CANDIDATES}) c
       JOIN expert x ON x.id = c.id JOIN region r ON r.code = x.region_code`,
    [anyOf(retrieval), q.orgId, exclude]);
  return rank(rows as any[], (r) => combine(EXPERT_WEIGHTS, textMatch(q.terms, idfs, countsOfVector(r.vector), averageLength),
    (r.fields as string[]).includes(fieldZh) || (r.fields as string[]).includes(q.field), regionCloseness(q.region, r.region_code)), top)
    .map((r: any) => ({ id: r.id, score: r.score, reasons: r.reasons, name: r.name, orgName: r.org_name, title: r.title, fields: r.fields, expertise: r.expertise,
      regionCode: r.region_code, regionName: r.region_name }));
}

/** The demand as its matches need it, for its organisation or its region's staff (others, and staff for a draft: 404). */
export async function demandFor(db: Queryable, actor: Actor, id: number) {
  const { rows: [d] } = await db.query(
    `SELECT d.id, d.title, d.description, d.field, d.region_code, d.org_id, d.status, d.min_maturity FROM demand d
      WHERE d.id = $1 AND ($2::text IS NULL OR d.region_code IN (SELECT region_subtree($2)) OR d.org_id = $3)`,
    [id, actor.role === 'staff' ? actor.regionCode : null, actor.orgId ?? -1]);
  const mine = d && (actor.orgId != null && Number(d.org_id) === actor.orgId);
  if (!d || (!mine && actor.role !== 'staff' && actor.role !== 'admin')) throw errors.notFound();
  if (!mine && d.status === 'draft') throw errors.notFound();
  return d;
}

async function marksOf(db: Queryable, userId: number, demandId: number) {
  const { rows } = await db.query('SELECT achievement_id, expert_id, mark FROM match_mark WHERE user_id = $1 AND demand_id = $2', [userId, demandId]);
  return {
    achievements: new Map(rows.filter((r) => r.achievement_id).map((r) => [Number(r.achievement_id), r.mark as string])),
    experts: new Map(rows.filter((r) => r.expert_id).map((r) => [Number(r.expert_id), r.mark as string])),
  };
}

/** GET /demands/:id/matches */
export async function demandMatches(db: Queryable, actor: Actor, demandId: number) {
  const d = await demandFor(db, actor, demandId);
  await indexPending(db, 'achievement');
  await indexPending(db, 'expert');
  const terms = queryTerms(d.title, d.description);
  const q: Query = { terms, field: d.field, region: d.region_code, orgId: Number(d.org_id), maturityNeeded: d.min_maturity ?? undefined };
  const marks = await marksOf(db, actor.id, demandId);
  const dismissed = (m: Map<number, string>) => [...m].filter(([, v]) => v === 'dismissed').map(([k]) => k);
  const [achievements, experts] = await Promise.all([
    rankAchievements(db, q, 20, dismissed(marks.achievements)),
    rankExperts(db, q, 10, dismissed(marks.experts)),
  ]);
  const { rows: pushed } = await db.query('SELECT achievement_id FROM match_push WHERE demand_id = $1', [demandId]);
  const pushedIds = new Set(pushed.map((p) => Number(p.achievement_id)));
  return {
    demand: { id: Number(d.id), title: d.title, field: d.field, regionCode: d.region_code, terms },
    achievements: achievements.map((a) => ({ ...a, mark: marks.achievements.get(a.id) ?? null, pushed: pushedIds.has(a.id) })),
    experts: experts.map((x) => ({ ...x, mark: marks.experts.get(x.id) ?? null })),
  };
}

/** GET /achievements/:id/matches: the published demands it could answer, and their enterprises. */
export async function achievementMatches(db: Queryable, actor: Actor, achievementId: number) {
  const { rows: [a] } = await db.query(
    `SELECT a.id, a.title, a.summary, a.field, a.maturity, a.region_code, a.org_id, a.status FROM achievement a
      WHERE a.id = $1 AND ($2::text IS NULL OR a.region_code IN (SELECT region_subtree($2)) OR a.org_id = $3)`,
    [achievementId, actor.role === 'staff' ? actor.regionCode : null, actor.orgId ?? -1]);
  const mine = a && actor.orgId != null && Number(a.org_id) === actor.orgId;
  if (!a || (!mine && actor.role !== 'staff' && actor.role !== 'admin')) throw errors.notFound();
  await indexPending(db, 'demand');
  const terms = queryTerms(a.title, a.summary);
  if (!terms.length) return { achievement: { id: Number(a.id), title: a.title, terms }, demands: [], enterprises: [] };
  const where = `status = 'published'`;
  const { idfs, averageLength, retrieval } = await idfsOf(db, 'demand', where, terms);
  const { rows } = await db.query(
    `SELECT d.id::int AS id, d.title, d.field, d.region_code, d.org_id::int AS org_id, o.name AS org_name, r.name AS region_name, d.min_maturity,
            d.deadline, d.search_vector::text AS vector
       FROM (SELECT id FROM demand WHERE ${where} AND search_vector @@ $1::tsquery AND org_id <> $2
              ORDER BY ts_rank('{0.2, 0.5, 0.5, 1.0}', search_vector, $1::tsquery) DESC, id LIMIT ${CANDIDATES}) c
       JOIN demand d ON d.id = c.id JOIN organization o ON o.id = d.org_id JOIN region r ON r.code = d.region_code`,
    [anyOf(retrieval.length ? retrieval : terms), a.org_id]);
  const demands = rank(rows as any[], (r) => combine(ACHIEVEMENT_WEIGHTS, textMatch(terms, idfs, countsOfVector(r.vector), averageLength),
    r.field === a.field, regionCloseness(r.region_code, a.region_code), { needed: r.min_maturity ?? DEFAULT_MATURITY_NEEDED, has: a.maturity }), 20)
    .map((r: any) => ({ id: r.id, score: r.score, reasons: r.reasons, title: r.title, orgId: r.org_id, orgName: r.org_name, regionName: r.region_name, field: r.field,
      fieldName: fieldName(r.field), deadline: r.deadline }));
  // an enterprise ranks by its best demand
  const enterprises = new Map<number, { orgId: number; orgName: string; regionName: string; score: number; demands: number }>();
  for (const d of demands) {
    const e = enterprises.get(d.orgId) ?? { orgId: d.orgId, orgName: d.orgName, regionName: d.regionName, score: 0, demands: 0 };
    e.score = Math.max(e.score, d.score);
    e.demands++;
    enterprises.set(d.orgId, e);
  }
  return { achievement: { id: Number(a.id), title: a.title, terms }, demands, enterprises: [...enterprises.values()].sort((x, y) => y.score - x.score) };
}
