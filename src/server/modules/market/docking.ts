/**
 * Docking events (对接会): a bureau's event (draft → open → held → closed); enterprises and
 * institutions register while it is open, bringing demands and achievements of their own, and the
 * event's staff confirm them (up to its capacity); staff plan pairs (a demand and an achievement or
 * a supplier organisation) and record each pair's outcome (met / intent / agreement / contract with
 * its number). Staff manage the events of their region's subtree; an event outside it answers 404.
 * Drafts are seen by their bureau only; other events by every signed-in user. Every change is audited.
 */
import type { Database, Queryable } from '../../db/database';
import type { Actor, AuditActor } from '../../http/actor';
import { AppError, errors, fieldError } from '../../http/errors';
import { uniqueViolation } from '../../http/fields';
import { likePattern, Where } from '../../http/list-query';
import { assertRegionInScope } from '../../http/scope';
import { diff, recordAudit } from '../audit/record';
import { notify } from '../notifications/notify';

export const EVENT_STATUSES = ['draft', 'open', 'held', 'closed'] as const;
export const PAIRING_OUTCOMES = ['met', 'intent', 'agreement', 'contract'] as const;
export type PairingOutcome = (typeof PAIRING_OUTCOMES)[number];

export interface EventBody {
  title: string; theme?: string; field?: string | null; startsAt: string; endsAt?: string | null; place?: string; organiser?: string;
  regionCode?: string | null; capacity?: number | null;
}

const num = (x: unknown) => (x == null ? null : Number(x));

/** Counts of an event `e`: confirmed and pending registrations, pairs and their outcomes. */
const EVENT_COUNTS = `
  (SELECT count(*) FILTER (WHERE g.status = 'confirmed') FROM docking_registration g WHERE g.event_id = e.id)::int AS confirmed,
  (SELECT count(*) FILTER (WHERE g.status = 'pending') FROM docking_registration g WHERE g.event_id = e.id)::int AS pending,
  p.pairings, p.met, p.intent, p.agreement, p.contract`;
const PAIR_COUNTS = `LEFT JOIN LATERAL (SELECT count(*)::int AS pairings, count(*) FILTER (WHERE q.outcome = 'met')::int AS met,
  count(*) FILTER (WHERE q.outcome = 'intent')::int AS intent, count(*) FILTER (WHERE q.outcome = 'agreement')::int AS agreement,
  count(*) FILTER (WHERE q.outcome = 'contract')::int AS contract FROM docking_pairing q WHERE q.event_id = e.id) p ON TRUE`;

const countsOf = (x: Record<string, any>) => ({
  registrations: x.confirmed ?? 0, pending: x.pending ?? 0, pairings: x.pairings ?? 0,
  outcomes: { met: x.met ?? 0, intent: x.intent ?? 0, agreement: x.agreement ?? 0, contract: x.contract ?? 0 },
});

const eventView = (x: Record<string, any>) => ({
  id: Number(x.id), title: x.title as string, theme: x.theme as string, field: x.field as string | null, startsAt: x.starts_at, endsAt: x.ends_at,
  place: x.place as string, organiser: x.organiser as string, regionCode: x.region_code as string, regionName: x.region_name as string, capacity: x.capacity as number | null,
  status: x.status as (typeof EVENT_STATUSES)[number], counts: countsOf(x),
  // the actor's organisation's registration, when it has one
  myRegistration: x.my_registration_id != null ? { id: Number(x.my_registration_id), status: x.my_registration_status as string } : null,
  createdAt: x.created_at, updatedAt: x.updated_at, version: x.version as number,
});

/** Which events an actor reads: staff and admins also the drafts of their subtree; everyone the others. */
function eventReadScope(actor: Actor, where: Where): Where {
  if (actor.role === 'admin') return where;
  if (actor.role === 'staff') return where.add(`(e.status <> 'draft' OR e.region_code IN (SELECT region_subtree($?)))`, actor.regionCode);
  return where.add(`e.status <> 'draft'`);
}

