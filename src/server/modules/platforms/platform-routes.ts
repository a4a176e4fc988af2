/** /api/v1/platforms: the registry (list, Excel, entry, details, figures, 整改 / 恢复 / 撤销) and the catalogue (types, checklists, figures). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { todayInChina } from '../../../domain/dates';
import { FIELD_CODES, fieldName } from '../../../domain/fields';
import { LEVEL_NAMES, PLATFORM_LEVELS, PLATFORM_STATUS_NAMES, PLATFORM_STATUSES, PLATFORM_TYPE_CODES, typeName } from '../../../domain/platforms';
import { auditActorOf, requireActor, requireRole } from '../../http/actor';
import { workbookBuffer } from '../../http/excel';
import { nameField, regionCodeField } from '../../http/fields';
import { sendFile, XLSX } from '../../http/files';
import { MAX_EXPORT_ROWS, pagingSchema } from '../../http/list-query';
import { addCondition, platformCatalogue, updateCondition } from './catalogue';
import { changePlatformStatus, createPlatform, getPlatform, listPlatforms, saveFigures, updatePlatform, type PlatformView } from './platforms';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const dateField = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'field.date');
const fieldCode = z.enum(FIELD_CODES).or(z.literal(''));

const filters = pagingSchema.extend({
  type: z.enum(PLATFORM_TYPE_CODES).optional(), level: z.enum(PLATFORM_LEVELS).optional(), status: z.enum(PLATFORM_STATUSES).optional(),
  regionCode: regionCodeField.optional(), field: z.enum(FIELD_CODES).optional(), hostOrgId: z.coerce.number().int().positive().optional(),
});

const platformBody = z.object({
  name: nameField(200), type: z.enum(PLATFORM_TYPE_CODES), level: z.enum(PLATFORM_LEVELS), hostOrgId: z.number().int().positive(), regionCode: regionCodeField,
  status: z.enum(PLATFORM_STATUSES), field: fieldCode.optional(), intro: z.string().max(5000).optional(), address: z.string().max(300).optional(),
  authority: z.string().max(100).optional(), certifiedOn: dateField.nullable().optional(), certificateNo: z.string().trim().max(100).nullable().optional(),
  validUntil: dateField.nullable().optional(), coHostOrgIds: z.array(z.number().int().positive()).max(20).optional(),
});

const conditionBody = z.object({
  level: z.enum(PLATFORM_LEVELS).nullable().optional(), code: z.string().regex(/^[a-z][a-z0-9_]{0,40}$/, 'field.invalid'), seq: z.number().int().min(0).max(999),
  textZh: nameField(300), textEn: nameField(300), answer: z.enum(['yes_no', 'number']), min: z.number().nullable().optional(),
  unitZh: z.string().max(20).optional(), unitEn: z.string().max(20).optional(), required: z.boolean().optional(), active: z.boolean().optional(),
});

export default async function platformRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app;

  r.get('/', { schema: { tags: ['platforms'], summary: 'Platforms: staff their region, hosts their own (filter type, level, status, region, field; sort name|certifiedOn|validUntil|level|updatedAt; page)', querystring: filters } },
    async (req) => { const { page, pageSize, ...f } = req.query; return listPlatforms(db, requireActor(req), f, page, pageSize); });

  r.get('/export.xlsx', { schema: { tags: ['platforms'], summary: 'The list as Excel (same filters, same columns)', querystring: filters.omit({ page: true, pageSize: true }) } },
    async (req, reply) => {
      const en = req.lang === 'en';
      const k = en ? 1 : 0;
      const { items } = await listPlatforms(db, requireActor(req), req.query, 1, MAX_EXPORT_ROWS);
      const data = await workbookBuffer<PlatformView>(en ? 'Platforms' : '创新平台', [
        { header: en ? 'Name' : '平台名称', width: 36, value: (p) => p.name },
        { header: en ? 'Type' : '类型', width: 20, value: (p) => typeName(p.type, en ? 'en' : 'zh-CN') },
        { header: en ? 'Level' : '级别', width: 10, value: (p) => LEVEL_NAMES[p.level][k] },
        { header: en ? 'Status' : '状态', width: 8, value: (p) => PLATFORM_STATUS_NAMES[p.status][k] },
        { header: en ? 'Host' : '依托单位', width: 30, value: (p) => p.hostName },
        { header: en ? 'Co-hosts' : '共建单位', width: 30, value: (p) => p.coHosts.join('、') },
        { header: en ? 'Region' : '所在地区', width: 10, value: (p) => p.regionName },
        { header: en ? 'Field' : '领域', width: 14, value: (p) => (p.field ? fieldName(p.field, en ? 'en' : 'zh-CN') : '') },
        { header: en ? 'Certified on' : '认定日期', width: 12, value: (p) => p.certifiedOn },
        { header: en ? 'Document no.' : '认定文号', width: 20, value: (p) => p.certificateNo },
        { header: en ? 'Valid until' : '有效期至', width: 12, value: (p) => p.validUntil },
      ], items);
      return sendFile(reply, `${en ? 'platforms' : '创新平台'}-${todayInChina()}.xlsx`, XLSX, data);
    });

  r.get('/catalogue', { schema: { tags: ['platforms'], summary: 'Platform types with their certification checklists and yearly figures, and the figures' } },
    async (req) => { requireActor(req); return platformCatalogue(db); });
  r.post('/catalogue/types/:code/conditions', { schema: { tags: ['platforms'], summary: "Add a condition to a type's checklist (admins, the province's staff)",
    params: z.object({ code: z.enum(PLATFORM_TYPE_CODES) }), body: conditionBody } },
  async (req, reply) => reply.code(201).send(await addCondition(db, requireRole(req, 'admin', 'staff'), auditActorOf(req), req.params.code, req.body)));
  r.put('/catalogue/conditions/:id', { schema: { tags: ['platforms'], summary: 'Change a checklist condition (admins, the province\'s staff)', params: idParams,
    body: conditionBody.extend({ version: z.number().int() }) } },
  async (req) => updateCondition(db, requireRole(req, 'admin', 'staff'), auditActorOf(req), req.params.id, req.body));

  r.post('/', { schema: { tags: ['platforms'], summary: 'Enter a platform certified before the system (or 筹建) — staff of its region', body: platformBody } },
    async (req, reply) => reply.code(201).send({ id: await createPlatform(db, requireRole(req, 'staff', 'admin'), auditActorOf(req), req.body) }));

  r.get('/:id', { schema: { tags: ['platforms'], summary: 'One platform: hosts, figures by year, metrics of its type, timeline, applications', params: idParams } },
    async (req) => getPlatform(db, requireActor(req), req.params.id));

  r.put('/:id', { schema: { tags: ['platforms'], summary: "Correct a platform's details (staff of its region; not its status)", params: idParams,
    body: platformBody.omit({ type: true, level: true, hostOrgId: true, regionCode: true, status: true }).partial().extend({ version: z.number().int() }) } },
  async (req) => {
    await updatePlatform(db, requireRole(req, 'staff', 'admin'), auditActorOf(req), req.params.id, req.body);
    return getPlatform(db, req.actor!, req.params.id);
  });

  const statusBody = z.object({ reason: z.string().max(2000).nullable().optional(), on: dateField.nullable().optional() });
  r.post('/:id/revoke', { schema: { tags: ['platforms'], summary: '撤销 (staff of the certifying level; a reason; effective today unless `on`)', params: idParams, body: statusBody } },
    async (req) => changePlatformStatus(db, requireRole(req, 'staff', 'admin'), auditActorOf(req), req.params.id, 'revoke', req.body));
  r.post('/:id/rectify', { schema: { tags: ['platforms'], summary: '整改 (staff of the certifying level; a reason)', params: idParams, body: statusBody } },
    async (req) => changePlatformStatus(db, requireRole(req, 'staff', 'admin'), auditActorOf(req), req.params.id, 'rectify', req.body));
  r.post('/:id/restore', { schema: { tags: ['platforms'], summary: 'Back from 整改 to 认定 (staff of the certifying level)', params: idParams, body: statusBody } },
    async (req) => changePlatformStatus(db, requireRole(req, 'staff', 'admin'), auditActorOf(req), req.params.id, 'restore', req.body));

  r.put('/:id/figures/:year', { schema: { tags: ['platforms'], summary: "A year's key figures (a host or staff; version after the first save)",
    params: idParams.extend({ year: z.coerce.number().int().min(2000).max(2100) }),
    body: z.object({ figures: z.record(z.string(), z.number().nullable()), version: z.number().int().nullable().optional() }) } },
  async (req) => saveFigures(db, requireActor(req), auditActorOf(req), req.params.id, req.params.year, req.body));
}
