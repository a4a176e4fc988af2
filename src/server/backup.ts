/**
 * Backup and restore as single files: PGlite's data directory dump (.tar.gz), or pg_dump's custom
 * format on PostgreSQL. The embedded database must not be in use by a running server.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { Config } from './config';
import { assertDataDirFree as assertFree } from './db/embedded';

const stamp = () => new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);

export async function backup(config: Config, out?: string): Promise<string> {
  if (config.databaseUrl) {
    const file = path.resolve(out ?? `backups/kechuang-${stamp()}.dump`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const result = spawnSync('pg_dump', ['--format=custom', '--no-owner', `--file=${file}`, config.databaseUrl], { stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`pg_dump failed (${result.error?.message ?? `exit ${result.status}`})`);
    return file;
  }
  assertFree(config.dataDir);
  if (!fs.existsSync(path.join(config.dataDir, 'PG_VERSION'))) throw new Error(`no database in ${config.dataDir}`);
  const file = path.resolve(out ?? `backups/kechuang-${stamp()}.tar.gz`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = await PGlite.create({ dataDir: config.dataDir, extensions: { pg_trgm } });
  try {
    const dump = await db.dumpDataDir('gzip');
    fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await db.close();
  }
  return file;
}

/** Restores into the configured database. An existing embedded data directory is kept aside, never deleted. */
export async function restore(config: Config, from: string): Promise<string | null> {
  const file = path.resolve(from);
  if (!fs.existsSync(file)) throw new Error(`no such backup file: ${file}`);
  if (config.databaseUrl) {
    const result = spawnSync('pg_restore', ['--clean', '--if-exists', '--no-owner', `--dbname=${config.databaseUrl}`, file], { stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`pg_restore failed (${result.error?.message ?? `exit ${result.status}`})`);
    return null;
  }
  assertFree(config.dataDir);
  let keptAside: string | null = null;
  if (fs.existsSync(config.dataDir) && fs.readdirSync(config.dataDir).length > 0) {
    keptAside = `${config.dataDir}.before-restore-${stamp()}`;
    fs.renameSync(config.dataDir, keptAside);
  }
  const blob = new Blob([fs.readFileSync(file)]);
  const db = await PGlite.create({ dataDir: config.dataDir, loadDataDir: blob, extensions: { pg_trgm } });
  await db.query('SELECT 1');
  await db.close();
  return keptAside;
}
