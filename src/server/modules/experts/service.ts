/**
 * 专家库: the registry every review, evaluation and competition draws on. Staff keep the experts of
 * their region's subtree and see those of their whole province (a city draws from the provincial
 * pool); an expert keeps their own profile and declared relations. Mobile numbers are shown
 * masked; an ID number is never stored in full (its hash and last four characters).
 */
import crypto from 'node:crypto';
import { maskPhone } from '../../../domain/phone';
import type { Database, Queryable } from '../../db/database';
import type { Actor, AuditActor } from '../../http/actor';
import { AppError, errors, fieldError } from '../../http/errors';
import { assertRegionInScope } from '../../http/scope';
import { assertStrongPassword, uniqueViolation } from '../../http/fields';
import { likePattern, orderBy, Where } from '../../http/list-query';
import { diff, recordAudit } from '../audit/record';
import { hashPassword } from '../auth/password-hash';

export const TITLE_RANKS = ['正高', '副高', '中级', '其他'] as const;
export type TitleRank = (typeof TITLE_RANKS)[number];

export interface ExpertInput {
  name: string; orgId?: number | null; orgName?: string | null; title: string; titleRank: TitleRank;
  fields: string[]; regionCode: string; phone: string; idNumber?: string | null;
  /** 研究方向 / 专长 in words: what matching reads */
  expertise?: string | null;
}

/** The province of a region code: its first two digits. */
const provinceOf = (code: string) => `${code.slice(0, 2)}0000`;

/** Experts an actor may read: admins all, staff their province, an expert their own record. */
export function expertReadScope(actor: Actor, where: Where, alias = 'x'): Where {
  if (actor.role === 'admin') return where;
  if (actor.role === 'staff' && actor.regionCode) return where.add(`${alias}.region_code IN (SELECT region_subtree($?))`, provinceOf(actor.regionCode));
  if (actor.role === 'expert') return where.add(`${alias}.user_id = $?`, actor.id);
  return where.add('FALSE');
}

/** Experts an actor may change: admins all, staff their region's subtree, an expert their own. */
function expertWriteScope(actor: Actor, where: Where, alias = 'x'): Where {
  if (actor.role === 'staff' && actor.regionCode) return where.add(`${alias}.region_code IN (SELECT region_subtree($?))`, actor.regionCode);
  return expertReadScope(actor, where, alias);
}

export function hashIdNumber(idNumber: string): string {
  return crypto.createHash('sha256').update(idNumber.trim().toUpperCase()).digest('hex');
}

function view(x: Record<string, any>, relations: Record<string, any>[] = []) {
  return {
    id: Number(x.id), name: x.name, orgId: x.org_id == null ? null : Number(x.org_id), orgName: x.org_name, title: x.title, titleRank: x.title_rank, expertise: x.expertise ?? '',
    fields: x.fields as string[], regionCode: x.region_code, regionName: x.region_name ?? null, phone: maskPhone(x.phone),
    idNumber: x.id_number_tail ? `${'*'.repeat(14)}${x.id_number_tail}` : null, status: x.status,
    username: x.username ?? null, reviews: x.reviews == null ? undefined : Number(x.reviews), version: x.version,
    relations: relations.map((r) => ({ id: Number(r.id), orgId: r.org_id == null ? null : Number(r.org_id), orgName: r.rel_org_name ?? null,
      personName: r.person_name, reason: r.reason, from: r.valid_from, to: r.valid_to })),
  };
}
export type ExpertView = ReturnType<typeof view>;

const FROM = `FROM expert x JOIN region r ON r.code = x.region_code LEFT JOIN app_user u ON u.id = x.user_id`;
const COLUMNS = `x.*, r.name AS region_name, u.username,
  (SELECT count(*) FROM review_assignment a WHERE a.expert_id = x.id AND a.status <> 'declined') AS reviews`;
const SORTS = { name: 'x.name', titleRank: 'x.title_rank', regionCode: 'x.region_code', createdAt: 'x.created_at', reviews: 'reviews' };

export interface ExpertFilters { q?: string; field?: string; titleRank?: string; status?: string; regionCode?: string; sort?: string }

export async function listExperts(db: Queryable, actor: Actor, f: ExpertFilters, page: number, pageSize: number) {
  const where = expertReadScope(actor, new Where());
  if (f.q) { const t = likePattern(f.q); where.add('(x.name ILIKE $? OR x.org_name ILIKE $? OR x.title ILIKE $?)', t, t, t); }
  if (f.field) where.add('x.fields @> ARRAY[$?]::text[]', f.field);
  if (f.titleRank) where.add('x.title_rank = $?', f.titleRank);
  if (f.status) where.add('x.status = $?', f.status);
  if (f.regionCode) where.add('x.region_code IN (SELECT region_subtree($?))', f.regionCode);
  const order = orderBy(f.sort, SORTS, 'x.created_at DESC', 'x.id');
  const [rows, count] = await Promise.all([
    db.query(`SELECT ${COLUMNS} ${FROM} ${where} ${order} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`, where.params),
    db.query(`SELECT count(*)::int AS n FROM expert x ${where}`, where.params),
  ]);
  return { items: rows.rows.map((x) => view(x)), total: count.rows[0].n, page, pageSize };
}

