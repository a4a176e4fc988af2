/**
 * The platform registry (创新平台): a platform of a type and level, hosted by one or more
 * organisations (the lead first), in a region, with its certification (date, number, term) and a
 * status 筹建 / 认定 / 整改 / 撤销 whose every change is written to its timeline (platform_event).
 * Records come from the certification workflow (applications.ts) or are entered by staff for
 * platforms certified before the system. Staff put a platform on 整改, restore it, or revoke it
 * (the staff of the level that certifies it: the city for city platforms, the province above).
 *
 * Scope, always in SQL: admins all; staff their region's subtree; an organisation the platforms
 * it hosts (platform_host); nobody else.
 */
import { todayInChina } from '../../../domain/dates';
import { decidingRegionLevel, PLATFORM_STATUS_NAMES, typeName, type PlatformLevel, type PlatformStatus } from '../../../domain/platforms';
import type { Database, Queryable } from '../../db/database';
import type { Actor, AuditActor } from '../../http/actor';
import { AppError, errors, fieldError } from '../../http/errors';
import { likePattern, orderBy, Where } from '../../http/list-query';
import { assertRegionInScope } from '../../http/scope';
import { diff, recordAudit } from '../audit/record';
import { notify } from '../notifications/notify';

/** Which platforms (`p`) an actor may read. */
export function platformScope(actor: Actor, where: Where): Where {
  if (actor.role === 'admin') return where;
  if (actor.role === 'staff') return where.add('p.region_code IN (SELECT region_subtree($?))', actor.regionCode);
  if (actor.role === 'enterprise' || actor.role === 'institution') {
    return where.add('EXISTS (SELECT 1 FROM platform_host h WHERE h.platform_id = p.id AND h.org_id = $?)', actor.orgId);
  }
  return where.add('false');
}

const num = (x: unknown) => (x == null ? null : Number(x));

export const platformView = (p: Record<string, any>) => ({
  id: Number(p.id), name: p.name, type: p.type_code as string, level: p.level as PlatformLevel, status: p.status as PlatformStatus,
  hostOrgId: Number(p.host_org_id), hostName: p.host_name, regionCode: p.region_code, regionName: p.region_name, field: p.field,
  intro: p.intro, address: p.address, authority: p.authority, certifiedOn: p.certified_on, certificateNo: p.certificate_no, validUntil: p.valid_until,
  statusReason: p.status_reason, revokedOn: p.revoked_on, source: p.source as 'workflow' | 'entered',
  coHosts: (p.co_hosts ?? []) as string[], createdAt: p.created_at, updatedAt: p.updated_at, version: p.version,
});
export type PlatformView = ReturnType<typeof platformView>;

const DATES = `p.certified_on::text AS certified_on, p.valid_until::text AS valid_until, p.revoked_on::text AS revoked_on`;
const SELECT = `SELECT p.*, ${DATES}, o.name AS host_name, r.name AS region_name,
    (SELECT coalesce(array_agg(ho.name ORDER BY ho.name), '{}') FROM platform_host h JOIN organization ho ON ho.id = h.org_id
      WHERE h.platform_id = p.id AND NOT h.is_lead) AS co_hosts
  FROM platform p JOIN organization o ON o.id = p.host_org_id JOIN region r ON r.code = p.region_code`;

export interface PlatformFilters {
  q?: string; type?: string; level?: string; status?: string; regionCode?: string; field?: string; hostOrgId?: number; sort?: string;
}

export async function listPlatforms(db: Queryable, actor: Actor, f: PlatformFilters, page: number, pageSize: number) {
  const where = platformScope(actor, new Where());
  if (f.q) { const t = likePattern(f.q); where.add('(p.name ILIKE $? OR o.name ILIKE $? OR p.certificate_no ILIKE $?)', t, t, t); }
  if (f.type) where.add('p.type_code = $?', f.type);
  if (f.level) where.add('p.level = $?', f.level);
  if (f.status) where.add('p.status = $?', f.status);
  if (f.field) where.add('p.field = $?', f.field);
  if (f.hostOrgId) where.add('EXISTS (SELECT 1 FROM platform_host hh WHERE hh.platform_id = p.id AND hh.org_id = $?)', f.hostOrgId);
  if (f.regionCode) where.add('p.region_code IN (SELECT region_subtree($?))', f.regionCode);
  const order = orderBy(f.sort, { name: 'p.name', certifiedOn: 'p.certified_on', validUntil: 'p.valid_until', level: 'p.level', updatedAt: 'p.updated_at' },
    'p.certified_on DESC NULLS LAST', 'p.id');
  const [rows, count] = await Promise.all([
    db.query(`${SELECT} ${where} ${order} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`, where.params),
    db.query(`SELECT count(*)::int AS n FROM platform p JOIN organization o ON o.id = p.host_org_id ${where}`, where.params),
  ]);
  return { items: rows.rows.map(platformView), total: count.rows[0].n, page, pageSize };
}

