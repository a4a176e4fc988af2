import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditActorOf, requireRole } from '../../http/actor';
import { importFlags, runImport } from '../../http/import-run';
import { nameField, regionCodeField } from '../../http/fields';
import { createRegion, importRegions, listRegions, regionTemplate, updateRegionName } from './service';

const regionSchema = z.object({ code: z.string(), name: z.string(), parentCode: z.string().nullable(), level: z.number(), version: z.number() });

export default async function regionRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app;

  r.get('/', { schema: { tags: ['regions'], summary: 'The region tree, flat (public: registration needs it)', response: { 200: z.object({ items: z.array(regionSchema) }) } } },
    async () => ({ items: await listRegions(db) }));

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
