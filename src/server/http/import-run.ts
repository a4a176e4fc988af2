/**
 * The route side of every Excel import: the uploaded file is read once into memory, hashed
 * (SHA-256 of its bytes) and handed to the module's import twice over the same flow:
 *
 *   POST …/import?dryRun=1          → { dryRun, hash, rows, create, update, skipped, problems, alreadyImported }
 *   POST …/import[?hash=…][&again=1] → the module's result (created, updated …), as before
 *
 * A confirmation carrying the previewed `hash` is refused (409 IMPORT_FILE_CHANGED) when the file
 * differs from what was previewed; a file whose hash was imported before is refused
 * (409 IMPORT_DUPLICATE) unless `again=1` says the person saw the warning and means it.
 */
import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Database, Queryable } from '../db/database';
import type { AuditActor } from './actor';
import { AppError } from './errors';
import { worksheetsLast } from './excel-read';
import type { ImportOptions, ImportPreview } from './import-problems';

// parsed twice (route schema, then here), so an already-parsed boolean is accepted too
const flag = z.union([z.boolean(), z.enum(['1', 'true', '0', 'false'])]).transform((v) => v === true || v === '1' || v === 'true').optional();

/** Query parameters every import endpoint accepts (merge into the route's querystring schema). */
export const importFlags = z.object({
  dryRun: flag,
  again: flag,
  hash: z.string().regex(/^[0-9a-f]{64}$/).optional(),
});
export type ImportFlags = z.infer<typeof importFlags>;

export interface PreviousImport { at: string; by: string; rows: number }

async function previousImport(db: Queryable, kind: string, hash: string): Promise<PreviousImport | null> {
  const { rows } = await db.query(
    `SELECT imported_at, actor_name, rows FROM import_log WHERE kind = $1 AND content_hash = $2 ORDER BY imported_at DESC LIMIT 1`, [kind, hash]);
  return rows[0] ? { at: new Date(rows[0].imported_at).toISOString(), by: rows[0].actor_name, rows: rows[0].rows } : null;
}

type Run<R> = (input: Readable, options: ImportOptions, buffer: Buffer) => Promise<R | ImportPreview>;

export async function runImport<R>(req: FastifyRequest, db: Database, audit: AuditActor, kind: string, run: Run<R>, maxBytes = 20 * 1024 * 1024) {
  const flags = importFlags.parse(req.query ?? {});
  const file = await req.file({ limits: { fileSize: maxBytes } });
  if (!file) throw new AppError(400, 'FILE_REQUIRED');
  const buffer = await file.toBuffer();
  if (!buffer.length) throw new AppError(400, 'FILE_REQUIRED');
  const hash = crypto.createHash('sha256').update(buffer).digest('hex');
  const previous = await previousImport(db, kind, hash);
  const readable = await worksheetsLast(buffer);
  const input = () => Readable.from([readable]);
  if (flags.dryRun) {
    const preview = (await run(input(), { dryRun: true }, buffer)) as ImportPreview;
    return { dryRun: true as const, hash, alreadyImported: previous, ...preview };
  }
  if (flags.hash && flags.hash !== hash) throw new AppError(409, 'IMPORT_FILE_CHANGED');
  if (previous && !flags.again) throw new AppError(409, 'IMPORT_DUPLICATE', { at: previous.at.slice(0, 16).replace('T', ' '), by: previous.by }, undefined, { alreadyImported: previous });
  return run(input(), {
    onCommit: async (tx, counts) => {
      await tx.query(`INSERT INTO import_log (kind, content_hash, rows, created, updated, actor_id, actor_name) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [kind, hash, counts.rows, counts.created, counts.updated, audit.id, audit.username ?? '']);
    },
  }, buffer) as Promise<R>;
}
