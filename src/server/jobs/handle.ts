/**
 * The app's handle on the job queue: buildApp creates it empty, the server (main.ts) puts the
 * running queue in it when KECHUANG_JOBS is on. Routes and modules reach the queue through it
 * (`app.jobs.trigger('outbox.send')` after writing SMS), and do without when there is none.
 */
import type { JobDefinition } from './definition';
import type { JobQueue } from './queue';
import { JOBS } from './registry';

export class Jobs {
  queue: JobQueue | null = null;
  constructor(readonly definitions: readonly JobDefinition[] = JOBS) {}

  /** Asks for a run soon; nothing when this server runs no queue (the job's cron picks the work up). */
  async trigger(name: string): Promise<void> {
    await this.queue?.runNow(name).catch((error: Error) => console.error(`job queue: ${error.message}`));
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    jobs: Jobs;
  }
}
