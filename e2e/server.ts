// Starts the real kechuang server (demo data, fresh embedded database) for the e2e specs,
// through the same helper as the server's process tests.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PASSWORD } from '../src/server/seed/demo';
import { ROOT as REPO, startServer as startServerProcess } from '../src/server/test/server-process';

export { DEMO_PASSWORD, REPO };

export interface RunningServer {
  baseUrl: string;
  stop: () => Promise<void>;
  log: () => string;
}

/** Builds dist/web when it is missing or older than its sources. */
export function buildWebIfStale(): void {
  const result = spawnSync(process.execPath, [join(REPO, 'scripts', 'build-web-if-stale.mjs')], { cwd: REPO, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`web build failed:\n${result.stdout}\n${result.stderr}`);
}

export async function startServer(): Promise<RunningServer> {
  buildWebIfStale();
  const data = mkdtempSync(join(tmpdir(), 'kechuang-e2e-'));
  const server = await startServerProcess({ KECHUANG_DATA: data, KECHUANG_DEMO: '1' }, 120_000);
  const stop = async () => {
    const child = server.process;
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 8000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(data, { recursive: true, force: true });
  };
  return { baseUrl: server.url, stop, log: server.output };
}