export async function getExpert(db: Queryable, actor: Actor, id: number): Promise<ExpertView> {
  const where = expertReadScope(actor, new Where()).add('x.id = $?', id);
  const { rows: [x] } = await db.query(`SELECT ${COLUMNS} ${FROM} ${where}`, where.params);
  if (!x) throw errors.notFound();
  const { rows: relations } = await db.query(
    `SELECT er.*, o.name AS rel_org_name FROM expert_relation er LEFT JOIN organization o ON o.id = er.org_id WHERE er.expert_id = $1 ORDER BY er.id`, [id]);
  return view(x, relations);
}

/** The expert record of an expert account, or 404 when none is linked yet. */
export async function myExpertId(db: Queryable, actor: Actor): Promise<number> {
  const { rows: [x] } = await db.query('SELECT id FROM expert WHERE user_id = $1', [actor.id]);
  if (!x) throw new AppError(404, 'EXPERT_NOT_LINKED');
  return Number(x.id);
}

async function checkInput(db: Queryable, actor: Actor, b: ExpertInput): Promise<{ orgName: string }> {
  await assertRegionInScope(db, actor, b.regionCode);
  if (b.orgId != null) {
    const { rows: [o] } = await db.query('SELECT name FROM organization WHERE id = $1', [b.orgId]);
    if (!o) throw fieldError('orgId', 'field.organization.unknown');
    return { orgName: o.name };
  }
  if (!b.orgName?.trim()) throw fieldError('orgName', 'field.required');
  return { orgName: b.orgName.trim() };
}

export async function createExpert(db: Database, actor: Actor, audit: AuditActor, b: ExpertInput): Promise<number> {
  try {
    return await db.transaction((tx) => insertExpert(tx, actor, audit, b));
  } catch (e) {
    if (uniqueViolation(e) === 'expert_id_number_key') throw fieldError('idNumber', 'field.expert.id_number_taken');
    throw e;
  }
}

/**
 * Adds an expert inside the caller's transaction, with its audit row: createExpert's own work, and
 * what a record that extends the registry (a talent record) calls when the person is not in it yet.
 */
