/**
 * Dispatch (派驻): staff send a commissioner to villages and/or enterprises and cooperatives for a
 * period, by an agreement both sides confirm. Village targets are confirmed for their township by
 * the staff who create the dispatch (they must hold the villages' county in their scope: there are
 * no township accounts); the commissioner confirms its side, each served organisation its own. The
 * dispatch is active once every side has confirmed, and serves until its end (or an earlier end
 * staff record). A commissioner rated 不合格 in its last rated year is not dispatched again.
 */
import type { Database, Queryable } from '../../db/database';
import { mayContinue, type Rating } from '../../../domain/commissioners';
import { todayInChina } from '../../../domain/dates';
import type { Actor, AuditActor } from '../../http/actor';
import { AppError, errors, fieldError } from '../../http/errors';
import { cappedTotal, orderBy, Where } from '../../http/list-query';
import { recordAudit } from '../audit/record';
import { notify } from '../notifications/notify';
import { commissionerScope, OWN_COMMISSIONERS_SQL } from './commissioners';

export const DISPATCH_STATUSES = ['proposed', 'active', 'ended', 'cancelled'] as const;

/** A dispatch serves `date` when agreed (active, or ended later than the date) and the date is in its period. */
export const SERVING_ON = (d: string, date: string) =>
  `${d}.status IN ('active', 'ended') AND ${date} BETWEEN ${d}.starts_on AND coalesce(${d}.ended_on, ${d}.ends_on)`;

/**
 * The dispatches an actor may read: staff those of their region's commissioners and those serving
 * villages or organisations of their region; a commissioner its own (and its teams'); a served
 * organisation those serving it; admins all.
 */
export function dispatchScope(actor: Actor, where: Where, d = 'd'): Where {
  if (actor.role === 'admin') return where;
  if (actor.role === 'staff') {
    const root = where.param(actor.regionCode);
    return where.add(`(${d}.region_code IN (SELECT region_subtree(${root})) OR EXISTS (SELECT 1 FROM dispatch_target x
      LEFT JOIN locality v ON v.code = x.village_code LEFT JOIN organization o ON o.id = x.org_id
      WHERE x.dispatch_id = ${d}.id AND coalesce(v.county_code, o.region_code) IN (SELECT region_subtree(${root}))))`);
  }
  if (actor.role === 'commissioner') return where.add(`${d}.commissioner_id IN ${OWN_COMMISSIONERS_SQL}`, actor.id, actor.id, actor.id);
  if (actor.role === 'enterprise' || actor.role === 'institution') {
    return where.add(`EXISTS (SELECT 1 FROM dispatch_target x WHERE x.dispatch_id = ${d}.id AND x.org_id = $?)`, actor.orgId);
  }
  return where.add('FALSE');
}

const COLUMNS = `d.*, c.name AS commissioner_name, c.kind AS commissioner_kind, c.user_id AS commissioner_user_id,
  (SELECT coalesce(json_agg(json_build_object('id', t.id, 'village_code', t.village_code, 'village_name', v.name, 'township_name', tw.name,
      'county_code', v.county_code, 'org_id', t.org_id, 'org_name', o.name, 'confirmed_at', t.confirmed_at) ORDER BY t.village_code, t.org_id), '[]')
     FROM dispatch_target t LEFT JOIN locality v ON v.code = t.village_code LEFT JOIN locality tw ON tw.code = v.township_code
     LEFT JOIN organization o ON o.id = t.org_id WHERE t.dispatch_id = d.id) AS targets`;
const FROM = 'FROM dispatch d JOIN commissioner c ON c.id = d.commissioner_id';

const view = (d: Record<string, any>) => ({
  id: Number(d.id), commissionerId: Number(d.commissioner_id), commissionerName: d.commissioner_name as string, commissionerKind: d.commissioner_kind as string,
  regionCode: d.region_code as string, from: d.starts_on as string, to: d.ends_on as string, endedOn: d.ended_on as string | null, endReason: d.end_reason as string | null,
  status: d.status as (typeof DISPATCH_STATUSES)[number], agreementNo: d.agreement_no as string, tasks: d.tasks as string,
  commissionerConfirmedAt: d.commissioner_confirmed_at,
  targets: (d.targets as Record<string, any>[]).map((t) => ({
    id: Number(t.id), villageCode: t.village_code as string | null, villageName: t.village_name as string | null, townshipName: t.township_name as string | null,
    orgId: t.org_id == null ? null : Number(t.org_id), orgName: t.org_name as string | null, confirmedAt: t.confirmed_at as string | null })),
  version: d.version as number,
});
export type DispatchView = ReturnType<typeof view>;

