/**
 * Service logs (服务日志), written by the commissioner — often offline, in a village — and sent when
 * the phone is back online: the phone makes each log's id (`clientId`), so a submission repeated
 * any number of times, even at once, stores one log and answers it every time. The author edits a
 * log until the served party (an organisation's user, or staff of the village's region) confirms
 * it with their feedback; from then on it is evidence and no longer changes.
 */
import type { Database, Queryable } from '../../db/database';
import type { ServiceType } from '../../../domain/commissioners';
import { todayInChina } from '../../../domain/dates';
import type { Actor, AuditActor } from '../../http/actor';
import { AppError, errors, fieldError } from '../../http/errors';
import { cappedTotal, orderBy, Where } from '../../http/list-query';
import { diff, recordAudit } from '../audit/record';
import { notify } from '../notifications/notify';
import { detectDocumentType } from '../organizations/documents';
import { OWN_COMMISSIONERS_SQL } from './commissioners';

export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

export interface LogFields {
  date: string; villageCode?: string | null; orgId?: number | null; days: number; serviceType: ServiceType; content: string;
  technologies?: string; varieties?: string; problemsSolved?: number; trained?: number; orgsFounded?: number; orgsServed?: number;
  jobsCreated?: number; incomeRaised?: number; latitude?: number | null; longitude?: number | null;
}
export interface NewLog extends LogFields { clientId: string; dispatchId: number }

/**
 * The logs an actor may read: a commissioner those of its records (a team's members see the
 * team's); a served organisation those for it; staff those of their region's commissioners or
 * of villages and organisations in their region; admins all.
 */
export function logScope(actor: Actor, where: Where, s = 's'): Where {
  if (actor.role === 'admin') return where;
  if (actor.role === 'commissioner') return where.add(`${s}.commissioner_id IN ${OWN_COMMISSIONERS_SQL}`, actor.id, actor.id, actor.id);
  if (actor.role === 'enterprise' || actor.role === 'institution') return where.add(`${s}.org_id = $?`, actor.orgId);
  if (actor.role === 'staff') {
    // each arm an array, so that its own index answers it (BitmapOr), never a correlated scan of the logs
    const root = where.param(actor.regionCode);
    return where.add(`(${s}.commissioner_id = ANY(ARRAY(SELECT id FROM commissioner WHERE region_code IN (SELECT region_subtree(${root}))))
      OR left(${s}.village_code, 6) = ANY(ARRAY(SELECT region_subtree(${root})))
      OR ${s}.org_id = ANY(ARRAY(SELECT id FROM organization WHERE region_code IN (SELECT region_subtree(${root})))))`);
  }
  return where.add('FALSE');
}

/** Who confirms a log: the served organisation's users, or staff whose region holds the village (or the organisation). */
function confirmerCondition(actor: Actor, where: Where, s = 's'): Where {
  if (actor.role === 'admin') return where;
  if (actor.role === 'enterprise' || actor.role === 'institution') return where.add(`${s}.org_id = $?`, actor.orgId);
  if (actor.role === 'staff') {
    const root = where.param(actor.regionCode);
    return where.add(`(left(${s}.village_code, 6) = ANY(ARRAY(SELECT region_subtree(${root})))
      OR ${s}.org_id = ANY(ARRAY(SELECT id FROM organization WHERE region_code IN (SELECT region_subtree(${root})))))`);
  }
  return where.add('FALSE');
}

const COLUMNS = `s.*, to_char(s.served_on, 'YYYY-MM-DD') AS served_on, k.name AS commissioner_name, v.name AS village_name, tw.name AS township_name,
  o.name AS org_name,
  (SELECT coalesce(json_agg(json_build_object('id', p.id, 'file_name', p.file_name, 'content_type', p.content_type, 'size', p.size) ORDER BY p.id), '[]')
     FROM service_log_photo p WHERE p.log_id = s.id) AS photos`;
const FROM = `FROM service_log s JOIN commissioner k ON k.id = s.commissioner_id LEFT JOIN locality v ON v.code = s.village_code
  LEFT JOIN locality tw ON tw.code = v.township_code LEFT JOIN organization o ON o.id = s.org_id`;

