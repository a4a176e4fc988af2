/**
 * Starts and supervises the embedded PGlite process (embedded-process.ts).
 *
 * - The data directory holds `kechuang.pid` while a server uses it, so a second server or a CLI
 *   command refuses to open it instead of corrupting it.
 * - A watchdog pings the process; when it stops answering for `hangMs` it is killed and started
 *   again on the same socket, and the pool's next connections reach the new process.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const PROCESS_FILE = fileURLToPath(new URL('./embedded-process.ts', import.meta.url));
const LOCK_FILE = 'kechuang.pid';

export interface EmbeddedDatabase {
  /** Directory holding the Unix socket: pass as `host` to pg, with port 5432. */
  socketDir: string;
  connectionConfig: pg.ClientConfig;
  restarts: number;
  /** The database process (changes when it is restarted). */
  pid: number;
  /**
   * The app saw a query answered: the process is alive even when the watchdog's ping waits
   * behind a long transaction (the multiplexer runs one transaction at a time).
   */
  noteActivity(): void;
  stop(): Promise<void>;
}

export class DataDirInUseError extends Error {
  constructor(readonly dataDir: string, readonly pid: number) {
    super(`数据目录 ${dataDir} 正被运行中的进程 ${pid} 使用；请先停止该服务器。 The data directory ${dataDir} is in use by running process ${pid}; stop that server first.`);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The pid holding a data directory, or null. A stale lock (dead pid) is ignored. */
export function dataDirHolder(dataDir: string): number | null {
  try {
    const pid = Number(fs.readFileSync(path.join(dataDir, LOCK_FILE), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid) ? pid : null;
  } catch {
    return null;
  }
}

/** Fails at once when a running server holds the data directory (CLI commands). */
export function assertDataDirFree(dataDir: string): void {
  const holder = dataDirHolder(dataDir);
  if (holder !== null) throw new DataDirInUseError(dataDir, holder);
}

/** Waits a moment for a previous holder that is shutting down (e.g. after its server was killed). */
async function waitForRelease(dataDir: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  let holder = dataDirHolder(dataDir);
  while (holder !== null && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    holder = dataDirHolder(dataDir);
  }
  if (holder !== null) throw new DataDirInUseError(dataDir, holder);
}

function spawnDatabase(dataDir: string, socketPath: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = fork(PROCESS_FILE, [dataDir, socketPath], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const onExit = (code: number | null) => reject(new Error(`embedded database exited during start (code ${code})`));
    child.once('exit', onExit);
    child.once('message', (msg: { type: string; message?: string }) => {
      child.off('exit', onExit);
      if (msg.type === 'ready') resolve(child);
      else reject(new Error(`embedded database failed to start: ${msg.message}`));
    });
  });
}

export interface EmbeddedOptions {
  /** A directory, or 'memory://' for a throwaway database (tests). */
  dataDir: string;
  /** Ping interval and how long without an answer counts as hung. */
  pingEveryMs?: number;
  hangMs?: number;
  log?: (msg: string) => void;
}

export async function startEmbeddedDatabase(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const { dataDir } = options;
  const log = options.log ?? ((m: string) => console.error(m));
  const inMemory = dataDir.startsWith('memory://');
  if (!inMemory) {
    fs.mkdirSync(dataDir, { recursive: true });
    await waitForRelease(dataDir, 10_000);
  }
  // Unix socket paths are limited to ~107 bytes, so the socket lives in a short temp dir.
  const socketDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcdb-'));
  const socketPath = path.join(socketDir, '.s.PGSQL.5432');

  let child = await spawnDatabase(dataDir, socketPath);
  const writeLock = () => {
    if (!inMemory) fs.writeFileSync(path.join(dataDir, LOCK_FILE), String(child.pid));
  };
  writeLock();

  const connectionConfig: pg.ClientConfig = { host: socketDir, port: 5432, user: 'postgres', database: 'postgres' };
  const state = { restarts: 0, stopping: false, restarting: false };

  const pingEveryMs = options.pingEveryMs ?? 10_000;
  const hangMs = options.hangMs ?? 60_000;
  let lastAnswer = Date.now();
  let lastActivity = 0;
  const ping = async () => {
    const client = new pg.Client({ ...connectionConfig, query_timeout: pingEveryMs, connectionTimeoutMillis: pingEveryMs });
    // a ping that timed out can still fail on its socket later (EPIPE when the process is busy,
    // restarting or stopping): emitted as an 'error' event, which unheard would end the server
    client.on('error', () => {});
    try {
      await client.connect();
      await client.query('SELECT 1');
      lastAnswer = Date.now();
    } catch {
      // a long query ahead of the ping delays it; only a long silence counts as a hang
    } finally {
      client.end().catch(() => {});
    }
    if (Date.now() - Math.max(lastAnswer, lastActivity) > hangMs && !state.stopping && !state.restarting) await restart();
  };
  const restart = async () => {
    state.restarting = true;
    log(`embedded database did not answer for ${hangMs} ms: restarting it`);
    child.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 200));
    try { fs.rmSync(socketPath, { force: true }); } catch { /* already gone */ }
    child = await spawnDatabase(dataDir, socketPath);
    writeLock();
    state.restarts++;
    lastAnswer = Date.now();
    state.restarting = false;
  };
  const timer = setInterval(() => void ping(), pingEveryMs);
  timer.unref();

  return {
    socketDir,
    connectionConfig,
    get restarts() { return state.restarts; },
    get pid() { return child.pid!; },
    noteActivity() { lastActivity = Date.now(); },
    async stop() {
      state.stopping = true;
      clearInterval(timer);
      const exited = new Promise((r) => child.once('exit', r));
      // the IPC channel may already be closed (a process restarted under load): disconnect() would
      // throw ERR_IPC_DISCONNECTED before the kill, and the live process would hold this one open
      try { if (child.connected) child.disconnect(); } catch { /* already disconnected */ }
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      if (!inMemory) fs.rmSync(path.join(dataDir, LOCK_FILE), { force: true });
      fs.rmSync(socketDir, { recursive: true, force: true });
    },
  };
}