export async function insertExpert(tx: Queryable, actor: Actor, audit: AuditActor, b: ExpertInput): Promise<number> {
  if (actor.role !== 'admin' && actor.role !== 'staff') throw errors.forbidden();
  const { orgName } = await checkInput(tx, actor, b);
  const idNumber = b.idNumber?.trim() || null;
  const { rows: [x] } = await tx.query(
    `INSERT INTO expert (name, org_id, org_name, title, title_rank, fields, region_code, phone, id_number_hash, id_number_tail, expertise)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [b.name.trim(), b.orgId ?? null, orgName, b.title.trim(), b.titleRank, [...new Set(b.fields)], b.regionCode, b.phone,
      idNumber ? hashIdNumber(idNumber) : null, idNumber ? idNumber.slice(-4).toUpperCase() : null, b.expertise?.trim() ?? '']);
  await recordAudit(tx, audit, { action: 'expert.create', targetType: 'expert', targetId: x.id,
    changes: diff(null, { name: b.name, orgName, titleRank: b.titleRank, fields: b.fields, regionCode: b.regionCode }) });
  return Number(x.id);
}

async function lockForWrite(tx: Queryable, actor: Actor, id: number) {
  const where = expertWriteScope(actor, new Where()).add('x.id = $?', id);
  const { rows: [x] } = await tx.query(`SELECT x.* FROM expert x ${where} FOR UPDATE`, where.params);
  if (!x) throw errors.notFound();
  return x;
}

/** Staff in scope change anything; the expert their own profile, but not their status or region scope. */
export async function updateExpert(db: Database, actor: Actor, audit: AuditActor, id: number, b: ExpertInput & { version: number }) {
  if (!['admin', 'staff', 'expert'].includes(actor.role)) throw errors.forbidden();
  // the region check scopes staff only: an expert may say where they now work
  const { orgName } = await checkInput(db, actor, b);
  await db.transaction(async (tx) => {
    const x = await lockForWrite(tx, actor, id);
    if (x.version !== b.version) throw errors.staleVersion();
    const idNumber = b.idNumber?.trim() || null;
    await tx.query(
      `UPDATE expert SET search_vector = NULL, name = $2, org_id = $3, org_name = $4, title = $5, title_rank = $6, fields = $7, region_code = $8, phone = $9,
              id_number_hash = coalesce($10, id_number_hash), id_number_tail = coalesce($11, id_number_tail), expertise = coalesce($12, expertise),
              updated_at = now(), version = version + 1
        WHERE id = $1`,
      [id, b.name.trim(), b.orgId ?? null, orgName, b.title.trim(), b.titleRank, [...new Set(b.fields)], b.regionCode, b.phone,
        idNumber ? hashIdNumber(idNumber) : null, idNumber ? idNumber.slice(-4).toUpperCase() : null, b.expertise?.trim() ?? null]);
    await recordAudit(tx, audit, { action: 'expert.update', targetType: 'expert', targetId: id,
      changes: diff({ name: x.name, orgName: x.org_name, title: x.title, titleRank: x.title_rank, fields: x.fields, regionCode: x.region_code },
        { name: b.name, orgName, title: b.title, titleRank: b.titleRank, fields: b.fields, regionCode: b.regionCode }) });
  });
}

export async function setExpertStatus(db: Database, actor: Actor, audit: AuditActor, id: number, status: 'active' | 'suspended') {
  if (actor.role !== 'admin' && actor.role !== 'staff') throw errors.forbidden();
  await db.transaction(async (tx) => {
    const x = await lockForWrite(tx, actor, id);
    if (x.status === status) return;
    await tx.query('UPDATE expert SET status = $2, updated_at = now(), version = version + 1 WHERE id = $1', [id, status]);
    await recordAudit(tx, audit, { action: status === 'active' ? 'expert.activate' : 'expert.suspend', targetType: 'expert', targetId: id,
      changes: { status: { before: x.status, after: status } } });
  });
}

export async function addRelation(db: Database, actor: Actor, audit: AuditActor, id: number,
  b: { orgId?: number | null; personName?: string | null; reason: string; from?: string | null; to?: string | null }): Promise<number> {
  if (!['admin', 'staff', 'expert'].includes(actor.role)) throw errors.forbidden();
  if (b.orgId == null && !b.personName?.trim()) throw fieldError('personName', 'field.expert.relation_target');
  if (b.from && b.to && b.to < b.from) throw fieldError('to', 'field.date_order');
  if (b.orgId != null && !(await db.query('SELECT 1 FROM organization WHERE id = $1', [b.orgId])).rowCount) throw fieldError('orgId', 'field.organization.unknown');
  return db.transaction(async (tx) => {
    await lockForWrite(tx, actor, id);
    const { rows: [r] } = await tx.query(
      'INSERT INTO expert_relation (expert_id, org_id, person_name, reason, valid_from, valid_to) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
      [id, b.orgId ?? null, b.personName?.trim() || null, b.reason.trim(), b.from ?? null, b.to ?? null]);
    await recordAudit(tx, audit, { action: 'expert.relation.add', targetType: 'expert', targetId: id,
      changes: diff(null, { orgId: b.orgId ?? null, personName: b.personName ?? null, reason: b.reason, from: b.from ?? null, to: b.to ?? null }) });
    return Number(r.id);
  });
}

export async function removeRelation(db: Database, actor: Actor, audit: AuditActor, id: number, relationId: number) {
  await db.transaction(async (tx) => {
    await lockForWrite(tx, actor, id);
    const { rows: [r] } = await tx.query('DELETE FROM expert_relation WHERE id = $1 AND expert_id = $2 RETURNING *', [relationId, id]);
    if (!r) throw errors.notFound();
    await recordAudit(tx, audit, { action: 'expert.relation.remove', targetType: 'expert', targetId: id,
      changes: diff({ orgId: r.org_id, personName: r.person_name, reason: r.reason }, null) });
  });
}

/** Creates the expert's sign-in (role expert) and links it; one account per expert. */
export async function createExpertAccount(db: Database, actor: Actor, audit: AuditActor, id: number, b: { username: string; password: string }): Promise<number> {
  if (actor.role !== 'admin' && actor.role !== 'staff') throw errors.forbidden();
  assertStrongPassword(b.password, b.username);
  const hash = await hashPassword(b.password);
  try {
    return await db.transaction(async (tx) => {
      const x = await lockForWrite(tx, actor, id);
      if (x.user_id != null) throw new AppError(409, 'EXPERT_HAS_ACCOUNT');
      const { rows: [u] } = await tx.query(
        `INSERT INTO app_user (username, display_name, role, region_code, phone, password_hash, must_change_password)
         VALUES ($1, $2, 'expert', $3, NULL, $4, true) RETURNING id`, [b.username, x.name, x.region_code, hash]);
      await tx.query('UPDATE expert SET user_id = $2, updated_at = now(), version = version + 1 WHERE id = $1', [id, u.id]);
      await recordAudit(tx, audit, { action: 'expert.account', targetType: 'expert', targetId: id, changes: { username: { before: null, after: b.username } } });
      return Number(u.id);
    });
  } catch (e) {
    if (uniqueViolation(e) === 'app_user_username_key') throw errors.conflict('USERNAME_TAKEN', 'username', 'field.username.taken');
    throw e;
  }
}