const num = (x: unknown) => (x == null ? null : Number(x));
const view = (s: Record<string, any>, actor: Actor, canConfirm: boolean) => ({
  id: Number(s.id), clientId: s.client_id as string, dispatchId: Number(s.dispatch_id), commissionerId: Number(s.commissioner_id),
  commissionerName: s.commissioner_name as string, authorId: Number(s.author_id), date: s.served_on as string,
  villageCode: s.village_code as string | null, villageName: s.village_name as string | null, townshipName: s.township_name as string | null,
  orgId: num(s.org_id), orgName: s.org_name as string | null, days: Number(s.days), serviceType: s.service_type as ServiceType, content: s.content as string,
  technologies: s.technologies as string, varieties: s.varieties as string, problemsSolved: s.problems_solved as number, trained: s.trained as number,
  orgsFounded: s.orgs_founded as number, orgsServed: s.orgs_served as number, jobsCreated: s.jobs_created as number, incomeRaised: Number(s.income_raised),
  latitude: num(s.latitude), longitude: num(s.longitude), status: s.status as 'submitted' | 'confirmed', confirmedAt: s.confirmed_at,
  feedbackScore: s.feedback_score as number | null, feedback: s.feedback as string | null,
  photos: (s.photos as Record<string, any>[]).map((p) => ({ id: Number(p.id), fileName: p.file_name, contentType: p.content_type, size: p.size })),
  canEdit: s.status === 'submitted' && Number(s.author_id) === actor.id, canConfirm: s.status === 'submitted' && canConfirm,
  createdAt: s.created_at, version: s.version as number,
});
export type LogView = ReturnType<typeof view>;

export interface LogFilters { dispatchId?: number; commissionerId?: number; status?: string; from?: string; to?: string; region?: string; mine?: boolean; sort?: string }

/**
 * One page of logs: the page's ids first (scope and filters on service_log alone, in the order's
 * index), then the 20 rows' details, and the total counted up to TOTAL_CAP — a page costs what it
 * shows at a province's million logs (bench/RESULTS.md).
 */
export async function listLogs(db: Queryable, actor: Actor, f: LogFilters, page: number, pageSize: number) {
  const where = logScope(actor, new Where());
  if (f.mine) where.add('s.author_id = $?', actor.id);
  if (f.dispatchId) where.add('s.dispatch_id = $?', f.dispatchId);
  if (f.commissionerId) where.add('s.commissioner_id = $?', f.commissionerId);
  if (f.status) where.add('s.status = $?', f.status);
  if (f.from) where.add('s.served_on >= $?', f.from);
  if (f.to) where.add('s.served_on <= $?', f.to);
  if (f.region) {
    const root = where.param(f.region);
    where.add(`(left(s.village_code, 6) = ANY(ARRAY(SELECT region_subtree(${root})))
      OR s.commissioner_id = ANY(ARRAY(SELECT id FROM commissioner WHERE region_code IN (SELECT region_subtree(${root})))))`);
  }
  const from = `FROM service_log s ${where}`;
  const { rows: ids } = await db.query(
    `SELECT s.id ${from} ${orderBy(f.sort, { date: 's.served_on', days: 's.days', status: 's.status' }, 's.served_on DESC', 's.id')}
      LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`, where.params);
  const pageIds = ids.map((r) => Number(r.id));
  const { rows } = pageIds.length
    ? await db.query(`SELECT ${COLUMNS} ${FROM} WHERE s.id = ANY($1::bigint[])`, [pageIds])
    : { rows: [] as Record<string, any>[] };
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  const confirmIds = await confirmableIds(db, pageIds, confirmerCondition(actor, new Where(), 'c'));
  const counted = page === 1 && pageIds.length < pageSize ? { total: pageIds.length, totalCapped: false } : await cappedTotal(db, from, where.params);
  return { items: pageIds.map((id) => view(byId.get(id)!, actor, confirmIds.has(id))), ...counted, page, pageSize };
}

