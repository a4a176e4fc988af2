/**
 * Achievements (科技成果) and technology demands (技术需求) share one life and one scope, so they
 * share this code: an organisation drafts its own (or staff enter one for it), submits it, and the
 * staff of its region publish it; published ones are seen by every signed-in user (and the portal).
 * Drafts are seen only by their organisation; submitted ones also by the region's staff. An
 * achievement ends transferred or withdrawn, a demand closed. Every change is audited.
 */
import type { Database, Queryable } from '../../db/database';
import type { Actor, AuditActor } from '../../http/actor';
import { AppError, errors, fieldError } from '../../http/errors';
import { likePattern, orderBy, Where } from '../../http/list-query';
import { diff, recordAudit } from '../audit/record';
import { notify } from '../notifications/notify';

export interface ListingKind<V> {
  /** table and audit target: achievement | demand */
  table: 'achievement' | 'demand';
  /** the editable columns: API name → column */
  columns: Record<string, string>;
  /** JSON-array columns are sent as text[] */
  arrays?: string[];
  /** the final states besides published, reached by the owner (withdrawn) or staff */
  endStates: string[];
  names: { one: [string, string] };
  view(row: Record<string, any>): V;
  link(id: number): string;
}

/** Which rows an actor may read. `x` is the listing. */
export function listingScope(actor: Actor | null, where: Where): Where {
  if (!actor) return where.add(`x.status = 'published'`);
  if (actor.role === 'admin') return where.add(`(x.status <> 'draft')`);
  if (actor.role === 'staff') {
    return where.add(`(x.status NOT IN ('draft') AND (x.status <> 'submitted' OR x.region_code IN (SELECT region_subtree($?))))`, actor.regionCode);
  }
  if (actor.role === 'enterprise' || actor.role === 'institution') return where.add(`(x.status = 'published' OR x.org_id = $?)`, actor.orgId);
  return where.add(`x.status = 'published'`);
}

export async function listListings<V>(db: Queryable, kind: ListingKind<V>, actor: Actor | null,
  f: { q?: string; field?: string; status?: string; mine?: boolean; regionCode?: string; sort?: string; extra?: (w: Where) => void }, page: number, pageSize: number) {
  const where = listingScope(actor, new Where());
  if (f.q) { const t = likePattern(f.q); where.add(`(x.title ILIKE $? OR o.name ILIKE $?)`, t, t); }
  if (f.field) where.add('x.field = $?', f.field);
  if (f.status) where.add('x.status = $?', f.status);
  if (f.mine) where.add('x.org_id = $?', actor?.orgId ?? -1);
  if (f.regionCode) where.add('x.region_code IN (SELECT region_subtree($?))', f.regionCode);
  f.extra?.(where);
  const order = orderBy(f.sort, { title: 'x.title', publishedAt: 'x.published_at', updatedAt: 'x.updated_at' }, 'x.updated_at DESC', 'x.id');
  const from = `FROM ${kind.table} x JOIN organization o ON o.id = x.org_id JOIN region r ON r.code = x.region_code`;
  const [rows, count] = await Promise.all([
    db.query(`SELECT x.*, o.name AS org_name, o.kind AS org_kind, r.name AS region_name ${from} ${where} ${order} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`, where.params),
    db.query(`SELECT count(*)::int AS n ${from} ${where}`, where.params),
  ]);
  return { items: rows.rows.map(kind.view), total: count.rows[0].n, page, pageSize };
}

export async function getListing<V>(db: Queryable, kind: ListingKind<V>, actor: Actor | null, id: number): Promise<V> {
  const where = listingScope(actor, new Where()).add('x.id = $?', id);
  const { rows: [x] } = await db.query(
    `SELECT x.*, o.name AS org_name, o.kind AS org_kind, r.name AS region_name FROM ${kind.table} x JOIN organization o ON o.id = x.org_id JOIN region r ON r.code = x.region_code ${where}`,
    where.params);
  if (!x) throw errors.notFound();
  return kind.view(x);
}

const valueOf = (kind: ListingKind<unknown>, key: string, value: unknown) => (kind.arrays?.includes(key) ? (value ?? []) : value ?? null);

/** The owning organisation: the applicant's own, or (staff) one of their region named by `orgId`. */
async function ownerOf(db: Queryable, actor: Actor, orgId: number | null | undefined): Promise<{ id: number; region: string }> {
  if (actor.role === 'enterprise' || actor.role === 'institution') {
    const { rows: [o] } = await db.query('SELECT id, region_code FROM organization WHERE id = $1', [actor.orgId]);
    return { id: Number(o.id), region: o.region_code };
  }
  if (actor.role !== 'admin' && actor.role !== 'staff') throw errors.forbidden();
  if (orgId == null) throw fieldError('orgId', 'field.required');
  const { rows: [o] } = await db.query(
    `SELECT id, region_code FROM organization WHERE id = $1 AND status = 'approved' AND ($2::text IS NULL OR region_code IN (SELECT region_subtree($2)))`,
    [orgId, actor.role === 'staff' ? actor.regionCode : null]);
  if (!o) throw fieldError('orgId', 'field.organization.unknown');
  return { id: Number(o.id), region: o.region_code };
}

