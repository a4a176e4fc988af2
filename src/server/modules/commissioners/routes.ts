/**
 * 科技特派员 over HTTP. Register without a prefix inside /api/v1:
 *
 *   POST|GET /commissioners · GET /commissioners/export · GET /commissioners/me
 *   GET|PUT /commissioners/:id · POST /commissioners/:id/account
 *   POST|GET /dispatches · GET /dispatches/:id · POST /dispatches/:id/confirm|end
 *   POST|GET /service-logs · GET /service-logs/export · GET|PUT /service-logs/:id · POST /service-logs/:id/confirm
 *   POST /service-logs/:id/photos?clientId= · GET|DELETE /service-logs/:id/photos/:photoId
 *   GET /commissioner-coverage · GET /commissioner-progress · GET|POST /commissioner-ratings
 *   GET /commissioner-rules?region= · PUT /commissioner-rules/:region
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { COMMISSIONER_KINDS, EMPLOYER_KINDS, RATINGS, SERVICE_TYPE_NAMES, SERVICE_TYPES } from '../../../domain/commissioners';
import { todayInChina } from '../../../domain/dates';
import { auditActorOf, requireActor, requireRole } from '../../http/actor';
import { AppError } from '../../http/errors';
import { sendWorkbook } from '../../http/excel';
import { nameField, passwordField, phoneField, regionCodeField, usernameField } from '../../http/fields';
import { MAX_EXPORT_ROWS, pagingSchema } from '../../http/list-query';
import { createCommissioner, createCommissionerAccount, getCommissioner, listCommissioners, updateCommissioner } from './commissioners';
import { villageCoverage } from './coverage';
import { confirmDispatch, createDispatch, DISPATCH_STATUSES, endDispatch, getDispatch, listDispatches, myDispatches } from './dispatches';
import { decideRating, getRule, progress, ratings, setRule } from './ratings';
import {
  addLogPhoto, confirmLog, createLog, getLog, listLogs, MAX_PHOTO_BYTES, readLogPhoto, removeLogPhoto, updateLog,
} from './service-logs';

const dateField = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'field.date');
const idParams = z.object({ id: z.coerce.number().int().positive() });
const count = z.number().int().min(0).max(1_000_000).optional();
const commissionerBody = z.object({
  name: nameField(100), kind: z.enum(COMMISSIONER_KINDS), orgId: z.number().int().positive().nullish(), orgName: z.string().trim().max(200).nullish(),
  employerKind: z.enum(EMPLOYER_KINDS).optional(), title: z.string().trim().max(50).optional(), phone: phoneField,
  fields: z.array(z.string().trim().min(1).max(50)).min(1).max(20), regionCode: regionCodeField,
  leaderId: z.number().int().positive().nullish(), memberIds: z.array(z.number().int().positive()).max(200).optional(),
});
const logFields = z.object({
  date: dateField, villageCode: z.string().regex(/^\d{12}$/, 'field.invalid').nullish(), orgId: z.number().int().positive().nullish(),
  days: z.number().positive().max(31).multipleOf(0.5), serviceType: z.enum(SERVICE_TYPES), content: z.string().trim().min(1).max(5000),
  technologies: z.string().trim().max(500).optional(), varieties: z.string().trim().max(500).optional(),
  problemsSolved: count, trained: count, orgsFounded: count, orgsServed: count, jobsCreated: count,
  incomeRaised: z.number().int().min(0).max(1e12).optional(),
  latitude: z.number().min(-90).max(90).nullish(), longitude: z.number().min(-180).max(180).nullish(),
});
const regionDate = z.object({ region: regionCodeField.optional(), date: dateField.optional() });
const tags = ['commissioners'];

/** The region a staff member asks about: the one given, else their own; admins must give one. */
function regionOf(actor: { role: string; regionCode: string | null }, region?: string): string {
  const r = region ?? actor.regionCode;
  if (!r) throw new AppError(400, 'VALIDATION_FAILED', {}, { region: { key: 'field.required' } });
  return r;
}

