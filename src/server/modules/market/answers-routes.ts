/**
 * Answers to demands over HTTP. Register without a prefix inside /api/v1:
 *
 *   POST /demands/:id/answers                 answer a published demand (institution, enterprise, expert)
 *   GET  /demands/:id/answers                 the demand's answers (its organisation, its region's staff)
 *   POST /demands/:id/outcome                 close the demand with its outcome
 *   GET  /answers?mine=true                   answers the actor may read (mine: its own)
 *   GET  /answers/:id · PUT /answers/:id      one answer; change it while submitted
 *   POST /answers/:id/withdraw|shortlist|reject|pick
 *   POST|GET|DELETE /answers/:id/attachments[/:fileId]
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditActorOf, requireActor, requireRole } from '../../http/actor';
import { AppError } from '../../http/errors';
import { pagingSchema } from '../../http/list-query';
import { DEMAND_OUTCOMES } from './kinds';
import {
  addAnswerFile, ANSWER_STATUSES, createAnswer, decideAnswer, getAnswer, listAnswers, listDemandAnswers, MAX_ANSWER_FILE_BYTES, readAnswerFile,
  recordDemandOutcome, removeAnswerFile, updateAnswer, withdrawAnswer,
} from './answers';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const fileParams = idParams.extend({ fileId: z.coerce.number().int().positive() });
const answerBody = z.object({
  proposal: z.string().trim().min(1).max(20_000), plan: z.string().max(50_000).default(''),
  price: z.number().int().min(0).max(1e13).nullable().optional(), durationMonths: z.number().int().min(1).max(240).nullable().optional(),
});
const note = z.object({ note: z.string().max(2000).optional() }).optional();
const tags = ['answers'];

export async function answerRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app;

  r.post('/demands/:id/answers', { schema: { tags, summary: 'Answer a published demand open to you with a proposal (答题)', params: idParams, body: answerBody } },
    async (req, reply) => reply.code(201).send({ id: await createAnswer(db, requireRole(req, 'enterprise', 'institution', 'expert'), auditActorOf(req), req.params.id, req.body) }));
  r.get('/demands/:id/answers', { schema: { tags, summary: "The demand's answers (its organisation and its region's staff only)", params: idParams,
    querystring: pagingSchema.extend({ status: z.enum(ANSWER_STATUSES).optional() }) } },
  async (req) => listDemandAnswers(db, requireActor(req), req.params.id, req.query.status, req.query.page, req.query.pageSize));
  r.post('/demands/:id/outcome', { schema: { tags, summary: 'Close a published demand with its outcome (agreement / contract after a pick, or failed)', params: idParams,
    body: z.object({ outcome: z.enum(DEMAND_OUTCOMES), note: z.string().max(2000).optional(), version: z.number().int().optional() }) } },
  async (req) => recordDemandOutcome(db, requireRole(req, 'enterprise', 'institution', 'staff', 'admin'), auditActorOf(req), req.params.id, req.body));

  r.get('/answers', { schema: { tags, summary: 'Answers the actor may read; mine=true: its own', querystring: pagingSchema.extend({
    mine: z.enum(['true', 'false']).optional(), demandId: z.coerce.number().int().positive().optional(), status: z.enum(ANSWER_STATUSES).optional() }) } },
  async (req) => { const { page, pageSize, mine, ...f } = req.query; return listAnswers(db, requireActor(req), { ...f, mine: mine === 'true' }, page, pageSize); });
  r.get('/answers/:id', { schema: { tags, summary: 'One answer', params: idParams } }, async (req) => getAnswer(db, requireActor(req), req.params.id));
  r.put('/answers/:id', { schema: { tags, summary: 'Change an own answer while it is submitted', params: idParams, body: answerBody.extend({ version: z.number().int() }) } },
    async (req) => {
      await updateAnswer(db, requireRole(req, 'enterprise', 'institution', 'expert'), auditActorOf(req), req.params.id, req.body);
      return getAnswer(db, req.actor!, req.params.id);
    });
  r.post('/answers/:id/withdraw', { schema: { tags, summary: 'Withdraw an own answer before a decision', params: idParams } }, async (req) => {
    await withdrawAnswer(db, requireRole(req, 'enterprise', 'institution', 'expert'), auditActorOf(req), req.params.id);
    return { id: req.params.id, status: 'withdrawn' };
  });
  for (const action of ['shortlist', 'reject', 'pick'] as const) {
    r.post(`/answers/:id/${action}`, { schema: { tags, summary: `${action} an answer to your organisation's demand (阅卷)`, params: idParams, body: note } },
      async (req) => ({ id: req.params.id, status: await decideAnswer(db, requireRole(req, 'enterprise', 'institution'), auditActorOf(req), req.params.id, action, req.body?.note) }));
  }

  r.post('/answers/:id/attachments', { schema: { tags, summary: 'Attach a file to an own submitted answer (multipart "file")', params: idParams, consumes: ['multipart/form-data'] } },
    async (req, reply) => {
      const actor = requireRole(req, 'enterprise', 'institution', 'expert');
      const file = await req.file({ limits: { fileSize: MAX_ANSWER_FILE_BYTES } });
      if (!file) throw new AppError(400, 'FILE_REQUIRED');
      const data = await file.toBuffer();
      return reply.code(201).send(await addAnswerFile(db, actor, auditActorOf(req), req.params.id, { fileName: file.filename.slice(0, 200), data }));
    });
  r.get('/answers/:id/attachments/:fileId', { schema: { tags, summary: 'Download a file of an answer', params: fileParams } }, async (req, reply) => {
    const f = await readAnswerFile(db, requireActor(req), req.params.id, req.params.fileId);
    return reply.header('content-type', f.contentType).header('content-disposition', `attachment; filename="attachment"; filename*=UTF-8''${encodeURIComponent(f.fileName)}`).send(f.data);
  });
  r.delete('/answers/:id/attachments/:fileId', { schema: { tags, summary: 'Remove a file of an own submitted answer', params: fileParams } }, async (req, reply) => {
    await removeAnswerFile(db, requireRole(req, 'enterprise', 'institution', 'expert'), auditActorOf(req), req.params.id, req.params.fileId);
    return reply.code(204).send();
  });
}