/** The events an actor manages: staff their region's subtree, admins all. */
function eventManageScope(actor: Actor, where: Where): Where {
  if (actor.role === 'admin') return where;
  if (actor.role === 'staff') return where.add('e.region_code IN (SELECT region_subtree($?))', actor.regionCode);
  throw errors.forbidden();
}

function eventSelect(actor: Actor, where: Where) {
  const org = where.param(actor.orgId ?? -1);
  return `SELECT e.*, r.name AS region_name, ${EVENT_COUNTS}, mine.id AS my_registration_id, mine.status AS my_registration_status
            FROM docking_event e JOIN region r ON r.code = e.region_code ${PAIR_COUNTS}
            LEFT JOIN docking_registration mine ON mine.event_id = e.id AND mine.org_id = ${org}`;
}

export async function listEvents(db: Queryable, actor: Actor, f: { q?: string; status?: string; regionCode?: string; year?: number; field?: string }, page: number, pageSize: number) {
  const where = eventReadScope(actor, new Where());
  if (f.q) { const t = likePattern(f.q); where.add('(e.title ILIKE $? OR e.theme ILIKE $? OR e.organiser ILIKE $?)', t, t, t); }
  if (f.status) where.add('e.status = $?', f.status);
  if (f.field) where.add('e.field = $?', f.field);
  if (f.regionCode) where.add('e.region_code IN (SELECT region_subtree($?))', f.regionCode);
  if (f.year) where.add('e.starts_at >= $?::timestamptz AND e.starts_at < $?::timestamptz', ...yearBounds(f.year));
  const select = eventSelect(actor, where);
  const [rows, count] = await Promise.all([
    db.query(`${select} ${where} ORDER BY e.starts_at DESC, e.id DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`, where.params),
    db.query(`SELECT count(*)::int AS n FROM docking_event e ${where}`, where.params.slice(0, -1)),
  ]);
  return { items: rows.rows.map(eventView), total: count.rows[0].n, page, pageSize };
}

export async function getEvent(db: Queryable, actor: Actor, id: number) {
  const where = eventReadScope(actor, new Where()).add('e.id = $?', id);
  const select = eventSelect(actor, where);
  const { rows: [e] } = await db.query(`${select} ${where}`, where.params);
  if (!e) throw errors.notFound();
  return eventView(e);
}

/** A calendar year in China time as two instants. */
function yearBounds(year: number): [string, string] {
  return [`${year}-01-01T00:00:00+08:00`, `${year + 1}-01-01T00:00:00+08:00`];
}

const EVENT_COLUMNS: Record<keyof EventBody, string> = {
  title: 'title', theme: 'theme', field: 'field', startsAt: 'starts_at', endsAt: 'ends_at', place: 'place', organiser: 'organiser', regionCode: 'region_code', capacity: 'capacity',
};

