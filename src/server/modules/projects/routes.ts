/** /api/v1/programmes, /api/v1/calls and /api/v1/applications: programmes, calls and applications. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AVOIDANCE_RULES } from '../../../domain/review/avoidance';
import { auditActorOf, requireActor, requireRole } from '../../http/actor';
import { AppError } from '../../http/errors';
import { nameField, regionCodeField } from '../../http/fields';
import { sendWorkbook } from '../../http/excel';
import { MAX_EXPORT_ROWS, pagingSchema } from '../../http/list-query';
import {
  BUDGET_CATEGORIES, createApplication, decide, formalCheck, getApplication, listApplications, payTranche, publishNotice, recommendApplication,
  recordObjection, signContract, staffStep, submitApplication, updateApplication, withdrawApplication,
} from './applications';
import { portalCall, portalCalls, portalProjectNotices } from './portal';
import { createReserveItem, listReserve, RESERVE_LEVELS, RESERVE_STATUSES, updateReserveItem } from './reserve';
import { addApplicationFile, MAX_APPLICATION_FILE_BYTES, readApplicationFile, removeApplicationFile } from './attachments';
import { CHANGE_KINDS, decideChange, requestChange } from './changes';
import { createCall, createProgramme, getCall, listCalls, listProgrammes, PROGRAMME_LEVELS, setCallStatus, updateCall } from './calls';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const dateField = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'field.date');
/** ISO 8601 with a zone (Z or ±hh:mm): a call's times are instants on the server clock. */
const instant = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/, 'field.instant').refine((s) => !Number.isNaN(Date.parse(s)), 'field.instant');
const yuan = z.number().int().min(0).max(1e13);
const comment = z.string().trim().max(2000).optional();

const criterion = z.object({ code: z.string().trim().regex(/^[A-Za-z0-9_-]{1,20}$/, 'field.invalid'), name: nameField(60),
  weight: z.number().positive().max(100), max: z.number().positive().max(1000) });
const formField = z.object({ key: z.string().trim().min(1).max(40), label: nameField(60), type: z.enum(['text', 'longtext', 'number', 'money', 'date', 'choice', 'table']),
  required: z.boolean().optional(), options: z.array(z.string().max(60)).optional(), columns: z.array(z.string().max(40)).optional() });
const callBody = z.object({
  programmeId: z.number().int().positive(), title: nameField(120), year: z.number().int().min(2000).max(2100), guide: z.string().max(50_000).optional(),
  opensAt: instant, closesAt: instant, budget: yuan, eligibleKinds: z.array(z.enum(['enterprise', 'institution'])).min(1).optional(),
  form: z.array(formField).max(60).optional(), requiredAttachments: z.array(nameField(60)).max(20).optional(),
  rubric: z.array(criterion).min(1).max(20), reviewersPerApplication: z.number().int().min(1).max(15), blind: z.boolean(),
  avoidance: z.array(z.enum(AVOIDANCE_RULES)).optional(), dropExtremes: z.boolean().optional(), requiresRecommendation: z.boolean().optional(),
  maxPerOrg: z.number().int().positive().nullable().optional(), noticeDays: z.number().int().min(1).max(30).optional(), pledge: z.string().max(4000).optional(),
});
const member = z.object({ name: nameField(40), orgName: z.string().trim().max(100).default(''), role: z.string().trim().max(40).default(''),
  expertId: z.number().int().positive().nullable().optional(), idNumber: z.string().trim().toUpperCase().regex(/^\d{17}[\dX]$/, 'field.id_number').nullable().optional() });
const applicationFields = z.object({
  title: nameField(120), field: nameField(40), summary: z.string().max(20_000).default(''), requestedAmount: yuan, ownFunds: yuan.optional(),
  members: z.array(member).max(50).default([]), partnerOrgIds: z.array(z.number().int().positive()).max(20).default([]),
  formData: z.record(z.string(), z.unknown()).optional(),
  budget: z.array(z.object({ category: z.enum(BUDGET_CATEGORIES), own: yuan, requested: yuan })).max(BUDGET_CATEGORIES.length).optional(),
  reserveItemId: z.number().int().positive().nullable().optional(),
});