const dateText = `to_char(d.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(d.ends_on, 'YYYY-MM-DD') AS ends_on, to_char(d.ended_on, 'YYYY-MM-DD') AS ended_on`;

export interface DispatchFilters { status?: string; region?: string; commissionerId?: number; activeOn?: string; sort?: string }

/** One page of dispatches: ids first, their targets only for the page, the total counted up to TOTAL_CAP. */
export async function listDispatches(db: Queryable, actor: Actor, f: DispatchFilters, page: number, pageSize: number) {
  const where = dispatchScope(actor, new Where());
  if (f.status) where.add('d.status = $?', f.status);
  if (f.region) where.add('d.region_code IN (SELECT region_subtree($?))', f.region);
  if (f.commissionerId) where.add('d.commissioner_id = $?', f.commissionerId);
  if (f.activeOn) where.add(SERVING_ON('d', where.param(f.activeOn)));
  const from = `FROM dispatch d ${where}`;
  const { rows: ids } = await db.query(
    `SELECT d.id ${from} ${orderBy(f.sort, { from: 'd.starts_on', to: 'd.ends_on', status: 'd.status' }, `d.status = 'active' DESC, d.starts_on DESC`, 'd.id')}
      LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`, where.params);
  const pageIds = ids.map((r) => Number(r.id));
  const { rows } = pageIds.length
    ? await db.query(`SELECT ${COLUMNS}, ${dateText} ${FROM} WHERE d.id = ANY($1::bigint[])`, [pageIds])
    : { rows: [] as Record<string, any>[] };
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  const counted = page === 1 && pageIds.length < pageSize ? { total: pageIds.length, totalCapped: false } : await cappedTotal(db, from, where.params);
  return { items: pageIds.map((id) => view(byId.get(id)!)), ...counted, page, pageSize };
}

export async function getDispatch(db: Queryable, actor: Actor, id: number): Promise<DispatchView> {
  const where = dispatchScope(actor, new Where()).add('d.id = $?', id);
  const { rows: [d] } = await db.query(`SELECT ${COLUMNS}, ${dateText} ${FROM} ${where}`, where.params);
  if (!d) throw errors.notFound();
  return view(d);
}

export interface DispatchInput {
  commissionerId: number; villageCodes: string[]; orgIds?: number[]; from: string; to: string; agreementNo?: string; tasks?: string;
}

