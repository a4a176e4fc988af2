/**
 * The command line: `start` (the server) and the operator's commands.
 *   npm start                                  serve on PORT (3000)
 *   npm run cli -- migrate | seed
 *   npm run cli -- create-admin --username U --password P [--name N] [--phone M]
 *   npm run cli -- backup [--out FILE]
 *   npm run cli -- restore --from FILE
 * The database is KECHUANG_DATA (embedded PGlite, default ./data) or DATABASE_URL (PostgreSQL).
 */
import { buildApp } from './app';
import { backup, restore } from './backup';
import { parseArgs } from './cli-args';
import { loadConfig, type Config } from './config';
import { openDatabaseFromConfig, type Database } from './db/database';
import { assertDataDirFree } from './db/embedded';
import { migrate } from './db/migrate';
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

async function start(config: Config): Promise<void> {
  const db = await openDatabaseFromConfig(config);
  await prepare(config, db, config.demo);
  const app = await buildApp(config, db, { logger: process.env.KECHUANG_LOG !== '0' });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  await app.listen({ port: config.port, host: config.host });
  console.log(`kechuang serving http://localhost:${config.port} on ${db.kind === 'pglite' ? `embedded PGlite (${config.dataDir})` : 'PostgreSQL'}`);
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

async function main(): Promise<void> {
  const { command, options } = parseArgs(process.argv.slice(2));
  const config = loadConfig();
  switch (command) {
    case 'start':
      return start(config);
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
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
