/**
 * Organisations (enterprises, institutions): scoped reading and the review of self-registrations.
 * Approval and rejection are single conditional UPDATEs, so a second click answers 409
 * instead of reviewing twice.
 */
import type { Database, Queryable } from '../../db/database';
import { maskPhone } from '../../../domain/phone';
import type { Actor, AuditActor } from '../../http/actor';
import { AppError, errors } from '../../http/errors';
import { likePattern, orderBy, Where } from '../../http/list-query';
import { limitToOrganizationScope } from '../../http/scope';
import { recordAudit } from '../audit/record';
import { notify } from '../notifications/notify';

const COLUMNS = `o.id, o.kind, o.name, o.uscc, o.region_code, r.name AS region_name, o.contact_name, o.contact_phone,
  o.status, o.reject_reason, o.created_at, o.reviewed_at, o.version`;
const FROM = `FROM organization o JOIN region r ON r.code = o.region_code`;

export interface OrganizationView {
  id: number; kind: string; name: string; uscc: string; regionCode: string; regionName: string;
  contactName: string; contactPhone: string | null; status: string; rejectReason: string | null;
  createdAt: string; reviewedAt: string | null; version: number;
}

function toView(row: any, viewer: Actor): OrganizationView {
  const own = viewer.orgId === row.id;
  return {
    id: row.id, kind: row.kind, name: row.name, uscc: row.uscc, regionCode: row.region_code, regionName: row.region_name,
    contactName: row.contact_name, contactPhone: viewer.role === 'admin' || own ? row.contact_phone : maskPhone(row.contact_phone),
    status: row.status, rejectReason: row.reject_reason, createdAt: new Date(row.created_at).toISOString(),
    reviewedAt: row.reviewed_at ? new Date(row.reviewed_at).toISOString() : null, version: row.version,
  };
}

/** Staff: their region subtree; enterprise and institution users: their own organisation. */
function scopedWhere(actor: Actor): Where {
  const where = new Where();
  limitToOrganizationScope(actor, where, 'o.id', 'o.region_code');
  return where;
}

export interface OrganizationFilters { q?: string; kind?: string; status?: string; regionCode?: string; sort?: string }

const SORTS = { name: 'o.name', createdAt: 'o.created_at', status: 'o.status', reviewedAt: 'o.reviewed_at' };

export async function listOrganizations(db: Database, actor: Actor, f: OrganizationFilters, page: number, pageSize: number) {
  const where = scopedWhere(actor);
  if (f.q) {
    const text = likePattern(f.q);
    where.add('(o.name ILIKE $? OR o.uscc ILIKE $? OR o.contact_name ILIKE $?)', text, text, text);
  }
  if (f.kind) where.add('o.kind = $?', f.kind);
  if (f.status) where.add('o.status = $?', f.status);
  if (f.regionCode) where.add('o.region_code IN (SELECT region_subtree($?))', f.regionCode);
  const order = orderBy(f.sort, SORTS, 'o.created_at DESC', 'o.id');
  const [rows, count] = await Promise.all([
    db.query(`SELECT ${COLUMNS} ${FROM} ${where} ${order} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`, where.params),
    db.query(`SELECT count(*)::int AS n ${FROM} ${where}`, where.params),
  ]);
  return { items: rows.rows.map((row) => toView(row, actor)), total: count.rows[0].n as number, page, pageSize };
}

export async function getOrganization(db: Queryable, actor: Actor, id: number): Promise<OrganizationView> {
  const where = scopedWhere(actor);
  where.add('o.id = $?', id);
  const { rows } = await db.query(`SELECT ${COLUMNS} ${FROM} ${where}`, where.params);
  if (!rows[0]) throw errors.notFound();
  return toView(rows[0], actor);
}

/** Approves or rejects a pending registration: the organisation and its pending accounts together. */
export async function reviewRegistration(
  db: Database, actor: Actor, audit: AuditActor, id: number, decision: 'approve' | 'reject', reason?: string,
): Promise<OrganizationView> {
  if (actor.role !== 'admin' && actor.role !== 'staff') throw errors.forbidden();
  const next = decision === 'approve' ? 'approved' : 'rejected';
  await db.transaction(async (tx) => {
    const where = scopedWhere(actor);
    where.add('o.id = $?', id);
    const { rows } = await tx.query(`SELECT o.id, o.status, o.name FROM organization o ${where} FOR UPDATE`, where.params);
    if (!rows[0]) throw errors.notFound();
    if (rows[0].status !== 'pending') throw new AppError(409, 'ALREADY_REVIEWED');
    await tx.query(
      `UPDATE organization SET status = $2, reject_reason = $3, reviewed_by = $4, reviewed_at = now(), updated_at = now(), version = version + 1
        WHERE id = $1`,
      [id, next, decision === 'reject' ? reason : null, actor.id],
    );
    const users = await tx.query(
      `UPDATE app_user SET status = $2, updated_at = now(), version = version + 1 WHERE org_id = $1 AND status = 'pending' RETURNING id`,
      [id, decision === 'approve' ? 'active' : 'rejected'],
    );
    await recordAudit(tx, audit, { action: `organization.${decision}`, targetType: 'organization', targetId: id, changes: {
      status: { before: 'pending', after: next },
      ...(reason ? { rejectReason: { before: null, after: reason } } : {}),
      activatedUsers: { before: null, after: users.rows.map((u) => u.id) },
    } });
    // the registrant hears of it on the site and, since a refused one cannot sign in, by SMS
    const name = rows[0].name as string;
    await notify(tx, decision === 'approve'
      ? { orgId: id, kind: 'registration.approved', link: '/', sms: true,
        title: ['注册已通过审核', 'Your registration was approved'],
        body: [`${name} 的注册已通过审核，可以登录使用平台。`, `The registration of ${name} was approved: you can now sign in.`] }
      : { orgId: id, kind: 'registration.rejected', link: null, sms: true,
        title: ['注册未通过审核', 'Your registration was not approved'],
        body: [`${name} 的注册未通过审核：${reason ?? ''}`, `The registration of ${name} was not approved: ${reason ?? ''}`] });
  });
  return getOrganization(db, actor, id);
}
