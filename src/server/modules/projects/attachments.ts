/**
 * Files of an application: the call's required attachments (by name) and others. The type is
 * decided by the file's first bytes (PDF, JPEG, PNG, or an Office Open XML .docx / .xlsx), never
 * by its name. The applicant adds and removes them while the application is a draft or returned
 * and the call is open; whoever may read the application, and its assigned experts once they have
 * declared no conflict, may download them.
 */
import type { Database, Queryable } from '../../db/database';
import type { Actor, AuditActor } from '../../http/actor';
import { AppError, errors } from '../../http/errors';
import { Where } from '../../http/list-query';
import { recordAudit } from '../audit/record';
import { detectDocumentType } from '../organizations/documents';
import { CALL_STATE_SQL } from './calls';
import { applicationScope } from './applications';

export const MAX_APPLICATION_FILE_BYTES = 20 * 1024 * 1024;
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OFFICE: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The content type by magic number; an Office file is a zip whose name says docx or xlsx. */
export function applicationFileType(data: Buffer, fileName: string): string | null {
  const known = detectDocumentType(data);
  if (known) return known;
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  if (data.length >= 4 && data.subarray(0, 4).equals(ZIP) && OFFICE[ext]) return OFFICE[ext];
  return null;
}

async function lockOwnEditable(tx: Queryable, actor: Actor, id: number) {
  if (actor.role !== 'enterprise' && actor.role !== 'institution') throw errors.forbidden();
  const { rows: [a] } = await tx.query(
    `SELECT a.*, ${CALL_STATE_SQL} AS call_state, c.required_attachments FROM application a JOIN call c ON c.id = a.call_id
      WHERE a.id = $1 AND a.org_id = $2 FOR UPDATE OF a`, [id, actor.orgId]);
  if (!a) throw errors.notFound();
  if (a.status !== 'draft' && a.status !== 'returned') throw new AppError(409, 'APPLICATION_LOCKED', { status: a.status });
  if (a.call_state === 'closed') throw new AppError(409, 'CALL_CLOSED');
  return a;
}

export async function addApplicationFile(db: Database, actor: Actor, audit: AuditActor, id: number, kind: string, file: { fileName: string; data: Buffer }) {
  if (!file.data.length) throw new AppError(400, 'FILE_REQUIRED');
  const contentType = applicationFileType(file.data, file.fileName);
  if (!contentType) throw new AppError(400, 'FILE_TYPE', { types: 'PDF、JPG、PNG、DOCX、XLSX' });
  return db.transaction(async (tx) => {
    const a = await lockOwnEditable(tx, actor, id);
    if (kind !== 'other' && !(a.required_attachments as string[]).includes(kind)) throw new AppError(400, 'VALIDATION_FAILED', {}, { kind: { key: 'field.invalid_option' } });
    const { rows: [f] } = await tx.query(
      'INSERT INTO application_attachment (application_id, kind, file_name, content_type, size, data, uploaded_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id',
      [id, kind, file.fileName, contentType, file.data.length, file.data, actor.id]);
    await recordAudit(tx, audit, { action: 'application.attach', targetType: 'application', targetId: id,
      changes: { file: { before: null, after: `${kind}: ${file.fileName} (${file.data.length} B)` } } });
    return { id: Number(f.id), kind, fileName: file.fileName, contentType, size: file.data.length };
  });
}

export async function removeApplicationFile(db: Database, actor: Actor, audit: AuditActor, id: number, fileId: number) {
  await db.transaction(async (tx) => {
    await lockOwnEditable(tx, actor, id);
    const { rows: [f] } = await tx.query('DELETE FROM application_attachment WHERE id = $1 AND application_id = $2 RETURNING kind, file_name', [fileId, id]);
    if (!f) throw errors.notFound();
    await recordAudit(tx, audit, { action: 'application.detach', targetType: 'application', targetId: id, changes: { file: { before: `${f.kind}: ${f.file_name}`, after: null } } });
  });
}

export async function listApplicationFiles(db: Queryable, applicationId: number) {
  const { rows } = await db.query('SELECT id, kind, file_name, content_type, size, created_at FROM application_attachment WHERE application_id = $1 ORDER BY id', [applicationId]);
  return rows.map((f) => ({ id: Number(f.id), kind: f.kind, fileName: f.file_name, contentType: f.content_type, size: f.size, createdAt: f.created_at }));
}

export async function readApplicationFile(db: Queryable, actor: Actor, id: number, fileId: number) {
  let allowed: boolean;
  if (actor.role === 'expert') {
    const { rowCount } = await db.query(
      `SELECT 1 FROM review_assignment r JOIN expert x ON x.id = r.expert_id WHERE r.application_id = $1 AND x.user_id = $2 AND r.status IN ('declared', 'submitted')`, [id, actor.id]);
    allowed = !!rowCount;
  } else {
    const where = applicationScope(actor, new Where()).add('a.id = $?', id);
    allowed = !!(await db.query(`SELECT 1 FROM application a JOIN call c ON c.id = a.call_id ${where}`, where.params)).rowCount;
  }
  if (!allowed) throw errors.notFound();
  const { rows: [f] } = await db.query('SELECT file_name, content_type, data FROM application_attachment WHERE id = $1 AND application_id = $2', [fileId, id]);
  if (!f) throw errors.notFound();
  return { fileName: f.file_name as string, contentType: f.content_type as string, data: f.data as Buffer };
}

/** What a submission still lacks: required attachments, required form fields, a budget that does not add up. */
export async function submissionProblems(tx: Queryable, a: Record<string, any>): Promise<Record<string, { key: 'field.attachment.required' | 'field.required' | 'field.invalid' | 'field.budget.sum' }>> {
  const problems: Record<string, { key: 'field.attachment.required' | 'field.required' | 'field.invalid' | 'field.budget.sum' }> = {};
  const { rows: [c] } = await tx.query('SELECT form, required_attachments FROM call WHERE id = $1', [a.call_id]);
  const { rows: files } = await tx.query('SELECT DISTINCT kind FROM application_attachment WHERE application_id = $1', [a.id]);
  const have = new Set(files.map((f) => f.kind));
  for (const name of c.required_attachments as string[]) if (!have.has(name)) problems[`attachments.${name}`] = { key: 'field.attachment.required' };
  const data = (a.form_data ?? {}) as Record<string, unknown>;
  for (const f of c.form as { key: string; type: string; required?: boolean; options?: string[] }[]) {
    const v = data[f.key];
    const empty = v == null || v === '' || (Array.isArray(v) && !v.length);
    if (empty) { if (f.required) problems[`formData.${f.key}`] = { key: 'field.required' }; continue; }
    const ok = f.type === 'number' || f.type === 'money' ? typeof v === 'number' && Number.isFinite(v) && (f.type !== 'money' || (Number.isInteger(v) && v >= 0))
      : f.type === 'date' ? typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)
        : f.type === 'choice' ? typeof v === 'string' && (!f.options?.length || f.options.includes(v))
          : f.type === 'table' ? Array.isArray(v) : typeof v === 'string';
    if (!ok) problems[`formData.${f.key}`] = { key: 'field.invalid' };
  }
  const budget = (a.budget ?? []) as { own: number; requested: number }[];
  if (budget.length) {
    if (budget.reduce((s, b) => s + b.requested, 0) !== Number(a.requested_amount)) problems['budget'] = { key: 'field.budget.sum' };
    else if (budget.reduce((s, b) => s + b.own, 0) !== Number(a.own_funds)) problems['budget'] = { key: 'field.budget.sum' };
  }
  return problems;
}
