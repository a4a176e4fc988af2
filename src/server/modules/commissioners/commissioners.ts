/**
 * The commissioner registry (科技特派员): individuals, organisations (法人科技特派员) and teams
 * (科技特派团) with a leader and members, each managed by the staff of one region. A person from a
 * Party or government body is refused (云科规〔2023〕8号). Staff see their region's subtree; a
 * commissioner user sees its own record and the teams it leads or belongs to; nobody else.
 */
import type { Database, Queryable } from '../../db/database';
import { REFUSED_EMPLOYER_KINDS, type CommissionerKind, type EmployerKind } from '../../../domain/commissioners';
import { todayInChina } from '../../../domain/dates';
import type { Actor, AuditActor } from '../../http/actor';
import { AppError, errors, fieldError } from '../../http/errors';
import { likePattern, orderBy, Where } from '../../http/list-query';
import { assertRegionInScope } from '../../http/scope';
import { diff, recordAudit } from '../audit/record';
import { createUser } from '../users/service';

export interface CommissionerInput {
  name: string; kind: CommissionerKind; orgId?: number | null; orgName?: string | null; employerKind?: EmployerKind;
  title?: string; phone: string; fields: string[]; regionCode: string; leaderId?: number | null; memberIds?: number[];
}

/**
 * The commissioner records a commissioner user acts as: its own, the teams it leads, the teams it
 * is a member of. SQL with one `$?` per use of the user id (Where.add repeats the value).
 */
export const OWN_COMMISSIONERS_SQL = `(SELECT id FROM commissioner WHERE user_id = $?
  UNION SELECT t.id FROM commissioner t JOIN commissioner l ON l.id = t.leader_id WHERE l.user_id = $?
  UNION SELECT m.team_id FROM commissioner_team_member m JOIN commissioner p ON p.id = m.member_id WHERE p.user_id = $?)`;

/** Restricts `column` (a commissioner id) to what the actor may read, given `regionColumn` of the same row. */
export function commissionerScope(actor: Actor, where: Where, column = 'c.id', regionColumn = 'c.region_code'): Where {
  if (actor.role === 'admin') return where;
  if (actor.role === 'staff') return where.add(`${regionColumn} IN (SELECT region_subtree($?))`, actor.regionCode);
  if (actor.role === 'commissioner') return where.add(`${column} IN ${OWN_COMMISSIONERS_SQL}`, actor.id, actor.id, actor.id);
  return where.add('FALSE');
}

const COLUMNS = `c.*, r.name AS region_name, l.name AS leader_name, u.username,
  (SELECT count(*) FROM commissioner_team_member m WHERE m.team_id = c.id)::int AS member_count,
  (SELECT count(*) FROM dispatch d WHERE d.commissioner_id = c.id AND d.status = 'active'
      AND $1::date BETWEEN d.starts_on AND coalesce(d.ended_on, d.ends_on))::int AS active_dispatches,
  (SELECT coalesce(sum(s.days), 0) FROM service_log s WHERE s.commissioner_id = c.id
      AND s.served_on >= date_trunc('year', $1::date) AND s.served_on <= $1::date)::float8 AS days_this_year`;
const FROM = `FROM commissioner c JOIN region r ON r.code = c.region_code LEFT JOIN commissioner l ON l.id = c.leader_id LEFT JOIN app_user u ON u.id = c.user_id`;

const view = (c: Record<string, any>) => ({
  id: Number(c.id), kind: c.kind as CommissionerKind, name: c.name as string, orgId: c.org_id == null ? null : Number(c.org_id), orgName: c.org_name as string,
  employerKind: c.employer_kind as EmployerKind, title: c.title as string, phone: c.phone as string, fields: c.fields as string[],
  regionCode: c.region_code as string, regionName: c.region_name as string, leaderId: c.leader_id == null ? null : Number(c.leader_id),
  leaderName: c.leader_name as string | null, memberCount: c.member_count as number, userId: c.user_id == null ? null : Number(c.user_id),
  username: c.username as string | null, expertId: c.expert_id == null ? null : Number(c.expert_id), status: c.status as string,
  activeDispatches: c.active_dispatches as number, daysThisYear: Number(c.days_this_year), version: c.version as number,
});
export type CommissionerView = ReturnType<typeof view>;