export async function createEvent(db: Database, actor: Actor, audit: AuditActor, b: EventBody): Promise<number> {
  const regionCode = b.regionCode ?? actor.regionCode;
  if (!regionCode) throw fieldError('regionCode', 'field.required');
  await assertRegionInScope(db, actor, regionCode);
  return db.transaction(async (tx) => {
    const { rows: [e] } = await tx.query(
      `INSERT INTO docking_event (title, theme, field, starts_at, ends_at, place, organiser, region_code, capacity, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [b.title, b.theme ?? '', b.field ?? null, b.startsAt, b.endsAt ?? null, b.place ?? '', b.organiser ?? '', regionCode, b.capacity ?? null, actor.id]);
    await recordAudit(tx, audit, { action: 'docking.event.create', targetType: 'docking_event', targetId: e.id, changes: diff(null, { ...b, regionCode }) });
    return Number(e.id);
  });
}

async function lockManagedEvent(tx: Queryable, actor: Actor, id: number) {
  const where = eventManageScope(actor, new Where()).add('e.id = $?', id);
  const { rows: [e] } = await tx.query(`SELECT e.* FROM docking_event e ${where} FOR UPDATE`, where.params);
  if (!e) throw errors.notFound();
  return e;
}

export async function updateEvent(db: Database, actor: Actor, audit: AuditActor, id: number, b: EventBody & { version: number }) {
  if (b.regionCode) await assertRegionInScope(db, actor, b.regionCode);
  await db.transaction(async (tx) => {
    const e = await lockManagedEvent(tx, actor, id);
    if (e.version !== b.version) throw errors.staleVersion();
    if (e.status !== 'draft' && e.status !== 'open') throw new AppError(409, 'INVALID_TRANSITION', { from: e.status });
    const keys = (Object.keys(EVENT_COLUMNS) as (keyof EventBody)[]).filter((k) => b[k] !== undefined && !(k === 'regionCode' && b[k] == null));
    const values = keys.map((k) => (k === 'theme' || k === 'place' || k === 'organiser' ? b[k] ?? '' : b[k] ?? null));
    await tx.query(`UPDATE docking_event SET ${[...keys.map((k, i) => `${EVENT_COLUMNS[k]} = $${i + 2}`), 'updated_at = now()', 'version = version + 1'].join(', ')} WHERE id = $1`,
      [id, ...values]);
    const before = Object.fromEntries(keys.map((k) => [k, e[EVENT_COLUMNS[k]] instanceof Date ? (e[EVENT_COLUMNS[k]] as Date).toISOString() : e[EVENT_COLUMNS[k]]]));
    const after = Object.fromEntries(keys.map((k, i) => [k, k === 'startsAt' || k === 'endsAt' ? (values[i] == null ? null : new Date(values[i] as string).toISOString()) : values[i]]));
    await recordAudit(tx, audit, { action: 'docking.event.update', targetType: 'docking_event', targetId: id, changes: diff(before, after) });
  });
}

export async function deleteEvent(db: Database, actor: Actor, audit: AuditActor, id: number) {
  await db.transaction(async (tx) => {
    const e = await lockManagedEvent(tx, actor, id);
    if (e.status !== 'draft') throw new AppError(409, 'INVALID_TRANSITION', { from: e.status });
    await tx.query('DELETE FROM docking_event WHERE id = $1', [id]);
    await recordAudit(tx, audit, { action: 'docking.event.delete', targetType: 'docking_event', targetId: id, changes: { title: { before: e.title, after: null } } });
  });
}

const EVENT_STEPS = { open: { from: 'draft', to: 'open' }, held: { from: 'open', to: 'held' }, close: { from: 'held', to: 'closed' } } as const;

/** open (registrations start), held (the meeting took place), close (outcomes final). */
export async function moveEvent(db: Database, actor: Actor, audit: AuditActor, id: number, step: keyof typeof EVENT_STEPS) {
  return db.transaction(async (tx) => {
    const e = await lockManagedEvent(tx, actor, id);
    const { from, to } = EVENT_STEPS[step];
    if (e.status !== from) throw new AppError(409, 'INVALID_TRANSITION', { from: e.status });
    await tx.query('UPDATE docking_event SET status = $2, updated_at = now(), version = version + 1 WHERE id = $1', [id, to]);
    await recordAudit(tx, audit, { action: `docking.event.${step}`, targetType: 'docking_event', targetId: id, changes: { status: { before: from, after: to } } });
    return to;
  });
}

// ── registrations

const registrationView = (x: Record<string, any>) => ({
  id: Number(x.id), eventId: Number(x.event_id), orgId: Number(x.org_id), orgName: x.org_name as string, orgKind: x.org_kind as string, regionName: x.region_name as string,
  demands: (x.demands ?? []) as { id: number; title: string }[], achievements: (x.achievements ?? []) as { id: number; title: string }[],
  attendees: x.attendees as number, note: x.note as string, status: x.status as string, decisionNote: x.decision_note as string | null, decidedAt: x.decided_at,
  createdAt: x.created_at, updatedAt: x.updated_at, version: x.version as number,
});

const REGISTRATION_SELECT = `SELECT g.*, o.name AS org_name, o.kind AS org_kind, r.name AS region_name,
  (SELECT coalesce(json_agg(json_build_object('id', d.id, 'title', d.title) ORDER BY d.id), '[]') FROM demand d WHERE d.id = ANY(g.demand_ids)) AS demands,
  (SELECT coalesce(json_agg(json_build_object('id', a.id, 'title', a.title) ORDER BY a.id), '[]') FROM achievement a WHERE a.id = ANY(g.achievement_ids)) AS achievements
  FROM docking_registration g JOIN organization o ON o.id = g.org_id JOIN region r ON r.code = o.region_code JOIN docking_event e ON e.id = g.event_id`;

/** The event's registrations: all of them for its staff, an organisation's own for an organisation. */
export async function listRegistrations(db: Queryable, actor: Actor, eventId: number, status?: string) {
  await getEvent(db, actor, eventId); // 404 for an event the actor cannot read
  const where = new Where().add('g.event_id = $?', eventId);
  if (actor.role === 'enterprise' || actor.role === 'institution') where.add('g.org_id = $?', actor.orgId);
  else if (actor.role === 'staff' || actor.role === 'admin') {
    const manages = eventManageScope(actor, new Where()).add('e.id = $?', eventId);
    if (!(await db.query(`SELECT 1 FROM docking_event e ${manages}`, manages.params)).rowCount) throw errors.notFound();
  } else throw errors.forbidden();
  if (status) where.add('g.status = $?', status);
  const { rows } = await db.query(`${REGISTRATION_SELECT} ${where} ORDER BY g.created_at, g.id`, where.params);
  return { items: rows.map(registrationView), total: rows.length };
}

/** Every id must be a demand (achievement) of the organisation, submitted or published. */
async function assertOwnListings(tx: Queryable, table: 'demand' | 'achievement', field: string, orgId: number, ids: number[]) {
  if (!ids.length) return;
  const { rows: [c] } = await tx.query(`SELECT count(*)::int AS n FROM ${table} WHERE id = ANY($1::bigint[]) AND org_id = $2 AND status IN ('submitted', 'published')`, [ids, orgId]);
  if (c.n !== new Set(ids).size) throw fieldError(field, 'field.listing.not_own');
}

export async function registerForEvent(db: Database, actor: Actor, audit: AuditActor, eventId: number,
  b: { demandIds: number[]; achievementIds: number[]; attendees?: number; note?: string }): Promise<number> {
  if (actor.role !== 'enterprise' && actor.role !== 'institution') throw errors.forbidden();
  const demandIds = [...new Set(b.demandIds)]; const achievementIds = [...new Set(b.achievementIds)];
  return db.transaction(async (tx) => {
    const { rows: [e] } = await tx.query(`SELECT * FROM docking_event WHERE id = $1 AND status <> 'draft' FOR SHARE`, [eventId]);
    if (!e) throw errors.notFound();
    if (e.status !== 'open') throw new AppError(409, 'EVENT_NOT_OPEN');
    await assertOwnListings(tx, 'demand', 'demandIds', actor.orgId!, demandIds);
    await assertOwnListings(tx, 'achievement', 'achievementIds', actor.orgId!, achievementIds);
    // one registration per organisation; one withdrawn or declined before may be renewed
    const { rows: [g] } = await tx.query(
      `INSERT INTO docking_registration (event_id, org_id, demand_ids, achievement_ids, attendees, note, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (event_id, org_id) DO UPDATE SET demand_ids = EXCLUDED.demand_ids, achievement_ids = EXCLUDED.achievement_ids, attendees = EXCLUDED.attendees,
         note = EXCLUDED.note, status = 'pending', decision_note = NULL, decided_by = NULL, decided_at = NULL, updated_at = now(), version = docking_registration.version + 1
       WHERE docking_registration.status IN ('withdrawn', 'declined') RETURNING id`,
      [eventId, actor.orgId, demandIds, achievementIds, b.attendees ?? 1, b.note ?? '', actor.id]);
    if (!g) throw new AppError(409, 'REGISTRATION_EXISTS');
    await recordAudit(tx, audit, { action: 'docking.registration.create', targetType: 'docking_registration', targetId: g.id,
      changes: diff(null, { eventId, demandIds, achievementIds, attendees: b.attendees ?? 1, note: b.note ?? '' }) });
    return Number(g.id);
  });
}

/** confirm / decline (the event's staff), withdraw (the organisation). */
export async function decideRegistration(db: Database, actor: Actor, audit: AuditActor, eventId: number, registrationId: number,
  action: 'confirm' | 'decline' | 'withdraw', reason?: string) {
  return db.transaction(async (tx) => {
    let e: Record<string, any>;
    if (action === 'withdraw') {
      if (actor.role !== 'enterprise' && actor.role !== 'institution') throw errors.forbidden();
      ({ rows: [e] } = await tx.query(`SELECT * FROM docking_event WHERE id = $1 FOR SHARE`, [eventId]));
    } else e = await lockManagedEvent(tx, actor, eventId); // the event row serialises confirmations against its capacity
    const where = new Where().add('g.id = $?', registrationId).add('g.event_id = $?', eventId);
    if (action === 'withdraw') where.add('g.org_id = $?', actor.orgId);
    const { rows: [g] } = await tx.query(`SELECT g.* FROM docking_registration g ${where} FOR UPDATE`, where.params);
    if (!e || !g) throw errors.notFound();
    const from = { confirm: ['pending'], decline: ['pending', 'confirmed'], withdraw: ['pending', 'confirmed'] }[action];
    if (!from.includes(g.status)) throw new AppError(409, 'INVALID_TRANSITION', { from: g.status });
    if (e.status !== 'open') throw new AppError(409, 'EVENT_NOT_OPEN');
    if (action === 'decline' && !reason?.trim()) throw fieldError('reason', 'field.reason');
    if (action === 'confirm' && e.capacity != null) {
      const { rows: [c] } = await tx.query(`SELECT count(*)::int AS n FROM docking_registration WHERE event_id = $1 AND status = 'confirmed'`, [eventId]);
      if (c.n >= e.capacity) throw new AppError(409, 'EVENT_FULL', { capacity: e.capacity });
    }
    const to = { confirm: 'confirmed', decline: 'declined', withdraw: 'withdrawn' }[action];
    await tx.query(`UPDATE docking_registration SET status = $2, decision_note = CASE WHEN $3::text IS NULL THEN decision_note ELSE $3 END,
                    decided_by = CASE WHEN $4 THEN $5::bigint ELSE decided_by END, decided_at = CASE WHEN $4 THEN now() ELSE decided_at END,
                    updated_at = now(), version = version + 1 WHERE id = $1`,
    [registrationId, to, reason?.trim() || null, action !== 'withdraw', actor.id]);
    await recordAudit(tx, audit, { action: `docking.registration.${action}`, targetType: 'docking_registration', targetId: registrationId,
      changes: { status: { before: g.status, after: to }, ...(reason?.trim() ? { reason: { before: null, after: reason.trim() } } : {}) } });
    if (action !== 'withdraw') {
      await notify(tx, { orgId: Number(g.org_id), kind: `market.docking.registration.${action === 'confirm' ? 'confirmed' : 'declined'}`, link: `/market/docking-events/${eventId}`,
        title: action === 'confirm' ? [`对接会报名已确认：${e.title}`, `Registration confirmed: ${e.title}`] : [`对接会报名未通过：${e.title}`, `Registration declined: ${e.title}`],
        body: reason ? [reason, reason] : undefined });
    }
    return to;
  });
}

// ── pairings

const pairingView = (x: Record<string, any>) => ({
  id: Number(x.id), eventId: Number(x.event_id),
  demand: { id: Number(x.demand_id), title: x.demand_title as string, orgId: Number(x.demand_org_id), orgName: x.demand_org_name as string },
  achievement: x.achievement_id != null ? { id: Number(x.achievement_id), title: x.achievement_title as string } : null,
  supplier: { orgId: Number(x.supplier_org_id), name: x.supplier_name as string, kind: x.supplier_kind as string },
  note: x.note as string, outcome: x.outcome as PairingOutcome | null, contractNo: x.contract_no as string | null, outcomeNote: x.outcome_note as string | null,
  outcomeAt: x.outcome_at, createdAt: x.created_at, updatedAt: x.updated_at, version: x.version as number,
});
export type PairingView = ReturnType<typeof pairingView>;

const PAIRING_SELECT = `SELECT q.*, d.title AS demand_title, d.org_id AS demand_org_id, dorg.name AS demand_org_name, a.title AS achievement_title,
  s.name AS supplier_name, s.kind AS supplier_kind
  FROM docking_pairing q JOIN demand d ON d.id = q.demand_id JOIN organization dorg ON dorg.id = d.org_id
  LEFT JOIN achievement a ON a.id = q.achievement_id JOIN organization s ON s.id = q.supplier_org_id`;

/** The event's pairs: all for its staff; for an organisation the pairs it is a side of. */
export async function listPairings(db: Queryable, actor: Actor, eventId: number): Promise<{ items: PairingView[]; total: number }> {
  await getEvent(db, actor, eventId);
  const where = new Where().add('q.event_id = $?', eventId);
  if (actor.role === 'enterprise' || actor.role === 'institution') where.add('(d.org_id = $? OR q.supplier_org_id = $?)', actor.orgId, actor.orgId);
  else if (actor.role === 'staff' || actor.role === 'admin') {
    const manages = eventManageScope(actor, new Where()).add('e.id = $?', eventId);
    if (!(await db.query(`SELECT 1 FROM docking_event e ${manages}`, manages.params)).rowCount) throw errors.notFound();
  } else throw errors.forbidden();
  const { rows } = await db.query(`${PAIRING_SELECT} ${where} ORDER BY q.id`, where.params);
  return { items: rows.map(pairingView), total: rows.length };
}

/** A listing may be paired when it is published or brought to this event by a confirmed registration. */
async function pairable(tx: Queryable, table: 'demand' | 'achievement', id: number, eventId: number) {
  const column = table === 'demand' ? 'demand_ids' : 'achievement_ids';
  const { rows: [x] } = await tx.query(
    `SELECT x.id, x.org_id, x.title FROM ${table} x WHERE x.id = $1 AND (x.status = 'published' OR EXISTS (
       SELECT 1 FROM docking_registration g WHERE g.event_id = $2 AND g.status = 'confirmed' AND x.id = ANY(g.${column})))`, [id, eventId]);
  return x as { id: number; org_id: number; title: string } | undefined;
}

export async function createPairing(db: Database, actor: Actor, audit: AuditActor, eventId: number,
  b: { demandId: number; achievementId?: number | null; supplierOrgId?: number | null; note?: string }): Promise<number> {
  try {
    return await db.transaction(async (tx) => {
      const e = await lockManagedEvent(tx, actor, eventId);
      if (e.status !== 'open' && e.status !== 'held') throw new AppError(409, 'INVALID_TRANSITION', { from: e.status });
      const d = await pairable(tx, 'demand', b.demandId, eventId);
      if (!d) throw fieldError('demandId', 'field.pairing.not_at_event');
      let supplier = b.supplierOrgId ?? null;
      let achievementTitle: string | null = null;
      if (b.achievementId != null) {
        const a = await pairable(tx, 'achievement', b.achievementId, eventId);
        if (!a) throw fieldError('achievementId', 'field.pairing.not_at_event');
        if (supplier != null && supplier !== Number(a.org_id)) throw fieldError('supplierOrgId', 'field.invalid');
        supplier = Number(a.org_id); achievementTitle = a.title;
      } else {
        if (supplier == null) throw fieldError('supplierOrgId', 'field.required');
        const { rowCount } = await tx.query(`SELECT 1 FROM organization WHERE id = $1 AND status = 'approved'`, [supplier]);
        if (!rowCount) throw fieldError('supplierOrgId', 'field.organization.unknown');
      }
      if (supplier === Number(d.org_id)) throw fieldError('supplierOrgId', 'field.pairing.same_org');
      const { rows: [q] } = await tx.query(
        `INSERT INTO docking_pairing (event_id, demand_id, achievement_id, supplier_org_id, note, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [eventId, b.demandId, b.achievementId ?? null, supplier, b.note ?? '', actor.id]);
      await recordAudit(tx, audit, { action: 'docking.pairing.create', targetType: 'docking_pairing', targetId: q.id,
        changes: diff(null, { eventId, demandId: b.demandId, achievementId: b.achievementId ?? null, supplierOrgId: supplier, note: b.note ?? '' }) });
      const what = achievementTitle ? `${d.title} ↔ ${achievementTitle}` : d.title;
      for (const orgId of [Number(d.org_id), supplier]) {
        await notify(tx, { orgId, kind: 'market.docking.paired', link: `/market/docking-events/${eventId}`,
          title: [`对接会「${e.title}」为您安排了对接：${what}`, `A meeting was planned for you at "${e.title}": ${what}`] });
      }
      return Number(q.id);
    });
  } catch (e) {
    if (uniqueViolation(e)) throw new AppError(409, 'PAIRING_EXISTS');
    throw e;
  }
}

async function lockPairing(tx: Queryable, actor: Actor, eventId: number, pairingId: number) {
  const e = await lockManagedEvent(tx, actor, eventId);
  const { rows: [q] } = await tx.query('SELECT * FROM docking_pairing WHERE id = $1 AND event_id = $2 FOR UPDATE', [pairingId, eventId]);
  if (!q) throw errors.notFound();
  return { e, q };
}

export async function deletePairing(db: Database, actor: Actor, audit: AuditActor, eventId: number, pairingId: number) {
  await db.transaction(async (tx) => {
    const { e, q } = await lockPairing(tx, actor, eventId, pairingId);
    if (e.status === 'closed') throw new AppError(409, 'INVALID_TRANSITION', { from: e.status });
    if (q.outcome != null) throw new AppError(409, 'INVALID_TRANSITION', { from: q.outcome });
    await tx.query('DELETE FROM docking_pairing WHERE id = $1', [pairingId]);
    await recordAudit(tx, audit, { action: 'docking.pairing.delete', targetType: 'docking_pairing', targetId: pairingId,
      changes: diff({ demandId: Number(q.demand_id), achievementId: num(q.achievement_id), supplierOrgId: Number(q.supplier_org_id) }, null) });
  });
}

/** The outcome of a pair, by the event's staff while the event is open or held; a stale version is refused. */
export async function recordPairingOutcome(db: Database, actor: Actor, audit: AuditActor, eventId: number, pairingId: number,
  b: { outcome: PairingOutcome; contractNo?: string | null; note?: string | null; version: number }) {
  await db.transaction(async (tx) => {
    const { e, q } = await lockPairing(tx, actor, eventId, pairingId);
    if (q.version !== b.version) throw errors.staleVersion();
    if (e.status !== 'open' && e.status !== 'held') throw new AppError(409, 'INVALID_TRANSITION', { from: e.status });
    const contractNo = b.contractNo?.trim() || null;
    if (b.outcome === 'contract' && !contractNo) throw fieldError('contractNo', 'field.required');
    await tx.query(`UPDATE docking_pairing SET outcome = $2, contract_no = $3, outcome_note = $4, outcome_at = now(), updated_at = now(), version = version + 1 WHERE id = $1`,
      [pairingId, b.outcome, contractNo, b.note?.trim() || null]);
    await recordAudit(tx, audit, { action: 'docking.pairing.outcome', targetType: 'docking_pairing', targetId: pairingId,
      changes: diff({ outcome: q.outcome, contractNo: q.contract_no, note: q.outcome_note }, { outcome: b.outcome, contractNo, note: b.note?.trim() || null }) });
  });
}

// ── statistics

/**
 * Events of a region's subtree in a year (drafts left out): totals, one row per event, and one per
 * sub-region (each over its own subtree; events of the region itself in a row of its own).
 */
export async function dockingStats(db: Queryable, actor: Actor, regionCode: string | undefined, year: number) {
  if (actor.role !== 'staff' && actor.role !== 'admin') throw errors.forbidden();
  const root = regionCode ?? actor.regionCode;
  if (!root) throw fieldError('region', 'field.required');
  await assertRegionInScope(db, actor, root, 'region');
  const [from, to] = yearBounds(year);
  const { rows: events } = await db.query(
    `SELECT e.id, e.title, e.starts_at, e.status, e.region_code, r.name AS region_name, ${EVENT_COUNTS},
            (SELECT count(DISTINCT g.org_id)::int FROM docking_registration g WHERE g.event_id = e.id AND g.status = 'confirmed') AS organisations
       FROM docking_event e JOIN region r ON r.code = e.region_code ${PAIR_COUNTS}
      WHERE e.region_code IN (SELECT region_subtree($1)) AND e.status <> 'draft' AND e.starts_at >= $2::timestamptz AND e.starts_at < $3::timestamptz
      ORDER BY e.starts_at, e.id`, [root, from, to]);
  const { rows: [self] } = await db.query('SELECT code, name FROM region WHERE code = $1', [root]);
  const { rows: parts } = await db.query(
    `SELECT c.code, c.name, s.code AS member FROM region c CROSS JOIN LATERAL region_subtree(c.code) AS s(code) WHERE c.parent_code = $1 ORDER BY c.code`, [root]);
  const zero = () => ({ events: 0, registrations: 0, organisations: 0, pairings: 0, outcomes: { met: 0, intent: 0, agreement: 0, contract: 0 } });
  type Tally = ReturnType<typeof zero>;
  const add = (t: Tally, x: Record<string, any>) => {
    t.events += 1; t.registrations += x.confirmed; t.organisations += x.organisations; t.pairings += x.pairings;
    for (const k of PAIRING_OUTCOMES) t.outcomes[k] += x[k];
  };
  const total = zero();
  const byCode = new Map<string, { regionCode: string; regionName: string } & Tally>();
  const regionOf = new Map<string, string>();
  for (const p of parts) {
    if (!byCode.has(p.code)) byCode.set(p.code, { regionCode: p.code, regionName: p.name, ...zero() });
    regionOf.set(p.member, p.code);
  }
  for (const e of events) {
    add(total, e);
    const code = regionOf.get(e.region_code) ?? root;
    if (!byCode.has(code)) byCode.set(code, { regionCode: root, regionName: self.name, ...zero() });
    add(byCode.get(code)!, e);
  }
  return {
    regionCode: root, regionName: self.name as string, year, ...total,
    byRegion: [...byCode.values()],
    byEvent: events.map((e) => ({ id: Number(e.id), title: e.title as string, startsAt: e.starts_at, status: e.status as string, regionCode: e.region_code as string,
      regionName: e.region_name as string, registrations: e.confirmed as number, organisations: e.organisations as number, pairings: e.pairings as number,
      outcomes: { met: e.met, intent: e.intent, agreement: e.agreement, contract: e.contract } as Record<PairingOutcome, number> })),
  };
}
