/** Review assignments (/calls/:id/assignments, /applications/:id/assignments), experts' reviews (/reviews), ranking and the board. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditActorOf, requireRole } from '../../http/actor';
import { nameField } from '../../http/fields';
import { assignAutomatically, assignByHand, listAssignments, removeAssignment } from './assignment';
import { declare, getMyReview, myReviews, saveReview, submitReview } from './expert-reviews';
import { callBoard, callFundingPlan, callRanking } from './ranking';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const scores = z.record(z.string(), z.number());

export default async function reviewRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app;
  const staff = (req: Parameters<typeof requireRole>[0]) => requireRole(req, 'admin', 'staff');

  r.post('/calls/:id/assignments/auto', { schema: { tags: ['reviews'], summary: 'Draw experts at random (回避 applied), topping each application up', params: idParams,
    body: z.object({ seed: z.string().trim().min(1).max(64).optional() }).optional() } },
  async (req) => assignAutomatically(db, staff(req), auditActorOf(req), req.params.id, req.body?.seed));
  r.get('/calls/:id/assignments', { schema: { tags: ['reviews'], summary: 'Who reviews what in a call', params: idParams } },
    async (req) => listAssignments(db, staff(req), req.params.id));
  r.get('/calls/:id/ranking', { schema: { tags: ['reviews'], summary: 'The ranking by weighted mean score', params: idParams,
    querystring: z.object({ dropExtremes: z.enum(['true', 'false']).optional() }) } },
  async (req) => callRanking(db, staff(req), req.params.id, req.query.dropExtremes == null ? undefined : req.query.dropExtremes === 'true'));
  r.get('/calls/:id/funding-plan', { schema: { tags: ['reviews'], summary: 'Funding down the ranking within the budget', params: idParams,
    querystring: z.object({ minScore: z.coerce.number().min(0).max(1000).optional() }) } },
  async (req) => callFundingPlan(db, staff(req), req.params.id, req.query.minScore));
  r.get('/calls/:id/board', { schema: { tags: ['reviews'], summary: 'The call board: states, review progress, distribution, matrix with outliers', params: idParams } },
    async (req) => callBoard(db, staff(req), req.params.id));
  r.post('/applications/:id/assignments', { schema: { tags: ['reviews'], summary: 'Assign experts by hand (a 回避 breach: 409 CONFLICT_OF_INTEREST)', params: idParams,
    body: z.object({ expertIds: z.array(z.number().int().positive()).min(1).max(15) }) } },
  async (req) => assignByHand(db, staff(req), auditActorOf(req), req.params.id, req.body.expertIds));
  r.delete('/assignments/:id', { schema: { tags: ['reviews'], summary: 'Take an expert off an application before they submit', params: idParams,
    querystring: z.object({ reason: nameField(200) }) } },
  async (req, reply) => { await removeAssignment(db, staff(req), auditActorOf(req), req.params.id, req.query.reason); return reply.code(204).send(); });

  const expert = (req: Parameters<typeof requireRole>[0]) => requireRole(req, 'expert');
  r.get('/reviews', { schema: { tags: ['reviews'], summary: 'My review tasks (experts)', querystring: z.object({ status: z.enum(['assigned', 'declared', 'submitted']).optional() }) } },
    async (req) => myReviews(db, expert(req), req.query));
  r.get('/reviews/:id', { schema: { tags: ['reviews'], summary: 'One of my reviews with its application (blind review hides the applicant)', params: idParams } },
    async (req) => getMyReview(db, expert(req), req.params.id));
  r.post('/reviews/:id/declare', { schema: { tags: ['reviews'], summary: 'Sign the pledge and declare no conflict, or declare one', params: idParams,
    body: z.object({ conflict: z.boolean(), pledge: z.boolean().optional(), reason: z.string().trim().max(500).optional() }) } },
  async (req) => declare(db, expert(req), auditActorOf(req), req.params.id, req.body));
  r.put('/reviews/:id', { schema: { tags: ['reviews'], summary: 'Save scores and comment (a draft)', params: idParams,
    body: z.object({ scores, comment: z.string().max(5000).optional() }) } },
  async (req) => saveReview(db, expert(req), auditActorOf(req), req.params.id, req.body));
  r.post('/reviews/:id/submit', { schema: { tags: ['reviews'], summary: 'Submit once (a second answers 409)', params: idParams,
    body: z.object({ scores: scores.optional(), comment: z.string().max(5000).optional() }).optional() } },
  async (req) => submitReview(db, expert(req), auditActorOf(req), req.params.id, req.body ?? {}));
}
