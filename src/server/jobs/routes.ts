/**
 * The jobs, for administrators: GET /api/v1/jobs lists every definition with its last run;
 * POST /api/v1/jobs/:name/run starts one now — enqueued in the transaction of its audit row, or,
 * on a server without the queue (KECHUANG_JOBS=0), run in the request.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditActorOf, requireRole } from '../http/actor';
import { errors } from '../http/errors';
import { recordAudit } from '../modules/audit/record';
import { deliveryFromConfig } from './adapters';
import { readJobRuns, runJob } from './job-run';
import { jobContext } from './queue';

const jobSchema = z.object({
  name: z.string(),
  cron: z.string().nullable(),
  description: z.object({ zh: z.string(), en: z.string() }),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  ok: z.boolean().nullable(),
  result: z.record(z.string(), z.unknown()).nullable(),
  error: z.string().nullable(),
  runs: z.number(),
});

export default async function jobRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app;

  r.get('/', {
    schema: { tags: ['jobs'], summary: 'Scheduled and background jobs with their last run (admin)',
      response: { 200: z.object({ items: z.array(jobSchema), queueRunning: z.boolean() }) } },
  }, async (req) => {
    requireRole(req, 'admin');
    const runs = await readJobRuns(db);
    const items = app.jobs.definitions.map((def) => {
      const run = runs.get(def.name);
      return {
        name: def.name, cron: def.cron ?? null, description: { zh: def.description[0], en: def.description[1] },
        startedAt: run?.startedAt ?? null, finishedAt: run?.finishedAt ?? null, ok: run?.ok ?? null,
        result: run?.result ?? null, error: run?.error ?? null, runs: run?.runs ?? 0,
      };
    });
    return { items, queueRunning: app.jobs.queue !== null };
  });

  r.post('/:name/run', {
    schema: { tags: ['jobs'], summary: 'Run a job now (admin)', params: z.object({ name: z.string().max(100) }),
      response: {
        202: z.object({ name: z.string(), jobId: z.string().nullable() }).describe('enqueued (jobId null: a run was already waiting)'),
        200: z.object({ name: z.string(), result: z.record(z.string(), z.unknown()) }).describe('run in the request (this server runs no queue)'),
      } },
  }, async (req, reply) => {
    requireRole(req, 'admin');
    const { name } = req.params;
    const def = app.jobs.definitions.find((d) => d.name === name);
    if (!def) throw errors.notFound();
    const queue = app.jobs.queue;
    const jobId = await db.transaction(async (tx) => {
      await recordAudit(tx, auditActorOf(req), { action: 'job.run', targetType: 'job', targetId: name });
      return queue ? queue.runNow(name, tx) : null;
    });
    if (queue) return reply.code(202).send({ name, jobId });
    const result = await runJob(def, jobContext(db, app.config, deliveryFromConfig(app.config), (n) => app.jobs.trigger(n)));
    return { name, result };
  });
}