async function confirmableIds(db: Queryable, ids: number[], condition: Where): Promise<Set<number>> {
  if (!ids.length) return new Set();
  condition.add('c.id = ANY($?::bigint[])', ids);
  const { rows } = await db.query(`SELECT c.id FROM service_log c ${condition}`, condition.params);
  return new Set(rows.map((r) => Number(r.id)));
}

export async function getLog(db: Queryable, actor: Actor, id: number): Promise<LogView> {
  const where = logScope(actor, new Where()).add('s.id = $?', id);
  const { rows: [s] } = await db.query(`SELECT ${COLUMNS} ${FROM} ${where}`, where.params);
  if (!s) throw errors.notFound();
  return view(s, actor, (await confirmableIds(db, [id], confirmerCondition(actor, new Where(), 'c'))).has(id));
}

/** Checks a log against its dispatch: the author's, agreed, the date within it and not ahead, the place one it serves. */
async function checkAgainstDispatch(tx: Queryable, actor: Actor, dispatchId: number, f: LogFields) {
  const where = new Where().add(`d.commissioner_id IN ${OWN_COMMISSIONERS_SQL}`, actor.id, actor.id, actor.id).add('d.id = $?', dispatchId);
  const { rows: [d] } = await tx.query(
    `SELECT d.id, d.commissioner_id, d.status, to_char(d.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(coalesce(d.ended_on, d.ends_on), 'YYYY-MM-DD') AS ends_on
       FROM dispatch d ${where}`, where.params);
  if (!d) throw fieldError('dispatchId', 'field.invalid');
  if (d.status !== 'active' && d.status !== 'ended') throw new AppError(409, 'DISPATCH_NOT_ACTIVE');
  if (f.date < d.starts_on || f.date > d.ends_on) throw fieldError('date', 'field.log_date_outside_dispatch', { from: d.starts_on, to: d.ends_on });
  if (f.date > todayInChina()) throw fieldError('date', 'field.date_future');
  if ((f.villageCode == null) === (f.orgId == null)) throw fieldError('villageCode', 'field.required');
  const { rows: [target] } = await tx.query(
    'SELECT 1 FROM dispatch_target WHERE dispatch_id = $1 AND (village_code = $2 OR org_id = $3)', [dispatchId, f.villageCode ?? null, f.orgId ?? null]);
  if (!target) throw fieldError(f.villageCode != null ? 'villageCode' : 'orgId', 'field.log_place_not_served');
  return { commissionerId: Number(d.commissioner_id) };
}

const fieldValues = (f: LogFields) => [f.date, f.villageCode ?? null, f.orgId ?? null, f.days, f.serviceType, f.content, f.technologies ?? '', f.varieties ?? '',
  f.problemsSolved ?? 0, f.trained ?? 0, f.orgsFounded ?? 0, f.orgsServed ?? 0, f.jobsCreated ?? 0, f.incomeRaised ?? 0, f.latitude ?? null, f.longitude ?? null];

/**
 * Stores a new log, or — when this author already sent `clientId` — answers the stored one
 * (`created: false`). Two identical submissions at once: the unique (author, clientId) makes the
 * second insert wait for the first and do nothing.
 */
