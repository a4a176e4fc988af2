/** /api/v1/experts: the expert registry (专家库). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditActorOf, requireRole } from '../../http/actor';
import { sendWorkbook } from '../../http/excel';
import { expertExportColumns } from './import';
import { nameField, passwordField, phoneField, regionCodeField, usernameField } from '../../http/fields';
import { MAX_EXPORT_ROWS, pagingSchema } from '../../http/list-query';
import {
  addRelation, createExpert, createExpertAccount, getExpert, listExperts, myExpertId, removeRelation, setExpertStatus, TITLE_RANKS, updateExpert,
} from './service';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const dateField = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'field.date');
/** 居民身份证号 (GB 11643): 17 digits and a check character. */
const idNumberField = z.string().trim().toUpperCase().regex(/^\d{17}[\dX]$/, 'field.id_number');

export const expertBody = z.object({
  name: nameField(40), orgId: z.number().int().positive().nullable().optional(), orgName: z.string().trim().max(100).nullable().optional(),
  title: nameField(40), titleRank: z.enum(TITLE_RANKS), fields: z.array(z.string().trim().min(1).max(40)).min(1).max(10),
  regionCode: regionCodeField, phone: phoneField, idNumber: idNumberField.nullable().optional(),
  expertise: z.string().trim().max(500).nullable().optional(),
});
const filters = pagingSchema.extend({
  field: z.string().max(40).optional(), titleRank: z.enum(TITLE_RANKS).optional(), status: z.enum(['active', 'suspended']).optional(),
  regionCode: regionCodeField.optional(),
});

export default async function expertRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app;

  r.get('/', { schema: { tags: ['experts'], summary: 'List experts (staff: their province; admins: all)', querystring: filters } }, async (req) => {
    const actor = requireRole(req, 'admin', 'staff');
    const { page, pageSize, ...f } = req.query;
    return listExperts(db, actor, f, page, pageSize);
  });

  r.get('/export', { schema: { tags: ['experts'], summary: 'Export the filtered expert list to Excel', querystring: filters } }, async (req, reply) => {
    const actor = requireRole(req, 'admin', 'staff');
    const { page: _p, pageSize: _s, ...f } = req.query;
    const { items } = await listExperts(db, actor, f, 1, MAX_EXPORT_ROWS);
    const h = (zh: string, en: string) => (req.lang === 'en' ? en : zh);
    return sendWorkbook(reply, `${h('专家库', 'experts')}.xlsx`, h('专家库', 'Experts'), expertExportColumns(req.lang), items);
  });

  r.get('/me', { schema: { tags: ['experts'], summary: "The signed-in expert's own record" } }, async (req) => {
    const actor = requireRole(req, 'expert');
    return getExpert(db, actor, await myExpertId(db, actor));
  });

  r.get('/:id', { schema: { tags: ['experts'], summary: 'One expert with declared relations', params: idParams } }, async (req) =>
    getExpert(db, requireRole(req, 'admin', 'staff', 'expert'), req.params.id));

  r.post('/', { schema: { tags: ['experts'], summary: 'Add an expert (staff, admins)', body: expertBody } }, async (req, reply) => {
    const id = await createExpert(db, requireRole(req, 'admin', 'staff'), auditActorOf(req), req.body);
    return reply.code(201).send({ id });
  });

  r.put('/:id', { schema: { tags: ['experts'], summary: 'Change an expert (staff in scope, or the expert their own)', params: idParams,
    body: expertBody.extend({ version: z.number().int() }) } }, async (req) => {
    await updateExpert(db, requireRole(req, 'admin', 'staff', 'expert'), auditActorOf(req), req.params.id, req.body);
    return getExpert(db, req.actor!, req.params.id);
  });

  for (const [path, status] of [['suspend', 'suspended'], ['activate', 'active']] as const) {
    r.post(`/:id/${path}`, { schema: { tags: ['experts'], summary: `${path} an expert`, params: idParams } }, async (req) => {
      await setExpertStatus(db, requireRole(req, 'admin', 'staff'), auditActorOf(req), req.params.id, status);
      return getExpert(db, req.actor!, req.params.id);
    });
  }

  r.post('/:id/relations', { schema: { tags: ['experts'], summary: 'Declare an organisation or a person the expert must be kept away from', params: idParams,
    body: z.object({ orgId: z.number().int().positive().nullable().optional(), personName: z.string().trim().max(40).nullable().optional(),
      reason: nameField(200), from: dateField.nullable().optional(), to: dateField.nullable().optional() }) } }, async (req, reply) => {
    const id = await addRelation(db, requireRole(req, 'admin', 'staff', 'expert'), auditActorOf(req), req.params.id, req.body);
    return reply.code(201).send({ id });
  });

  r.delete('/:id/relations/:relationId', { schema: { tags: ['experts'], summary: 'Remove a declared relation',
    params: idParams.extend({ relationId: z.coerce.number().int().positive() }) } }, async (req, reply) => {
    await removeRelation(db, requireRole(req, 'admin', 'staff', 'expert'), auditActorOf(req), req.params.id, req.params.relationId);
    return reply.code(204).send();
  });

  r.post('/:id/account', { schema: { tags: ['experts'], summary: "Create the expert's sign-in (role expert)", params: idParams,
    body: z.object({ username: usernameField, password: passwordField }) } }, async (req, reply) => {
    const userId = await createExpertAccount(db, requireRole(req, 'admin', 'staff'), auditActorOf(req), req.params.id, req.body);
    return reply.code(201).send({ userId });
  });
}
