/** A user changes their own password; other sessions of theirs end, this one stays. */
import type { Database } from '../../db/database';
import type { Actor } from '../../http/actor';
import { AppError, fieldError } from '../../http/errors';
import { assertStrongPassword } from '../../http/fields';
import { recordAudit } from '../audit/record';
import { hashPassword, verifyPassword } from './password-hash';
import { endUserSessions } from './sessions';

export async function changePassword(db: Database, actor: Actor, ip: string, oldPassword: string, newPassword: string): Promise<void> {
  const { rows: [user] } = await db.query('SELECT password_hash FROM app_user WHERE id = $1', [actor.id]);
  if (!(await verifyPassword(user.password_hash, oldPassword))) {
    throw new AppError(400, 'WRONG_PASSWORD', {}, { oldPassword: { key: 'field.invalid' } });
  }
  assertStrongPassword(newPassword, actor.username, 'newPassword');
  if (oldPassword === newPassword) throw fieldError('newPassword', 'field.password.same_as_old');
  const hash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    await tx.query(
      `UPDATE app_user SET password_hash = $2, must_change_password = false, password_changed_at = now(),
              updated_at = now(), version = version + 1 WHERE id = $1`,
      [actor.id, hash],
    );
    await endUserSessions(tx, actor.id, actor.sessionId);
    await recordAudit(tx, { id: actor.id, username: actor.username, role: actor.role, ip }, {
      action: 'auth.password.change', targetType: 'user', targetId: actor.id,
      changes: actor.mustChangePassword ? { mustChangePassword: { before: true, after: false } } : null,
    });
  });
}
