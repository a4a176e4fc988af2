/**
 * What a job is: a name, an optional cron schedule and a function. A module adds its job by
 * adding a definition to registry.ts; the queue (queue.ts) creates its pg-boss queue, schedules
 * it and records each run in job_run. A job may run on several servers at once, twice in a row or
 * after a crash half-way, so every job must be idempotent: claim with SKIP LOCKED, dedupe keys,
 * deletes by age.
 */
import type { Config } from '../config';
import type { Database } from '../db/database';
import type { Delivery } from './adapters';

/** The time zone schedules and "today" are read in (the bureau's). */
export const JOB_TIME_ZONE = 'Asia/Shanghai';

export interface JobContext {
  db: Database;
  config: Config;
  /** The adapter of each outbox channel. */
  delivery: Delivery;
  /** Asks the queue to run another job soon (e.g. the outbox after writing SMS); no-op without a queue. */
  trigger(name: string): Promise<void>;
}

/** What a run returns, kept in job_run.result for the admin view (counts, small). */
export type JobResult = Record<string, unknown>;

export interface JobDefinition {
  /** The pg-boss queue name and the job_run key, e.g. outbox.send */
  name: string;
  /** Five-field cron in JOB_TIME_ZONE; pg-boss starts it once per tick across all servers. */
  cron?: string;
  /** What it does, for the admin view: [zh, en]. */
  description: [zh: string, en: string];
  run(ctx: JobContext): Promise<JobResult>;
  /** Retries by the queue after a failed run (default 2, with exponential backoff from 30 s). */
  retryLimit?: number;
  /** A run taking longer is failed by the queue (default 15 minutes). */
  expireInSeconds?: number;
}
