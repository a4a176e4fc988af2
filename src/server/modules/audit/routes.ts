import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole } from '../../http/actor';
import { sendWorkbook } from '../../http/excel';
import { MAX_EXPORT_ROWS, pageOf, pagingSchema } from '../../http/list-query';
import { listAudit } from './service';
import { ROLES, vocabulary } from './vocabulary';

const filters = pagingSchema.extend({
  actor: z.string().trim().max(64).optional(),
  role: z.string().trim().max(20).optional(),
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
  actionLabel: z.string(), targetLabel: z.string().nullable(), targetLink: z.string().nullable(),
  changeList: z.array(z.object({ field: z.string(), label: z.string(), before: z.string(), after: z.string() })),
});

const option = z.object({ value: z.string(), label: z.string() });

export default async function auditRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app;

  r.get('/', { schema: { tags: ['audit'], summary: 'Browse the audit log (admin); each row also in words (actionLabel, targetLabel, changeList) with targetLink', querystring: filters, response: { 200: pageOf(auditSchema) } } }, async (req) => {
    const actor = requireRole(req, 'admin');
    const { page, pageSize, ...f } = req.query;
    return listAudit(db, actor, f, page, pageSize, req.lang);
  });

  r.get('/vocabulary', {
    schema: { tags: ['audit'], summary: 'The filter\'s choices in words: actions (grouped), target types, roles',
      response: { 200: z.object({ actions: z.array(option.extend({ group: z.string() })), targetTypes: z.array(option), roles: z.array(option) }) } },
  }, async (req) => {
    requireRole(req, 'admin');
    return vocabulary(req.lang);
  });

  r.get('/export', { schema: { tags: ['audit'], summary: 'Export the filtered audit log to Excel', querystring: filters } }, async (req, reply) => {
    const actor = requireRole(req, 'admin');
    const { page: _p, pageSize: _s, ...f } = req.query;
    const { items } = await listAudit(db, actor, f, 1, MAX_EXPORT_ROWS, req.lang);
    const h = (zh: string, en: string) => (req.lang === 'en' ? en : zh);
    return sendWorkbook(reply, `${h('审计日志', 'audit-log')}.xlsx`, h('审计日志', 'Audit log'), [
      { header: h('时间', 'Time'), value: (a) => a.at, width: 24 },
      { header: h('操作人', 'Actor'), value: (a) => a.actorName },
      { header: h('角色', 'Role'), value: (a) => (a.actorRole ? ROLES[a.actorRole]?.[req.lang === 'en' ? 1 : 0] ?? a.actorRole : null) },
      { header: 'IP', value: (a) => a.ip },
      { header: h('操作', 'Action'), value: (a) => a.actionLabel, width: 30 },
      { header: h('对象', 'Target'), value: (a) => a.targetLabel, width: 36 },
      { header: h('变更', 'Changes'), width: 60, value: (a) => a.changeList.map((c) => `${c.label}: ${c.before} → ${c.after}`).join('\n') },
      { header: h('操作代码', 'Action code'), value: (a) => a.action, width: 26 },
    ], items);
  });
}
