/**
 * 项目储备库: ideas and candidate projects per level (central / provincial / city) that the
 * bureau argues through (论证) and promotes into an application when a matching call opens.
 * Staff keep the items of their region's subtree.
 */
import type { Database, Queryable } from '../../db/database';
import type { Actor, AuditActor } from '../../http/actor';
import { errors, fieldError } from '../../http/errors';
import { likePattern, orderBy, Where } from '../../http/list-query';
import { assertRegionInScope, limitToRegionScope } from '../../http/scope';
import { diff, recordAudit } from '../audit/record';

export const RESERVE_LEVELS = ['central', 'provincial', 'city'] as const;
export const RESERVE_STATUSES = ['reserve', 'arguing', 'applied', 'approved', 'dropped'] as const;

export interface ReserveInput {
  level: (typeof RESERVE_LEVELS)[number]; regionCode: string; title: string; field: string; leadOrgId?: number | null; leadOrgName: string;
  estimatedInvestment: number; maturity?: string; notes?: string; status?: (typeof RESERVE_STATUSES)[number];
}

const view = (x: Record<string, any>) => ({
  id: Number(x.id), level: x.level, regionCode: x.region_code, regionName: x.region_name, title: x.title, field: x.field,
  leadOrgId: x.lead_org_id == null ? null : Number(x.lead_org_id), leadOrgName: x.lead_org_name, estimatedInvestment: Number(x.estimated_investment),
  maturity: x.maturity, notes: x.notes, status: x.status, applicationId: x.application_id == null ? null : Number(x.application_id),
  version: x.version, createdAt: x.created_at, updatedAt: x.updated_at,
});

const SORTS = { title: 'x.title', estimatedInvestment: 'x.estimated_investment', level: 'x.level', status: 'x.status', createdAt: 'x.created_at' };

export async function listReserve(db: Queryable, actor: Actor, f: { level?: string; status?: string; q?: string; regionCode?: string; field?: string; sort?: string }, page: number, pageSize: number) {
  const where = new Where();
  limitToRegionScope(actor, where, 'x.region_code');
  if (f.level) where.add('x.level = $?', f.level);
  if (f.status) where.add('x.status = $?', f.status);
  if (f.field) where.add('x.field = $?', f.field);
  if (f.regionCode) where.add('x.region_code IN (SELECT region_subtree($?))', f.regionCode);
  if (f.q) { const t = likePattern(f.q); where.add('(x.title ILIKE $? OR x.lead_org_name ILIKE $?)', t, t); }
  const order = orderBy(f.sort, SORTS, 'x.updated_at DESC', 'x.id');
  const [rows, count] = await Promise.all([
    db.query(`SELECT x.*, r.name AS region_name FROM reserve_item x JOIN region r ON r.code = x.region_code ${where} ${order} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`, where.params),
    db.query(`SELECT count(*)::int AS n FROM reserve_item x ${where}`, where.params),
  ]);
  return { items: rows.rows.map(view), total: count.rows[0].n, page, pageSize };
}

async function checkInput(db: Queryable, actor: Actor, b: ReserveInput) {
  await assertRegionInScope(db, actor, b.regionCode);
  if (b.leadOrgId != null && !(await db.query('SELECT 1 FROM organization WHERE id = $1', [b.leadOrgId])).rowCount) throw fieldError('leadOrgId', 'field.organization.unknown');
}

export async function createReserveItem(db: Database, actor: Actor, audit: AuditActor, b: ReserveInput): Promise<number> {
  if (actor.role !== 'admin' && actor.role !== 'staff') throw errors.forbidden();
  await checkInput(db, actor, b);
  return db.transaction(async (tx) => {
    const { rows: [x] } = await tx.query(
      `INSERT INTO reserve_item (level, region_code, title, field, lead_org_id, lead_org_name, estimated_investment, maturity, notes, status, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [b.level, b.regionCode, b.title.trim(), b.field, b.leadOrgId ?? null, b.leadOrgName.trim(), b.estimatedInvestment, b.maturity ?? '', b.notes ?? '', b.status ?? 'reserve', actor.id]);
    await recordAudit(tx, audit, { action: 'reserve.create', targetType: 'reserve_item', targetId: x.id,
      changes: diff(null, { level: b.level, title: b.title, estimatedInvestment: b.estimatedInvestment }) });
    return Number(x.id);
  });
}

export async function updateReserveItem(db: Database, actor: Actor, audit: AuditActor, id: number, b: ReserveInput & { version: number }) {
  if (actor.role !== 'admin' && actor.role !== 'staff') throw errors.forbidden();
  await checkInput(db, actor, b);
  await db.transaction(async (tx) => {
    const where = new Where();
    limitToRegionScope(actor, where, 'x.region_code');
    where.add('x.id = $?', id);
    const { rows: [x] } = await tx.query(`SELECT x.* FROM reserve_item x ${where} FOR UPDATE`, where.params);
    if (!x) throw errors.notFound();
    if (x.version !== b.version) throw errors.staleVersion();
    await tx.query(
      `UPDATE reserve_item SET level = $2, region_code = $3, title = $4, field = $5, lead_org_id = $6, lead_org_name = $7, estimated_investment = $8,
              maturity = $9, notes = $10, status = $11, updated_at = now(), version = version + 1 WHERE id = $1`,
      [id, b.level, b.regionCode, b.title.trim(), b.field, b.leadOrgId ?? null, b.leadOrgName.trim(), b.estimatedInvestment, b.maturity ?? '', b.notes ?? '', b.status ?? x.status]);
    await recordAudit(tx, audit, { action: 'reserve.update', targetType: 'reserve_item', targetId: id,
      changes: diff({ level: x.level, title: x.title, status: x.status, estimatedInvestment: Number(x.estimated_investment) },
        { level: b.level, title: b.title, status: b.status ?? x.status, estimatedInvestment: b.estimatedInvestment }) });
  });
}