export async function createListing(db: Database, kind: ListingKind<unknown>, actor: Actor, audit: AuditActor, b: Record<string, unknown> & { orgId?: number | null }): Promise<number> {
  const owner = await ownerOf(db, actor, b.orgId);
  const keys = Object.keys(kind.columns).filter((k) => k in b);
  return db.transaction(async (tx) => {
    const cols = ['org_id', 'region_code', 'created_by', ...keys.map((k) => kind.columns[k])];
    const values = [owner.id, owner.region, actor.id, ...keys.map((k) => valueOf(kind, k, b[k]))];
    const { rows: [x] } = await tx.query(`INSERT INTO ${kind.table} (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`, values);
    await recordAudit(tx, audit, { action: `${kind.table}.create`, targetType: kind.table, targetId: x.id, changes: diff(null, Object.fromEntries(keys.map((k) => [k, b[k]]))) });
    return Number(x.id);
  });
}

/** The row locked for a change by its organisation (or the region's staff). */
async function lockForChange(tx: Queryable, kind: ListingKind<unknown>, actor: Actor, id: number) {
  const where = new Where().add('x.id = $?', id);
  if (actor.role === 'enterprise' || actor.role === 'institution') where.add('x.org_id = $?', actor.orgId);
  else if (actor.role === 'staff') where.add('x.region_code IN (SELECT region_subtree($?))', actor.regionCode);
  else if (actor.role !== 'admin') throw errors.forbidden();
  const { rows: [x] } = await tx.query(`SELECT x.* FROM ${kind.table} x ${where} FOR UPDATE`, where.params);
  if (!x) throw errors.notFound();
  return x;
}

export async function updateListing(db: Database, kind: ListingKind<unknown>, actor: Actor, audit: AuditActor, id: number, b: Record<string, unknown> & { version: number }) {
  const keys = Object.keys(kind.columns).filter((k) => k in b);
  await db.transaction(async (tx) => {
    const x = await lockForChange(tx, kind, actor, id);
    if (x.version !== b.version) throw errors.staleVersion();
    // the owner edits a draft; staff may also correct a submitted one before publishing it
    const editable = x.status === 'draft' || (x.status === 'submitted' && (actor.role === 'staff' || actor.role === 'admin'));
    if (!editable) throw new AppError(409, 'INVALID_TRANSITION', { from: x.status });
    const sets = keys.map((k, i) => `${kind.columns[k]} = $${i + 2}`);
    await tx.query(`UPDATE ${kind.table} SET ${[...sets, 'search_vector = NULL', 'updated_at = now()', 'version = version + 1'].join(', ')} WHERE id = $1`, [id, ...keys.map((k) => valueOf(kind, k, b[k]))]);
    await recordAudit(tx, audit, { action: `${kind.table}.update`, targetType: kind.table, targetId: id,
      changes: diff(Object.fromEntries(keys.map((k) => [k, x[kind.columns[k]]])), Object.fromEntries(keys.map((k) => [k, b[k]]))) });
  });
}

/** submit (owner: draft → submitted), publish / return (staff: submitted → published / draft), end (withdrawn, transferred, closed). */
export async function moveListing(db: Database, kind: ListingKind<unknown>, actor: Actor, audit: AuditActor, id: number,
  action: 'submit' | 'publish' | 'return' | 'end', to?: string, comment?: string) {
  return db.transaction(async (tx) => {
    const x = await lockForChange(tx, kind, actor, id);
    const staff = actor.role === 'staff' || actor.role === 'admin';
    const steps: Record<typeof action, { from: string[]; to: string; staff: boolean | null }> = {
      submit: { from: ['draft'], to: 'submitted', staff: false },
      publish: { from: ['submitted'], to: 'published', staff: true },
      return: { from: ['submitted'], to: 'draft', staff: true },
      end: { from: ['published'], to: to ?? kind.endStates[0], staff: null },
    };
    const step = steps[action];
    if (step.staff !== null && step.staff !== staff) throw errors.forbidden();
    if (action === 'end' && !kind.endStates.includes(step.to)) throw fieldError('status', 'field.invalid_option');
    if (action === 'return' && !comment?.trim()) throw fieldError('comment', 'field.reason');
    if (!step.from.includes(x.status)) throw new AppError(409, 'INVALID_TRANSITION', { from: x.status });
    await tx.query(`UPDATE ${kind.table} SET status = $2, published_at = CASE WHEN $2 = 'published' THEN now() ELSE published_at END,
                    updated_at = now(), version = version + 1 WHERE id = $1`, [id, step.to]);
    await recordAudit(tx, audit, { action: `${kind.table}.${action}`, targetType: kind.table, targetId: id,
      changes: { status: { before: x.status, after: step.to }, ...(comment ? { comment: { before: null, after: comment } } : {}) } });
    if (action === 'publish' || action === 'return') {
      const [one, oneEn] = kind.names.one;
      await notify(tx, { orgId: Number(x.org_id), kind: `market.${kind.table}.${action === 'publish' ? 'published' : 'returned'}`, link: kind.link(id),
        title: action === 'publish' ? [`${one}已发布：${x.title}`, `${oneEn} published: ${x.title}`] : [`${one}被退回修改：${x.title}`, `${oneEn} returned for changes: ${x.title}`],
        body: [comment ?? '', comment ?? ''] });
    }
    return step.to;
  });
}