export interface CommissionerFilters { kind?: string; status?: string; region?: string; q?: string; sort?: string }
const SORTS = { name: 'c.name', kind: 'c.kind', region: 'c.region_code', createdAt: 'c.created_at', daysThisYear: 'days_this_year' };

export async function listCommissioners(db: Queryable, actor: Actor, f: CommissionerFilters, page: number, pageSize: number) {
  const where = new Where();
  where.param(todayInChina());
  commissionerScope(actor, where);
  if (f.kind) where.add('c.kind = $?', f.kind);
  if (f.status) where.add('c.status = $?', f.status);
  if (f.region) where.add('c.region_code IN (SELECT region_subtree($?))', f.region);
  if (f.q) { const q = likePattern(f.q); where.add('(c.name ILIKE $? OR c.org_name ILIKE $? OR c.phone LIKE $?)', q, q, q); }
  const { rows } = await db.query(
    `SELECT ${COLUMNS}, count(*) OVER () AS total ${FROM} ${where} ${orderBy(f.sort, SORTS, 'c.region_code, c.name', 'c.id')}
      LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`, where.params);
  return { items: rows.map(view), total: Number(rows[0]?.total ?? 0), page, pageSize };
}

export async function getCommissioner(db: Queryable, actor: Actor, id: number) {
  const where = new Where();
  where.param(todayInChina());
  commissionerScope(actor, where).add('c.id = $?', id);
  const { rows: [c] } = await db.query(`SELECT ${COLUMNS} ${FROM} ${where}`, where.params);
  if (!c) throw errors.notFound();
  const { rows: members } = await db.query(
    'SELECT p.id, p.name, p.title, p.org_name FROM commissioner_team_member m JOIN commissioner p ON p.id = m.member_id WHERE m.team_id = $1 ORDER BY p.name', [id]);
  return { ...view(c), members: members.map((m) => ({ id: Number(m.id), name: m.name, title: m.title, orgName: m.org_name })) };
}

/** Checks what a record refers to and fills the organisation's name; throws field errors. */
async function checkInput(tx: Queryable, actor: Actor, input: CommissionerInput, id: number | null) {
  if (REFUSED_EMPLOYER_KINDS.includes(input.employerKind ?? 'other')) {
    throw new AppError(422, 'COMMISSIONER_PUBLIC_OFFICIAL', {}, { employerKind: { key: 'COMMISSIONER_PUBLIC_OFFICIAL' } });
  }
  await assertRegionInScope(tx, actor, input.regionCode);
  let orgName = input.orgName?.trim() ?? '';
  if (input.orgId != null) {
    const { rows: [o] } = await tx.query('SELECT name FROM organization WHERE id = $1', [input.orgId]);
    if (!o) throw fieldError('orgId', 'field.invalid');
    orgName = o.name;
  } else if (input.kind === 'legal') throw fieldError('orgId', 'field.required');
  if (input.kind === 'legal') orgName ||= input.name;
  let leaderId: number | null = null;
  const memberIds = [...new Set(input.memberIds ?? [])];
  if (input.kind === 'team') {
    if (input.leaderId == null) throw fieldError('leaderId', 'field.required');
    leaderId = input.leaderId;
    const people = [...new Set([leaderId, ...memberIds])];
    const where = commissionerScope(actor, new Where()).add(`c.kind = 'individual'`).add('c.id = ANY($?::bigint[])', people);
    const { rows } = await tx.query(`SELECT c.id FROM commissioner c ${where}`, where.params);
    const found = new Set(rows.map((r) => Number(r.id)));
    if (!found.has(leaderId)) throw fieldError('leaderId', 'field.invalid');
    if (memberIds.some((m) => !found.has(m) || m === id)) throw fieldError('memberIds', 'field.invalid');
  } else if (input.leaderId != null || memberIds.length) throw fieldError('leaderId', 'field.invalid');
  return { orgName, leaderId, memberIds: input.kind === 'team' ? [...new Set([leaderId!, ...memberIds])] : [] };
}

const storedFields = (input: CommissionerInput, orgName: string, leaderId: number | null) => ({
  name: input.name, orgId: input.orgId ?? null, orgName, employerKind: input.employerKind ?? 'other', title: input.title ?? '',
  phone: input.phone, fields: input.fields, regionCode: input.regionCode, leaderId,
});

