/**
 * Accounts: reading (scoped), creating the roles that do not register themselves, disabling and
 * enabling, and resetting a password (which forces a change at the next sign-in).
 */
import crypto from 'node:crypto';
import type { Database, Queryable } from '../../db/database';
import type { Actor, AuditActor, Role } from '../../http/actor';
import { AppError, errors, fieldError } from '../../http/errors';
import { assertStrongPassword, uniqueViolation } from '../../http/fields';
import { likePattern, orderBy, Where } from '../../http/list-query';
import { limitToRegionScope } from '../../http/scope';
import { diff, recordAudit } from '../audit/record';
import { hashPassword } from '../auth/password-hash';
import { endUserSessions } from '../auth/sessions';
import { toUserView, USER_COLUMNS, USER_FROM, type UserView } from './user-view';

/** Which roles each role may create. Enterprises and institutions register themselves. */
const CREATABLE: Partial<Record<Role, Role[]>> = {
  admin: ['admin', 'staff', 'expert', 'commissioner'],
  staff: ['staff', 'expert', 'commissioner'],
};

export interface UserFilters {
  q?: string;
  role?: string;
  status?: string;
  regionCode?: string;
  sort?: string;
}

/** The users an actor may see: staff their region's subtree (never admins), admins all. */
function scopedWhere(actor: Actor): Where {
  const where = new Where();
  limitToRegionScope(actor, where, 'u.region_code');
  if (actor.role !== 'admin') where.add(`u.role <> 'admin'`);
  return where;
}

function filteredWhere(actor: Actor, f: UserFilters): Where {
  const where = scopedWhere(actor);
  if (f.q) {
    const text = likePattern(f.q);
    where.add(`(u.username ILIKE $? OR u.display_name ILIKE $? OR u.phone LIKE $? OR o.name ILIKE $?)`, text, text, text, text);
  }
  if (f.role) where.add('u.role = $?', f.role);
  if (f.status) where.add('u.status = $?', f.status);
  if (f.regionCode) where.add('u.region_code IN (SELECT region_subtree($?))', f.regionCode);
  return where;
}

const SORTS = { username: 'u.username', createdAt: 'u.created_at', lastLoginAt: 'u.last_login_at', role: 'u.role', status: 'u.status' };

/** One page of the filtered list; `pageSize` may be an export's whole limit. */
export async function listUsers(db: Database, actor: Actor, f: UserFilters, page: number, pageSize: number) {
  const where = filteredWhere(actor, f);
  const order = orderBy(f.sort, SORTS, 'u.created_at DESC', 'u.id');
  const offset = (page - 1) * pageSize;
  const [rows, count] = await Promise.all([
    db.query(`SELECT ${USER_COLUMNS} ${USER_FROM} ${where} ${order} LIMIT ${pageSize} OFFSET ${offset}`, where.params),
    db.query(`SELECT count(*)::int AS n ${USER_FROM} ${where}`, where.params),
  ]);
  return { items: rows.rows.map((row) => toUserView(row, actor)), total: count.rows[0].n as number, page, pageSize };
}

/** One user as `viewer` may see it, or 404. `self` reads one's own account (no scope needed). */
export async function getUserView(db: Queryable, id: number, viewer: Actor | null, options: { self?: boolean } = {}): Promise<UserView> {
  const where = options.self || !viewer ? new Where() : scopedWhere(viewer);
  where.add('u.id = $?', id);
  const { rows } = await db.query(`SELECT ${USER_COLUMNS} ${USER_FROM} ${where}`, where.params);
  if (!rows[0]) throw errors.notFound();
  return toUserView(rows[0], viewer ?? ({ id, role: 'enterprise' } as Actor));
}

async function inScope(db: Queryable, actor: Actor, regionCode: string): Promise<boolean> {
  if (actor.role === 'admin') return true;
  const { rows } = await db.query('SELECT $1 IN (SELECT region_subtree($2)) AS ok', [regionCode, actor.regionCode]);
  return rows[0].ok === true;
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  regionCode?: string | null;
  phone?: string | null;
  password: string;
}