export async function programmeRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app;
  r.get('/', { schema: { tags: ['projects'], summary: 'Programmes of the region and the regions above it' } }, async (req) => listProgrammes(db, requireRole(req, 'admin', 'staff')));
  r.post('/', { schema: { tags: ['projects'], summary: 'Add a programme (科技计划)',
    body: z.object({ name: nameField(60), level: z.enum(PROGRAMME_LEVELS), regionCode: regionCodeField, description: z.string().max(2000).optional() }) } },
  async (req, reply) => reply.code(201).send({ id: await createProgramme(db, requireRole(req, 'admin', 'staff'), auditActorOf(req), req.body) }));
}

export async function callRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app;
  r.get('/', { schema: { tags: ['projects'], summary: 'Calls in scope (applicants: the published ones open to their region)',
    querystring: z.object({ year: z.coerce.number().int().optional(), programmeId: z.coerce.number().int().optional(),
      state: z.enum(['draft', 'upcoming', 'open', 'closed']).optional(), q: z.string().max(60).optional() }) } },
  async (req) => listCalls(db, requireActor(req), req.query));
  r.get('/:id', { schema: { tags: ['projects'], summary: 'One call', params: idParams } }, async (req) => getCall(db, requireActor(req), req.params.id));
  r.post('/', { schema: { tags: ['projects'], summary: 'Add a call (申报指南), as a draft', body: callBody } },
    async (req, reply) => reply.code(201).send({ id: await createCall(db, requireRole(req, 'admin', 'staff'), auditActorOf(req), req.body) }));
  r.put('/:id', { schema: { tags: ['projects'], summary: 'Change a draft call', params: idParams, body: callBody.extend({ version: z.number().int() }) } },
    async (req) => { await updateCall(db, requireRole(req, 'admin', 'staff'), auditActorOf(req), req.params.id, req.body); return getCall(db, req.actor!, req.params.id); });
  for (const action of ['publish', 'close'] as const) {
    r.post(`/:id/${action}`, { schema: { tags: ['projects'], summary: `${action} a call`, params: idParams } },
      async (req) => { await setCallStatus(db, requireRole(req, 'admin', 'staff'), auditActorOf(req), req.params.id, action); return getCall(db, req.actor!, req.params.id); });
  }
  r.post('/:id/notice', { schema: { tags: ['projects'], summary: "立项公示: put the call's approved applications on public notice", params: idParams } },
    async (req) => publishNotice(db, requireRole(req, 'admin', 'staff'), auditActorOf(req), req.params.id));
}

