/**
 * Self-registration of an enterprise or institution: the organisation and its first account are
 * created together, both pending until staff of the organisation's region approve them
 * (modules/organizations/review.ts).
 */
import type { Database } from '../../db/database';
import { AppError, fieldError } from '../../http/errors';
import { assertStrongPassword, uniqueViolation } from '../../http/fields';
import { recordAudit } from '../audit/record';
import { saveRegistrationDocuments, type UploadedDocument } from '../organizations/documents';
import { hashPassword } from './password-hash';

export interface RegistrationInput {
  kind: 'enterprise' | 'institution';
  name: string;
  uscc: string;
  regionCode: string;
  contactName: string;
  phone: string;
  username: string;
  password: string;
}

const CONFLICTS: Record<string, AppError> = {
  organization_uscc_key: new AppError(409, 'USCC_TAKEN', {}, { uscc: { key: 'field.uscc.taken' } }),
  app_user_username_key: new AppError(409, 'USERNAME_TAKEN', {}, { username: { key: 'field.username.taken' } }),
  app_user_phone_key: new AppError(409, 'PHONE_TAKEN', {}, { phone: { key: 'field.phone.taken' } }),
};

/** `documents` (营业执照, 授权书) are stored in the registration's transaction (register-with-license). */
export async function register(db: Database, input: RegistrationInput, ip: string, documents: UploadedDocument[] = []): Promise<{ id: number; status: 'pending' }> {
  assertStrongPassword(input.password, input.username);
  const region = await db.query('SELECT 1 FROM region WHERE code = $1', [input.regionCode]);
  if (!region.rowCount) throw fieldError('regionCode', 'field.region');
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const { rows: [org] } = await tx.query(
        `INSERT INTO organization (kind, name, uscc, region_code, contact_name, contact_phone)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [input.kind, input.name, input.uscc, input.regionCode, input.contactName, input.phone],
      );
      const { rows: [user] } = await tx.query(
        `INSERT INTO app_user (username, display_name, role, region_code, org_id, phone, password_hash, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending') RETURNING id`,
        [input.username, input.contactName, input.kind, input.regionCode, org.id, input.phone, passwordHash],
      );
      const actor = { id: user.id, username: input.username, role: input.kind, ip };
      await recordAudit(tx, actor, { action: 'organization.register', targetType: 'organization', targetId: org.id, changes: {
        kind: { before: null, after: input.kind }, name: { before: null, after: input.name }, uscc: { before: null, after: input.uscc },
        regionCode: { before: null, after: input.regionCode }, contactName: { before: null, after: input.contactName },
        contactPhone: { before: null, after: input.phone }, username: { before: null, after: input.username },
      } });
      await saveRegistrationDocuments(tx, actor, org.id, documents);
      return { id: org.id as number, status: 'pending' as const };
    });
  } catch (error) {
    const constraint = uniqueViolation(error);
    if (constraint && CONFLICTS[constraint]) throw CONFLICTS[constraint];
    throw error;
  }
}
