/** Tier records (科小, 省级创新型, 高企 certificate, 后备库): added and removed by staff of the region. */
import type { Database } from '../../db/database';
import type { Actor, AuditActor } from '../../http/actor';
import { AppError, errors, fieldError } from '../../http/errors';
import { uniqueViolation } from '../../http/fields';
import { recordAudit } from '../audit/record';
import { enterpriseScope, type Tier } from './registry';

export interface NewTier { tier: Tier; year: number; registrationNo?: string | null; certificateNo?: string | null; issuedOn?: string | null }

/** A 高企 certificate is valid for three years from its date (国科发火〔2016〕32号 第十二条). */
export function highTechValidUntil(issuedOn: string): string {
  const d = new Date(`${issuedOn}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + 3);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

async function assertStaffInScope(db: Database, actor: Actor, orgId: number) {
  if (actor.role !== 'staff' && actor.role !== 'admin') throw errors.forbidden();
  const where = enterpriseScope(actor);
  where.add('o.id = $?', orgId);
  const { rowCount } = await db.query(`SELECT 1 FROM organization o ${where}`, where.params);
  if (!rowCount) throw errors.notFound();
}

export async function addTier(db: Database, actor: Actor, audit: AuditActor, orgId: number, input: NewTier): Promise<number> {
  await assertStaffInScope(db, actor, orgId);
  if (input.tier === 'high_tech' && (!input.certificateNo || !input.issuedOn)) {
    throw fieldError(input.certificateNo ? 'issuedOn' : 'certificateNo', 'field.required');
  }
  if (input.tier === 'tech_sme' && !input.registrationNo) throw fieldError('registrationNo', 'field.required');
  const validUntil = input.tier === 'high_tech' ? highTechValidUntil(input.issuedOn!) : null;
  const year = input.tier === 'high_tech' ? Number(input.issuedOn!.slice(0, 4)) : input.year;
  try {
    return await db.transaction(async (tx) => {
      const { rows: [row] } = await tx.query(
        `INSERT INTO enterprise_tier (org_id, tier, year, registration_no, certificate_no, issued_on, valid_until)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [orgId, input.tier, year, input.registrationNo ?? null, input.certificateNo ?? null, input.issuedOn ?? null, validUntil]);
      await recordAudit(tx, audit, { action: 'enterprise.tier.add', targetType: 'enterprise', targetId: orgId, changes: {
        tier: { before: null, after: input.tier }, year: { before: null, after: year },
        ...(input.certificateNo ? { certificateNo: { before: null, after: input.certificateNo }, validUntil: { before: null, after: validUntil } } : {}),
        ...(input.registrationNo ? { registrationNo: { before: null, after: input.registrationNo } } : {}),
      } });
      return row.id as number;
    });
  } catch (error) {
    if (uniqueViolation(error)) throw new AppError(409, 'TIER_EXISTS');
    throw error;
  }
}

export async function removeTier(db: Database, actor: Actor, audit: AuditActor, orgId: number, tierId: number): Promise<void> {
  await assertStaffInScope(db, actor, orgId);
  await db.transaction(async (tx) => {
    const { rows: [row] } = await tx.query('DELETE FROM enterprise_tier WHERE id = $1 AND org_id = $2 RETURNING *', [tierId, orgId]);
    if (!row) throw errors.notFound();
    await recordAudit(tx, audit, { action: 'enterprise.tier.remove', targetType: 'enterprise', targetId: orgId, changes: {
      tier: { before: row.tier, after: null }, year: { before: row.year, after: null },
      ...(row.certificate_no ? { certificateNo: { before: row.certificate_no, after: null } } : {}) } });
  });
}
