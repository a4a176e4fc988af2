import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditActorOf, requireRole } from '../../http/actor';
import { errors } from '../../http/errors';
import { importFlags, runImport } from '../../http/import-run';
import { nameField, regionCodeField } from '../../http/fields';
import { childrenOf, villagesUnder } from './localities';
import { createRegion, importRegions, listRegions, regionTemplate, updateRegionName } from './service';

const regionSchema = z.object({ code: z.string(), name: z.string(), parentCode: z.string().nullable(), level: z.number(), version: z.number() });
const villageSchema = z.object({ code: z.string(), name: z.string(), townshipCode: z.string(), townshipName: z.string(), countyCode: z.string(),
  urbanRuralClass: z.string().nullable() });

export default async function regionRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app;

  r.get('/', {
    schema: {
      tags: ['regions'],
      summary: 'The region tree, flat (public: registration needs it); with ?parent= the children of one node, down to villages',
      description: 'Without `parent`: every province, city and county (levels 1–3). With `parent`: a province\'s cities (and direct counties), '
        + 'a city\'s counties, a county\'s townships (level 4, 9-digit 统计用区划代码), a township\'s villages (level 5, 12-digit).',
      querystring: z.object({ parent: z.string().trim().regex(/^\d{6}(\d{3}){0,2}$/, 'field.locality_code').optional() }),
      response: { 200: z.object({ items: z.array(regionSchema.extend({ urbanRuralClass: z.string().nullable().optional(), childCount: z.number().optional() })) }) },
    },
  }, async (req) => {
    if (req.query.parent === undefined) return { items: await listRegions(db) };
    const items = await childrenOf(db, req.query.parent);
    if (!items) throw errors.notFound();
    return { items };
  });

  r.get('/:region/villages', {
    schema: {
      tags: ['regions'],
      summary: 'The villages of a county (or of every county under a city or province) with their township, for pickers (public)',
      params: z.object({ region: regionCodeField }),
      querystring: z.object({ q: z.string().trim().max(50).optional(), limit: z.coerce.number().int().min(1).max(5000).default(1000) }),
      response: { 200: z.object({ items: z.array(villageSchema), total: z.number() }) },
    },
  }, async (req) => {
    const { rows } = await db.query('SELECT 1 FROM region WHERE code = $1', [req.params.region]);
    if (!rows.length) throw errors.notFound();
    return villagesUnder(db, req.params.region, { q: req.query.q, limit: req.query.limit });
  });

  r.get('/template', { schema: { tags: ['regions'], summary: 'Excel template for region import' } }, async (req, reply) => {
    requireRole(req, 'admin');
    return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="regions.xlsx"; filename*=UTF-8''${encodeURIComponent('区划导入模板.xlsx')}`)
      .send(await regionTemplate());
  });

  r.post('/', {
    schema: { tags: ['regions'], summary: 'Add a region', body: z.object({ code: regionCodeField, name: nameField(50), parentCode: regionCodeField.nullish() }),
      response: { 201: regionSchema } },
  }, async (req, reply) => {
    requireRole(req, 'admin');
    return reply.status(201).send(await createRegion(db, auditActorOf(req), req.body.code, req.body.name, req.body.parentCode ?? null));
  });

  r.patch('/:code', {
    schema: { tags: ['regions'], summary: 'Rename a region', params: z.object({ code: regionCodeField }),
      body: z.object({ name: nameField(50), version: z.number().int().optional() }), response: { 200: regionSchema } },
  }, async (req) => {
    requireRole(req, 'admin');
    return updateRegionName(db, auditActorOf(req), req.params.code, req.body.name, req.body.version);
  });

  r.post('/import', { schema: { tags: ['regions'], summary: 'Import regions from .xlsx (multipart field "file"): dryRun=1 previews; all rows or none',
    querystring: importFlags, consumes: ['multipart/form-data'] } },
  async (req) => {
    requireRole(req, 'admin');
    const audit = auditActorOf(req);
    return runImport(req, db, audit, 'regions', (_input, options, buffer) => importRegions(db, audit, buffer, req.lang, options));
  });
}
