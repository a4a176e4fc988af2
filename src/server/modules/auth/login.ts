/**
 * Sign-in by username or mobile number + password, with the 等保 2.0 rules: 5 wrong passwords
 * in a row lock the account for 15 minutes (the right password is refused while locked), and
 * failures per client address are throttled across accounts. Every outcome is audited; the
 * counters and the audit row commit even when the answer is a refusal.
 */
import type { Database } from '../../db/database';
import { AppError } from '../../http/errors';
import { recordAudit } from '../audit/record';
import { verifyAgainstNothing, verifyPassword } from './password-hash';
import { createSession, type SessionPolicy } from './sessions';

export const MAX_CONSECUTIVE_FAILURES = 5;
export const LOCK_MINUTES = 15;
export const IP_WINDOW_MINUTES = 15;
export const IP_MAX_FAILURES = 30;

export interface LoginInput {
  username?: string;
  phone?: string;
  password: string;
}

export interface ClientInfo {
  ip: string;
  userAgent?: string;
}

export type LoginOutcome = { ok: true; userId: number; token: string } | { ok: false; error: AppError };

const minutesUntil = (when: Date) => Math.max(1, Math.ceil((when.getTime() - Date.now()) / 60_000));

export async function login(db: Database, input: LoginInput, client: ClientInfo, policy: SessionPolicy): Promise<LoginOutcome> {
  const identifier = (input.username ?? input.phone ?? '').trim();
  const byPhone = input.username === undefined;
  const lookup = await db.query(
    `SELECT id, username, role, password_hash FROM app_user WHERE ${byPhone ? 'phone = $1' : 'lower(username) = lower($1)'}`,
    [identifier],
  );
  const found = lookup.rows[0];
  // The slow hash runs outside the transaction: the embedded database runs one at a time.
  const passwordOk = found ? await verifyPassword(found.password_hash, input.password) : await verifyAgainstNothing(input.password);

  return db.transaction(async (tx): Promise<LoginOutcome> => {
    const anonymous = { id: null, username: identifier.slice(0, 64), role: null, ip: client.ip };
    const throttle = await tx.query(
      `INSERT INTO login_throttle AS t (ip, window_start, failures) VALUES ($1, now(), 0)
       ON CONFLICT (ip) DO UPDATE SET
         window_start = CASE WHEN t.window_start < now() - make_interval(mins => $2) THEN now() ELSE t.window_start END,
         failures     = CASE WHEN t.window_start < now() - make_interval(mins => $2) THEN 0 ELSE t.failures END
       RETURNING failures, window_start`,
      [client.ip, IP_WINDOW_MINUTES],
    );
    const { failures: ipFailures, window_start: windowStart } = throttle.rows[0];
    const windowEnd = new Date(new Date(windowStart).getTime() + IP_WINDOW_MINUTES * 60_000);
    if (ipFailures >= IP_MAX_FAILURES) {
      await recordAudit(tx, anonymous, { action: 'auth.login.throttled', targetType: 'ip', targetId: client.ip });
      return { ok: false, error: new AppError(429, 'TOO_MANY_ATTEMPTS', { minutes: minutesUntil(windowEnd) }) };
    }
    const countIpFailure = () => tx.query('UPDATE login_throttle SET failures = failures + 1 WHERE ip = $1', [client.ip]);

    const { rows } = found
      ? await tx.query(`SELECT id, username, role, status, reject_reason, locked_until, locked_until > now() AS locked
                          FROM app_user u LEFT JOIN LATERAL (SELECT reject_reason FROM organization WHERE id = u.org_id) o ON true
                         WHERE id = $1 FOR UPDATE OF u`, [found.id])
      : { rows: [] };
    const user = rows[0];
    if (!user) {
      await countIpFailure();
      await recordAudit(tx, anonymous, { action: 'auth.login.failure', targetType: 'user', changes: { identifier: { before: null, after: identifier.slice(0, 64) } } });
      return { ok: false, error: new AppError(401, 'INVALID_CREDENTIALS') };
    }
    const who = { id: user.id, username: user.username, role: user.role, ip: client.ip };
    if (user.locked) {
      await countIpFailure();
      await recordAudit(tx, who, { action: 'auth.login.refused_locked', targetType: 'user', targetId: user.id });
      return { ok: false, error: new AppError(423, 'ACCOUNT_LOCKED', { attempts: MAX_CONSECUTIVE_FAILURES, minutes: minutesUntil(user.locked_until) }) };
    }
    if (!passwordOk) {
      await countIpFailure();
      const { rows: [after] } = await tx.query(
        `UPDATE app_user SET
           failed_attempts = CASE WHEN failed_attempts + 1 >= $2 THEN 0 ELSE failed_attempts + 1 END,
           locked_until    = CASE WHEN failed_attempts + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END
         WHERE id = $1 RETURNING locked_until, locked_until > now() AS locked`,
        [user.id, MAX_CONSECUTIVE_FAILURES, LOCK_MINUTES],
      );
      await recordAudit(tx, who, { action: 'auth.login.failure', targetType: 'user', targetId: user.id });
      if (after.locked) {
        await recordAudit(tx, who, { action: 'auth.account.locked', targetType: 'user', targetId: user.id,
          changes: { lockedUntil: { before: null, after: new Date(after.locked_until).toISOString() } } });
        return { ok: false, error: new AppError(423, 'ACCOUNT_LOCKED', { attempts: MAX_CONSECUTIVE_FAILURES, minutes: LOCK_MINUTES }) };
      }
      return { ok: false, error: new AppError(401, 'INVALID_CREDENTIALS') };
    }
    await tx.query('UPDATE app_user SET failed_attempts = 0, locked_until = NULL WHERE id = $1', [user.id]);
    if (user.status !== 'active') {
      await recordAudit(tx, who, { action: 'auth.login.refused_status', targetType: 'user', targetId: user.id,
        changes: { status: { before: null, after: user.status } } });
      const error =
        user.status === 'pending' ? new AppError(403, 'ACCOUNT_PENDING')
        : user.status === 'rejected' ? new AppError(403, 'ACCOUNT_REJECTED', { reason: user.reject_reason ?? '' })
        : new AppError(403, 'ACCOUNT_DISABLED');
      return { ok: false, error };
    }
    await tx.query('UPDATE app_user SET last_login_at = now() WHERE id = $1', [user.id]);
    const token = await createSession(tx, user.id, policy, client);
    await recordAudit(tx, who, { action: 'auth.login.success', targetType: 'user', targetId: user.id,
      changes: { method: { before: null, after: byPhone ? 'phone' : 'username' } } });
    return { ok: true, userId: user.id, token };
  });
}
