/** /api/v1/platform-applications (certification: apply, recommend, check, experts, certify or refuse; files) and /api/v1/platform-certification-reviews (the expert's side). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FIELD_CODES } from '../../../domain/fields';
import { APPLICATION_STATUSES, PLATFORM_LEVELS, PLATFORM_TYPE_CODES } from '../../../domain/platforms';
import { auditActorOf, requireActor, requireRole } from '../../http/actor';
import { AppError } from '../../http/errors';
import { nameField, regionCodeField } from '../../http/fields';
import { sendFile } from '../../http/files';
import { pagingSchema } from '../../http/list-query';
import { assignApplicationExperts, drawApplicationExperts } from './application-assignment';
import { addApplicationFile, listApplicationFiles, MAX_PLATFORM_FILE_BYTES, readApplicationFile } from './application-files';
import { declarePlatformReview, getMyPlatformReview, myPlatformReviews, savePlatformReview, submitPlatformReview } from './application-reviews';
import {
  actOnApplication, certifyApplication, createApplication, getApplication, listApplications, submitApplication, updateApplication, withdrawApplication,
} from './applications';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const dateField = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'field.date');

const applicationBody = z.object({
  name: nameField(200), type: z.enum(PLATFORM_TYPE_CODES), level: z.enum(PLATFORM_LEVELS), field: z.enum(FIELD_CODES).or(z.literal('')).optional(),
  intro: z.string().max(10000).optional(), coHostOrgIds: z.array(z.number().int().positive()).max(20).optional(),
  platformId: z.number().int().positive().nullable().optional(),
  checklist: z.array(z.object({ code: z.string().max(41), value: z.union([z.boolean(), z.number(), z.null()]), note: z.string().max(500).optional() })).max(100).optional(),
});

const filters = pagingSchema.extend({
  status: z.enum(APPLICATION_STATUSES).optional(), type: z.enum(PLATFORM_TYPE_CODES).optional(), level: z.enum(PLATFORM_LEVELS).optional(), regionCode: regionCodeField.optional(),
});
const scores = z.record(z.string(), z.number());

export default async function platformApplicationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app;
  const P = '/platform-applications';

  r.get(P, { schema: { tags: ['platforms'], summary: "Certification applications: the host's own, staff their region's (no drafts); filter, sort submittedAt|name|score|updatedAt, page", querystring: filters } },
    async (req) => { const { page, pageSize, ...f } = req.query; return listApplications(db, requireActor(req), f, page, pageSize); });
  r.post(P, { schema: { tags: ['platforms'], summary: 'Apply for a type and level with the checklist answered (the host); submit: true submits at once', body: applicationBody.extend({ submit: z.boolean().optional() }) } },
    async (req, reply) => reply.code(201).send({ id: await createApplication(db, requireRole(req, 'enterprise', 'institution'), auditActorOf(req), req.body) }));
  r.get(`${P}/:id`, { schema: { tags: ['platforms'], summary: 'One application with its timeline (staff: the panel)', params: idParams } },
    async (req) => getApplication(db, requireActor(req), req.params.id));
  r.put(`${P}/:id`, { schema: { tags: ['platforms'], summary: 'Change a draft or returned application (the host)', params: idParams, body: applicationBody.extend({ version: z.number().int() }) } },
    async (req) => { await updateApplication(db, requireRole(req, 'enterprise', 'institution'), auditActorOf(req), req.params.id, req.body); return getApplication(db, req.actor!, req.params.id); });
  r.post(`${P}/:id/submit`, { schema: { tags: ['platforms'], summary: 'Submit (again): every required condition met (the host)', params: idParams, body: z.object({ version: z.number().int().optional() }) } },
    async (req) => submitApplication(db, requireRole(req, 'enterprise', 'institution'), auditActorOf(req), req.params.id, req.body.version));
  r.post(`${P}/:id/withdraw`, { schema: { tags: ['platforms'], summary: 'Withdraw before the formal check (the host)', params: idParams } },
    async (req) => withdrawApplication(db, requireRole(req, 'enterprise', 'institution'), auditActorOf(req), req.params.id));

  const comment = z.object({ comment: z.string().max(2000).nullable().optional() });
  for (const action of ['recommend', 'return', 'formal_pass', 'formal_fail', 'refuse'] as const) {
    r.post(`${P}/:id/${action.replace('_', '-')}`, { schema: { tags: ['platforms'], summary: `${action} (staff; return, formal-fail and refuse need a comment)`, params: idParams, body: comment } },
      async (req) => actOnApplication(db, requireRole(req, 'staff', 'admin'), auditActorOf(req), req.params.id, action, req.body.comment));
  }
  r.post(`${P}/:id/experts`, { schema: { tags: ['platforms'], summary: 'Assign experts by hand (回避 checked; staff of the certifying level)', params: idParams,
    body: z.object({ expertIds: z.array(z.number().int().positive()).min(1).max(15) }) } },
  async (req) => assignApplicationExperts(db, requireRole(req, 'staff', 'admin'), auditActorOf(req), req.params.id, req.body.expertIds));
  r.post(`${P}/:id/draw`, { schema: { tags: ['platforms'], summary: '抽取 experts up to the panel size (reproducible from seed)', params: idParams,
    body: z.object({ seed: z.string().max(64).optional() }) } },
  async (req) => drawApplicationExperts(db, requireRole(req, 'staff', 'admin'), auditActorOf(req), req.params.id, req.body.seed));
  r.post(`${P}/:id/certify`, { schema: { tags: ['platforms'], summary: '认定: number, date (today unless given), term (the type\'s unless given); creates or raises the platform — once', params: idParams,
    body: z.object({ certificateNo: nameField(100), certifiedOn: dateField.nullable().optional(), validUntil: dateField.nullable().optional(),
      authority: z.string().max(100).nullable().optional(), comment: z.string().max(2000).nullable().optional() }) } },
  async (req) => certifyApplication(db, requireRole(req, 'staff', 'admin'), auditActorOf(req), req.params.id, req.body));

  r.get(`${P}/:id/attachments`, { schema: { tags: ['platforms'], summary: "The application's files", params: idParams } },
    async (req) => ({ items: await listApplicationFiles(db, requireActor(req), req.params.id) }));
  r.post(`${P}/:id/attachments`, { schema: { tags: ['platforms'], summary: 'Attach a file (multipart "file": PDF, image, .docx, .xlsx) to a draft or returned application (the host)', params: idParams, consumes: ['multipart/form-data'] } },
    async (req, reply) => {
      const actor = requireRole(req, 'enterprise', 'institution');
      const file = await req.file({ limits: { fileSize: MAX_PLATFORM_FILE_BYTES } });
      if (!file) throw new AppError(400, 'FILE_REQUIRED');
      return reply.code(201).send(await addApplicationFile(db, actor, auditActorOf(req), req.params.id, { fileName: file.filename.slice(0, 200), data: await file.toBuffer() }));
    });
  r.get(`${P}/:id/attachments/:fileId`, { schema: { tags: ['platforms'], summary: 'Download a file of an application', params: idParams.extend({ fileId: z.coerce.number().int().positive() }) } },
    async (req, reply) => { const f = await readApplicationFile(db, requireActor(req), req.params.id, req.params.fileId); return sendFile(reply, f.fileName, f.contentType, f.data); });

  const R = '/platform-certification-reviews';
  r.get(R, { schema: { tags: ['platforms'], summary: "The expert's own certification reviews", querystring: z.object({ status: z.enum(['assigned', 'declared', 'submitted']).optional() }) } },
    async (req) => myPlatformReviews(db, requireRole(req, 'expert'), req.query));
  r.get(`${R}/:id`, { schema: { tags: ['platforms'], summary: 'One review (the content opens after the declaration)', params: idParams } },
    async (req) => getMyPlatformReview(db, requireRole(req, 'expert'), req.params.id));
  r.post(`${R}/:id/declare`, { schema: { tags: ['platforms'], summary: 'Declare no conflict (with the pledge) or a conflict (with a reason)', params: idParams,
    body: z.object({ conflict: z.boolean(), pledge: z.boolean().optional(), reason: z.string().max(2000).optional() }) } },
  async (req) => declarePlatformReview(db, requireRole(req, 'expert'), auditActorOf(req), req.params.id, req.body));
  r.put(`${R}/:id`, { schema: { tags: ['platforms'], summary: 'Save scores and opinion as a draft', params: idParams, body: z.object({ scores, comment: z.string().max(5000).optional() }) } },
    async (req) => savePlatformReview(db, requireRole(req, 'expert'), auditActorOf(req), req.params.id, req.body));
  r.post(`${R}/:id/submit`, { schema: { tags: ['platforms'], summary: 'Submit scores and opinion (once)', params: idParams, body: z.object({ scores: scores.optional(), comment: z.string().max(5000).optional() }) } },
    async (req) => submitPlatformReview(db, requireRole(req, 'expert'), auditActorOf(req), req.params.id, req.body));
}
