/** /api/v1/inbox: the signed-in user's 待办 from every module (kinds.ts). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../http/actor';
import { INBOX_KINDS } from './kinds';
import { inboxOf } from './registry';

const itemSchema = z.object({
  kind: z.string(), title: z.string(), whose: z.string().nullable().optional(), link: z.string(), since: z.string(),
  dueOn: z.string().nullable().optional(), overdue: z.boolean(),
});

export default async function inboxRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app;
  r.get('/', {
    schema: {
      tags: ['inbox'], summary: "What waits for the caller's action, from every module: overdue first, then by deadline; counts per kind",
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(20) }),
      response: { 200: z.object({ items: z.array(itemSchema), counts: z.record(z.string(), z.number()), kinds: z.array(z.object({ kind: z.string(), name: z.string(), count: z.number() })) }) },
    },
  }, async (req) => inboxOf(db, INBOX_KINDS, requireActor(req), req.lang, req.query.limit));
}
