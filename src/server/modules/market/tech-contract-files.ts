/**
 * Files of a technology contract (the signed contract, invoices, annexes): typed by their first
 * bytes, added by the seller (or the registry's staff) while the contract waits for a decision or
 * is returned for completion, read by whoever may read the contract.
 */
import type { Database, Queryable } from '../../db/database';
import type { Actor, AuditActor } from '../../http/actor';
import { AppError, errors } from '../../http/errors';
import { Where } from '../../http/list-query';
import { recordAudit } from '../audit/record';
import { applicationFileType } from '../projects/attachments';
import { contractScope, getContract } from './tech-contracts';

export const MAX_CONTRACT_FILE_BYTES = 20 * 1024 * 1024;

export async function addContractFile(db: Database, actor: Actor, audit: AuditActor, id: number, file: { fileName: string; data: Buffer }) {
  if (!file.data.length) throw new AppError(400, 'FILE_REQUIRED');
  const contentType = applicationFileType(file.data, file.fileName);
  if (!contentType) throw new AppError(400, 'FILE_TYPE', { types: 'PDF、JPG、PNG、DOCX、XLSX' });
  return db.transaction(async (tx) => {
    const where = contractScope(actor, new Where()).add('c.id = $?', id);
    const { rows: [c] } = await tx.query(`SELECT c.id, c.status FROM tech_contract c ${where} FOR UPDATE`, where.params);
    if (!c) throw errors.notFound();
    if (c.status !== 'submitted' && c.status !== 'returned') throw new AppError(409, 'INVALID_TRANSITION', { from: c.status });
    const { rows: [f] } = await tx.query(
      'INSERT INTO tech_contract_attachment (contract_id, filename, content_type, size, content, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
      [id, file.fileName, contentType, file.data.length, file.data, actor.id]);
    await recordAudit(tx, audit, { action: 'tech_contract.attach', targetType: 'tech_contract', targetId: id, changes: { file: { before: null, after: file.fileName } } });
    return { id: Number(f.id), fileName: file.fileName, contentType, size: file.data.length };
  });
}

export async function listContractFiles(db: Queryable, actor: Actor, id: number) {
  await getContract(db, actor, id);
  const { rows } = await db.query('SELECT id, filename, content_type, size, created_at FROM tech_contract_attachment WHERE contract_id = $1 ORDER BY id', [id]);
  return rows.map((f) => ({ id: Number(f.id), fileName: f.filename, contentType: f.content_type, size: f.size, createdAt: f.created_at }));
}

export async function readContractFile(db: Queryable, actor: Actor, id: number, fileId: number) {
  await getContract(db, actor, id);
  const { rows: [f] } = await db.query('SELECT filename, content_type, content FROM tech_contract_attachment WHERE id = $1 AND contract_id = $2', [fileId, id]);
  if (!f) throw errors.notFound();
  return { fileName: f.filename as string, contentType: f.content_type as string, data: f.content as Buffer };
}
