/**
 * The command line: `start` (the server) and the operator's commands.
 *   npm start                                  build the web app if stale, serve on PORT (3000);
 *                                              Ctrl-C or SIGTERM stops the server and the database
 *   npm run cli -- migrate | seed
 *   npm run cli -- create-admin --username U --password P [--name N] [--phone M]
 *   npm run cli -- backup [--out FILE]
 *   npm run cli -- restore --from FILE
 * The database is KECHUANG_DATA (embedded PGlite, default ./data) or DATABASE_URL (PostgreSQL).
 */
import { spawn } from 'node:child_process';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app';
import { backup, restore } from './backup';
import { parseArgs } from './cli-args';
import { loadConfig, type Config } from './config';
import { openDatabaseFromConfig, type Database } from './db/database';
import { assertDataDirFree } from './db/embedded';
import { migrate } from './db/migrate';
import { startJobQueue } from './jobs/queue';
import { assertStrongPassword, USERNAME } from './http/fields';
import { translate } from './http/messages';
import { AppError } from './http/errors';
import { recordAudit } from './modules/audit/record';
import { hashPassword } from './modules/auth/password-hash';
import { isEmpty, seedDemo } from './seed/demo';

async function prepare(config: Config, db: Database, seed: boolean): Promise<void> {
  const applied = await migrate(db);
  if (applied.length) console.log(`migrations applied: ${applied.join(', ')}`);
  if (seed && (await isEmpty(db))) {
    await seedDemo(db);
    console.log('demo region and accounts loaded (password in README)');
  }
}

function portInUse(port: number): Error {
  return new Error(`端口 ${port} 已被占用（也许另一个科创服务器正在运行）：请先停止占用它的程序，或用 PORT=… 换一个端口。\n` +
    `Port ${port} is already in use (perhaps by another kechuang server): stop the program using it, or choose another port with PORT=….`);
}

/** Fails at once, in zh-CN and en, when another program listens on the port (before building and migrating). */
async function assertPortFree(port: number, host: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(portInUse(port));
      } else if (error.code === 'EACCES') {
        reject(new Error(`没有权限监听端口 ${port}：请用 PORT=… 选择 1024 以上的端口。\nNo permission to listen on port ${port}: choose a port above 1024 with PORT=….`));
      } else {
        reject(error);
      }
    });
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });
}

/**
 * Stopping on SIGINT / SIGTERM, whatever stage the start is in: runs the cleanups registered so
 * far (newest first: the HTTP server, then the database and its process, or a web build under way)
 * and exits 0 — or 1 when that fails or takes more than 15 s.
 */
class Shutdown {
  private cleanups: (() => Promise<unknown> | unknown)[] = [];
  stopping = false;

