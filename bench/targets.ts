/**
 * The databases a benchmark runs on: a fresh embedded PGlite (in a temporary directory, as
 * `npm start` uses it) and, when BENCH_DATABASE_URL or TEST_DATABASE_URL is set, a fresh
 * database on that PostgreSQL server.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/server/db/database';
import { migrate } from '../src/server/db/migrate';
import { openTestDatabase, type TestDatabase } from '../src/server/test/harness';

export interface BenchTarget { name: 'pglite' | 'postgres'; open(): Promise<TestDatabase> }

export function benchTargets(): BenchTarget[] {
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const targets: BenchTarget[] = [{
    name: 'pglite',
    async open() {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-bench-'));
      const db = await openDatabase({ databaseUrl: null, dataDir: dir, queryTimeoutMs: 600_000 });
      await migrate(db);
      return { db, async drop() { await db.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
    },
  }];
  if (url) {
    targets.push({ name: 'postgres', open: () => {
      process.env.TEST_DATABASE_URL = url;
      return openTestDatabase('postgres');
    } });
  }
  return targets;
}

export function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

/** Tracks the peak resident set size while `work` runs. */
export async function withPeakRss<T>(work: () => Promise<T>): Promise<{ result: T; peakMb: number; seconds: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 50);
  const start = performance.now();
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, peakMb: Math.round(peak / 2 ** 20), seconds: (performance.now() - start) / 1000 };
  } finally {
    clearInterval(timer);
  }
}

/** Replaces the section between `<!-- name -->` markers in bench/RESULTS.md (appends it the first time). */
export function writeResults(name: string, markdown: string): void {
  const file = path.join(path.dirname(new URL(import.meta.url).pathname), 'RESULTS.md');
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  let text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmark results\n\nFigures measured on this project\'s machine; each section says the command that produced it.\n';
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const re = new RegExp(`${start}[\\s\\S]*?${end}`);
  text = re.test(text) ? text.replace(re, block) : `${text.trimEnd()}\n\n${block}\n`;
  fs.writeFileSync(file, text);
}