export async function createLog(db: Database, actor: Actor, audit: AuditActor, input: NewLog): Promise<{ created: boolean; log: LogView }> {
  const stored = async () => {
    const { rows: [s] } = await db.query('SELECT id FROM service_log WHERE author_id = $1 AND client_id = $2', [actor.id, input.clientId]);
    return s ? Number(s.id) : null;
  };
  const before = await stored();
  if (before != null) return { created: false, log: await getLog(db, actor, before) };
  const id = await db.transaction(async (tx) => {
    const { commissionerId } = await checkAgainstDispatch(tx, actor, input.dispatchId, input);
    const { rows: [s] } = await tx.query(
      `INSERT INTO service_log (client_id, dispatch_id, commissioner_id, author_id, served_on, village_code, org_id, days, service_type, content, technologies,
         varieties, problems_solved, trained, orgs_founded, orgs_served, jobs_created, income_raised, latitude, longitude)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
       ON CONFLICT (author_id, client_id) DO NOTHING RETURNING id`,
      [input.clientId, input.dispatchId, commissionerId, actor.id, ...fieldValues(input)]);
    if (!s) return null;
    await recordAudit(tx, audit, { action: 'service_log.create', targetType: 'service_log', targetId: s.id,
      changes: diff(null, { dispatchId: input.dispatchId, date: input.date, villageCode: input.villageCode ?? null, orgId: input.orgId ?? null, days: input.days, serviceType: input.serviceType }) });
    if (input.orgId != null) {
      await notify(tx, { orgId: input.orgId, kind: 'commissioner.log.submitted', title: [`服务日志待确认（${input.date}）`, `Service log to confirm (${input.date})`],
        link: `/commissioners/logs?log=${s.id}` });
    }
    return Number(s.id);
  });
  if (id != null) return { created: true, log: await getLog(db, actor, id) };
  return { created: false, log: await getLog(db, actor, (await stored())!) };
}

/** The author changes an unconfirmed log (409 LOG_CONFIRMED once the served party confirmed it). */
export async function updateLog(db: Database, actor: Actor, audit: AuditActor, id: number, input: LogFields & { version: number }): Promise<LogView> {
  await db.transaction(async (tx) => {
    const where = logScope(actor, new Where()).add('s.id = $?', id);
    const { rows: [s] } = await tx.query(`SELECT s.*, to_char(s.served_on, 'YYYY-MM-DD') AS served_on FROM service_log s ${where} FOR UPDATE`, where.params);
    if (!s) throw errors.notFound();
    if (Number(s.author_id) !== actor.id) throw errors.forbidden();
    if (s.status === 'confirmed') throw new AppError(409, 'LOG_CONFIRMED');
    if (s.version !== input.version) throw errors.staleVersion();
    await checkAgainstDispatch(tx, actor, Number(s.dispatch_id), input);
    await tx.query(
      `UPDATE service_log SET served_on = $2, village_code = $3, org_id = $4, days = $5, service_type = $6, content = $7, technologies = $8, varieties = $9,
         problems_solved = $10, trained = $11, orgs_founded = $12, orgs_served = $13, jobs_created = $14, income_raised = $15, latitude = $16, longitude = $17,
         updated_at = now(), version = version + 1 WHERE id = $1`, [id, ...fieldValues(input)]);
    await recordAudit(tx, audit, { action: 'service_log.update', targetType: 'service_log', targetId: id,
      changes: diff({ date: s.served_on, days: Number(s.days), serviceType: s.service_type, content: s.content, trained: s.trained },
        { date: input.date, days: input.days, serviceType: input.serviceType, content: input.content, trained: input.trained ?? 0 }) });
  });
  return getLog(db, actor, id);
}

/** The served party confirms a log once, with its satisfaction (1–5) and words; a second confirmation is 409. */
export async function confirmLog(db: Database, actor: Actor, audit: AuditActor, id: number, feedbackScore: number | null, feedback: string | null): Promise<LogView> {
  await db.transaction(async (tx) => {
    const readable = logScope(actor, new Where()).add('s.id = $?', id);
    // locked: of two confirmations at once the second waits, then finds it confirmed (409)
    const { rows: [s] } = await tx.query(`SELECT s.id, s.status, s.author_id, to_char(s.served_on, 'YYYY-MM-DD') AS served_on FROM service_log s ${readable} FOR UPDATE`, readable.params);
    if (!s) throw errors.notFound();
    const where = confirmerCondition(actor, new Where()).add('s.id = $?', id).add(`s.status = 'submitted'`);
    const { params } = where;
    const score = where.param(feedbackScore);
    const words = where.param(feedback);
    const by = where.param(actor.id);
    const { rows: [done] } = await tx.query(
      `UPDATE service_log s SET status = 'confirmed', confirmed_at = now(), confirmed_by = ${by}, feedback_score = ${score}, feedback = ${words},
              updated_at = now(), version = version + 1 ${where} RETURNING s.id`, params);
    if (!done) {
      if (s.status === 'confirmed') throw new AppError(409, 'LOG_CONFIRMED');
      throw errors.forbidden();
    }
    await recordAudit(tx, audit, { action: 'service_log.confirm', targetType: 'service_log', targetId: id,
      changes: { status: { before: 'submitted', after: 'confirmed' }, feedbackScore: { before: null, after: feedbackScore } } });
    await notify(tx, { userIds: [Number(s.author_id)], kind: 'commissioner.log.confirmed',
      title: [`服务日志已确认（${s.served_on}）`, `Service log confirmed (${s.served_on})`], link: `/commissioners/logs?log=${id}` });
  });
  return getLog(db, actor, id);
}

