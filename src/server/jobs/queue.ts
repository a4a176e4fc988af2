/**
 * The job queue: pg-boss 10 on our own database handle (the `pg` pool, over the embedded PGlite
 * socket or PostgreSQL alike), its tables in schema pgboss. Each job definition gets a queue, a
 * worker and — when it has a cron — a schedule that pg-boss fires once per tick across all
 * servers. Queues use the "short" policy: at most one run waits, so a burst of triggers (the
 * outbox after every SMS written) collapses into one run; runs on different servers may still
 * overlap, which the jobs themselves make harmless (see definition.ts).
 */
import pg from 'pg';
import PgBoss from 'pg-boss';
import type { Config } from '../config';
import type { Database, Queryable } from '../db/database';
import { deliveryFromConfig, type Delivery } from './adapters';
import { JOB_TIME_ZONE, type JobContext, type JobDefinition, type JobResult } from './definition';
import { runJob } from './job-run';
import { JOBS } from './registry';

export const PGBOSS_SCHEMA = 'pgboss';

export interface JobQueueOptions {
  definitions?: readonly JobDefinition[];
  /** Adapters per channel (default: from config — webhooks, else the stderr log). */
  delivery?: Delivery;
  /** How often each worker asks for a run (default 5 s). */
  pollingIntervalSeconds?: number;
  /** Create the cron schedules and fire them (default true). */
  schedule?: boolean;
  /** pg-boss maintenance (expiring, archiving, deleting its own old jobs); default true. */
  supervise?: boolean;
  /** pg-boss errors (a failed poll, a lost connection); default: one line on stderr. */
  onError?: (error: Error) => void;
}

export interface JobQueue {
  boss: PgBoss;
  definitions: readonly JobDefinition[];
  /**
   * Enqueues a run of `name`; with `tx`, inside that transaction (it commits with the caller's
   * change). Returns the pg-boss job id, or null when a run is already waiting.
   */
  runNow(name: string, tx?: Queryable): Promise<string | null>;
  /** Waits for a job enqueued by runNow to end; its output, or throws with its error. */
  waitFor(name: string, id: string, timeoutMs?: number): Promise<JobResult>;
  /** Stops polling and schedules, waits (up to 10 s) for runs under way; leaves the database open. */
  stop(): Promise<void>;
}

/** The context jobs get; `trigger` reaches the queue when there is one. */
export function jobContext(db: Database, config: Config, delivery: Delivery, trigger: (name: string) => Promise<void> = async () => {}): JobContext {
  return { db, config, delivery, trigger };
}

export async function startJobQueue(db: Database, config: Config, options: JobQueueOptions = {}): Promise<JobQueue> {
  const definitions = options.definitions ?? JOBS;
  const byName = new Map(definitions.map((d) => [d.name, d]));
  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 5;
  const executor = (q: Queryable): PgBoss.Db => ({ executeSql: (text, values) => q.query(text, values) });
  const boss = new PgBoss({
    db: executor(db),
    schema: PGBOSS_SCHEMA,
    supervise: options.supervise ?? true,
    schedule: options.schedule ?? true,
    // its own bookkeeping of finished jobs; job_run keeps the last outcome for the admin view
    deleteAfterDays: 7,
  });
  const onError = options.onError ?? ((error: Error) => console.error(`job queue: ${error.message}`));
  // without a listener an 'error' event would end the process
  boss.on('error', onError);

  const runNow = async (name: string, tx?: Queryable): Promise<string | null> => {
    if (!byName.has(name)) throw new Error(`no such job: ${name}`);
    return boss.send(name, {}, tx ? { db: executor(tx) } : {});
  };
  const ctx = jobContext(db, config, options.delivery ?? deliveryFromConfig(config), async (name) => {
    await runNow(name).catch((error: Error) => onError(error));
  });

  await oneAtATime(db, async () => {
    await boss.start();
    for (const def of definitions) {
      const settings = {
        policy: 'short' as const,
        retryLimit: def.retryLimit ?? 2,
        retryDelay: 30,
        retryBackoff: true,
        expireInSeconds: def.expireInSeconds ?? 15 * 60,
      };
      // the definition decides, not whichever server created the queue first
      if (await boss.getQueue(def.name)) await boss.updateQueue(def.name, { name: def.name, ...settings });
      else await boss.createQueue(def.name, { name: def.name, ...settings });
      if (options.schedule ?? true) {
        if (def.cron) await boss.schedule(def.name, def.cron, {}, { tz: JOB_TIME_ZONE });
        else await boss.unschedule(def.name);
      }
    }
  });
  for (const def of definitions) {
    await boss.work(def.name, { pollingIntervalSeconds, batchSize: 1 }, async () => runJob(def, ctx));
  }

  return {
    boss,
    definitions,
    runNow,
    async waitFor(name, id, timeoutMs = 30_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const job = await boss.getJobById(name, id);
        if (job?.state === 'completed') return (job.output ?? {}) as JobResult;
        if (job?.state === 'failed' || job?.state === 'cancelled') {
          const output = job.output as { message?: string } | null;
          throw new Error(output?.message ?? `job ${name} ${job.state}`);
        }
        if (Date.now() > until) throw new Error(`job ${name} still ${job?.state ?? 'missing'} after ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000, close: false });
    },
  };
}

/**
 * Servers starting side by side set pg-boss up one at a time. pg-boss 10.4.2 creates a queue
 * (a row in pgboss.queue plus a partition attached to pgboss.job) outside its advisory lock, and
 * two servers creating queues at once deadlock on PostgreSQL ("deadlock detected" in create_queue,
 * seen in two-instances.test.ts). A session advisory lock on a connection of its own — no
 * transaction, so on the embedded database it holds no one's turn (and there all connections
 * share one session, where the lock simply succeeds).
 */
async function oneAtATime<T>(db: Database, work: () => Promise<T>): Promise<T> {
  const client = new pg.Client(db.connection);
  client.on('error', () => {});
  await client.connect();
  try {
    await client.query(`SELECT pg_advisory_lock(hashtext('kechuang.jobs.start'))`);
    return await work();
  } finally {
    await client.query(`SELECT pg_advisory_unlock(hashtext('kechuang.jobs.start'))`).catch(() => {});
    await client.end().catch(() => {});
  }
}
