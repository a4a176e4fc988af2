/**
 * 好成果榜单: a bureau releases evaluated achievements in batches — a monthly or quarterly list
 * (e.g. 2026年第4季度好成果榜单) of concluded evaluations of published achievements of its region,
 * chosen and ordered by staff, draft → published. Published lists are public (the portal reads
 * them without sign-in); an achievement withdrawn since drops out of the public view.
 *
 * Scope: staff their region's subtree (a list belongs to the region of the staff member who made
 * it), admins all.
 */
import type { Database, Queryable } from '../../db/database';
import type { Actor, AuditActor } from '../../http/actor';
import { AppError, errors, fieldError } from '../../http/errors';
import { orderBy, Where } from '../../http/list-query';
import { diff, recordAudit } from '../audit/record';
import { notify } from '../notifications/notify';

export const PERIODS = ['monthly', 'quarterly'] as const;
/** What the lists are built of: concluded evaluations of achievements still public. */
const LISTABLE = `e.status = 'concluded' AND a.status IN ('published', 'transferred')`;

export interface BatchInput {
  title: string; period: (typeof PERIODS)[number]; periodOf: string; intro?: string; regionCode?: string;
  items: { evaluationId: number; note?: string }[];
}

function batchScope(actor: Actor, where: Where): Where {
  if (actor.role === 'admin') return where;
  if (actor.role === 'staff') return where.add('b.region_code IN (SELECT region_subtree($?))', actor.regionCode);
  throw errors.forbidden();
}

async function lockBatch(tx: Queryable, actor: Actor, id: number) {
  const where = batchScope(actor, new Where()).add('b.id = $?', id);
  const { rows: [b] } = await tx.query(`SELECT b.* FROM good_batch b ${where} FOR UPDATE`, where.params);
  if (!b) throw errors.notFound();
  return b;
}

/** Every evaluation listable and within the list's region, or 400 naming the items. */
async function checkItems(tx: Queryable, regionCode: string, items: BatchInput['items']) {
  const ids = items.map((i) => i.evaluationId);
  if (new Set(ids).size !== ids.length) throw fieldError('items', 'field.duplicate_row');
  if (!ids.length) return;
  const { rows } = await tx.query(
    `SELECT e.id FROM evaluation e JOIN achievement a ON a.id = e.achievement_id
      WHERE e.id = ANY($1::bigint[]) AND ${LISTABLE} AND e.region_code IN (SELECT region_subtree($2))`, [ids, regionCode]);
  if (rows.length !== ids.length) throw fieldError('items', 'field.good_batch.item');
}

async function writeItems(tx: Queryable, batchId: number, items: BatchInput['items']) {
  await tx.query('DELETE FROM good_batch_item WHERE batch_id = $1', [batchId]);
  if (!items.length) return;
  await tx.query(
    `INSERT INTO good_batch_item (batch_id, evaluation_id, seq, note)
     SELECT $1, t.e, t.n, t.note FROM unnest($2::bigint[], $3::text[]) WITH ORDINALITY AS t(e, note, n)`,
    [batchId, items.map((i) => i.evaluationId), items.map((i) => i.note?.trim() ?? '')]);
}

