/**
 * Supporting files of a certification application (证明材料): typed by their first bytes, added by
 * the host while it may still change the application (draft, returned), read by whoever may read it.
 */
import type { Database, Queryable } from '../../db/database';
import type { Actor, AuditActor } from '../../http/actor';
import { AppError, errors } from '../../http/errors';
import { recordAudit } from '../audit/record';
import { applicationFileType } from '../projects/attachments';
import { HOST_EDITABLE } from './application-workflow';
import { getApplication } from './applications';

export const MAX_PLATFORM_FILE_BYTES = 20 * 1024 * 1024;

export async function addApplicationFile(db: Database, actor: Actor, audit: AuditActor, id: number, file: { fileName: string; data: Buffer }) {
  if (actor.role !== 'enterprise' && actor.role !== 'institution') throw errors.forbidden();
  if (!file.data.length) throw new AppError(400, 'FILE_REQUIRED');
  const contentType = applicationFileType(file.data, file.fileName);
  if (!contentType) throw new AppError(400, 'FILE_TYPE', { types: 'PDF、JPG、PNG、DOCX、XLSX' });
  return db.transaction(async (tx) => {
    const { rows: [a] } = await tx.query('SELECT id, status FROM platform_application WHERE id = $1 AND org_id = $2 FOR UPDATE', [id, actor.orgId]);
    if (!a) throw errors.notFound();
    if (!(HOST_EDITABLE as string[]).includes(a.status)) throw new AppError(409, 'INVALID_TRANSITION', { from: a.status });
    const { rows: [f] } = await tx.query(
      'INSERT INTO platform_application_attachment (application_id, filename, content_type, size, content, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
      [id, file.fileName, contentType, file.data.length, file.data, actor.id]);
    await recordAudit(tx, audit, { action: 'platform.application.attach', targetType: 'platform_application', targetId: id, changes: { file: { before: null, after: file.fileName } } });
    return { id: Number(f.id), fileName: file.fileName, contentType, size: file.data.length };
  });
}

export async function listApplicationFiles(db: Queryable, actor: Actor, id: number) {
  await getApplication(db, actor, id);
  const { rows } = await db.query('SELECT id, filename, content_type, size, created_at FROM platform_application_attachment WHERE application_id = $1 ORDER BY id', [id]);
  return rows.map((f) => ({ id: Number(f.id), fileName: f.filename, contentType: f.content_type, size: f.size, createdAt: f.created_at }));
}

export async function readApplicationFile(db: Queryable, actor: Actor, id: number, fileId: number) {
  await getApplication(db, actor, id);
  const { rows: [f] } = await db.query('SELECT filename, content_type, content FROM platform_application_attachment WHERE id = $1 AND application_id = $2', [fileId, id]);
  if (!f) throw errors.notFound();
  return { fileName: f.filename as string, contentType: f.content_type as string, data: f.content as Buffer };
}