export async function applicationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app;

  r.get('/', { schema: { tags: ['projects'], summary: 'Applications in scope',
    querystring: pagingSchema.extend({ callId: z.coerce.number().int().positive().optional(), status: z.string().max(200).optional(), regionCode: regionCodeField.optional() }) } },
  async (req) => { const { page, pageSize, ...f } = req.query; return listApplications(db, requireActor(req), f, page, pageSize); });
  r.get('/:id', { schema: { tags: ['projects'], summary: 'One application with its members, partners, timeline and tranches', params: idParams } },
    async (req) => getApplication(db, requireActor(req), req.params.id));
  r.post('/', { schema: { tags: ['projects'], summary: 'Start an application (a draft) to an open call', body: applicationFields.extend({ callId: z.number().int().positive() }) } },
    async (req, reply) => reply.code(201).send({ id: await createApplication(db, requireRole(req, 'enterprise', 'institution'), auditActorOf(req), req.body) }));
  r.put('/:id', { schema: { tags: ['projects'], summary: 'Change a draft or returned application', params: idParams, body: applicationFields.extend({ version: z.number().int() }) } },
    async (req) => { await updateApplication(db, requireRole(req, 'enterprise', 'institution'), auditActorOf(req), req.params.id, req.body); return getApplication(db, req.actor!, req.params.id); });

  const answer = (req: { params: { id: number } }, status: string) => ({ id: req.params.id, status });
  r.post('/:id/submit', { schema: { tags: ['projects'], summary: 'Submit before the closing time (after it: 409 CALL_CLOSED)', params: idParams } },
    async (req) => answer(req, await submitApplication(db, requireRole(req, 'enterprise', 'institution'), auditActorOf(req), req.params.id)));
  r.post('/:id/withdraw', { schema: { tags: ['projects'], summary: 'Withdraw before formal check', params: idParams, body: z.object({ comment }).optional() } },
    async (req) => answer(req, await withdrawApplication(db, requireRole(req, 'enterprise', 'institution'), auditActorOf(req), req.params.id, req.body?.comment)));
  r.post('/:id/recommend', { schema: { tags: ['projects'], summary: "推荐: the applicant's county bureau recommends or returns", params: idParams,
    body: z.object({ result: z.enum(['recommend', 'return']), comment }) } },
  async (req) => answer(req, await recommendApplication(db, requireRole(req, 'admin', 'staff'), auditActorOf(req), req.params.id, req.body)));
  r.post('/:id/formal-check', { schema: { tags: ['projects'], summary: 'Formal check: pass, return (with reasons) or fail', params: idParams,
    body: z.object({ result: z.enum(['pass', 'return', 'fail']), comment }) } },
  async (req) => answer(req, await formalCheck(db, requireRole(req, 'admin', 'staff'), auditActorOf(req), req.params.id, req.body)));
  r.post('/:id/decision', { schema: { tags: ['projects'], summary: 'Approve with an amount (within the budget) or not', params: idParams,
    body: z.object({ approved: z.boolean(), amount: yuan.optional(), comment }) } },
  async (req) => answer(req, await decide(db, requireRole(req, 'admin', 'staff'), auditActorOf(req), req.params.id, req.body)));
  r.post('/:id/objections', { schema: { tags: ['projects'], summary: 'Record an objection received during the public notice', params: idParams,
    body: z.object({ comment: nameField(2000) }) } },
  async (req, reply) => { await recordObjection(db, requireRole(req, 'admin', 'staff'), auditActorOf(req), req.params.id, req.body.comment); return reply.code(204).send(); });
  r.post('/:id/contract', { schema: { tags: ['projects'], summary: '任务书: targets and dates, after the public notice', params: idParams,
    body: z.object({ targets: nameField(5000), startOn: dateField, endOn: dateField }) } },
  async (req) => answer(req, await signContract(db, requireRole(req, 'admin', 'staff'), auditActorOf(req), req.params.id, req.body)));
  r.post('/:id/tranches', { schema: { tags: ['projects'], summary: '拨付: a funding tranche (never more than approved in total)', params: idParams,
    body: z.object({ amount: yuan.refine((x) => x > 0, 'field.invalid'), paidOn: dateField, note: z.string().max(200).optional() }) } },
  async (req, reply) => reply.code(201).send({ id: await payTranche(db, requireRole(req, 'admin', 'staff'), auditActorOf(req), req.params.id, req.body) }));
  r.post('/:id/midterm', { schema: { tags: ['projects'], summary: 'Mid-term check: pass, or fail (terminated)', params: idParams,
    body: z.object({ result: z.enum(['pass', 'fail']), comment }) } },
  async (req) => answer(req, await staffStep(db, requireRole(req, 'admin', 'staff'), auditActorOf(req), req.params.id, req.body.result === 'pass' ? 'midterm_pass' : 'midterm_fail', req.body.comment)));
  r.post('/:id/acceptance', { schema: { tags: ['projects'], summary: '验收: passed, passed after one fix, or failed', params: idParams,
    body: z.object({ result: z.enum(['passed', 'passed_after_fix', 'failed']), comment }) } },
  async (req) => answer(req, await staffStep(db, requireRole(req, 'admin', 'staff'), auditActorOf(req), req.params.id,
    req.body.result === 'failed' ? 'accept_fail' : 'accept_pass', req.body.comment, req.body.result)));
  r.post('/:id/attachments', { schema: { tags: ['projects'], summary: 'Attach a file (multipart "file"; ?kind= a required attachment of the call, or other)', params: idParams,
    querystring: z.object({ kind: z.string().trim().min(1).max(60).default('other') }), consumes: ['multipart/form-data'] } },
  async (req, reply) => {
    const actor = requireRole(req, 'enterprise', 'institution');
    const file = await req.file({ limits: { fileSize: MAX_APPLICATION_FILE_BYTES } });
    if (!file) throw new AppError(400, 'FILE_REQUIRED');
    const data = await file.toBuffer();
    return reply.code(201).send(await addApplicationFile(db, actor, auditActorOf(req), req.params.id, req.query.kind, { fileName: file.filename.slice(0, 200), data }));
  });
  r.get('/:id/attachments/:fileId', { schema: { tags: ['projects'], summary: 'Download a file of an application', params: idParams.extend({ fileId: z.coerce.number().int().positive() }) } },
    async (req, reply) => {
      const f = await readApplicationFile(db, requireActor(req), req.params.id, req.params.fileId);
      return reply.header('content-type', f.contentType).header('content-disposition', `attachment; filename="attachment"; filename*=UTF-8''${encodeURIComponent(f.fileName)}`).send(f.data);
    });
  r.delete('/:id/attachments/:fileId', { schema: { tags: ['projects'], summary: 'Remove a file (draft or returned applications)', params: idParams.extend({ fileId: z.coerce.number().int().positive() }) } },
    async (req, reply) => { await removeApplicationFile(db, requireRole(req, 'enterprise', 'institution'), auditActorOf(req), req.params.id, req.params.fileId); return reply.code(204).send(); });
  r.post('/:id/changes', { schema: { tags: ['projects'], summary: 'Ask for a change after approval: members, dates or budget lines', params: idParams,
    body: z.object({ kind: z.enum(CHANGE_KINDS), reason: nameField(2000), members: z.array(member).max(50).optional(), startOn: dateField.optional(), endOn: dateField.optional(),
      budget: z.array(z.object({ category: z.enum(BUDGET_CATEGORIES), own: yuan, requested: yuan })).max(BUDGET_CATEGORIES.length).optional() }) } },
  async (req, reply) => reply.code(201).send({ id: await requestChange(db, requireRole(req, 'enterprise', 'institution'), auditActorOf(req), req.params.id, req.body) }));
  r.post('/:id/changes/:changeId/decision', { schema: { tags: ['projects'], summary: 'Approve (and apply) or reject a change request',
    params: idParams.extend({ changeId: z.coerce.number().int().positive() }), body: z.object({ approved: z.boolean(), comment }) } },
  async (req) => ({ status: await decideChange(db, requireRole(req, 'admin', 'staff'), auditActorOf(req), req.params.id, req.params.changeId, req.body) }));
  r.post('/:id/close', { schema: { tags: ['projects'], summary: 'Close an accepted (or failed) project', params: idParams } },
    async (req) => answer(req, await staffStep(db, requireRole(req, 'admin', 'staff'), auditActorOf(req), req.params.id, 'close')));
  r.post('/:id/terminate', { schema: { tags: ['projects'], summary: 'Terminate a project', params: idParams, body: z.object({ comment: nameField(2000) }) } },
    async (req) => answer(req, await staffStep(db, requireRole(req, 'admin', 'staff'), auditActorOf(req), req.params.id, 'terminate', req.body.comment)));
}

