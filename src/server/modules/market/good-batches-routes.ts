/**
 * 好成果榜单 over HTTP.
 *
 * goodBatchRoutes, prefix /good-batches (staff of the list's region subtree, admins):
 *   GET    /                  list (?status=draft|published, period, page, pageSize, sort)
 *   GET    /candidates        what can be listed: concluded evaluations of published achievements (?concludedFrom, concludedTo)
 *   POST   /                  { title, period, periodOf, intro?, regionCode? (admins), items: [{ evaluationId, note? }] } → { id }
 *   GET    /:id               one, with its items
 *   PUT    /:id               a draft: the same body + version
 *   DELETE /:id               a draft
 *   POST   /:id/publish       draft → published (once)
 *
 * portalGoodAchievementRoutes, prefix /portal/good-achievements (no sign-in):
 *   GET    /                  published lists, newest first, each with its items
 *   GET    /:id               one published list
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditActorOf, requireRole } from '../../http/actor';
import { nameField, regionCodeField } from '../../http/fields';
import { pagingSchema } from '../../http/list-query';
import {
  createBatch, deleteBatch, getBatch, listableEvaluations, listBatches, PERIODS, publishBatch, publishedBatch, publishedBatches, updateBatch, type BatchInput,
} from './good-batches';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const dateField = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'field.date');
const batchFields = z.object({
  title: nameField(120), period: z.enum(PERIODS), periodOf: z.string().trim().max(7), intro: z.string().max(5000).optional(),
  regionCode: regionCodeField.optional(),
  items: z.array(z.object({ evaluationId: z.number().int().positive(), note: z.string().max(500).optional() })).max(200).default([]),
});
// a monthly list names its month (2026-10), a quarterly one its quarter (2026-Q4)
const periodMatches = (b: { period: string; periodOf: string }) => (b.period === 'monthly' ? /^\d{4}-(0[1-9]|1[0-2])$/ : /^\d{4}-Q[1-4]$/).test(b.periodOf);
const periodRule = { message: 'field.good_batch.period_of', path: ['periodOf'] };

export async function goodBatchRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app;
  const tags = ['good-batches'];
  const staff = (req: Parameters<typeof requireRole>[0]) => requireRole(req, 'admin', 'staff');

  r.get('/', { schema: { tags, summary: 'Good-achievement lists of my region (drafts and published)',
    querystring: pagingSchema.extend({ status: z.enum(['draft', 'published']).optional(), period: z.enum(PERIODS).optional() }) } },
  async (req) => { const { page, pageSize, ...f } = req.query; return listBatches(db, staff(req), f, page, pageSize); });
  r.get('/candidates', { schema: { tags, summary: 'Concluded evaluations of published achievements that can be listed',
    querystring: z.object({ concludedFrom: dateField.optional(), concludedTo: dateField.optional() }) } },
  async (req) => listableEvaluations(db, staff(req), req.query));
  r.post('/', { schema: { tags, summary: 'A new list (draft)', body: batchFields.refine(periodMatches, periodRule) } },
    async (req, reply) => reply.code(201).send({ id: await createBatch(db, staff(req), auditActorOf(req), req.body as BatchInput) }));
  r.get('/:id', { schema: { tags, summary: 'One list with its items', params: idParams } }, async (req) => getBatch(db, staff(req), req.params.id));
  r.put('/:id', { schema: { tags, summary: 'Change a draft list', params: idParams,
    body: batchFields.extend({ version: z.number().int() }).refine(periodMatches, periodRule) } },
  async (req) => {
    await updateBatch(db, staff(req), auditActorOf(req), req.params.id, req.body as BatchInput & { version: number });
    return getBatch(db, staff(req), req.params.id);
  });
  r.delete('/:id', { schema: { tags, summary: 'Delete a draft list', params: idParams } }, async (req, reply) => {
    await deleteBatch(db, staff(req), auditActorOf(req), req.params.id);
    return reply.code(204).send();
  });
  r.post('/:id/publish', { schema: { tags, summary: 'Publish a list on the portal', params: idParams } },
    async (req) => publishBatch(db, staff(req), auditActorOf(req), req.params.id));
}

export async function portalGoodAchievementRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app;
  r.get('/', { schema: { tags: ['portal'], summary: 'Published good-achievement lists (no sign-in)', querystring: pagingSchema.pick({ page: true, pageSize: true }) } },
    async (req) => publishedBatches(db, req.query.page, req.query.pageSize));
  r.get('/:id', { schema: { tags: ['portal'], summary: 'One published good-achievement list (no sign-in)', params: idParams } },
    async (req) => publishedBatch(db, req.params.id));
}
