/**
 * A platform's yearly report (年度绩效评价报告): the host organisation writes it (the year's
 * figures on the type's metrics, a narrative, files) while the round covering the platform is
 * open and before its deadline, and submits it once; staff of the region read, list and export
 * them. Scope is in every query: staff their subtree, a host its own platforms, admins all.
 */
import { todayInChina } from '../../../domain/dates';
import type { Database, Queryable } from '../../db/database';
import type { Actor, AuditActor } from '../../http/actor';
import { AppError, errors, fieldError, type FieldProblem } from '../../http/errors';
import { Where, orderBy, likePattern } from '../../http/list-query';
import { limitToRegionScope } from '../../http/scope';
import { recordAudit } from '../audit/record';
import { applicationFileType } from '../projects/attachments';
import { bureauStaffOf } from '../market/evaluations';
import { notify } from '../notifications/notify';
import { CERTIFIED_STATUSES, lockPlatform } from './evaluation-platforms';
import { RATINGS } from './evaluation-rules';
import { schemeFor, type Metric } from './evaluation-schemes';

export const MAX_REPORT_FILE_BYTES = 20 * 1024 * 1024;
export const REPORT_STATUSES = ['draft', 'submitted', 'rated'] as const;
const num = (v: unknown) => (v == null ? null : Number(v));

/** Staff: their subtree; a host (enterprise, institution): its own platforms; admins: all. */
export function reportScope(actor: Actor, where: Where): Where {
  if (actor.role === 'enterprise' || actor.role === 'institution') {
    return where.add('EXISTS (SELECT 1 FROM platform_host h WHERE h.platform_id = rp.platform_id AND h.org_id = $?)', actor.orgId);
  }
  limitToRegionScope(actor, where, 'rp.region_code');
  return where;
}

const REPORT = `SELECT rp.*, p.name AS platform_name, pt.name_zh AS type_name_zh, pt.name_en AS type_name_en, p.level AS platform_level, p.status AS platform_status, rg.name AS region_name, o.name AS host_name,
    r.deadline::text AS deadline, r.status AS round_status,
    coalesce((SELECT array_agg(h.org_id) FROM platform_host h WHERE h.platform_id = rp.platform_id), '{}') AS host_org_ids,
    (SELECT count(*) FROM platform_report_review v WHERE v.report_id = rp.id AND v.status <> 'declined') AS reviewers,
    (SELECT count(*) FROM platform_report_review v WHERE v.report_id = rp.id AND v.status = 'submitted') AS reviewed
  FROM platform_report rp JOIN platform p ON p.id = rp.platform_id JOIN region rg ON rg.code = rp.region_code
  JOIN platform_evaluation_round r ON r.id = rp.round_id LEFT JOIN organization o ON o.id = rp.host_org_id
  JOIN platform_type pt ON pt.code = rp.platform_type`;

export function reportOf(r: Record<string, any>) {
  return {
    id: Number(r.id), platformId: Number(r.platform_id), platformName: r.platform_name, platformType: r.platform_type, typeNameZh: r.type_name_zh, typeNameEn: r.type_name_en, platformLevel: r.platform_level,
    platformStatus: r.platform_status, year: r.year, roundId: Number(r.round_id), deadline: r.deadline, roundStatus: r.round_status,
    regionCode: r.region_code, regionName: r.region_name, hostOrgId: num(r.host_org_id), hostName: r.host_name,
    figures: r.figures as Record<string, number>, narrative: r.narrative, status: r.status as (typeof REPORT_STATUSES)[number],
    submittedAt: r.submitted_at, score: num(r.score), rating: r.rating as (typeof RATINGS)[number] | null, opinion: r.opinion, ratedAt: r.rated_at,
    reviewers: Number(r.reviewers), reviewed: Number(r.reviewed), updatedAt: r.updated_at, version: r.version,
  };
}

export async function loadReport(db: Queryable, actor: Actor, id: number, lock = false) {
  const where = reportScope(actor, new Where()).add('rp.id = $?', id);
  const { rows: [r] } = await db.query(`${REPORT} ${where} ${lock ? 'FOR UPDATE OF rp' : ''}`, where.params);
  if (!r) throw errors.notFound();
  return r;
}

