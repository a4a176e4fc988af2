/** 精准匹配 routes: a demand's matches, an achievement's, marks on them, and staff pushing a match. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditActorOf, requireActor, requireRole } from '../../http/actor';
import { markMatch, markSummary, pushMatch } from './match-marks';
import { achievementMatches, demandMatches } from './matching';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const id = z.number().int().positive();

export default async function matchingRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app;
  r.get('/demands/:id/matches', { schema: { tags: ['market'], params: idParams,
    summary: "A demand's top 20 published achievements and top 10 experts, each with score (0–100) and reasons { terms, field, region, maturity } (the demand's organisation, staff)" } },
  async (req) => demandMatches(db, requireActor(req), req.params.id));
  r.get('/achievements/:id/matches', { schema: { tags: ['market'], params: idParams,
    summary: "An achievement's top 20 published demands and their enterprises, with reasons (its owner, staff)" } },
  async (req) => achievementMatches(db, requireActor(req), req.params.id));
  r.post('/matches/mark', { schema: { tags: ['market'], summary: 'Mark a match useful or dismissed (null clears); kept with the rank and score shown',
    body: z.object({ demandId: id, achievementId: id.nullable().optional(), expertId: id.nullable().optional(), mark: z.enum(['useful', 'dismissed']).nullable(),
      rank: z.number().int().min(1).max(100).nullable().optional(), score: z.number().min(0).max(100).nullable().optional() }) } },
  async (req) => markMatch(db, requireActor(req), req.body));
  r.get('/matches/summary', { schema: { tags: ['market'], summary: "Marks in the staff's region: useful, dismissed, precision@3 of what users marked" } },
    async (req) => markSummary(db, requireActor(req)));
  r.post('/matches/push', { schema: { tags: ['market'], summary: 'Push a match to the demand’s enterprise and the achievement’s owner (staff; once per pair)',
    body: z.object({ demandId: id, achievementId: id, score: z.number().min(0).max(100).nullable().optional() }) } },
  async (req, reply) => reply.code(201).send(await pushMatch(db, requireRole(req, 'staff', 'admin'), auditActorOf(req), req.body)));
}
