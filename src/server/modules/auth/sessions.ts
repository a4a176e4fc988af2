/**
 * Sessions live in the database (any app server can serve any request). The cookie holds a
 * random 256-bit token; the table holds only its SHA-256, so a leaked table opens nothing.
 * A session ends after `idleMinutes` without a request or `absoluteHours` after sign-in.
 */
import crypto from 'node:crypto';
import type { Queryable } from '../../db/database';
import type { Actor, Role } from '../../http/actor';

export const SESSION_COOKIE = 'kc_session';

export interface SessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
}

const sha256 = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

export async function createSession(
  tx: Queryable, userId: number, policy: SessionPolicy, client: { ip: string; userAgent?: string },
): Promise<string> {
  const token = crypto.randomBytes(32).toString('base64url');
  await tx.query(
    `INSERT INTO user_session (id, user_id, expires_at, ip, user_agent)
     VALUES ($1, $2, now() + make_interval(hours => $3), $4, $5)`,
    [sha256(token), userId, policy.absoluteHours, client.ip, client.userAgent?.slice(0, 300) ?? null],
  );
  return token;
}

/**
 * The actor behind a token, touching the session; null when the token is unknown, expired or
 * its user is no longer active. `last_seen_at` is written at most once a minute per session.
 */
export async function resolveSession(db: Queryable, token: string, policy: SessionPolicy): Promise<Actor | null> {
  const id = sha256(token);
  const { rows } = await db.query(
    `SELECT s.id AS session_id, s.last_seen_at < now() - interval '1 minute' AS stale_touch,
            u.id, u.username, u.display_name, u.role, u.region_code, u.org_id, u.must_change_password
       FROM user_session s JOIN app_user u ON u.id = s.user_id
      WHERE s.id = $1 AND s.expires_at > now()
        AND s.last_seen_at > now() - make_interval(mins => $2)
        AND u.status = 'active'`,
    [id, policy.idleMinutes],
  );
  const row = rows[0];
  if (!row) {
    // Only a session that has really run out is removed here. A look-up that found nothing for
    // any other reason (an unknown token, a disabled user) must not end anything: a session ends
    // by its owner, its expiry or an administrator, never by a database mishap.
    await db.query(
      `DELETE FROM user_session WHERE id = $1 AND (expires_at <= now() OR last_seen_at <= now() - make_interval(mins => $2))`,
      [id, policy.idleMinutes]);
    return null;
  }
  if (row.stale_touch) await db.query('UPDATE user_session SET last_seen_at = now() WHERE id = $1', [id]);
  return {
    id: row.id, username: row.username, displayName: row.display_name, role: row.role as Role,
    regionCode: row.region_code, orgId: row.org_id, mustChangePassword: row.must_change_password, sessionId: id,
  };
}

export async function endSession(tx: Queryable, sessionId: string): Promise<void> {
  await tx.query('DELETE FROM user_session WHERE id = $1', [sessionId]);
}

/** Ends every session of a user, except optionally the one making the request. */
export async function endUserSessions(tx: Queryable, userId: number, exceptSessionId?: string): Promise<void> {
  await tx.query('DELETE FROM user_session WHERE user_id = $1 AND id IS DISTINCT FROM $2', [userId, exceptSessionId ?? null]);
}
