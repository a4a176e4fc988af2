/**
 * What the public portal shows of the market, without sign-in: published achievements and open
 * demands (published, not closed), searchable in simplified or traditional characters alike (the
 * query is segmented as the documents were, every word must occur), filtered by field, paged.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FIELD_CODES, fieldName } from '../../../domain/fields';
import type { Queryable } from '../../db/database';
import { errors } from '../../http/errors';
import { likePattern, pagingSchema, Where } from '../../http/list-query';
import { ACHIEVEMENT_TYPES } from './kinds';
import { indexPending, queryTerms, quote, type MatchTable } from './match-index';

/** Adds the search of `q` to `where` and returns the rank expression (or null when not searching). */
function search(where: Where, q: string | undefined): string | null {
  if (!q?.trim()) return null;
  const terms = queryTerms(q);
  if (!terms.length) { where.add('x.title ILIKE $?', likePattern(q.trim())); return null; }
  const tsquery = where.param(terms.map(quote).join(' & '));
  where.add(`x.search_vector @@ ${tsquery}::tsquery`);
  return `ts_rank('{0.2, 0.5, 0.5, 1.0}', x.search_vector, ${tsquery}::tsquery)`;
}

async function page(db: Queryable, table: MatchTable, select: string, where: Where, rank: string | null, p: { page: number; pageSize: number }) {
  await indexPending(db, table);
  const from = `FROM ${table} x JOIN organization o ON o.id = x.org_id JOIN region r ON r.code = x.region_code ${where}`;
  const [rows, count] = await Promise.all([
    db.query(`SELECT ${select}, o.name AS org_name, r.name AS region_name ${from} ORDER BY ${rank ? `${rank} DESC,` : ''} x.published_at DESC, x.id
               LIMIT ${p.pageSize} OFFSET ${(p.page - 1) * p.pageSize}`, where.params),
    db.query(`SELECT count(*)::int AS n ${from}`, where.params),
  ]);
  return { rows: rows.rows, total: count.rows[0].n };
}

const achievementOf = (x: Record<string, any>) => ({
  id: Number(x.id), title: x.title, orgName: x.org_name, regionName: x.region_name, field: x.field, fieldName: fieldName(x.field), type: x.type, maturity: x.maturity,
  summary: x.summary, transferModes: x.transfer_modes, priceMin: x.price_min == null ? null : Number(x.price_min), priceMax: x.price_max == null ? null : Number(x.price_max),
  publishedAt: x.published_at,
});
const demandOf = (x: Record<string, any>) => ({
  id: Number(x.id), title: x.title, orgName: x.org_name, regionName: x.region_name, field: x.field, fieldName: fieldName(x.field), description: x.description,
  budgetMin: x.budget_min == null ? null : Number(x.budget_min), budgetMax: x.budget_max == null ? null : Number(x.budget_max), deadline: x.deadline,
  openCall: x.open_call ?? false, prize: x.prize == null ? null : Number(x.prize), publishedAt: x.published_at,
});

const idParams = z.object({ id: z.coerce.number().int().positive() });
const listQuery = pagingSchema.pick({ page: true, pageSize: true }).extend({ q: z.string().max(100).optional(), field: z.enum(FIELD_CODES).optional() });

export default async function marketPortalRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app;
  r.get('/achievements', { schema: { tags: ['portal'], summary: 'Published achievements (no sign-in): q in simplified or traditional, field, type',
    querystring: listQuery.extend({ type: z.enum(ACHIEVEMENT_TYPES).optional() }) } },
  async (req) => {
    const where = new Where().add(`x.status = 'published'`);
    const rank = search(where, req.query.q);
    if (req.query.field) where.add('x.field = $?', req.query.field);
    if (req.query.type) where.add('x.type = $?', req.query.type);
    const { rows, total } = await page(db, 'achievement', 'x.*', where, rank, req.query);
    return { items: rows.map(achievementOf), total, page: req.query.page, pageSize: req.query.pageSize };
  });
  r.get('/achievements/:id', { schema: { tags: ['portal'], summary: 'One published achievement with its full text and contact (no sign-in)', params: idParams } },
    async (req) => {
      const { rows: [x] } = await db.query(`SELECT x.*, o.name AS org_name, r.name AS region_name FROM achievement x JOIN organization o ON o.id = x.org_id
                                              JOIN region r ON r.code = x.region_code WHERE x.id = $1 AND x.status = 'published'`, [req.params.id]);
      if (!x) throw errors.notFound();
      return { ...achievementOf(x), text: x.text, ip: x.ip, inventors: x.inventors, contact: x.contact };
    });
  r.get('/demands', { schema: { tags: ['portal'], summary: 'Open demands (published, not closed; no sign-in): q in simplified or traditional, field, openCall=true for 揭榜挂帅 only',
    querystring: listQuery.extend({ openCall: z.enum(['true', 'false']).optional() }) } },
    async (req) => {
      const where = new Where().add(`x.status = 'published'`);
      const rank = search(where, req.query.q);
      if (req.query.field) where.add('x.field = $?', req.query.field);
      if (req.query.openCall) where.add('x.open_call = $?', req.query.openCall === 'true');
      const { rows, total } = await page(db, 'demand', 'x.*', where, rank, req.query);
      return { items: rows.map(demandOf), total, page: req.query.page, pageSize: req.query.pageSize };
    });
  r.get('/demands/:id', { schema: { tags: ['portal'], summary: 'One open demand (no sign-in)', params: idParams } },
    async (req) => {
      const { rows: [x] } = await db.query(`SELECT x.*, o.name AS org_name, r.name AS region_name FROM demand x JOIN organization o ON o.id = x.org_id
                                              JOIN region r ON r.code = x.region_code WHERE x.id = $1 AND x.status = 'published'`, [req.params.id]);
      if (!x) throw errors.notFound();
      return demandOf(x);
    });
}