export async function createBatch(db: Database, actor: Actor, audit: AuditActor, b: BatchInput): Promise<number> {
  if (actor.role !== 'admin' && actor.role !== 'staff') throw errors.forbidden();
  // staff publish for their own region; an administrator names one
  const regionCode = actor.role === 'staff' ? actor.regionCode! : b.regionCode;
  if (!regionCode) throw fieldError('regionCode', 'field.required');
  return db.transaction(async (tx) => {
    if (!(await tx.query('SELECT 1 FROM region WHERE code = $1', [regionCode])).rowCount) throw fieldError('regionCode', 'field.region');
    await checkItems(tx, regionCode, b.items);
    const { rows: [x] } = await tx.query(
      `INSERT INTO good_batch (region_code, title, period, period_of, intro, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [regionCode, b.title, b.period, b.periodOf, b.intro ?? '', actor.id]);
    const id = Number(x.id);
    await writeItems(tx, id, b.items);
    await recordAudit(tx, audit, { action: 'achievement.good_batch.create', targetType: 'good_batch', targetId: id,
      changes: diff(null, { title: b.title, period: b.period, periodOf: b.periodOf, evaluations: b.items.map((i) => i.evaluationId) }) });
    return id;
  });
}

export async function updateBatch(db: Database, actor: Actor, audit: AuditActor, id: number, b: BatchInput & { version: number }) {
  await db.transaction(async (tx) => {
    const old = await lockBatch(tx, actor, id);
    if (old.version !== b.version) throw errors.staleVersion();
    if (old.status !== 'draft') throw new AppError(409, 'INVALID_TRANSITION', { from: old.status });
    await checkItems(tx, old.region_code, b.items);
    const { rows: before } = await tx.query('SELECT evaluation_id FROM good_batch_item WHERE batch_id = $1 ORDER BY seq', [id]);
    await tx.query(`UPDATE good_batch SET title = $2, period = $3, period_of = $4, intro = $5, updated_at = now(), version = version + 1 WHERE id = $1`,
      [id, b.title, b.period, b.periodOf, b.intro ?? '']);
    await writeItems(tx, id, b.items);
    await recordAudit(tx, audit, { action: 'achievement.good_batch.update', targetType: 'good_batch', targetId: id,
      changes: diff({ title: old.title, period: old.period, periodOf: old.period_of, intro: old.intro, evaluations: before.map((r) => Number(r.evaluation_id)) },
        { title: b.title, period: b.period, periodOf: b.periodOf, intro: b.intro ?? '', evaluations: b.items.map((i) => i.evaluationId) }) });
  });
}

export async function deleteBatch(db: Database, actor: Actor, audit: AuditActor, id: number) {
  await db.transaction(async (tx) => {
    const old = await lockBatch(tx, actor, id);
    if (old.status !== 'draft') throw new AppError(409, 'INVALID_TRANSITION', { from: old.status });
    await tx.query('DELETE FROM good_batch WHERE id = $1', [id]);
    await recordAudit(tx, audit, { action: 'achievement.good_batch.delete', targetType: 'good_batch', targetId: id, changes: diff({ title: old.title }, null) });
  });
}

/** draft → published once (a second answers 409); every item must still be listable; each owner is told. */
export async function publishBatch(db: Database, actor: Actor, audit: AuditActor, id: number) {
  return db.transaction(async (tx) => {
    const b = await lockBatch(tx, actor, id);
    if (b.status !== 'draft') throw new AppError(409, 'INVALID_TRANSITION', { from: b.status });
    const { rows: items } = await tx.query('SELECT evaluation_id, note FROM good_batch_item WHERE batch_id = $1 ORDER BY seq', [id]);
    if (!items.length) throw fieldError('items', 'field.required');
    await checkItems(tx, b.region_code, items.map((i) => ({ evaluationId: Number(i.evaluation_id) })));
    await tx.query(`UPDATE good_batch SET status = 'published', published_at = now(), updated_at = now(), version = version + 1 WHERE id = $1`, [id]);
    await recordAudit(tx, audit, { action: 'achievement.good_batch.publish', targetType: 'good_batch', targetId: id, changes: { status: { before: 'draft', after: 'published' } } });
    const { rows: owners } = await tx.query(
      `SELECT DISTINCT e.org_id, a.title FROM good_batch_item i JOIN evaluation e ON e.id = i.evaluation_id JOIN achievement a ON a.id = e.achievement_id WHERE i.batch_id = $1`, [id]);
    for (const o of owners) {
      await notify(tx, { orgId: Number(o.org_id), kind: 'market.goodBatch.listed', link: `/portal/good-achievements/${id}`,
        title: [`您的成果入选${b.title}：${o.title}`, `Your achievement is on the list "${b.title}": ${o.title}`] });
    }
    return { id, status: 'published' as const };
  });
}

const batchView = (b: Record<string, any>) => ({
  id: Number(b.id), regionCode: b.region_code, regionName: b.region_name, title: b.title, period: b.period, periodOf: b.period_of, intro: b.intro,
  status: b.status, publishedAt: b.published_at, createdAt: b.created_at, updatedAt: b.updated_at, version: b.version, itemCount: Number(b.item_count ?? 0),
});

/** The items of lists, in order; `publicOnly` keeps achievements that are still public. */
async function itemsOf(db: Queryable, batchIds: number[], publicOnly: boolean) {
  const { rows } = await db.query(
    `SELECT i.batch_id, i.evaluation_id, i.seq, i.note, e.achievement_id, e.class, e.score, e.level, l.name_zh AS level_zh, l.name_en AS level_en,
            a.title, a.type, a.field, a.maturity, a.summary, a.status AS achievement_status, o.name AS org_name, r.name AS region_name
       FROM good_batch_item i JOIN evaluation e ON e.id = i.evaluation_id JOIN achievement a ON a.id = e.achievement_id
       JOIN organization o ON o.id = a.org_id JOIN region r ON r.code = a.region_code LEFT JOIN evaluation_level l ON l.code = e.level
      WHERE i.batch_id = ANY($1::bigint[]) ${publicOnly ? `AND a.status IN ('published', 'transferred')` : ''}
      ORDER BY i.batch_id, i.seq`, [batchIds]);
  return rows.map((r) => ({
    batchId: Number(r.batch_id), evaluationId: Number(r.evaluation_id), seq: r.seq, note: r.note, achievementId: Number(r.achievement_id),
    title: r.title, type: r.type, field: r.field, maturity: r.maturity, summary: r.summary, orgName: r.org_name, regionName: r.region_name,
    class: r.class, score: r.score == null ? null : Number(r.score), level: r.level, levelName: r.level_zh, levelNameEn: r.level_en,
    ...(publicOnly ? {} : { achievementStatus: r.achievement_status }),
  }));
}

const FROM = `FROM good_batch b JOIN region r ON r.code = b.region_code`;
const COLUMNS = `b.*, r.name AS region_name, (SELECT count(*) FROM good_batch_item i WHERE i.batch_id = b.id) AS item_count`;

export async function listBatches(db: Queryable, actor: Actor, f: { status?: string; period?: string; sort?: string }, page: number, pageSize: number) {
  const where = batchScope(actor, new Where());
  if (f.status) where.add('b.status = $?', f.status);
  if (f.period) where.add('b.period = $?', f.period);
  const order = orderBy(f.sort, { periodOf: 'b.period_of', publishedAt: 'b.published_at', title: 'b.title' }, 'b.updated_at DESC', 'b.id');
  const [rows, count] = await Promise.all([
    db.query(`SELECT ${COLUMNS} ${FROM} ${where} ${order} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`, where.params),
    db.query(`SELECT count(*)::int AS n ${FROM} ${where}`, where.params),
  ]);
  return { items: rows.rows.map(batchView), total: count.rows[0].n, page, pageSize };
}

export async function getBatch(db: Queryable, actor: Actor, id: number) {
  const where = batchScope(actor, new Where()).add('b.id = $?', id);
  const { rows: [b] } = await db.query(`SELECT ${COLUMNS} ${FROM} ${where}`, where.params);
  if (!b) throw errors.notFound();
  return { ...batchView(b), items: await itemsOf(db, [id], false) };
}

/** What staff can put on a list: concluded evaluations of public achievements of their subtree, best first. */
export async function listableEvaluations(db: Queryable, actor: Actor, f: { concludedFrom?: string; concludedTo?: string }) {
  if (actor.role !== 'admin' && actor.role !== 'staff') throw errors.forbidden();
  const where = new Where().add(LISTABLE);
  if (actor.role === 'staff') where.add('e.region_code IN (SELECT region_subtree($?))', actor.regionCode);
  if (f.concludedFrom) where.add('e.concluded_at >= $?::date', f.concludedFrom);
  if (f.concludedTo) where.add(`e.concluded_at < $?::date + 1`, f.concludedTo);
  const { rows } = await db.query(
    `SELECT e.id, e.achievement_id, e.class, e.score, e.level, e.concluded_at, a.title, a.field, o.name AS org_name, l.name_zh AS level_zh
       FROM evaluation e JOIN achievement a ON a.id = e.achievement_id JOIN organization o ON o.id = e.org_id LEFT JOIN evaluation_level l ON l.code = e.level
      ${where} ORDER BY l.sort NULLS LAST, e.score DESC, e.id LIMIT 500`, where.params);
  return { items: rows.map((r) => ({ evaluationId: Number(r.id), achievementId: Number(r.achievement_id), title: r.title, field: r.field, orgName: r.org_name,
    class: r.class, score: Number(r.score), level: r.level, levelName: r.level_zh, concludedAt: r.concluded_at })) };
}

// ── the portal: published lists, no sign-in

export async function publishedBatches(db: Queryable, page: number, pageSize: number) {
  const where = new Where().add(`b.status = 'published'`);
  const [rows, count] = await Promise.all([
    db.query(`SELECT ${COLUMNS} ${FROM} ${where} ORDER BY b.published_at DESC, b.id DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`, where.params),
    db.query(`SELECT count(*)::int AS n ${FROM} ${where}`, where.params),
  ]);
  const batches = rows.rows.map(batchView);
  const items = await itemsOf(db, batches.map((b) => b.id), true);
  const pick = ({ version: _v, createdAt: _c, updatedAt: _u, status: _s, ...rest }: ReturnType<typeof batchView>) => rest;
  return { items: batches.map((b) => ({ ...pick(b), items: items.filter((i) => i.batchId === b.id) })), total: count.rows[0].n, page, pageSize };
}

export async function publishedBatch(db: Queryable, id: number) {
  const { rows: [b] } = await db.query(`SELECT ${COLUMNS} ${FROM} WHERE b.id = $1 AND b.status = 'published'`, [id]);
  if (!b) throw errors.notFound();
  const { version: _v, createdAt: _c, updatedAt: _u, status: _s, ...rest } = batchView(b);
  return { ...rest, items: await itemsOf(db, [id], true) };
}
