/**
 * /api/v1/achievements/template and /api/v1/achievements/import: achievements from Excel (an
 * organisation its own, as drafts; staff for the organisations of their region, submitted).
 * Register with the prefix '/achievements'.
 *
 *   GET  /achievements/template                    the import template (.xlsx)
 *   POST /achievements/import?dryRun=1             preview: { rows, create, update, skipped, problems, problemCount, hash, alreadyImported }
 *   POST /achievements/import[?hash=…][&again=1]   every row or none: { created, rows }, or 400 IMPORT_INVALID with error.rows
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditActorOf, requireRole } from '../../http/actor';
import { importFlags, runImport } from '../../http/import-run';
import { achievementImportTemplate, importAchievements } from './achievement-import';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ROLES = ['admin', 'staff', 'enterprise', 'institution'] as const;

export default async function achievementImportRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app;

  r.get('/template', { schema: { tags: ['achievements'], summary: 'Excel template of the achievement import' } }, async (req, reply) => {
    requireRole(req, ...ROLES);
    return reply.header('content-type', XLSX)
      .header('content-disposition', `attachment; filename="template.xlsx"; filename*=UTF-8''${encodeURIComponent('科技成果导入模板.xlsx')}`)
      .send(await achievementImportTemplate());
  });

  r.post('/import', { schema: { tags: ['achievements'], summary: 'Import achievements from .xlsx (multipart "file"): dryRun=1 previews; every row or none',
    querystring: importFlags, consumes: ['multipart/form-data'] } },
  async (req) => {
    const actor = requireRole(req, ...ROLES);
    const audit = auditActorOf(req);
    return runImport(req, db, audit, 'achievements', (input, options) => importAchievements(db, actor, audit, input, req.lang, options));
  });
}