/** The figures must be the scheme's metrics, numbers ≥ 0; `complete` demands every one. */
function checkFigures(metrics: Metric[], figures: Record<string, number>, complete: boolean) {
  const fields: Record<string, FieldProblem> = {};
  const known = new Set(metrics.map((m) => m.code));
  for (const [code, v] of Object.entries(figures)) {
    if (!known.has(code)) fields[`figures.${code}`] = { key: 'field.invalid_option' };
    else if (!Number.isFinite(v) || v < 0) fields[`figures.${code}`] = { key: 'field.number' };
  }
  if (complete) for (const m of metrics) if (figures[m.code] == null) fields[`figures.${m.code}`] = { key: 'field.required' };
  if (Object.keys(fields).length) throw new AppError(400, 'VALIDATION_FAILED', {}, fields);
}

/** The round covering a platform in a year: the deepest of the regions above it that opened one. */
async function roundFor(tx: Queryable, regionCode: string, year: number) {
  const { rows: [r] } = await tx.query(
    `SELECT id, status, deadline::text AS deadline FROM platform_evaluation_round
      WHERE year = $1 AND $2 IN (SELECT region_subtree(region_code)) ORDER BY length(rtrim(region_code, '0')) DESC LIMIT 1`, [year, regionCode]);
  return r as { id: string; status: string; deadline: string } | undefined;
}

function assertRoundTakesReports(round: { status: string; deadline: string }) {
  if (round.status !== 'open') throw new AppError(409, 'PLATFORM_ROUND_CLOSED');
  if (todayInChina() > round.deadline) throw new AppError(409, 'PLATFORM_ROUND_DEADLINE_PASSED', { deadline: round.deadline });
}

/**
 * The host's draft of a year: created on the first save, changed while a draft (version checked
 * when given). Only the platform's host (or staff of its region, entering it for them).
 */