  constructor() {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void this.stop(signal));
  }

  add(cleanup: () => Promise<unknown> | unknown): void { this.cleanups.push(cleanup); }

  async stop(signal: string): Promise<void> {
    // Ctrl-C under npm arrives twice (from the terminal and forwarded by npm): stop once; the
    // timer below bounds how long it may take
    if (this.stopping) return;
    this.stopping = true;
    console.log(`${signal}: stopping kechuang…`);
    const force = setTimeout(() => {
      console.error('still stopping after 15 s: exiting');
      process.exit(1);
    }, 15_000);
    force.unref();
    let failed = false;
    for (const cleanup of this.cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        failed = true;
        console.error(`while stopping: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    console.log('kechuang stopped');
    process.exit(failed ? 1 : 0);
  }
}

/** Runs scripts/build-web-if-stale.mjs (npm start); a stop kills the build. */
async function buildWebIfStale(config: Config, shutdown: Shutdown): Promise<void> {
  const script = fileURLToPath(new URL('../../scripts/build-web-if-stale.mjs', import.meta.url));
  const child = spawn(process.execPath, [script], { stdio: 'inherit', env: { ...process.env, KECHUANG_WEB_DIR: config.webDir } });
  shutdown.add(() => { if (child.exitCode === null) child.kill('SIGTERM'); });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0 && !shutdown.stopping) throw new Error(`web: build failed (exit ${code})`);
}

async function start(config: Config, options: Record<string, string | true>, shutdown: Shutdown): Promise<void> {
  await assertPortFree(config.port, config.host);
  if (options['build-web']) await buildWebIfStale(config, shutdown);
  if (shutdown.stopping) return;
  const db = await openDatabaseFromConfig(config);
  shutdown.add(() => db.close());
  if (shutdown.stopping) return;
  await prepare(config, db, config.demo);
  const app = await buildApp(config, db, { logger: config.logLevel !== 'silent' });
  shutdown.add(() => app.close());
  if (config.jobs) {
    // outbox delivery and scheduled jobs; stopped first on shutdown (cleanups run newest first),
    // while the database is still open
    const queue = await startJobQueue(db, config);
    app.jobs.queue = queue;
    shutdown.add(() => queue.stop());
  }
  // taken meanwhile (during the build or the migrations)
  await app.listen({ port: config.port, host: config.host }).catch((error: NodeJS.ErrnoException) => {
    throw error.code === 'EADDRINUSE' ? portInUse(config.port) : error;
  });
  console.log(`kechuang serving http://localhost:${config.port} on ${db.kind === 'pglite' ? `embedded PGlite (${config.dataDir})` : 'PostgreSQL'}; stop with Ctrl-C or kill ${process.pid}`);
}

async function createAdmin(config: Config, options: Record<string, string | true>): Promise<void> {
  const username = typeof options.username === 'string' ? options.username : '';
  const password = typeof options.password === 'string' ? options.password : '';
  if (!USERNAME.test(username)) throw new Error(translate('zh-CN', 'field.username'));
  try {
    assertStrongPassword(password, username);
  } catch (e) {
    if (e instanceof AppError && e.fields) throw new Error(translate('zh-CN', e.fields.password.key));
    throw e;
  }
  const db = await openForCli(config);
  try {
    await migrate(db);
    const hash = await hashPassword(password);
    await db.transaction(async (tx) => {
      const { rows } = await tx.query(
        `INSERT INTO app_user (username, display_name, role, phone, password_hash) VALUES ($1, $2, 'admin', $3, $4)
         ON CONFLICT DO NOTHING RETURNING id`,
        [username, typeof options.name === 'string' ? options.name : username, typeof options.phone === 'string' ? options.phone : null, hash]);
      if (!rows[0]) throw new Error(translate('zh-CN', 'USERNAME_TAKEN'));
      await recordAudit(tx, { id: null, username: 'cli', role: null, ip: '127.0.0.1' },
        { action: 'user.create', targetType: 'user', targetId: rows[0].id, changes: { username: { before: null, after: username }, role: { before: null, after: 'admin' } } });
    });
    console.log(`admin ${username} created`);
  } finally {
    await db.close();
  }
}

/** Opens the database for a CLI command; the embedded one only when no server holds it. */
async function openForCli(config: Config): Promise<Database> {
  if (!config.databaseUrl) assertDataDirFree(config.dataDir);
  return openDatabaseFromConfig(config);
}

async function withDatabase(config: Config, work: (db: Database) => Promise<void>): Promise<void> {
  const db = await openForCli(config);
  try {
    await work(db);
  } finally {
    await db.close();
  }
}

/** Only the server stops on signals this way; a CLI command interrupted by Ctrl-C fails as usual. */
let shutdown: Shutdown | null = null;

async function main(): Promise<void> {
  const { command, options } = parseArgs(process.argv.slice(2));
  const config = loadConfig();
  switch (command) {
    case 'start':
      shutdown = new Shutdown();
      return start(config, options, shutdown);
    case 'migrate':
      return withDatabase(config, async (db) => {
        const applied = await migrate(db);
        console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
      });
    case 'seed':
      return withDatabase(config, async (db) => {
        await migrate(db);
        if (!(await isEmpty(db))) return console.log('database already has data: demo not loaded');
        await seedDemo(db);
        console.log('demo region and accounts loaded');
      });
    case 'create-admin':
      return createAdmin(config, options);
    case 'backup':
      console.log(`backup written: ${await backup(config, typeof options.out === 'string' ? options.out : undefined)}`);
      return;
    case 'restore': {
      if (typeof options.from !== 'string') throw new Error('usage: restore --from FILE');
      const aside = await restore(config, options.from);
      console.log(`restored from ${options.from}${aside ? `; previous data kept in ${aside}` : ''}`);
      return;
    }
    default:
      throw new Error(`unknown command "${command}"; commands: start, migrate, seed, create-admin, backup, restore`);
  }
}

main().catch((error: unknown) => {
  if (shutdown?.stopping) return; // a signal interrupted the start: Shutdown exits
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