/** `linked`, when given, runs in the same transaction with the new id (e.g. a commissioner record taking the account). */
export async function createUser(db: Database, actor: Actor, audit: AuditActor, input: NewUser,
  linked?: (tx: Queryable, userId: number) => Promise<void>): Promise<UserView> {
  if (!CREATABLE[actor.role]?.includes(input.role)) throw fieldError('role', 'field.role.not_allowed');
  const regionCode = input.regionCode ?? (actor.role === 'staff' ? actor.regionCode : null);
  if (input.role === 'staff' && !regionCode) throw fieldError('regionCode', 'field.required');
  if (regionCode) {
    const exists = await db.query('SELECT 1 FROM region WHERE code = $1', [regionCode]);
    if (!exists.rowCount) throw fieldError('regionCode', 'field.region');
    if (!(await inScope(db, actor, regionCode))) throw fieldError('regionCode', 'field.region.out_of_scope');
  }
  assertStrongPassword(input.password, input.username);
  const hash = await hashPassword(input.password);
  try {
    const id = await db.transaction(async (tx) => {
      const { rows: [row] } = await tx.query(
        `INSERT INTO app_user (username, display_name, role, region_code, phone, password_hash, must_change_password)
         VALUES ($1, $2, $3, $4, $5, $6, true) RETURNING id`,
        [input.username, input.displayName, input.role, regionCode, input.phone ?? null, hash],
      );
      await recordAudit(tx, audit, { action: 'user.create', targetType: 'user', targetId: row.id,
        changes: diff(null, { username: input.username, displayName: input.displayName, role: input.role, regionCode, phone: input.phone ?? null }) });
      await linked?.(tx, Number(row.id));
      return row.id as number;
    });
    return getUserView(db, id, actor);
  } catch (error) {
    const constraint = uniqueViolation(error);
    if (constraint === 'app_user_username_key') throw new AppError(409, 'USERNAME_TAKEN', {}, { username: { key: 'field.username.taken' } });
    if (constraint === 'app_user_phone_key') throw new AppError(409, 'PHONE_TAKEN', {}, { phone: { key: 'field.phone.taken' } });
    throw error;
  }
}

/** Loads a user the actor may manage, locked for update; 404 outside scope. */
async function lockManagedUser(tx: Queryable, actor: Actor, id: number) {
  const where = scopedWhere(actor);
  where.add('u.id = $?', id);
  const { rows } = await tx.query(`SELECT u.id, u.username, u.status, u.role FROM app_user u ${where} FOR UPDATE`, where.params);
  if (!rows[0]) throw errors.notFound();
  if (rows[0].id === actor.id) throw new AppError(403, 'CANNOT_ACT_ON_SELF');
  return rows[0];
}

export async function setUserEnabled(db: Database, actor: Actor, audit: AuditActor, id: number, enabled: boolean): Promise<UserView> {
  await db.transaction(async (tx) => {
    const user = await lockManagedUser(tx, actor, id);
    const next = enabled ? 'active' : 'disabled';
    // Only active ⇄ disabled here; pending and rejected accounts move through registration review.
    const allowedFrom = enabled ? 'disabled' : 'active';
    if (user.status === next) return;
    if (user.status !== allowedFrom) throw new AppError(409, 'INVALID_TRANSITION', { from: user.status });
    await tx.query(`UPDATE app_user SET status = $2, updated_at = now(), version = version + 1 WHERE id = $1`, [id, next]);
    if (!enabled) await endUserSessions(tx, id);
    await recordAudit(tx, audit, { action: enabled ? 'user.enable' : 'user.disable', targetType: 'user', targetId: id,
      changes: { status: { before: user.status, after: next } } });
  });
  return getUserView(db, id, actor);
}

/** A random password that satisfies the rules: 4 classes, 14 characters. */
export function temporaryPassword(): string {
  const pick = (set: string) => set[crypto.randomInt(set.length)];
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '@#%+=?'];
  const chars = sets.map(pick);
  while (chars.length < 14) chars.push(pick(sets.join('')));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = crypto.randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}

export async function resetPassword(db: Database, actor: Actor, audit: AuditActor, id: number): Promise<string> {
  const password = temporaryPassword();
  const hash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await lockManagedUser(tx, actor, id);
    await tx.query(
      `UPDATE app_user SET password_hash = $2, must_change_password = true, failed_attempts = 0, locked_until = NULL,
              password_changed_at = now(), updated_at = now(), version = version + 1 WHERE id = $1`,
      [id, hash],
    );
    await endUserSessions(tx, id);
    await recordAudit(tx, audit, { action: 'user.reset_password', targetType: 'user', targetId: id,
      changes: { mustChangePassword: { before: null, after: true } } });
  });
  return password;
}