export async function saveReport(db: Database, actor: Actor, audit: AuditActor, platformId: number,
  b: { year: number; figures: Record<string, number>; narrative?: string; version?: number }) {
  return db.transaction(async (tx) => {
    const p = await lockPlatform(tx, platformId);
    const host = actor.role === 'enterprise' || actor.role === 'institution';
    if (!p || (host && !p.hostOrgIds.includes(actor.orgId!))) throw errors.notFound();
    if (actor.role === 'staff' && !(await tx.query('SELECT 1 WHERE $1 IN (SELECT region_subtree($2))', [p.regionCode, actor.regionCode])).rowCount) throw errors.notFound();
    if (!CERTIFIED_STATUSES.includes(p.status)) throw new AppError(409, 'PLATFORM_NOT_CERTIFIED');
    const round = await roundFor(tx, p.regionCode, b.year);
    if (!round) throw new AppError(409, 'PLATFORM_NO_ROUND', { year: b.year });
    assertRoundTakesReports(round);
    const scheme = await schemeFor(tx, p.type);
    checkFigures(scheme.metrics, b.figures, false);
    const { rows: [old] } = await tx.query('SELECT id, status, figures, narrative, version FROM platform_report WHERE platform_id = $1 AND year = $2 FOR UPDATE', [platformId, b.year]);
    if (old && old.status !== 'draft') throw new AppError(409, 'PLATFORM_REPORT_SUBMITTED');
    if (old && b.version != null && b.version !== old.version) throw errors.staleVersion();
    const narrative = b.narrative ?? old?.narrative ?? '';
    const { rows: [r] } = old
      ? await tx.query('UPDATE platform_report SET figures = $2, narrative = $3, updated_at = now(), version = version + 1 WHERE id = $1 RETURNING id', [old.id, JSON.stringify(b.figures), narrative])
      : await tx.query(
        `INSERT INTO platform_report (platform_id, round_id, year, region_code, host_org_id, platform_type, figures, narrative, criteria)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [platformId, round.id, b.year, p.regionCode, p.hostOrgId, p.type, JSON.stringify(b.figures), narrative, JSON.stringify(scheme.criteria)]);
    await recordAudit(tx, audit, { action: 'platform.report.save', targetType: 'platform_report', targetId: r.id,
      changes: { figures: { before: old?.figures ?? null, after: b.figures }, ...(narrative !== (old?.narrative ?? '') ? { narrative: { before: old?.narrative ?? null, after: narrative } } : {}) } });
    return getReport(tx, actor, Number(r.id));
  });
}

/** Submits once (draft → submitted, a conditional update): every metric given and a narrative. */
export async function submitReport(db: Database, actor: Actor, audit: AuditActor, id: number) {
  return db.transaction(async (tx) => {
    const r = await loadReport(tx, actor, id, true);
    if (actor.role === 'expert') throw errors.forbidden();
    if (r.status !== 'draft') throw new AppError(409, 'PLATFORM_REPORT_SUBMITTED');
    assertRoundTakesReports({ status: r.round_status, deadline: r.deadline });
    const scheme = await schemeFor(tx, r.platform_type);
    checkFigures(scheme.metrics, r.figures, true);
    if (!String(r.narrative).trim()) throw fieldError('narrative', 'field.required');
    const { rowCount } = await tx.query(
      `UPDATE platform_report SET status = 'submitted', submitted_by = $2, submitted_at = now(), updated_at = now(), version = version + 1 WHERE id = $1 AND status = 'draft'`, [id, actor.id]);
    if (!rowCount) throw new AppError(409, 'PLATFORM_REPORT_SUBMITTED');
    // the report's figures become the platform's key figures of the year in the registry
    await tx.query(
      `INSERT INTO platform_year_figures (platform_id, year, figures, updated_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (platform_id, year) DO UPDATE SET figures = platform_year_figures.figures || excluded.figures, updated_by = excluded.updated_by,
         updated_at = now(), version = platform_year_figures.version + 1`, [r.platform_id, r.year, JSON.stringify(r.figures), actor.id]);
    await recordAudit(tx, audit, { action: 'platform.report.submit', targetType: 'platform_report', targetId: id, changes: { status: { before: 'draft', after: 'submitted' } } });
    await notify(tx, { userIds: await bureauStaffOf(tx, r.region_code), kind: 'platform.report.submitted', link: `/platforms/evaluation?report=${id}`,
      title: [`${r.platform_name} 提交了 ${r.year} 年度绩效评价报告`, `${r.platform_name} submitted its ${r.year} performance report`] });
    return getReport(tx, actor, id);
  });
}

export async function getReport(db: Queryable, actor: Actor, id: number) {
  const r = await loadReport(db, actor, id);
  const scheme = await schemeFor(db, r.platform_type);
  const { rows: files } = await db.query('SELECT id, filename, content_type, size, created_at FROM platform_report_attachment WHERE report_id = $1 ORDER BY id', [id]);
  const staff = actor.role === 'staff' || actor.role === 'admin';
  const reviews = staff ? (await db.query(
    `SELECT v.id, v.expert_id, x.name AS expert_name, x.org_name AS expert_org, v.status, v.conflict_reason, v.scores, v.comment, v.total, v.submitted_at
       FROM platform_report_review v JOIN expert x ON x.id = v.expert_id WHERE v.report_id = $1 ORDER BY v.id`, [id])).rows : [];
  return {
    ...reportOf(r), metrics: scheme.metrics, criteria: r.criteria, thresholds: scheme.thresholds, grades: scheme.grades,
    staffScores: staff ? r.staff_scores : null, staffComment: staff ? r.staff_comment : null,
    attachments: files.map((f) => ({ id: Number(f.id), fileName: f.filename, contentType: f.content_type, size: f.size, createdAt: f.created_at })),
    reviews: reviews.map((v) => ({ id: Number(v.id), expertId: Number(v.expert_id), expertName: v.expert_name, expertOrg: v.expert_org, status: v.status,
      conflictReason: v.conflict_reason, scores: v.scores, comment: v.comment, total: num(v.total), submittedAt: v.submitted_at })),
  };
}

export interface ReportFilter { year?: number; status?: string; rating?: string; type?: string; regionCode?: string; platformId?: number; q?: string; sort?: string }

export async function listReports(db: Queryable, actor: Actor, f: ReportFilter, page: number, pageSize: number) {
  if (actor.role === 'expert' || actor.role === 'commissioner') throw errors.forbidden();
  const where = reportScope(actor, new Where());
  if (f.year) where.add('rp.year = $?', f.year);
  if (f.status) where.add('rp.status = $?', f.status);
  if (f.rating) where.add('rp.rating = $?', f.rating);
  if (f.type) where.add('rp.platform_type = $?', f.type);
  if (f.platformId) where.add('rp.platform_id = $?', f.platformId);
  if (f.regionCode) where.add('rp.region_code IN (SELECT region_subtree($?))', f.regionCode);
  if (f.q) where.add('(p.name ILIKE $? OR o.name ILIKE $?)', likePattern(f.q), likePattern(f.q));
  const order = orderBy(f.sort, { year: 'rp.year', score: 'rp.score', submittedAt: 'rp.submitted_at', name: 'p.name' }, 'rp.year DESC, rp.score DESC NULLS LAST', 'rp.id');
  const { rows } = await db.query(`${REPORT.replace('SELECT rp.*', 'SELECT rp.*, count(*) OVER () AS total')} ${where} ${order} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`, where.params);
  return { items: rows.map(reportOf), total: Number(rows[0]?.total ?? 0), page, pageSize };
}

/** A host's certified platforms with the round that covers each this year and their report's state. */
export async function myPlatforms(db: Queryable, actor: Actor) {
  if (actor.role !== 'enterprise' && actor.role !== 'institution') throw errors.forbidden();
  const { rows } = await db.query(
    `SELECT p.id, p.name, p.type_code AS type, p.level, p.status, r.id AS round_id, r.year, r.deadline::text AS deadline, r.status AS round_status,
            rp.id AS report_id, rp.status AS report_status, rp.rating, rp.score
       FROM platform p
       LEFT JOIN LATERAL (SELECT * FROM platform_evaluation_round r WHERE p.region_code IN (SELECT region_subtree(r.region_code))
                           ORDER BY r.year DESC, length(rtrim(r.region_code, '0')) DESC LIMIT 1) r ON true
       LEFT JOIN platform_report rp ON rp.platform_id = p.id AND rp.year = r.year
      WHERE EXISTS (SELECT 1 FROM platform_host h WHERE h.platform_id = p.id AND h.org_id = $1) AND p.status = ANY($2::text[]) ORDER BY p.name, p.id`, [actor.orgId, CERTIFIED_STATUSES]);
  return { items: rows.map((p) => ({ id: Number(p.id), name: p.name, type: p.type, level: p.level, status: p.status,
    round: p.round_id ? { id: Number(p.round_id), year: p.year, deadline: p.deadline, status: p.round_status } : null,
    report: p.report_id ? { id: Number(p.report_id), status: p.report_status, rating: p.rating, score: num(p.score) } : null })) };
}

export async function addReportFile(db: Database, actor: Actor, audit: AuditActor, id: number, file: { fileName: string; data: Buffer }) {
  if (!file.data.length) throw new AppError(400, 'FILE_REQUIRED');
  const contentType = applicationFileType(file.data, file.fileName);
  if (!contentType) throw new AppError(400, 'FILE_TYPE', { types: 'PDF、JPG、PNG、DOCX、XLSX' });
  return db.transaction(async (tx) => {
    const r = await loadReport(tx, actor, id, true);
    if (r.status !== 'draft') throw new AppError(409, 'PLATFORM_REPORT_SUBMITTED');
    const { rows: [f] } = await tx.query(
      'INSERT INTO platform_report_attachment (report_id, filename, content_type, size, content, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
      [id, file.fileName, contentType, file.data.length, file.data, actor.id]);
    await recordAudit(tx, audit, { action: 'platform.report.attach', targetType: 'platform_report', targetId: id, changes: { file: { before: null, after: file.fileName } } });
    return { id: Number(f.id), fileName: file.fileName, contentType, size: file.data.length };
  });
}

export async function readReportFile(db: Queryable, actor: Actor, id: number, fileId: number) {
  await loadReport(db, actor, id);
  const { rows: [f] } = await db.query('SELECT filename, content_type, content FROM platform_report_attachment WHERE id = $1 AND report_id = $2', [fileId, id]);
  if (!f) throw errors.notFound();
  return { fileName: f.filename as string, contentType: f.content_type as string, data: f.content as Buffer };
}
