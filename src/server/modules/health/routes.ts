import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

export default async function healthRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get('/health', {
    schema: { tags: ['health'], summary: 'Liveness and database reachability',
      response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']), restarts: z.number() }) } },
  }, async () => {
    await app.db.query('SELECT 1');
    return { status: 'ok' as const, database: app.db.kind, restarts: app.db.embedded?.restarts ?? 0 };
  });
}
