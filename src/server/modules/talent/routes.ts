/**
 * /api/v1/talent: the talent registry (人才库) — records, their service rows and payments, Excel in
 * and out. Staff keep their region's (by the host's region); a host sees its own and keeps their
 * service rows; an expert sees their own records.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FLEXIBLE_KINDS, TALENT_CATEGORIES, TALENT_STATUSES } from '../../../domain/talent';
import { auditActorOf, requireRole } from '../../http/actor';
import { sendWorkbook } from '../../http/excel';
import { regionCodeField } from '../../http/fields';
import { importFlags, runImport } from '../../http/import-run';
import { MAX_EXPORT_ROWS, pagingSchema } from '../../http/list-query';
import { expertBody } from '../experts/routes';
import { importTalent, talentExportColumns, talentImportTemplate } from './import';
import { createTalent, getTalent, listTalent, updateTalent } from './records';
import { addPayment, addService, removePayment, removeService, updateService } from './services';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const idParams = z.object({ id: z.coerce.number().int().positive() });
export const dateField = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'field.date');
export const outcomesField = z.array(z.string().trim().min(1).max(200)).max(50).optional();
const yearField = z.coerce.number().int().min(2000).max(2100);

const terms = z.object({
  category: z.enum(TALENT_CATEGORIES), flexibleKind: z.enum(FLEXIBLE_KINDS).nullable().optional(), hostOrgId: z.number().int().positive(),
  agreementNo: z.string().trim().max(60).nullable().optional(), from: dateField, to: dateField, daysPerYear: z.number().int().min(0).max(366),
  outcomes: outcomesField, status: z.enum(TALENT_STATUSES).optional(),
});
const createBody = terms.extend({
  expertId: z.number().int().positive().nullable().optional(),
  // a new person goes into the expert registry (without an ID number: a talent record does not take one)
  person: expertBody.omit({ idNumber: true }).nullable().optional(),
});
const filters = pagingSchema.extend({
  category: z.enum(TALENT_CATEGORIES).optional(), flexibleKind: z.enum(FLEXIBLE_KINDS).optional(), regionCode: regionCodeField.optional(),
  hostOrgId: z.coerce.number().int().positive().optional(), status: z.enum(TALENT_STATUSES).optional(), year: yearField.optional(),
  expertId: z.coerce.number().int().positive().optional(),
});
const serviceBody = z.object({ date: dateField, days: z.number().positive().max(31).multipleOf(0.5), content: z.string().trim().min(1).max(500) });
const paymentBody = z.object({ date: dateField, amount: z.number().int().positive().max(100_000_000), note: z.string().trim().max(200).nullable().optional() });
const READERS = ['admin', 'staff', 'enterprise', 'institution', 'expert'] as const;

export default async function talentRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app;

  r.get('/', { schema: { tags: ['talent'], summary: 'List talent records (staff: by the host\'s region; hosts: their own; experts: their own)', querystring: filters } },
    async (req) => {
      const { page, pageSize, ...f } = req.query;
      return listTalent(db, requireRole(req, ...READERS), f, page, pageSize);
    });

  r.get('/export', { schema: { tags: ['talent'], summary: 'The filtered list as Excel (the import\'s columns first)', querystring: filters } }, async (req, reply) => {
    const actor = requireRole(req, 'admin', 'staff', 'enterprise', 'institution');
    const { page: _p, pageSize: _s, ...f } = req.query;
    const { items } = await listTalent(db, actor, f, 1, MAX_EXPORT_ROWS);
    const h = (zh: string, en: string) => (req.lang === 'en' ? en : zh);
    return sendWorkbook(reply, `${h('人才库', 'talent')}.xlsx`, h('人才库', 'Talent'), talentExportColumns(req.lang), items);
  });

  r.get('/template', { schema: { tags: ['talent'], summary: 'Excel template of the talent import' } }, async (req, reply) => {
    requireRole(req, 'admin', 'staff');
    return reply.header('content-type', XLSX)
      .header('content-disposition', `attachment; filename="template.xlsx"; filename*=UTF-8''${encodeURIComponent('人才导入模板.xlsx')}`)
      .send(await talentImportTemplate());
  });

  r.post('/import', { schema: { tags: ['talent'], summary: 'Import talent records from .xlsx (multipart "file"): dryRun=1 previews; every row or none',
    querystring: importFlags, consumes: ['multipart/form-data'] } }, async (req) => {
    const actor = requireRole(req, 'admin', 'staff');
    const audit = auditActorOf(req);
    return runImport(req, db, audit, 'talent', (input, options) => importTalent(db, actor, audit, input, req.lang, options));
  });

  r.get('/:id', { schema: { tags: ['talent'], summary: 'One talent record with its service rows and payments', params: idParams,
    querystring: z.object({ year: yearField.optional() }) } }, async (req) => getTalent(db, requireRole(req, ...READERS), req.params.id, req.query.year));

  r.post('/', { schema: { tags: ['talent'], summary: 'Add a talent record (a registry expert, or a new person who joins the registry)', body: createBody } },
    async (req, reply) => reply.code(201).send(await createTalent(db, requireRole(req, 'admin', 'staff'), auditActorOf(req), req.body)));

  r.put('/:id', { schema: { tags: ['talent'], summary: 'Change the engagement (stale version: 409)', params: idParams,
    body: terms.extend({ version: z.number().int() }) } }, async (req) => {
    await updateTalent(db, requireRole(req, 'admin', 'staff'), auditActorOf(req), req.params.id, req.body);
    return getTalent(db, req.actor!, req.params.id);
  });

  r.post('/:id/services', { schema: { tags: ['talent'], summary: 'Record a service (the host or staff)', params: idParams, body: serviceBody } },
    async (req, reply) => reply.code(201).send({ id: await addService(db, requireRole(req, 'admin', 'staff', 'enterprise', 'institution'), auditActorOf(req), req.params.id, req.body) }));

  r.put('/:id/services/:serviceId', { schema: { tags: ['talent'], summary: 'Change a service record (stale version: 409)',
    params: idParams.extend({ serviceId: z.coerce.number().int().positive() }), body: serviceBody.extend({ version: z.number().int() }) } }, async (req) => {
    await updateService(db, requireRole(req, 'admin', 'staff', 'enterprise', 'institution'), auditActorOf(req), req.params.id, req.params.serviceId, req.body);
    return getTalent(db, req.actor!, req.params.id);
  });

  r.delete('/:id/services/:serviceId', { schema: { tags: ['talent'], summary: 'Remove a service record',
    params: idParams.extend({ serviceId: z.coerce.number().int().positive() }) } }, async (req, reply) => {
    await removeService(db, requireRole(req, 'admin', 'staff', 'enterprise', 'institution'), auditActorOf(req), req.params.id, req.params.serviceId);
    return reply.code(204).send();
  });

  r.post('/:id/payments', { schema: { tags: ['talent'], summary: 'Record a subsidy payment in whole yuan (staff)', params: idParams, body: paymentBody } },
    async (req, reply) => reply.code(201).send({ id: await addPayment(db, requireRole(req, 'admin', 'staff'), auditActorOf(req), req.params.id, req.body) }));

  r.delete('/:id/payments/:paymentId', { schema: { tags: ['talent'], summary: 'Remove a subsidy payment (staff)',
    params: idParams.extend({ paymentId: z.coerce.number().int().positive() }) } }, async (req, reply) => {
    await removePayment(db, requireRole(req, 'admin', 'staff'), auditActorOf(req), req.params.id, req.params.paymentId);
    return reply.code(204).send();
  });
}