export default async function commissionerRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app;
  const listQuery = pagingSchema.extend({ kind: z.enum(COMMISSIONER_KINDS).optional(), status: z.enum(['active', 'suspended', 'ended']).optional(), region: regionCodeField.optional() });

  r.post('/commissioners', { schema: { tags, summary: 'Register a commissioner: a person, an organisation (法人) or a team (科技特派团) with leader and members', body: commissionerBody } },
    async (req, reply) => reply.code(201).send({ id: await createCommissioner(db, requireRole(req, 'staff', 'admin'), auditActorOf(req), req.body) }));
  r.get('/commissioners', { schema: { tags, summary: 'Commissioners in scope (staff: region subtree; a commissioner: its own and its teams)', querystring: listQuery } },
    async (req) => { const { page, pageSize, ...f } = req.query; return listCommissioners(db, requireActor(req), f, page, pageSize); });
  r.get('/commissioners/export', { schema: { tags, summary: 'The filtered commissioner list as .xlsx', querystring: listQuery.omit({ page: true, pageSize: true }) } },
    async (req, reply) => {
      const actor = requireRole(req, 'staff', 'admin');
      const { items } = await listCommissioners(db, actor, req.query, 1, MAX_EXPORT_ROWS);
      const en = req.lang === 'en';
      const kinds: Record<string, [string, string]> = { individual: ['个人', 'Individual'], legal: ['法人', 'Organisation'], team: ['团队', 'Team'] };
      return sendWorkbook(reply, en ? 'commissioners.xlsx' : '科技特派员.xlsx', en ? 'Commissioners' : '科技特派员', [
        { header: en ? 'Name' : '姓名/名称', width: 24, value: (c) => c.name },
        { header: en ? 'Kind' : '类型', value: (c) => kinds[c.kind][en ? 1 : 0] },
        { header: en ? 'Organisation' : '单位', width: 28, value: (c) => c.orgName },
        { header: en ? 'Title' : '职称', value: (c) => c.title },
        { header: en ? 'Phone' : '手机', value: (c) => c.phone },
        { header: en ? 'Fields' : '服务领域', width: 24, value: (c) => c.fields.join('、') },
        { header: en ? 'Region' : '所属区划', value: (c) => c.regionName },
        { header: en ? 'Active dispatches' : '在派驻', value: (c) => c.activeDispatches },
        { header: en ? 'Days this year' : '本年服务天数', value: (c) => c.daysThisYear },
        { header: en ? 'Status' : '状态', value: (c) => c.status },
      ], items);
    });
  r.get('/commissioners/me', { schema: { tags, summary: "我的派驻: the commissioner's own records and their dispatches" } }, async (req) => {
    const actor = requireRole(req, 'commissioner');
    const { items } = await listCommissioners(db, actor, {}, 1, 50);
    return { commissioners: items, dispatches: await myDispatches(db, actor) };
  });
  r.get('/commissioners/:id', { schema: { tags, summary: 'One commissioner with team members', params: idParams } }, async (req) => {
    const actor = requireActor(req);
    return { ...(await getCommissioner(db, actor, req.params.id)), dispatches: (await listDispatches(db, actor, { commissionerId: req.params.id }, 1, 100)).items };
  });
  r.put('/commissioners/:id', { schema: { tags, summary: 'Change a commissioner (staff; version)', params: idParams,
    body: commissionerBody.omit({ kind: true }).extend({ version: z.number().int(), status: z.enum(['active', 'suspended', 'ended']).optional() }) } },
  async (req) => updateCommissioner(db, requireRole(req, 'staff', 'admin'), auditActorOf(req), req.params.id, req.body));
  r.post('/commissioners/:id/account', { schema: { tags, summary: "Create the commissioner's sign-in (must change the password at first sign-in)", params: idParams,
    body: z.object({ username: usernameField, password: passwordField }) } },
  async (req, reply) => reply.code(201).send(await createCommissionerAccount(db, requireRole(req, 'staff', 'admin'), auditActorOf(req), req.params.id, req.body.username, req.body.password)));

  r.post('/dispatches', { schema: { tags, summary: 'Dispatch a commissioner to villages and/or organisations for a period (staff)', body: z.object({
    commissionerId: z.number().int().positive(), villageCodes: z.array(z.string().regex(/^\d{12}$/, 'field.invalid')).max(500),
    orgIds: z.array(z.number().int().positive()).max(100).optional(), from: dateField, to: dateField,
    agreementNo: z.string().trim().max(100).optional(), tasks: z.string().trim().max(5000).optional() }) } },
  async (req, reply) => reply.code(201).send({ id: await createDispatch(db, requireRole(req, 'staff', 'admin'), auditActorOf(req), req.body) }));
  r.get('/dispatches', { schema: { tags, summary: 'Dispatches in scope', querystring: pagingSchema.extend({ status: z.enum(DISPATCH_STATUSES).optional(),
    region: regionCodeField.optional(), commissionerId: z.coerce.number().int().positive().optional(), activeOn: dateField.optional() }) } },
  async (req) => { const { page, pageSize, ...f } = req.query; return listDispatches(db, requireActor(req), f, page, pageSize); });
  r.get('/dispatches/:id', { schema: { tags, summary: 'One dispatch with its targets and confirmations', params: idParams } },
    async (req) => getDispatch(db, requireActor(req), req.params.id));
  r.post('/dispatches/:id/confirm', { schema: { tags, summary: "Confirm the caller's side of a dispatch (commissioner, served organisation, staff for villages)", params: idParams } },
    async (req) => confirmDispatch(db, requireActor(req), auditActorOf(req), req.params.id));
  r.post('/dispatches/:id/end', { schema: { tags, summary: 'End an active dispatch early or withdraw a proposed one (staff)', params: idParams,
    body: z.object({ endedOn: dateField, reason: z.string().trim().min(1).max(500) }) } },
  async (req) => endDispatch(db, requireRole(req, 'staff', 'admin'), auditActorOf(req), req.params.id, req.body.endedOn, req.body.reason));

  const logQuery = pagingSchema.extend({ dispatchId: z.coerce.number().int().positive().optional(), commissionerId: z.coerce.number().int().positive().optional(),
    status: z.enum(['submitted', 'confirmed']).optional(), from: dateField.optional(), to: dateField.optional(), region: regionCodeField.optional(),
    mine: z.enum(['true', 'false']).optional() });
  r.post('/service-logs', { schema: { tags, summary: 'Keep a service log (the commissioner); the same clientId again answers the stored log (200)',
    body: logFields.extend({ clientId: z.uuid(), dispatchId: z.number().int().positive() }) } },
  async (req, reply) => {
    const { created, log } = await createLog(db, requireRole(req, 'commissioner'), auditActorOf(req), req.body);
    return reply.code(created ? 201 : 200).send(log);
  });
  r.get('/service-logs', { schema: { tags, summary: 'Service logs in scope', querystring: logQuery } },
    async (req) => { const { page, pageSize, mine, ...f } = req.query; return listLogs(db, requireActor(req), { ...f, mine: mine === 'true' }, page, pageSize); });
  r.get('/service-logs/export', { schema: { tags, summary: 'The filtered service logs as .xlsx', querystring: logQuery.omit({ page: true, pageSize: true }) } },
    async (req, reply) => {
      const { mine, ...f } = req.query;
      const { items } = await listLogs(db, requireActor(req), { ...f, mine: mine === 'true' }, 1, MAX_EXPORT_ROWS);
      const en = req.lang === 'en';
      return sendWorkbook(reply, en ? 'service-logs.xlsx' : '服务日志.xlsx', en ? 'Service logs' : '服务日志', [
        { header: en ? 'Date' : '日期', value: (s) => s.date },
        { header: en ? 'Commissioner' : '科技特派员', width: 20, value: (s) => s.commissionerName },
        { header: en ? 'Place' : '服务对象', width: 28, value: (s) => (s.villageName ? `${s.townshipName ?? ''}${s.villageName}` : s.orgName) },
        { header: en ? 'Days' : '天数', value: (s) => s.days },
        { header: en ? 'Service' : '服务类型', value: (s) => SERVICE_TYPE_NAMES[s.serviceType][en ? 1 : 0] },
        { header: en ? 'Content' : '服务内容', width: 40, value: (s) => s.content },
        { header: en ? 'Technologies' : '推广技术', width: 20, value: (s) => s.technologies },
        { header: en ? 'Varieties' : '推广品种', width: 20, value: (s) => s.varieties },
        { header: en ? 'Problems solved' : '解决问题', value: (s) => s.problemsSolved },
        { header: en ? 'Trained' : '培训人次', value: (s) => s.trained },
        { header: en ? 'Jobs created' : '带动就业', value: (s) => s.jobsCreated },
        { header: en ? 'Income raised (yuan)' : '增收（元）', value: (s) => s.incomeRaised },
        { header: en ? 'Status' : '状态', value: (s) => (s.status === 'confirmed' ? (en ? 'Confirmed' : '已确认') : (en ? 'To confirm' : '待确认')) },
        { header: en ? 'Feedback' : '满意度', value: (s) => s.feedbackScore },
      ], items);
    });
  r.get('/service-logs/:id', { schema: { tags, summary: 'One service log', params: idParams } }, async (req) => getLog(db, requireActor(req), req.params.id));
  r.put('/service-logs/:id', { schema: { tags, summary: 'Change an own unconfirmed log (version)', params: idParams, body: logFields.extend({ version: z.number().int() }) } },
    async (req) => updateLog(db, requireRole(req, 'commissioner'), auditActorOf(req), req.params.id, req.body));
  r.post('/service-logs/:id/confirm', { schema: { tags, summary: 'The served party (or staff of the village\'s region) confirms a log with feedback', params: idParams,
    body: z.object({ feedbackScore: z.number().int().min(1).max(5).nullish(), feedback: z.string().trim().max(1000).nullish() }).optional() } },
  async (req) => confirmLog(db, requireActor(req), auditActorOf(req), req.params.id, req.body?.feedbackScore ?? null, req.body?.feedback || null));
  r.post('/service-logs/:id/photos', { schema: { tags, summary: 'Add a photo (multipart "file", JPEG/PNG) to an own unconfirmed log; the same clientId again answers the stored photo',
    params: idParams, querystring: z.object({ clientId: z.uuid() }), consumes: ['multipart/form-data'] } },
  async (req, reply) => {
    const actor = requireRole(req, 'commissioner');
    const file = await req.file({ limits: { fileSize: MAX_PHOTO_BYTES } });
    if (!file) throw new AppError(400, 'FILE_REQUIRED');
    const data = await file.toBuffer();
    const { created, photo } = await addLogPhoto(db, actor, auditActorOf(req), req.params.id, req.query.clientId, { fileName: file.filename.slice(0, 200), data });
    return reply.code(created ? 201 : 200).send(photo);
  });
  const photoParams = idParams.extend({ photoId: z.coerce.number().int().positive() });
  r.get('/service-logs/:id/photos/:photoId', { schema: { tags, summary: 'A photo of a log', params: photoParams } }, async (req, reply) => {
    const p = await readLogPhoto(db, requireActor(req), req.params.id, req.params.photoId);
    return reply.header('content-type', p.contentType).header('cache-control', 'private, max-age=86400').send(p.data);
  });
  r.delete('/service-logs/:id/photos/:photoId', { schema: { tags, summary: 'Remove a photo of an own unconfirmed log', params: photoParams } }, async (req, reply) => {
    await removeLogPhoto(db, requireRole(req, 'commissioner'), auditActorOf(req), req.params.id, req.params.photoId);
    return reply.code(204).send();
  });

  r.get('/commissioner-coverage', { schema: { tags, summary: 'Villages of a region covered by a dispatch on a date (全覆盖), by township and county', querystring: regionDate } },
    async (req) => {
      const actor = requireRole(req, 'staff', 'admin');
      return villageCoverage(db, actor, regionOf(actor, req.query.region), req.query.date ?? todayInChina());
    });
  r.get('/commissioner-progress', { schema: { tags, summary: '双过半: service by a date against the share of the yearly minimum', querystring: regionDate } },
    async (req) => {
      const actor = requireRole(req, 'staff', 'admin');
      return progress(db, actor, regionOf(actor, req.query.region), req.query.date ?? todayInChina());
    });
  r.get('/commissioner-ratings', { schema: { tags, summary: "The year's ratings: computed from confirmed logs, and staff's decisions",
    querystring: z.object({ region: regionCodeField.optional(), year: z.coerce.number().int().min(2000).max(2100) }) } },
  async (req) => {
    const actor = requireRole(req, 'staff', 'admin');
    return ratings(db, actor, regionOf(actor, req.query.region), req.query.year);
  });
  r.post('/commissioner-ratings', { schema: { tags, summary: "Decide a commissioner's rating of a year (another than the computed one needs a note)",
    body: z.object({ commissionerId: z.number().int().positive(), year: z.number().int().min(2000).max(2100), rating: z.enum(RATINGS), note: z.string().trim().max(1000).optional() }) } },
  async (req) => decideRating(db, requireRole(req, 'staff', 'admin'), auditActorOf(req), req.body));
  r.get('/commissioner-rules', { schema: { tags, summary: "The yearly minimum that applies to a region", querystring: z.object({ region: regionCodeField.optional() }) } },
    async (req) => {
      const actor = requireRole(req, 'staff', 'admin');
      return getRule(db, actor, regionOf(actor, req.query.region));
    });
  r.put('/commissioner-rules/:region', { schema: { tags, summary: "Set a region's yearly minimum (days or visits)", params: z.object({ region: regionCodeField }),
    body: z.object({ minDays: z.number().positive().max(366), minVisits: z.number().int().positive().max(366) }) } },
  async (req) => setRule(db, requireRole(req, 'staff', 'admin'), auditActorOf(req), req.params.region, req.body));
}
