/**
 * Documents of a self-registration: the 营业执照 (required when registering with documents) and an
 * optional authorisation letter, kept in the database like policy and task attachments. The type
 * is decided by the file's first bytes (JPEG, PNG, PDF), never by its name; the size is bounded.
 * Read by the registrant's organisation, the staff of its region (the reviewers) and admins.
 */
import type { FastifyRequest } from 'fastify';
import type { Database, Queryable } from '../../db/database';
import type { Actor, AuditActor } from '../../http/actor';
import { AppError, errors, type FieldProblem } from '../../http/errors';
import { Where } from '../../http/list-query';
import { isMessageKey } from '../../http/messages';
import { limitToOrganizationScope } from '../../http/scope';
import { recordAudit } from '../audit/record';

export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;
export const DOCUMENT_KINDS = ['license', 'authorization'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export type DocumentType = 'image/jpeg' | 'image/png' | 'application/pdf';

export interface UploadedDocument { kind: DocumentKind; fileName: string; contentType: DocumentType; data: Buffer }
export interface DocumentView { id: number; kind: DocumentKind; fileName: string; contentType: string; size: number; createdAt: string }

/** The type by magic number: JPEG FF D8 FF, PNG 89 50 4E 47 0D 0A 1A 0A, PDF "%PDF-". */
export function detectDocumentType(data: Buffer): DocumentType | null {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (data.length >= 5 && data.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  return null;
}

/**
 * Reads a multipart registration: text fields, and the files `license` / `authorization`. A file
 * over the size limit ends the request (413); a file that is not JPEG, PNG or PDF is FILE_TYPE.
 */
export async function readRegistrationParts(req: FastifyRequest): Promise<{ fields: Record<string, string>; documents: UploadedDocument[] }> {
  const fields: Record<string, string> = {};
  const documents: UploadedDocument[] = [];
  for await (const part of req.parts({ limits: { fileSize: MAX_DOCUMENT_BYTES, files: 2, fields: 20, fieldSize: 1000 } })) {
    if (part.type === 'field') {
      fields[part.fieldname] = String(part.value ?? '');
      continue;
    }
    const data = await part.toBuffer();
    if (!(DOCUMENT_KINDS as readonly string[]).includes(part.fieldname)) continue;
    if (!data.length) throw new AppError(400, 'FILE_REQUIRED');
    const contentType = detectDocumentType(data);
    if (!contentType) throw new AppError(400, 'FILE_TYPE', { types: 'JPG、PNG、PDF' }, { [part.fieldname]: { key: 'FILE_TYPE', params: { types: 'JPG、PNG、PDF' } } });
    documents.push({ kind: part.fieldname as DocumentKind, fileName: (part.filename || part.fieldname).slice(0, 200), contentType, data });
  }
  return { fields, documents };
}

/** A failed schema check of the multipart fields, in the same shape the JSON route answers. */
export function fieldsError(issues: { path: PropertyKey[]; message: string }[]): AppError {
  const fields: Record<string, FieldProblem> = {};
  for (const issue of issues) fields[String(issue.path[0] ?? '_')] ??= { key: isMessageKey(issue.message) ? issue.message : 'field.invalid' };
  return new AppError(400, 'VALIDATION_FAILED', {}, fields);
}

/** Stores the documents of a new registration inside its transaction, one audit row each. */
export async function saveRegistrationDocuments(tx: Queryable, audit: AuditActor, orgId: number, documents: UploadedDocument[]): Promise<void> {
  for (const d of documents) {
    const { rows: [row] } = await tx.query(
      `INSERT INTO registration_document (org_id, kind, file_name, content_type, size, data, uploaded_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [orgId, d.kind, d.fileName, d.contentType, d.data.length, d.data, audit.id]);
    await recordAudit(tx, audit, { action: 'organization.document.upload', targetType: 'organization', targetId: orgId,
      changes: { document: { before: null, after: { id: row.id, kind: d.kind, fileName: d.fileName, contentType: d.contentType, size: d.data.length } } } });
  }
}

/** 403 for roles that never read registrations; 404 unless the organisation is in the actor's scope. */
async function assertCanRead(db: Queryable, actor: Actor, orgId: number): Promise<void> {
  if (!['admin', 'staff', 'enterprise', 'institution'].includes(actor.role)) throw errors.forbidden();
  const where = new Where();
  where.add('o.id = $?', orgId);
  limitToOrganizationScope(actor, where, 'o.id', 'o.region_code');
  const { rowCount } = await db.query(`SELECT 1 FROM organization o ${where}`, where.params);
  if (!rowCount) throw errors.notFound();
}

export async function listRegistrationDocuments(db: Database, actor: Actor, orgId: number): Promise<DocumentView[]> {
  await assertCanRead(db, actor, orgId);
  const { rows } = await db.query(
    `SELECT id, kind, file_name, content_type, size, created_at FROM registration_document WHERE org_id = $1 ORDER BY kind DESC, id`, [orgId]);
  return rows.map((r) => ({ id: Number(r.id), kind: r.kind, fileName: r.file_name, contentType: r.content_type, size: r.size,
    createdAt: new Date(r.created_at).toISOString() }));
}

export async function readRegistrationDocument(db: Database, actor: Actor, orgId: number, docId: number) {
  await assertCanRead(db, actor, orgId);
  const { rows: [row] } = await db.query(
    'SELECT file_name, content_type, data FROM registration_document WHERE id = $1 AND org_id = $2', [docId, orgId]);
  if (!row) throw errors.notFound();
  return { fileName: row.file_name as string, contentType: row.content_type as string, data: row.data as Buffer };
}
