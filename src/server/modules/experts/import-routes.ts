/**
 * /api/v1/experts/template and /api/v1/experts/import: the expert registry from Excel (staff,
 * admins). Register with the prefix '/experts'.
 *
 *   GET  /experts/template                    the import template (.xlsx)
 *   POST /experts/import?dryRun=1             preview: { rows, create, update, skipped, problems, hash, alreadyImported }
 *   POST /experts/import[?hash=…][&again=1]   every row or none: { created, rows }, or 400 IMPORT_INVALID with the rows
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditActorOf, requireRole } from '../../http/actor';
import { importFlags, runImport } from '../../http/import-run';
import { expertImportTemplate, importExperts } from './import';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export default async function expertImportRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app;

  r.get('/template', { schema: { tags: ['experts'], summary: 'Excel template of the expert import' } }, async (req, reply) => {
    requireRole(req, 'admin', 'staff');
    return reply.header('content-type', XLSX)
      .header('content-disposition', `attachment; filename="template.xlsx"; filename*=UTF-8''${encodeURIComponent('专家导入模板.xlsx')}`)
      .send(await expertImportTemplate());
  });

  r.post('/import', { schema: { tags: ['experts'], summary: 'Import experts from .xlsx (multipart "file"): dryRun=1 previews; every row or none',
    querystring: importFlags, consumes: ['multipart/form-data'] } },
  async (req) => {
    const actor = requireRole(req, 'admin', 'staff');
    const audit = auditActorOf(req);
    return runImport(req, db, audit, 'experts', (input, options) => importExperts(db, actor, audit, input, req.lang, options));
  });
}