/** The metrics a type reports, in order. */
export async function metricsOf(db: Queryable, type: string) {
  const { rows } = await db.query(
    `SELECT m.code, m.name_zh, m.name_en, m.unit_zh, m.unit_en, m.kind FROM platform_type_metric t JOIN platform_metric m ON m.code = t.metric_code
      WHERE t.type_code = $1 ORDER BY t.sort, m.code`, [type]);
  return rows.map((m) => ({ code: m.code as string, nameZh: m.name_zh, nameEn: m.name_en, unitZh: m.unit_zh, unitEn: m.unit_en, kind: m.kind as 'count' | 'money' | 'hours' }));
}

/** One platform with its hosts, figures by year, the metrics of its type, its timeline and its certification applications. */
export async function getPlatform(db: Queryable, actor: Actor, id: number) {
  const where = platformScope(actor, new Where()).add('p.id = $?', id);
  const { rows: [p] } = await db.query(`${SELECT} ${where}`, where.params);
  if (!p) throw errors.notFound();
  const [hosts, figures, events, applications, metrics] = await Promise.all([
    db.query(`SELECT h.org_id, h.is_lead, o.name FROM platform_host h JOIN organization o ON o.id = h.org_id WHERE h.platform_id = $1 ORDER BY h.is_lead DESC, o.name`, [id]),
    db.query('SELECT year, figures, version, updated_at FROM platform_year_figures WHERE platform_id = $1 ORDER BY year DESC', [id]),
    db.query(`SELECT id, action, from_status, to_status, level, on_date::text AS on_date, comment, actor_name, at FROM platform_event WHERE platform_id = $1 ORDER BY at, id`, [id]),
    db.query(`SELECT id, level, status, submitted_at, certified_on::text AS certified_on FROM platform_application WHERE platform_id = $1 ORDER BY id`, [id]),
    metricsOf(db, p.type_code),
  ]);
  return {
    ...platformView(p),
    hosts: hosts.rows.map((h) => ({ orgId: Number(h.org_id), name: h.name, lead: h.is_lead })),
    figures: figures.rows.map((f) => ({ year: f.year, figures: f.figures as Record<string, number>, version: f.version, updatedAt: f.updated_at })),
    metrics,
    events: events.rows.map((e) => ({ id: Number(e.id), action: e.action, fromStatus: e.from_status, toStatus: e.to_status, level: e.level, onDate: e.on_date,
      comment: e.comment, actorName: e.actor_name, at: e.at })),
    applications: applications.rows.map((a) => ({ id: Number(a.id), level: a.level, status: a.status, submittedAt: a.submitted_at, certifiedOn: a.certified_on })),
  };
}

