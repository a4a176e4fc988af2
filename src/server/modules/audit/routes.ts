import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole } from '../../http/actor';
import { sendWorkbook } from '../../http/excel';
import { MAX_EXPORT_ROWS, pageOf, pagingSchema } from '../../http/list-query';
import { listAudit } from './service';

const filters = pagingSchema.extend({
  actor: z.string().trim().max(64).optional(),
  action: z.string().trim().max(64).optional(),
  targetType: z.string().trim().max(40).optional(),
  targetId: z.string().trim().max(64).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

const auditSchema = z.object({
  id: z.number(), at: z.string(), actorId: z.number().nullable(), actorName: z.string().nullable(), actorRole: z.string().nullable(),
  ip: z.string().nullable(), action: z.string(), targetType: z.string().nullable(), targetId: z.string().nullable(),
  changes: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })).nullable(),
});

const show = (v: unknown) => (v === null || v === undefined ? '∅' : typeof v === 'string' ? v : JSON.stringify(v));

export default async function auditRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app;

  r.get('/', { schema: { tags: ['audit'], summary: 'Browse the audit log (admin)', querystring: filters, response: { 200: pageOf(auditSchema) } } }, async (req) => {
    const actor = requireRole(req, 'admin');
    const { page, pageSize, ...f } = req.query;
    return listAudit(db, actor, f, page, pageSize);
  });

  r.get('/export', { schema: { tags: ['audit'], summary: 'Export the filtered audit log to Excel', querystring: filters } }, async (req, reply) => {
    const actor = requireRole(req, 'admin');
    const { page: _p, pageSize: _s, ...f } = req.query;
    const { items } = await listAudit(db, actor, f, 1, MAX_EXPORT_ROWS);
    const h = (zh: string, en: string) => (req.lang === 'en' ? en : zh);
    return sendWorkbook(reply, `${h('审计日志', 'audit-log')}.xlsx`, h('审计日志', 'Audit log'), [
      { header: h('时间', 'Time'), value: (a) => a.at, width: 24 },
      { header: h('操作人', 'Actor'), value: (a) => a.actorName },
      { header: h('角色', 'Role'), value: (a) => a.actorRole },
      { header: 'IP', value: (a) => a.ip },
      { header: h('操作', 'Action'), value: (a) => a.action, width: 26 },
      { header: h('对象类型', 'Target type'), value: (a) => a.targetType },
      { header: h('对象', 'Target'), value: (a) => a.targetId },
      { header: h('变更', 'Changes'), width: 60,
        value: (a) => (a.changes ? Object.entries(a.changes).map(([k, v]) => `${k}: ${show(v.before)} → ${show(v.after)}`).join('\n') : '') },
    ], items);
  });
}
