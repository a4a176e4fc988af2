/**
 * 创新创业团队: a team with a host organisation, a field, an agreement and subsidy payments; its
 * leader and members are people of the expert registry. Staff of the host's region keep teams;
 * the host sees its own; a member who signs in as an expert sees the teams they are in.
 */
import type { Database, Queryable } from '../../db/database';
import type { Actor, AuditActor } from '../../http/actor';
import { errors, fieldError } from '../../http/errors';
import { likePattern, orderBy, Where } from '../../http/list-query';
import { maskPhone } from '../../../domain/phone';
import type { TalentStatus } from '../../../domain/talent';
import { diff, recordAudit } from '../audit/record';
import { expertReadScope } from '../experts/service';
import { assertHost } from './scope';

export interface TeamInput {
  name: string; hostOrgId: number; field: string; agreementNo?: string | null; from: string; to: string; outcomes?: string[];
  leaderId: number; memberIds: number[]; status?: TalentStatus;
}

const FROM = `FROM talent_team tm JOIN organization o ON o.id = tm.host_org_id JOIN region r ON r.code = o.region_code`;
const SORTS = { name: 'tm.name', host: 'o.name', from: 'tm.agreement_from', paid: 'paid_total', createdAt: 'tm.created_at' };
const iso = (d: unknown) => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));

function teamReadScope(actor: Actor, where: Where): Where {
  if (actor.role === 'admin') return where;
  if (actor.role === 'staff' && actor.regionCode) return where.add('o.region_code IN (SELECT region_subtree($?))', actor.regionCode);
  if ((actor.role === 'enterprise' || actor.role === 'institution') && actor.orgId) return where.add('tm.host_org_id = $?', actor.orgId);
  if (actor.role === 'expert') {
    return where.add('EXISTS (SELECT 1 FROM talent_team_member m JOIN expert x ON x.id = m.expert_id WHERE m.team_id = tm.id AND x.user_id = $?)', actor.id);
  }
  return where.add('FALSE');
}

function view(tm: Record<string, any>) {
  return {
    id: Number(tm.id), name: tm.name as string, hostOrgId: Number(tm.host_org_id), hostName: tm.host_name as string, regionCode: tm.region_code as string,
    regionName: tm.region_name as string, field: tm.field as string, agreementNo: tm.agreement_no as string, from: iso(tm.agreement_from), to: iso(tm.agreement_to),
    outcomes: tm.outcomes as string[], status: tm.status as TalentStatus, leaderName: (tm.leader_name ?? null) as string | null,
    memberCount: Number(tm.member_count ?? 0), paid: Number(tm.paid_total ?? 0), version: tm.version as number,
  };
}

const COLUMNS = `tm.*, o.name AS host_name, o.region_code, r.name AS region_name,
  (SELECT x.name FROM talent_team_member m JOIN expert x ON x.id = m.expert_id WHERE m.team_id = tm.id AND m.is_leader) AS leader_name,
  (SELECT count(*) FROM talent_team_member m WHERE m.team_id = tm.id) AS member_count,
  coalesce((SELECT sum(p.amount) FROM talent_payment p WHERE p.team_id = tm.id), 0) AS paid_total`;

export async function listTeams(db: Queryable, actor: Actor, f: { q?: string; regionCode?: string; hostOrgId?: number; status?: TalentStatus; sort?: string },
  page: number, pageSize: number) {
  const where = teamReadScope(actor, new Where());
  if (f.q) { const p = likePattern(f.q); where.add('(tm.name ILIKE $? OR o.name ILIKE $? OR tm.field ILIKE $?)', p, p, p); }
  if (f.regionCode) where.add('o.region_code IN (SELECT region_subtree($?))', f.regionCode);
  if (f.hostOrgId) where.add('tm.host_org_id = $?', f.hostOrgId);
  if (f.status) where.add('tm.status = $?', f.status);
  const order = orderBy(f.sort, SORTS, 'tm.created_at DESC', 'tm.id');
  const [rows, count] = await Promise.all([
    db.query(`SELECT ${COLUMNS} ${FROM} ${where} ${order} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`, where.params),
    db.query(`SELECT count(*)::int AS n ${FROM} ${where}`, where.params),
  ]);
  return { items: rows.rows.map(view), total: count.rows[0].n, page, pageSize };
}

export async function getTeam(db: Queryable, actor: Actor, id: number) {
  const where = teamReadScope(actor, new Where()).add('tm.id = $?', id);
  const { rows: [tm] } = await db.query(`SELECT ${COLUMNS} ${FROM} ${where}`, where.params);
  if (!tm) throw errors.notFound();
  const [members, payments] = await Promise.all([
    db.query(`SELECT x.id, x.name, x.org_name, x.title, x.phone, m.is_leader FROM talent_team_member m JOIN expert x ON x.id = m.expert_id
               WHERE m.team_id = $1 ORDER BY m.is_leader DESC, x.name`, [id]),
    db.query('SELECT * FROM talent_payment WHERE team_id = $1 ORDER BY paid_on DESC, id DESC', [id]),
  ]);
  return {
    ...view(tm),
    members: members.rows.map((m) => ({ expertId: Number(m.id), name: m.name as string, org: m.org_name as string, title: m.title as string,
      phone: maskPhone(m.phone), leader: m.is_leader as boolean })),
    payments: payments.rows.map((p) => ({ id: Number(p.id), date: iso(p.paid_on), amount: Number(p.amount), note: p.note as string })),
  };
}

