/**
 * Achievement evaluation over HTTP (register without a prefix, under /api/v1):
 *
 *   GET  /evaluation-criteria                       { sets: [{ class, evaluatorType, criteria, expertsPerEvaluation, version }], levels }
 *   PUT  /evaluation-criteria/:class                staff, admins: { evaluatorType, criteria, expertsPerEvaluation, version }
 *   PUT  /evaluation-criteria/levels                staff, admins: { levels: [{ code, nameZh, nameEn }] } in order → { levels }
 *   POST /achievements/:id/evaluations              the owner or the region's staff: { class, note?, expertsRequired? (staff) } → { id }
 *   GET  /evaluations                               list (?status, class, achievementId, regionCode, q, page, pageSize, sort)
 *   GET  /evaluations/:id                           one (staff: with the panel)
 *   POST /evaluations/:id/assignments               staff: { expertIds } (回避: 409 CONFLICT_OF_INTEREST, error.details.rule)
 *   POST /evaluations/:id/assignments/auto          staff: { seed? } → { assigned, unfilled, seed }
 *   POST /evaluations/:id/conclude                  staff: { level, opinion } → { id, status, level, score }
 *   POST /evaluations/:id/withdraw                  the owner (requested only) or staff: { reason? }
 *   GET  /evaluations/:id/report.docx               the 评价报告 (concluded only)
 *   GET  /evaluation-reviews                        experts: their assignments
 *   GET  /evaluation-reviews/:id                    one, with the achievement (its text after the declaration)
 *   POST /evaluation-reviews/:id/declare            { conflict, pledge?, reason? }
 *   PUT  /evaluation-reviews/:id                    { scores, comment? } (a draft)
 *   POST /evaluation-reviews/:id/submit             { scores?, comment? } once; a second answers 409 REVIEW_SUBMITTED
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditActorOf, requireRole } from '../../http/actor';
import { pagingSchema } from '../../http/list-query';
import { regionCodeField } from '../../http/fields';
import { assignEvaluationExperts, drawEvaluationExperts } from './evaluation-assignment';
import { activeLevels, criteriaSets, EVALUATION_CLASSES, EVALUATOR_TYPES, updateCriteriaSet, updateLevels } from './evaluation-criteria';
import { reportDocx, reportModel } from './evaluation-report';
import { declareEvaluation, getMyEvaluationReview, myEvaluationReviews, saveEvaluationReview, submitEvaluationReview } from './evaluation-reviews';
import { concludeEvaluation, EVALUATION_STATUSES, getEvaluation, listEvaluations, requestEvaluation, withdrawEvaluation } from './evaluations';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const idParams = z.object({ id: z.coerce.number().int().positive() });
const scores = z.record(z.string(), z.number());
const criterion = z.object({ code: z.string().trim().regex(/^[a-z][a-z0-9_]{0,39}$/), name: z.string().trim().min(1).max(40),
  weight: z.number().positive().max(1), max: z.number().positive().max(1000) });

export default async function evaluationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app;
  const tags = ['evaluations'];
  const staff = (req: Parameters<typeof requireRole>[0]) => requireRole(req, 'admin', 'staff');
  const reader = (req: Parameters<typeof requireRole>[0]) => requireRole(req, 'admin', 'staff', 'enterprise', 'institution');

  r.get('/evaluation-criteria', { schema: { tags, summary: 'The criteria set of each class and the conclusion levels' } },
    async (req) => { requireRole(req, 'admin', 'staff', 'enterprise', 'institution', 'expert'); return { sets: await criteriaSets(db), levels: await activeLevels(db) }; });
  r.put('/evaluation-criteria/levels', { schema: { tags, summary: 'Set the conclusion levels, in order (those left out are deactivated)',
    body: z.object({ levels: z.array(z.object({ code: z.string().trim().regex(/^[a-z][a-z_]{0,39}$/), nameZh: z.string().trim().min(1).max(20),
      nameEn: z.string().trim().min(1).max(40) })).min(1).max(20) }) } },
  async (req) => ({ levels: await updateLevels(db, staff(req), auditActorOf(req), req.body.levels) }));
  r.put('/evaluation-criteria/:class', { schema: { tags, summary: "Change a class's criteria set (weights sum to 1)",
    params: z.object({ class: z.enum(EVALUATION_CLASSES) }),
    body: z.object({ evaluatorType: z.enum(EVALUATOR_TYPES), criteria: z.array(criterion).min(1).max(20), expertsPerEvaluation: z.number().int().min(1).max(15), version: z.number().int() }) } },
  async (req) => updateCriteriaSet(db, staff(req), auditActorOf(req), req.params.class, req.body));

  r.post('/achievements/:id/evaluations', { schema: { tags, summary: 'Request an evaluation of an achievement (its organisation, or the region\'s staff)', params: idParams,
    body: z.object({ class: z.enum(EVALUATION_CLASSES), note: z.string().max(2000).optional(), expertsRequired: z.number().int().min(1).max(15).optional() }) } },
  async (req, reply) => reply.code(201).send({ id: await requestEvaluation(db, reader(req), auditActorOf(req), req.params.id, req.body) }));

  r.get('/evaluations', { schema: { tags, summary: 'Evaluations (staff: their region; an organisation: its own)',
    querystring: pagingSchema.extend({ status: z.enum(EVALUATION_STATUSES).optional(), class: z.enum(EVALUATION_CLASSES).optional(),
      achievementId: z.coerce.number().int().positive().optional(), regionCode: regionCodeField.optional() }) } },
  async (req) => { const { page, pageSize, ...f } = req.query; return listEvaluations(db, reader(req), f, page, pageSize); });
  r.get('/evaluations/:id', { schema: { tags, summary: 'One evaluation (staff see the panel)', params: idParams } },
    async (req) => getEvaluation(db, reader(req), req.params.id));
  r.post('/evaluations/:id/assignments', { schema: { tags, summary: 'Assign experts by hand (a 回避 breach: 409 CONFLICT_OF_INTEREST)', params: idParams,
    body: z.object({ expertIds: z.array(z.number().int().positive()).min(1).max(15) }) } },
  async (req) => assignEvaluationExperts(db, staff(req), auditActorOf(req), req.params.id, req.body.expertIds));
  r.post('/evaluations/:id/assignments/auto', { schema: { tags, summary: 'Draw experts at random (回避 applied) up to the number required', params: idParams,
    body: z.object({ seed: z.string().trim().min(1).max(64).optional() }).optional() } },
  async (req) => drawEvaluationExperts(db, staff(req), auditActorOf(req), req.params.id, req.body?.seed));
  r.post('/evaluations/:id/conclude', { schema: { tags, summary: 'Conclude a scored evaluation with a level and an opinion (score: the weighted mean)', params: idParams,
    body: z.object({ level: z.string().trim().min(1).max(40), opinion: z.string().trim().min(1).max(5000) }) } },
  async (req) => concludeEvaluation(db, staff(req), auditActorOf(req), req.params.id, req.body));
  r.post('/evaluations/:id/withdraw', { schema: { tags, summary: 'Withdraw a request (the organisation before experts are assigned; staff until concluded)', params: idParams,
    body: z.object({ reason: z.string().trim().max(500).optional() }).optional() } },
  async (req) => withdrawEvaluation(db, reader(req), auditActorOf(req), req.params.id, req.body?.reason));
  r.get('/evaluations/:id/report.docx', { schema: { tags, summary: '科技成果评价报告 (Word), once concluded', params: idParams } }, async (req, reply) => {
    const model = await reportModel(db, reader(req), req.params.id);
    const name = `${model.title}-评价报告.docx`.replace(/[\\/:*?"<>|]/g, '_');
    return reply.header('content-type', DOCX)
      .header('content-disposition', `attachment; filename="evaluation.docx"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .send(await reportDocx(model));
  });

  const expert = (req: Parameters<typeof requireRole>[0]) => requireRole(req, 'expert');
  r.get('/evaluation-reviews', { schema: { tags, summary: 'My evaluations to score (experts)', querystring: z.object({ status: z.enum(['assigned', 'declared', 'submitted']).optional() }) } },
    async (req) => myEvaluationReviews(db, expert(req), req.query));
  r.get('/evaluation-reviews/:id', { schema: { tags, summary: 'One of my evaluations with the achievement', params: idParams } },
    async (req) => getMyEvaluationReview(db, expert(req), req.params.id));
  r.post('/evaluation-reviews/:id/declare', { schema: { tags, summary: 'Declare no conflict (with the pledge) or a conflict', params: idParams,
    body: z.object({ conflict: z.boolean(), pledge: z.boolean().optional(), reason: z.string().trim().max(500).optional() }) } },
  async (req) => declareEvaluation(db, expert(req), auditActorOf(req), req.params.id, req.body));
  r.put('/evaluation-reviews/:id', { schema: { tags, summary: 'Save scores and opinion (a draft)', params: idParams,
    body: z.object({ scores, comment: z.string().max(5000).optional() }) } },
  async (req) => saveEvaluationReview(db, expert(req), auditActorOf(req), req.params.id, req.body));
  r.post('/evaluation-reviews/:id/submit', { schema: { tags, summary: 'Submit once (a second answers 409)', params: idParams,
    body: z.object({ scores: scores.optional(), comment: z.string().max(5000).optional() }).optional() } },
  async (req) => submitEvaluationReview(db, expert(req), auditActorOf(req), req.params.id, req.body ?? {}));
}
