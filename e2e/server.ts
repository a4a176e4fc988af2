// Starts the real kechuang server (demo data, fresh embedded database) for the e2e specs.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '..');
export const DEMO_PASSWORD = 'Kechuang@2026';

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

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

async function waitForHealth(baseUrl: string, child: ChildProcess, log: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${log()}`);
    try {
      const response = await fetch(`${baseUrl}/api/v1/health`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not become healthy within ${timeoutMs} ms:\n${log()}`);
}

export async function startServer(): Promise<RunningServer> {
  buildWebIfStale();
  const port = await freePort();
  const data = mkdtempSync(join(tmpdir(), 'kechuang-e2e-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', 'start'], {
    cwd: REPO,
    env: { ...process.env, PORT: String(port), KECHUANG_DATA: data, KECHUANG_DEMO: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const log = () => output;
  const baseUrl = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 8000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(data, { recursive: true, force: true });
  };

  try {
    await waitForHealth(baseUrl, child, log, 90_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, stop, log };
}