/** Writes one line of a platform's timeline. */
export async function platformEvent(tx: Queryable, e: { platformId: number; action: string; from: string | null; to: string; level: string; on: string;
  comment?: string | null; actor: Actor }) {
  await tx.query(
    `INSERT INTO platform_event (platform_id, action, from_status, to_status, level, on_date, comment, actor_id, actor_name) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [e.platformId, e.action, e.from, e.to, e.level, e.on, e.comment ?? null, e.actor.id, e.actor.displayName]);
}

/** The approved organisation an actor may name as a host: staff within their subtree, admins any. */
export async function hostInScope(db: Queryable, actor: Actor, orgId: number, field = 'hostOrgId') {
  const { rows: [o] } = await db.query(
    `SELECT id, name, region_code FROM organization WHERE id = $1 AND status = 'approved' AND ($2::text IS NULL OR region_code IN (SELECT region_subtree($2)))`,
    [orgId, actor.role === 'staff' ? actor.regionCode : null]);
  if (!o) throw fieldError(field, 'field.organization.unknown');
  return { id: Number(o.id), name: o.name as string, regionCode: o.region_code as string };
}

async function assertCoHosts(db: Queryable, ids: number[], lead: number) {
  if (ids.includes(lead)) throw fieldError('coHostOrgIds', 'field.platform.co_host_lead');
  if (!ids.length) return;
  const { rows: [r] } = await db.query(`SELECT count(*)::int AS n FROM organization WHERE id = ANY($1::bigint[]) AND status = 'approved'`, [ids]);
  if (r.n !== ids.length) throw fieldError('coHostOrgIds', 'field.organization.unknown');
}

export interface PlatformInput {
  name: string; type: string; level: PlatformLevel; hostOrgId: number; regionCode: string; status: PlatformStatus;
  field?: string; intro?: string; address?: string; authority?: string; certifiedOn?: string | null; certificateNo?: string | null;
  validUntil?: string | null; coHostOrgIds?: number[];
}

function checkDates(b: { status?: PlatformStatus; certifiedOn?: string | null; validUntil?: string | null }, today: string) {
  const certified = b.status === 'certified' || b.status === 'rectifying';
  if (certified && !b.certifiedOn) throw fieldError('certifiedOn', 'field.required');
  if (b.certifiedOn && b.certifiedOn > today) throw fieldError('certifiedOn', 'field.platform.future');
  if (b.validUntil && b.certifiedOn && b.validUntil < b.certifiedOn) throw fieldError('validUntil', 'field.invalid');
}

function duplicate(error: unknown): never {
  if ((error as { code?: string }).code === '23505') throw fieldError('name', 'field.platform.exists');
  throw error;
}

/**
 * A platform entered by staff (or an admin): one certified before the system, or one 筹建. It is
 * in the staff's region and hosted by an approved organisation of that region; it cannot be
 * entered as revoked.
 */
export async function createPlatform(db: Database, actor: Actor, audit: AuditActor, b: PlatformInput, today = todayInChina()): Promise<number> {
  if (actor.role !== 'staff' && actor.role !== 'admin') throw errors.forbidden();
  if (b.status === 'revoked') throw fieldError('status', 'field.platform.enter_revoked');
  checkDates(b, today);
  await assertRegionInScope(db, actor, b.regionCode);
  const host = await hostInScope(db, actor, b.hostOrgId);
  const coHosts = [...new Set(b.coHostOrgIds ?? [])];
  await assertCoHosts(db, coHosts, host.id);
  return db.transaction(async (tx) => {
    const { rows: [p] } = await tx.query(
      `INSERT INTO platform (name, type_code, level, status, host_org_id, region_code, field, intro, address, authority, certified_on, certificate_no, valid_until, source, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'entered', $14) RETURNING id`,
      [b.name.trim(), b.type, b.level, b.status, host.id, b.regionCode, b.field ?? '', b.intro ?? '', b.address ?? '', b.authority ?? '',
        b.certifiedOn ?? null, b.certificateNo?.trim() || null, b.validUntil ?? null, actor.id]).catch(duplicate);
    const id = Number(p.id);
    await tx.query(`INSERT INTO platform_host (platform_id, org_id, is_lead) SELECT $1::bigint, $2::bigint, true UNION ALL SELECT $1::bigint, unnest($3::bigint[]), false`, [id, host.id, coHosts]);
    await platformEvent(tx, { platformId: id, action: 'enter', from: null, to: b.status, level: b.level, on: b.certifiedOn ?? today, actor,
      comment: b.certificateNo ?? null });
    await recordAudit(tx, audit, { action: 'platform.create', targetType: 'platform', targetId: id,
      changes: diff(null, { name: b.name.trim(), type: b.type, level: b.level, status: b.status, hostOrgId: host.id, regionCode: b.regionCode,
        certifiedOn: b.certifiedOn ?? null, certificateNo: b.certificateNo ?? null }) });
    return id;
  });
}

/** A staff member's region level (1 province, 2 city, 3 county); admins count as the top. */
export async function staffLevel(db: Queryable, actor: Actor): Promise<number> {
  if (actor.role === 'admin') return 0;
  const { rows: [r] } = await db.query('SELECT level FROM region WHERE code = $1', [actor.regionCode]);
  return r ? Number(r.level) : 99;
}

/** The platform's row locked for a change by staff of its region (any level for details; for status, the certifying level). */
async function lockManaged(tx: Queryable, actor: Actor, id: number, certifying: boolean) {
  if (actor.role !== 'staff' && actor.role !== 'admin') throw errors.forbidden();
  const where = platformScope(actor, new Where()).add('p.id = $?', id);
  const { rows: [p] } = await tx.query(`SELECT p.*, ${DATES} FROM platform p ${where} FOR UPDATE`, where.params);
  if (!p) throw errors.notFound();
  if (certifying && (await staffLevel(tx, actor)) > decidingRegionLevel(p.level)) throw new AppError(403, 'PLATFORM_LEVEL_AUTHORITY');
  return p;
}

const EDITABLE: [keyof PlatformInput, string][] = [
  ['name', 'name'], ['field', 'field'], ['intro', 'intro'], ['address', 'address'], ['authority', 'authority'],
  ['certifiedOn', 'certified_on'], ['certificateNo', 'certificate_no'], ['validUntil', 'valid_until'],
];

/** Staff correct a platform's details (not its status, which has its own actions). */
export async function updatePlatform(db: Database, actor: Actor, audit: AuditActor, id: number, b: Partial<PlatformInput> & { version: number }, today = todayInChina()) {
  await db.transaction(async (tx) => {
    const p = await lockManaged(tx, actor, id, false);
    if (p.version !== b.version) throw errors.staleVersion();
    const next = Object.fromEntries(EDITABLE.map(([k, col]) => [k, b[k] !== undefined ? b[k] : p[col]]));
    checkDates({ status: p.status, certifiedOn: next.certifiedOn as string | null, validUntil: next.validUntil as string | null }, today);
    await tx.query(
      `UPDATE platform SET ${EDITABLE.map(([, col], i) => `${col} = $${i + 2}`).join(', ')}, updated_at = now(), version = version + 1 WHERE id = $1`,
      [id, ...EDITABLE.map(([k]) => (k === 'name' ? String(next.name).trim() : next[k] ?? (k === 'certifiedOn' || k === 'validUntil' || k === 'certificateNo' ? null : '')))])
      .catch(duplicate);
    if (b.coHostOrgIds) {
      const coHosts = [...new Set(b.coHostOrgIds)];
      await assertCoHosts(tx, coHosts, Number(p.host_org_id));
      await tx.query('DELETE FROM platform_host WHERE platform_id = $1 AND NOT is_lead', [id]);
      await tx.query('INSERT INTO platform_host (platform_id, org_id) SELECT $1, unnest($2::bigint[])', [id, coHosts]);
    }
    const before = Object.fromEntries(EDITABLE.map(([k, col]) => [k, p[col]]));
    await recordAudit(tx, audit, { action: 'platform.update', targetType: 'platform', targetId: id,
      changes: { ...diff(before, next), ...(b.coHostOrgIds ? { coHostOrgIds: { before: null, after: b.coHostOrgIds } } : {}) } });
  });
}

type StatusAction = 'revoke' | 'rectify' | 'restore';
const STATUS_ACTIONS: Record<StatusAction, { from: PlatformStatus[]; to: PlatformStatus; reason: boolean }> = {
  revoke: { from: ['preparing', 'certified', 'rectifying'], to: 'revoked', reason: true },
  rectify: { from: ['certified'], to: 'rectifying', reason: true },
  restore: { from: ['rectifying'], to: 'certified', reason: false },
};

/**
 * 撤销 / 整改 / 恢复: a conditional change of status (a second revoke answers 409), written to the
 * timeline and the audit log, told to the hosts. Revocation takes effect on `on` (today unless given).
 */
export async function changePlatformStatus(db: Database, actor: Actor, audit: AuditActor, id: number, action: StatusAction,
  b: { reason?: string | null; on?: string | null }, today = todayInChina()) {
  const rule = STATUS_ACTIONS[action];
  const reason = b.reason?.trim() || null;
  if (rule.reason && !reason) throw fieldError('reason', 'field.reason');
  const on = b.on ?? today;
  if (on > today) throw fieldError('on', 'field.platform.future');
  return db.transaction(async (tx) => {
    const p = await lockManaged(tx, actor, id, true);
    if (!rule.from.includes(p.status)) throw new AppError(409, 'INVALID_TRANSITION', { from: p.status });
    if (action === 'revoke' && p.certified_on && on < p.certified_on) throw fieldError('on', 'field.invalid');
    const { rowCount } = await tx.query(
      `UPDATE platform SET status = $2, status_reason = $3, revoked_on = CASE WHEN $2 = 'revoked' THEN $4::date ELSE revoked_on END,
              updated_at = now(), version = version + 1 WHERE id = $1 AND status = ANY($5::text[])`, [id, rule.to, reason, on, rule.from]);
    if (!rowCount) throw new AppError(409, 'INVALID_TRANSITION', { from: p.status });
    await platformEvent(tx, { platformId: id, action, from: p.status, to: rule.to, level: p.level, on, comment: reason, actor });
    await recordAudit(tx, audit, { action: `platform.${action}`, targetType: 'platform', targetId: id,
      changes: { status: { before: p.status, after: rule.to }, ...(reason ? { reason: { before: null, after: reason } } : {}) } });
    const [zh, en] = PLATFORM_STATUS_NAMES[rule.to];
    const { rows: hosts } = await tx.query('SELECT org_id FROM platform_host WHERE platform_id = $1', [id]);
    for (const h of hosts) {
      await notify(tx, { orgId: Number(h.org_id), kind: `platform.${action}`, link: `/platforms/${id}`,
        title: [`创新平台状态变更为${zh}：${p.name}`, `Platform now ${en.toLowerCase()}: ${p.name}`],
        body: [reason ?? `${typeName(p.type_code)}恢复为认定状态`, reason ?? `${typeName(p.type_code, 'en')} restored to certified`] });
    }
    return { id, status: rule.to };
  });
}

/**
 * Key figures of a year, entered by a host of the platform or its region's staff: numbers ≥ 0
 * for the metrics of the type only. The first save of a year needs no version; a later one must
 * carry the version read (409 if someone saved in between).
 */
export async function saveFigures(db: Database, actor: Actor, audit: AuditActor, id: number, year: number,
  b: { figures: Record<string, number | null>; version?: number | null }) {
  if (!['admin', 'staff', 'enterprise', 'institution'].includes(actor.role)) throw errors.forbidden();
  return db.transaction(async (tx) => {
    const where = platformScope(actor, new Where()).add('p.id = $?', id);
    const { rows: [p] } = await tx.query(`SELECT p.id, p.type_code, p.status FROM platform p ${where} FOR UPDATE`, where.params);
    if (!p) throw errors.notFound();
    if (p.status === 'revoked' && actor.role !== 'admin' && actor.role !== 'staff') throw new AppError(409, 'INVALID_TRANSITION', { from: p.status });
    const allowed = new Set((await metricsOf(tx, p.type_code)).map((m) => m.code));
    const figures: Record<string, number> = {};
    for (const [k, v] of Object.entries(b.figures)) {
      if (!allowed.has(k)) throw fieldError(`figures.${k}`, 'field.invalid_option');
      if (v == null) continue;
      if (!Number.isFinite(v) || v < 0) throw fieldError(`figures.${k}`, 'field.invalid');
      figures[k] = v;
    }
    const { rows: [old] } = await tx.query('SELECT figures, version FROM platform_year_figures WHERE platform_id = $1 AND year = $2 FOR UPDATE', [id, year]);
    if (old && old.version !== b.version) throw errors.staleVersion();
    const { rows: [row] } = old
      ? await tx.query(`UPDATE platform_year_figures SET figures = $3, updated_by = $4, updated_at = now(), version = version + 1
                         WHERE platform_id = $1 AND year = $2 RETURNING version`, [id, year, JSON.stringify(figures), actor.id])
      : await tx.query(`INSERT INTO platform_year_figures (platform_id, year, figures, updated_by) VALUES ($1, $2, $3, $4) RETURNING version`,
        [id, year, JSON.stringify(figures), actor.id]);
    await recordAudit(tx, audit, { action: 'platform.figures', targetType: 'platform', targetId: id,
      changes: { [`figures.${year}`]: { before: old?.figures ?? null, after: figures } } });
    return { year, figures, version: row.version as number };
  });
}

