import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditActorOf, requireActor, requireRole } from '../../http/actor';
import { sendWorkbook } from '../../http/excel';
import { regionCodeField } from '../../http/fields';
import { MAX_EXPORT_ROWS, pageOf, pagingSchema } from '../../http/list-query';
import { listRegistrationDocuments, readRegistrationDocument } from './documents';
import { getOrganization, listOrganizations, reviewRegistration } from './service';

const filters = pagingSchema.extend({
  kind: z.enum(['enterprise', 'institution']).optional(),
  status: z.enum(['pending', 'approved', 'rejected']).optional(),
  regionCode: regionCodeField.optional(),
});

const organizationSchema = z.object({
  id: z.number(), kind: z.string(), name: z.string(), uscc: z.string(), regionCode: z.string(), regionName: z.string(),
  contactName: z.string(), contactPhone: z.string().nullable(), status: z.string(), rejectReason: z.string().nullable(),
  createdAt: z.string(), reviewedAt: z.string().nullable(), version: z.number(),
});
const idParams = z.object({ id: z.coerce.number().int().positive() });

const KIND_NAMES: Record<string, [string, string]> = { enterprise: ['企业', 'Enterprise'], institution: ['高校院所', 'Institution'] };
const STATUS_NAMES: Record<string, [string, string]> = { pending: ['待审核', 'Pending'], approved: ['已通过', 'Approved'], rejected: ['已驳回', 'Rejected'] };

export default async function organizationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app;

  r.get('/', { schema: { tags: ['organizations'], summary: 'List organisations in scope', querystring: filters, response: { 200: pageOf(organizationSchema) } } }, async (req) => {
    const actor = requireActor(req);
    const { page, pageSize, ...f } = req.query;
    return listOrganizations(db, actor, f, page, pageSize);
  });

  r.get('/export', { schema: { tags: ['organizations'], summary: 'Export the filtered list to Excel', querystring: filters } }, async (req, reply) => {
    const actor = requireRole(req, 'admin', 'staff');
    const { page: _p, pageSize: _s, ...f } = req.query;
    const { items } = await listOrganizations(db, actor, f, 1, MAX_EXPORT_ROWS);
    const en = req.lang === 'en' ? 1 : 0;
    const h = (zh: string, e: string) => (en ? e : zh);
    return sendWorkbook(reply, `${h('单位', 'organisations')}.xlsx`, h('单位', 'Organisations'), [
      { header: h('单位名称', 'Name'), value: (o) => o.name, width: 36 },
      { header: h('类型', 'Kind'), value: (o) => KIND_NAMES[o.kind]?.[en] ?? o.kind },
      { header: h('统一社会信用代码', 'USCC'), value: (o) => o.uscc, width: 24 },
      { header: h('行政区划', 'Region'), value: (o) => o.regionName },
      { header: h('联系人', 'Contact'), value: (o) => o.contactName },
      { header: h('联系电话', 'Mobile'), value: (o) => o.contactPhone },
      { header: h('状态', 'Status'), value: (o) => STATUS_NAMES[o.status]?.[en] ?? o.status },
      { header: h('驳回理由', 'Reason'), value: (o) => o.rejectReason, width: 30 },
      { header: h('注册时间', 'Registered'), value: (o) => o.createdAt, width: 24 },
    ], items);
  });

  r.get('/:id', { schema: { tags: ['organizations'], params: idParams, response: { 200: organizationSchema } } }, async (req) => {
    return getOrganization(db, requireActor(req), req.params.id);
  });

  // 营业执照 / 授权书 of a registration: the registrant, the reviewing staff of its region, admins
  r.get('/:id/documents', { schema: { tags: ['organizations'], summary: 'Documents uploaded with the registration', params: idParams } }, async (req) =>
    ({ items: await listRegistrationDocuments(db, requireActor(req), req.params.id) }));

  r.get('/:id/documents/:docId', {
    schema: { tags: ['organizations'], summary: 'One registration document (JPEG, PNG or PDF)', params: idParams.extend({ docId: z.coerce.number().int().positive() }) },
  }, async (req, reply) => {
    const doc = await readRegistrationDocument(db, requireActor(req), req.params.id, req.params.docId);
    const ascii = /^[\x20-\x7e]+$/.test(doc.fileName) ? doc.fileName.replace(/"/g, '') : `document.${doc.contentType.split('/')[1]}`;
    // inline so the reviewer sees it beside the registration; the type was checked by content on upload
    return reply.header('content-type', doc.contentType).header('cache-control', 'private, no-store')
      .header('content-disposition', `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(doc.fileName)}`).send(doc.data);
  });

  r.post('/:id/approve', { schema: { tags: ['organizations'], summary: 'Approve a pending registration', params: idParams, response: { 200: organizationSchema } } }, async (req) => {
    const actor = requireRole(req, 'admin', 'staff');
    return reviewRegistration(db, actor, auditActorOf(req), req.params.id, 'approve');
  });

  r.post('/:id/reject', {
    schema: { tags: ['organizations'], summary: 'Reject a pending registration with a reason', params: idParams,
      body: z.object({ reason: z.string().trim().min(2, 'field.reason').max(500) }), response: { 200: organizationSchema } },
  }, async (req) => {
    const actor = requireRole(req, 'admin', 'staff');
    return reviewRegistration(db, actor, auditActorOf(req), req.params.id, 'reject', req.body.reason);
  });
}