/** The members as the registry knows them (readable to the actor); the leader is one of them. */
async function checkMembers(tx: Queryable, actor: Actor, b: TeamInput): Promise<number[]> {
  if (b.to < b.from) throw fieldError('to', 'field.date_order');
  const ids = [...new Set([b.leaderId, ...b.memberIds])];
  const where = expertReadScope(actor, new Where()).add('x.id = ANY($?::bigint[])', ids);
  const { rows } = await tx.query(`SELECT x.id FROM expert x ${where}`, where.params);
  if (rows.length !== ids.length) throw fieldError('memberIds', 'field.expert.unknown');
  return ids;
}

async function writeMembers(tx: Queryable, teamId: number, ids: number[], leaderId: number) {
  await tx.query('DELETE FROM talent_team_member WHERE team_id = $1', [teamId]);
  await tx.query(`INSERT INTO talent_team_member (team_id, expert_id, is_leader) SELECT $1, e, e = $3 FROM unnest($2::bigint[]) AS e`, [teamId, ids, leaderId]);
}

export async function createTeam(db: Database, actor: Actor, audit: AuditActor, b: TeamInput): Promise<number> {
  if (actor.role !== 'admin' && actor.role !== 'staff') throw errors.forbidden();
  return db.transaction(async (tx) => {
    const host = await assertHost(tx, actor, b.hostOrgId);
    const ids = await checkMembers(tx, actor, b);
    const { rows: [tm] } = await tx.query(
      `INSERT INTO talent_team (name, host_org_id, field, agreement_no, agreement_from, agreement_to, outcomes, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [b.name.trim(), host.id, b.field.trim(), b.agreementNo?.trim() ?? '', b.from, b.to, b.outcomes ?? [], b.status ?? 'active']);
    await writeMembers(tx, Number(tm.id), ids, b.leaderId);
    await recordAudit(tx, audit, { action: 'talent_team.create', targetType: 'talent_team', targetId: tm.id,
      changes: diff(null, { name: b.name.trim(), hostOrgId: host.id, field: b.field.trim(), from: b.from, to: b.to, leaderId: b.leaderId, memberIds: ids }) });
    return Number(tm.id);
  });
}

export async function updateTeam(db: Database, actor: Actor, audit: AuditActor, id: number, b: TeamInput & { version: number }) {
  if (actor.role !== 'admin' && actor.role !== 'staff') throw errors.forbidden();
  await db.transaction(async (tx) => {
    const where = teamReadScope(actor, new Where()).add('tm.id = $?', id);
    const { rows: [tm] } = await tx.query(`SELECT tm.* ${FROM} ${where} FOR UPDATE OF tm`, where.params);
    if (!tm) throw errors.notFound();
    if (tm.version !== b.version) throw errors.staleVersion();
    const host = await assertHost(tx, actor, b.hostOrgId);
    const ids = await checkMembers(tx, actor, b);
    const { rows: before } = await tx.query('SELECT expert_id, is_leader FROM talent_team_member WHERE team_id = $1 ORDER BY expert_id', [id]);
    await tx.query(
      `UPDATE talent_team SET name = $2, host_org_id = $3, field = $4, agreement_no = $5, agreement_from = $6, agreement_to = $7, outcomes = $8, status = $9,
              updated_at = now(), version = version + 1 WHERE id = $1`,
      [id, b.name.trim(), host.id, b.field.trim(), b.agreementNo?.trim() ?? '', b.from, b.to, b.outcomes ?? [], b.status ?? tm.status]);
    await writeMembers(tx, id, ids, b.leaderId);
    await recordAudit(tx, audit, { action: 'talent_team.update', targetType: 'talent_team', targetId: id,
      changes: diff({ name: tm.name, hostOrgId: Number(tm.host_org_id), field: tm.field, from: iso(tm.agreement_from), to: iso(tm.agreement_to), status: tm.status,
        leaderId: Number(before.find((m) => m.is_leader)?.expert_id ?? 0) || null, memberIds: before.map((m) => Number(m.expert_id)) },
      { name: b.name.trim(), hostOrgId: host.id, field: b.field.trim(), from: b.from, to: b.to, status: b.status ?? tm.status, leaderId: b.leaderId,
        memberIds: [...ids].sort((m, n) => m - n) }) });
  });
}

export async function addTeamPayment(db: Database, actor: Actor, audit: AuditActor, id: number, b: { date: string; amount: number; note?: string | null }) {
  if (actor.role !== 'admin' && actor.role !== 'staff') throw errors.forbidden();
  return db.transaction(async (tx) => {
    const where = teamReadScope(actor, new Where()).add('tm.id = $?', id);
    const { rows: [tm] } = await tx.query(`SELECT tm.id ${FROM} ${where} FOR UPDATE OF tm`, where.params);
    if (!tm) throw errors.notFound();
    const { rows: [p] } = await tx.query('INSERT INTO talent_payment (team_id, paid_on, amount, note, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [id, b.date, b.amount, b.note?.trim() ?? '', actor.id]);
    await recordAudit(tx, audit, { action: 'talent_team.payment.add', targetType: 'talent_team', targetId: id,
      changes: diff(null, { date: b.date, amount: b.amount, note: b.note?.trim() ?? '' }) });
    return Number(p.id);
  });
}
