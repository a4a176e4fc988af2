/**
 * 引才引智基地: a host organisation designated as a base (level, date, document number). Its talent
 * are not kept twice: the base's page lists the talent records the organisation hosts. Staff of
 * the organisation's region designate and change bases; the organisation sees its own.
 */
import type { BaseLevel } from '../../../domain/talent';
import type { Database, Queryable } from '../../db/database';
import type { Actor, AuditActor } from '../../http/actor';
import { errors, fieldError } from '../../http/errors';
import { uniqueViolation } from '../../http/fields';
import { likePattern, orderBy, Where } from '../../http/list-query';
import { diff, recordAudit } from '../audit/record';
import { assertHost } from './scope';
import { listTalent } from './records';

export interface BaseInput { orgId: number; level: BaseLevel; designatedOn: string; documentNo?: string | null; field?: string | null; status?: 'active' | 'revoked' }

const FROM = `FROM talent_base b JOIN organization o ON o.id = b.org_id JOIN region r ON r.code = o.region_code`;
const COLUMNS = `b.*, o.name AS org_name, o.kind AS org_kind, o.region_code, r.name AS region_name,
  (SELECT count(*) FROM talent t WHERE t.host_org_id = b.org_id AND t.status = 'active') AS active_talent,
  (SELECT count(*) FROM talent t WHERE t.host_org_id = b.org_id) AS all_talent`;
const SORTS = { name: 'o.name', level: 'b.level', designatedOn: 'b.designated_on', talent: 'active_talent' };
const iso = (d: unknown) => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));

function baseReadScope(actor: Actor, where: Where): Where {
  if (actor.role === 'admin') return where;
  if (actor.role === 'staff' && actor.regionCode) return where.add('o.region_code IN (SELECT region_subtree($?))', actor.regionCode);
  if ((actor.role === 'enterprise' || actor.role === 'institution') && actor.orgId) return where.add('b.org_id = $?', actor.orgId);
  return where.add('FALSE');
}

function view(b: Record<string, any>) {
  return {
    id: Number(b.id), orgId: Number(b.org_id), orgName: b.org_name as string, orgKind: b.org_kind as string, regionCode: b.region_code as string,
    regionName: b.region_name as string, level: b.level as BaseLevel, designatedOn: iso(b.designated_on), documentNo: b.document_no as string,
    field: b.field as string, status: b.status as 'active' | 'revoked', activeTalent: Number(b.active_talent), allTalent: Number(b.all_talent), version: b.version as number,
  };
}

export async function listBases(db: Queryable, actor: Actor, f: { q?: string; level?: BaseLevel; regionCode?: string; sort?: string }, page: number, pageSize: number) {
  const where = baseReadScope(actor, new Where());
  if (f.q) { const p = likePattern(f.q); where.add('(o.name ILIKE $? OR b.document_no ILIKE $? OR b.field ILIKE $?)', p, p, p); }
  if (f.level) where.add('b.level = $?', f.level);
  if (f.regionCode) where.add('o.region_code IN (SELECT region_subtree($?))', f.regionCode);
  const order = orderBy(f.sort, SORTS, 'b.designated_on DESC', 'b.id');
  const [rows, count] = await Promise.all([
    db.query(`SELECT ${COLUMNS} ${FROM} ${where} ${order} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`, where.params),
    db.query(`SELECT count(*)::int AS n ${FROM} ${where}`, where.params),
  ]);
  return { items: rows.rows.map(view), total: count.rows[0].n, page, pageSize };
}

/** A base with the talent its organisation hosts (through the talent list, so its scope applies too). */
export async function getBase(db: Queryable, actor: Actor, id: number) {
  const where = baseReadScope(actor, new Where()).add('b.id = $?', id);
  const { rows: [b] } = await db.query(`SELECT ${COLUMNS} ${FROM} ${where}`, where.params);
  if (!b) throw errors.notFound();
  const talent = await listTalent(db, actor, { hostOrgId: Number(b.org_id), sort: 'name' }, 1, 200);
  return { ...view(b), talent: talent.items };
}

export async function createBase(db: Database, actor: Actor, audit: AuditActor, b: BaseInput): Promise<number> {
  if (actor.role !== 'admin' && actor.role !== 'staff') throw errors.forbidden();
  try {
    return await db.transaction(async (tx) => {
      const org = await assertHost(tx, actor, b.orgId, 'orgId');
      const { rows: [row] } = await tx.query(
        'INSERT INTO talent_base (org_id, level, designated_on, document_no, field, status) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
        [org.id, b.level, b.designatedOn, b.documentNo?.trim() ?? '', b.field?.trim() ?? '', b.status ?? 'active']);
      await recordAudit(tx, audit, { action: 'talent_base.create', targetType: 'talent_base', targetId: row.id,
        changes: diff(null, { orgId: org.id, level: b.level, designatedOn: b.designatedOn, documentNo: b.documentNo?.trim() ?? '' }) });
      return Number(row.id);
    });
  } catch (e) {
    if (uniqueViolation(e) === 'talent_base_org_id_key') throw fieldError('orgId', 'field.talent.base_exists');
    throw e;
  }
}

export async function updateBase(db: Database, actor: Actor, audit: AuditActor, id: number, b: Omit<BaseInput, 'orgId'> & { version: number }) {
  if (actor.role !== 'admin' && actor.role !== 'staff') throw errors.forbidden();
  await db.transaction(async (tx) => {
    const where = baseReadScope(actor, new Where()).add('b.id = $?', id);
    const { rows: [row] } = await tx.query(`SELECT b.* ${FROM} ${where} FOR UPDATE OF b`, where.params);
    if (!row) throw errors.notFound();
    if (row.version !== b.version) throw errors.staleVersion();
    await tx.query(`UPDATE talent_base SET level = $2, designated_on = $3, document_no = $4, field = $5, status = $6, updated_at = now(), version = version + 1 WHERE id = $1`,
      [id, b.level, b.designatedOn, b.documentNo?.trim() ?? '', b.field?.trim() ?? '', b.status ?? row.status]);
    await recordAudit(tx, audit, { action: 'talent_base.update', targetType: 'talent_base', targetId: id,
      changes: diff({ level: row.level, designatedOn: iso(row.designated_on), documentNo: row.document_no, field: row.field, status: row.status },
        { level: b.level, designatedOn: b.designatedOn, documentNo: b.documentNo?.trim() ?? '', field: b.field?.trim() ?? '', status: b.status ?? row.status }) });
  });
}