export async function createDispatch(db: Database, actor: Actor, audit: AuditActor, input: DispatchInput): Promise<number> {
  const villageCodes = [...new Set(input.villageCodes)];
  const orgIds = [...new Set(input.orgIds ?? [])];
  if (!villageCodes.length && !orgIds.length) throw fieldError('villageCodes', 'field.required');
  if (input.to < input.from) throw fieldError('to', 'field.date_order');
  return db.transaction(async (tx) => {
    const where = commissionerScope(actor, new Where()).add('c.id = $?', input.commissionerId);
    const { rows: [c] } = await tx.query(`SELECT c.id, c.name, c.status, c.region_code, c.user_id FROM commissioner c ${where} FOR UPDATE`, where.params);
    if (!c) throw fieldError('commissionerId', 'field.invalid');
    if (c.status !== 'active') throw new AppError(409, 'COMMISSIONER_NOT_ACTIVE');
    const { rows: [last] } = await tx.query('SELECT rating, year FROM commissioner_rating WHERE commissioner_id = $1 ORDER BY year DESC LIMIT 1', [c.id]);
    if (!mayContinue(last?.rating as Rating | undefined)) throw new AppError(409, 'COMMISSIONER_RATED_FAIL', { year: last.year });
    // villages: real 12-digit villages, in the staff member's scope (they confirm for the township)
    const { rows: villages } = await tx.query(
      `SELECT v.code, ($2::text IS NULL OR v.county_code IN (SELECT region_subtree($2))) AS allowed
         FROM locality v WHERE v.level = 5 AND v.code = ANY($1::text[])`, [villageCodes, actor.role === 'staff' ? actor.regionCode : null]);
    if (villages.length !== villageCodes.length) throw fieldError('villageCodes', 'field.invalid');
    if (villages.some((v) => !v.allowed)) throw fieldError('villageCodes', 'field.region.out_of_scope');
    const { rows: orgs } = await tx.query('SELECT id FROM organization WHERE id = ANY($1::bigint[])', [orgIds]);
    if (orgs.length !== orgIds.length) throw fieldError('orgIds', 'field.invalid');
    // the same commissioner is not sent twice to a village for overlapping periods
    const { rows: [overlap] } = await tx.query(
      `SELECT d.id FROM dispatch d JOIN dispatch_target t ON t.dispatch_id = d.id
        WHERE d.commissioner_id = $1 AND d.status IN ('proposed', 'active') AND t.village_code = ANY($2::text[])
          AND d.starts_on <= $4::date AND coalesce(d.ended_on, d.ends_on) >= $3::date LIMIT 1`, [c.id, villageCodes, input.from, input.to]);
    if (overlap) throw new AppError(409, 'DISPATCH_OVERLAP', { id: Number(overlap.id) });
    const { rows: [d] } = await tx.query(
      `INSERT INTO dispatch (commissioner_id, region_code, starts_on, ends_on, agreement_no, tasks, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [c.id, c.region_code, input.from, input.to, input.agreementNo ?? '', input.tasks ?? '', actor.id]);
    const id = Number(d.id);
    await tx.query(`INSERT INTO dispatch_target (dispatch_id, village_code, confirmed_at, confirmed_by) SELECT $1, unnest($2::text[]), now(), $3`, [id, villageCodes, actor.id]);
    await tx.query('INSERT INTO dispatch_target (dispatch_id, org_id) SELECT $1, unnest($2::bigint[])', [id, orgIds]);
    await recordAudit(tx, audit, { action: 'dispatch.create', targetType: 'dispatch', targetId: id, changes: {
      commissionerId: { before: null, after: Number(c.id) }, villageCodes: { before: null, after: villageCodes }, orgIds: { before: null, after: orgIds },
      from: { before: null, after: input.from }, to: { before: null, after: input.to } } });
    const title: [string, string] = [`派驻待确认：${c.name}（${input.from} 至 ${input.to}）`, `Dispatch to confirm: ${c.name} (${input.from} to ${input.to})`];
    if (c.user_id != null) await notify(tx, { userIds: [Number(c.user_id)], kind: 'commissioner.dispatch.proposed', title, link: '/commissioners/mine' });
    for (const orgId of orgIds) await notify(tx, { orgId, kind: 'commissioner.dispatch.proposed', title, link: `/commissioners/dispatches?dispatch=${id}` });
    return id;
  });
}

/**
 * The caller confirms its side: the commissioner (a team's leader) its own, a served organisation's
 * user that organisation's target, staff the villages in their scope. A side confirmed before is
 * 409 DISPATCH_CONFIRMED (a second click changes nothing); the last side makes the dispatch active.
 */
export async function confirmDispatch(db: Database, actor: Actor, audit: AuditActor, id: number): Promise<DispatchView> {
  await db.transaction(async (tx) => {
    const where = dispatchScope(actor, new Where()).add('d.id = $?', id);
    const { rows: [d] } = await tx.query(`SELECT d.*, c.name AS commissioner_name, c.user_id AS commissioner_user_id, l.user_id AS leader_user_id
      FROM dispatch d JOIN commissioner c ON c.id = d.commissioner_id LEFT JOIN commissioner l ON l.id = c.leader_id ${where} FOR UPDATE OF d`, where.params);
    if (!d) throw errors.notFound();
    if (d.status !== 'proposed') throw new AppError(409, 'DISPATCH_CONFIRMED');
    let confirmed = 0;
    if (actor.role === 'commissioner') {
      if (Number(d.commissioner_user_id) !== actor.id && Number(d.leader_user_id) !== actor.id) throw errors.forbidden();
      const r = await tx.query('UPDATE dispatch SET commissioner_confirmed_at = now(), commissioner_confirmed_by = $2 WHERE id = $1 AND commissioner_confirmed_at IS NULL', [id, actor.id]);
      confirmed = r.rowCount ?? 0;
    } else if (actor.role === 'enterprise' || actor.role === 'institution') {
      const r = await tx.query('UPDATE dispatch_target SET confirmed_at = now(), confirmed_by = $2 WHERE dispatch_id = $1 AND org_id = $3 AND confirmed_at IS NULL', [id, actor.id, actor.orgId]);
      confirmed = r.rowCount ?? 0;
    } else if (actor.role === 'staff' || actor.role === 'admin') {
      const r = await tx.query(
        `UPDATE dispatch_target t SET confirmed_at = now(), confirmed_by = $2 FROM locality v
          WHERE t.dispatch_id = $1 AND t.confirmed_at IS NULL AND v.code = t.village_code
            AND ($3::text IS NULL OR v.county_code IN (SELECT region_subtree($3)))`, [id, actor.id, actor.role === 'staff' ? actor.regionCode : null]);
      confirmed = r.rowCount ?? 0;
    } else throw errors.forbidden();
    if (!confirmed) throw new AppError(409, 'DISPATCH_CONFIRMED');
    const { rows: [state] } = await tx.query(
      `UPDATE dispatch d SET status = 'active', updated_at = now(), version = version + 1
        WHERE d.id = $1 AND d.commissioner_confirmed_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM dispatch_target t WHERE t.dispatch_id = d.id AND t.confirmed_at IS NULL)
        RETURNING status`, [id]);
    await recordAudit(tx, audit, { action: 'dispatch.confirm', targetType: 'dispatch', targetId: id,
      changes: { confirmedBy: { before: null, after: actor.role }, ...(state ? { status: { before: 'proposed', after: 'active' } } : {}) } });
    if (state && d.created_by != null) {
      await notify(tx, { userIds: [Number(d.created_by)], kind: 'commissioner.dispatch.active',
        title: [`派驻已生效：${d.commissioner_name}`, `Dispatch in force: ${d.commissioner_name}`], link: `/commissioners/dispatches?dispatch=${id}` });
    }
  });
  return getDispatch(db, actor, id);
}

/** Staff end an active dispatch early (or withdraw a proposed one); the villages are uncovered after the end date. */
export async function endDispatch(db: Database, actor: Actor, audit: AuditActor, id: number, endedOn: string, reason: string): Promise<DispatchView> {
  await db.transaction(async (tx) => {
    const where = commissionerScope(actor, new Where(), 'c.id', 'd.region_code').add('d.id = $?', id);
    const { rows: [d] } = await tx.query(`SELECT d.id, d.status, to_char(d.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(d.ends_on, 'YYYY-MM-DD') AS ends_on, c.user_id
      FROM dispatch d JOIN commissioner c ON c.id = d.commissioner_id ${where} FOR UPDATE OF d`, where.params);
    if (!d) throw errors.notFound();
    if (d.status !== 'active' && d.status !== 'proposed') throw new AppError(409, 'INVALID_TRANSITION', { from: d.status });
    const status = d.status === 'active' ? 'ended' : 'cancelled';
    if (status === 'ended' && (endedOn < d.starts_on || endedOn > d.ends_on)) throw fieldError('endedOn', 'field.invalid');
    await tx.query(`UPDATE dispatch SET status = $2, ended_on = $3, end_reason = $4, updated_at = now(), version = version + 1 WHERE id = $1`,
      [id, status, status === 'ended' ? endedOn : null, reason]);
    await recordAudit(tx, audit, { action: 'dispatch.end', targetType: 'dispatch', targetId: id,
      changes: { status: { before: d.status, after: status }, endedOn: { before: null, after: endedOn }, reason: { before: null, after: reason } } });
    if (d.user_id != null) {
      await notify(tx, { userIds: [Number(d.user_id)], kind: 'commissioner.dispatch.ended',
        title: [`派驻已结束（${endedOn}）：${reason}`, `Dispatch ended (${endedOn}): ${reason}`], link: '/commissioners/mine' });
    }
  });
  return getDispatch(db, actor, id);
}

/** 我的派驻: the commissioner records the user acts as, and their dispatches, in force first. */
export async function myDispatches(db: Queryable, actor: Actor) {
  const where = dispatchScope(actor, new Where());
  const { rows } = await db.query(
    `SELECT ${COLUMNS}, ${dateText} ${FROM} ${where}
      ORDER BY (${SERVING_ON('d', where.param(todayInChina()))}) DESC, d.status = 'proposed' DESC, d.starts_on DESC, d.id DESC LIMIT 100`, where.params);
  return rows.map(view);
}