export async function createCommissioner(db: Database, actor: Actor, audit: AuditActor, input: CommissionerInput): Promise<number> {
  return db.transaction(async (tx) => {
    const { orgName, leaderId, memberIds } = await checkInput(tx, actor, input, null);
    const f = storedFields(input, orgName, leaderId);
    const { rows: [c] } = await tx.query(
      `INSERT INTO commissioner (kind, name, org_id, org_name, employer_kind, title, phone, fields, region_code, leader_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [input.kind, f.name, f.orgId, f.orgName, f.employerKind, f.title, f.phone, f.fields, f.regionCode, f.leaderId]);
    const id = Number(c.id);
    if (memberIds.length) {
      await tx.query('INSERT INTO commissioner_team_member (team_id, member_id) SELECT $1, unnest($2::bigint[])', [id, memberIds]);
    }
    await recordAudit(tx, audit, { action: 'commissioner.create', targetType: 'commissioner', targetId: id,
      changes: diff(null, { kind: input.kind, ...f, memberIds }) });
    return id;
  });
}

export async function updateCommissioner(db: Database, actor: Actor, audit: AuditActor, id: number,
  input: Omit<CommissionerInput, 'kind'> & { version: number; status?: 'active' | 'suspended' | 'ended' }) {
  await db.transaction(async (tx) => {
    const where = commissionerScope(actor, new Where()).add('c.id = $?', id);
    const { rows: [before] } = await tx.query(`SELECT c.* FROM commissioner c ${where} FOR UPDATE`, where.params);
    if (!before) throw errors.notFound();
    if (before.version !== input.version) throw errors.staleVersion();
    const full = { ...input, kind: before.kind as CommissionerKind };
    const { orgName, leaderId, memberIds } = await checkInput(tx, actor, full, id);
    const f = storedFields(full, orgName, leaderId);
    const status = input.status ?? before.status;
    await tx.query(
      `UPDATE commissioner SET name = $2, org_id = $3, org_name = $4, employer_kind = $5, title = $6, phone = $7, fields = $8, region_code = $9,
              leader_id = $10, status = $11, updated_at = now(), version = version + 1 WHERE id = $1`,
      [id, f.name, f.orgId, f.orgName, f.employerKind, f.title, f.phone, f.fields, f.regionCode, f.leaderId, status]);
    if (before.kind === 'team') {
      await tx.query('DELETE FROM commissioner_team_member WHERE team_id = $1', [id]);
      await tx.query('INSERT INTO commissioner_team_member (team_id, member_id) SELECT $1, unnest($2::bigint[])', [id, memberIds]);
    }
    await recordAudit(tx, audit, { action: 'commissioner.update', targetType: 'commissioner', targetId: id,
      changes: diff({ name: before.name, orgId: before.org_id == null ? null : Number(before.org_id), orgName: before.org_name, employerKind: before.employer_kind,
        title: before.title, phone: before.phone, fields: before.fields, regionCode: before.region_code,
        leaderId: before.leader_id == null ? null : Number(before.leader_id), status: before.status }, { ...f, status }) });
  });
  return getCommissioner(db, actor, id);
}

/**
 * The commissioner's sign-in: a `commissioner` account in the record's region, linked to the record
 * in the same transaction (an individual's own; a legal commissioner's contact person's).
 */
export async function createCommissionerAccount(db: Database, actor: Actor, audit: AuditActor, id: number, username: string, password: string) {
  const where = commissionerScope(actor, new Where()).add('c.id = $?', id);
  const { rows: [c] } = await db.query(`SELECT c.id, c.kind, c.name, c.phone, c.region_code, c.user_id FROM commissioner c ${where}`, where.params);
  if (!c) throw errors.notFound();
  if (c.kind === 'team') throw new AppError(409, 'COMMISSIONER_TEAM_ACCOUNT');
  if (c.user_id != null) throw new AppError(409, 'COMMISSIONER_HAS_ACCOUNT');
  const user = await createUser(db, actor, audit, {
    username, password, displayName: c.name, role: 'commissioner', regionCode: c.region_code, phone: null,
  }, async (tx, userId) => {
    const { rowCount } = await tx.query('UPDATE commissioner SET user_id = $2, updated_at = now(), version = version + 1 WHERE id = $1 AND user_id IS NULL', [id, userId]);
    if (!rowCount) throw new AppError(409, 'COMMISSIONER_HAS_ACCOUNT');
    await recordAudit(tx, audit, { action: 'commissioner.account', targetType: 'commissioner', targetId: id, changes: { userId: { before: null, after: userId } } });
  });
  return { userId: user.id };
}