async function lockOwnOpenLog(tx: Queryable, actor: Actor, id: number) {
  const { rows: [s] } = await tx.query('SELECT id, status, author_id FROM service_log WHERE id = $1 FOR UPDATE', [id]);
  if (!s || Number(s.author_id) !== actor.id) throw errors.notFound();
  if (s.status === 'confirmed') throw new AppError(409, 'LOG_CONFIRMED');
}

/** A photo of an own unconfirmed log (JPEG or PNG by its first bytes); the same clientId again answers the stored photo. */
export async function addLogPhoto(db: Database, actor: Actor, audit: AuditActor, id: number, clientId: string, file: { fileName: string; data: Buffer }) {
  if (!file.data.length) throw new AppError(400, 'FILE_REQUIRED');
  const type = detectDocumentType(file.data);
  if (type !== 'image/jpeg' && type !== 'image/png') throw new AppError(400, 'FILE_TYPE', { types: 'JPG、PNG' });
  return db.transaction(async (tx) => {
    const { rows: [known] } = await tx.query('SELECT id, file_name, content_type, size FROM service_log_photo WHERE log_id = $1 AND client_id = $2', [id, clientId]);
    const photo = (p: Record<string, any>) => ({ id: Number(p.id), fileName: p.file_name as string, contentType: p.content_type as string, size: p.size as number });
    await lockOwnOpenLog(tx, actor, id);
    if (known) return { created: false, photo: photo(known) };
    const { rows: [p] } = await tx.query(
      `INSERT INTO service_log_photo (log_id, client_id, file_name, content_type, size, data) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (log_id, client_id) DO NOTHING RETURNING id, file_name, content_type, size`, [id, clientId, file.fileName, type, file.data.length, file.data]);
    if (!p) {
      const { rows: [again] } = await tx.query('SELECT id, file_name, content_type, size FROM service_log_photo WHERE log_id = $1 AND client_id = $2', [id, clientId]);
      return { created: false, photo: photo(again) };
    }
    await recordAudit(tx, audit, { action: 'service_log.photo', targetType: 'service_log', targetId: id, changes: { photo: { before: null, after: file.fileName } } });
    return { created: true, photo: photo(p) };
  });
}

export async function readLogPhoto(db: Queryable, actor: Actor, id: number, photoId: number) {
  await getLog(db, actor, id);
  const { rows: [p] } = await db.query('SELECT file_name, content_type, data FROM service_log_photo WHERE id = $1 AND log_id = $2', [photoId, id]);
  if (!p) throw errors.notFound();
  return { fileName: p.file_name as string, contentType: p.content_type as string, data: p.data as Buffer };
}

export async function removeLogPhoto(db: Database, actor: Actor, audit: AuditActor, id: number, photoId: number) {
  await db.transaction(async (tx) => {
    await lockOwnOpenLog(tx, actor, id);
    const { rows: [p] } = await tx.query('DELETE FROM service_log_photo WHERE id = $1 AND log_id = $2 RETURNING file_name', [photoId, id]);
    if (!p) throw errors.notFound();
    await recordAudit(tx, audit, { action: 'service_log.photo_remove', targetType: 'service_log', targetId: id, changes: { photo: { before: p.file_name, after: null } } });
  });
}