const reserveBody = z.object({
  level: z.enum(RESERVE_LEVELS), regionCode: regionCodeField, title: nameField(120), field: nameField(40),
  leadOrgId: z.number().int().positive().nullable().optional(), leadOrgName: nameField(100), estimatedInvestment: yuan,
  maturity: z.string().trim().max(40).optional(), notes: z.string().max(5000).optional(), status: z.enum(RESERVE_STATUSES).optional(),
});
const reserveFilters = pagingSchema.extend({ level: z.enum(RESERVE_LEVELS).optional(), status: z.enum(RESERVE_STATUSES).optional(),
  regionCode: regionCodeField.optional(), field: z.string().max(40).optional() });
const LEVEL_NAMES: Record<string, [string, string]> = { central: ['中央', 'Central'], provincial: ['省级', 'Provincial'], city: ['市级', 'City'] };
const RESERVE_STATUS_NAMES: Record<string, [string, string]> = {
  reserve: ['储备', 'In reserve'], arguing: ['论证中', 'Under argument'], applied: ['已申报', 'Applied'], approved: ['已立项', 'Approved'], dropped: ['放弃', 'Dropped'],
};

/** /api/v1/reserve: the three-level project reserve (项目储备库). */
export async function reserveRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app;
  r.get('/', { schema: { tags: ['projects'], summary: 'Reserve items in scope', querystring: reserveFilters } }, async (req) => {
    const { page, pageSize, ...f } = req.query;
    return listReserve(db, requireRole(req, 'admin', 'staff'), f, page, pageSize);
  });
  r.get('/export', { schema: { tags: ['projects'], summary: 'Export the filtered reserve to Excel', querystring: reserveFilters } }, async (req, reply) => {
    const { page: _p, pageSize: _s, ...f } = req.query;
    const { items } = await listReserve(db, requireRole(req, 'admin', 'staff'), f, 1, MAX_EXPORT_ROWS);
    const en = req.lang === 'en' ? 1 : 0;
    const h = (zh: string, e: string) => (en ? e : zh);
    return sendWorkbook(reply, `${h('项目储备库', 'project reserve')}.xlsx`, h('项目储备库', 'Reserve'), [
      { header: h('层级', 'Level'), value: (x) => LEVEL_NAMES[x.level]?.[en] ?? x.level },
      { header: h('项目名称', 'Title'), value: (x) => x.title, width: 40 },
      { header: h('领域', 'Field'), value: (x) => x.field },
      { header: h('牵头单位', 'Lead organisation'), value: (x) => x.leadOrgName, width: 30 },
      { header: h('预计投资（万元）', 'Estimated investment (10k yuan)'), value: (x) => Math.round(x.estimatedInvestment / 100) / 100 },
      { header: h('成熟度', 'Maturity'), value: (x) => x.maturity },
      { header: h('状态', 'Status'), value: (x) => RESERVE_STATUS_NAMES[x.status]?.[en] ?? x.status },
      { header: h('行政区划', 'Region'), value: (x) => x.regionName },
      { header: h('论证意见', 'Notes'), value: (x) => x.notes, width: 40 },
    ], items);
  });
  r.post('/', { schema: { tags: ['projects'], summary: 'Add a reserve item', body: reserveBody } },
    async (req, reply) => reply.code(201).send({ id: await createReserveItem(db, requireRole(req, 'admin', 'staff'), auditActorOf(req), req.body) }));
  r.put('/:id', { schema: { tags: ['projects'], summary: 'Change a reserve item (status: 储备 / 论证中 / 已申报 / 已立项 / 放弃)', params: idParams,
    body: reserveBody.extend({ version: z.number().int() }) } },
  async (req, reply) => { await updateReserveItem(db, requireRole(req, 'admin', 'staff'), auditActorOf(req), req.params.id, req.body); return reply.code(204).send(); });
}

/** /api/v1/portal/calls and /api/v1/portal/project-notices: what the public sees of projects. */
export async function projectPortalRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app;
  const paging = z.object({ page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(50).default(10) });
  r.get('/calls', { schema: { tags: ['portal'], summary: 'Published calls (open first, with the days left)', querystring: paging.extend({ state: z.enum(['open', 'closed', 'upcoming']).optional() }) } },
    async (req) => portalCalls(db, req.query));
  r.get('/calls/:id', { schema: { tags: ['portal'], summary: 'A published call with its guide', params: idParams } }, async (req) => portalCall(db, req.params.id));
  r.get('/project-notices', { schema: { tags: ['portal'], summary: '立项公示: the approved projects on public notice', querystring: paging } },
    async (req) => portalProjectNotices(db, req.query));
}
