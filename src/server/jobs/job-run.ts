/**
 * Runs one job and records it in job_run (the admin view reads it): started_at and runs + 1 when
 * it starts, finished_at, ok, result or error when it ends. The previous outcome stays until the
 * new one is known, so started_at > finished_at reads as "running".
 */
import type { Queryable } from '../db/database';
import type { JobContext, JobDefinition, JobResult } from './definition';

export async function runJob(definition: JobDefinition, ctx: JobContext): Promise<JobResult> {
  const { db } = ctx;
  await db.query(
    `INSERT INTO job_run (name, started_at, runs) VALUES ($1, now(), 1)
     ON CONFLICT (name) DO UPDATE SET started_at = now(), runs = job_run.runs + 1`, [definition.name]);
  try {
    const result = await definition.run(ctx);
    await db.query(`UPDATE job_run SET finished_at = now(), ok = true, result = $2, error = NULL WHERE name = $1`,
      [definition.name, JSON.stringify(result ?? {})]);
    return result;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db.query(`UPDATE job_run SET finished_at = now(), ok = false, result = NULL, error = $2 WHERE name = $1`,
      [definition.name, message.slice(0, 2000)]).catch(() => {});
    throw error;
  }
}

export interface JobRunRow {
  name: string;
  startedAt: string | null;
  finishedAt: string | null;
  ok: boolean | null;
  result: JobResult | null;
  error: string | null;
  runs: number;
}

export async function readJobRuns(db: Queryable): Promise<Map<string, JobRunRow>> {
  const { rows } = await db.query(`SELECT name, started_at, finished_at, ok, result, error, runs FROM job_run`);
  return new Map(rows.map((r) => [r.name, {
    name: r.name,
    startedAt: r.started_at ? new Date(r.started_at).toISOString() : null,
    finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
    ok: r.ok,
    result: r.result,
    error: r.error,
    runs: r.runs,
  }]));
}
