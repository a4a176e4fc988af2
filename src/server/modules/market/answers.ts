/**
 * Answers to demands (答题 and 阅卷; a 揭榜挂帅 open call is a demand with a prize). An institution, an
 * enterprise or an expert (a user with a linked expert record) answers a published demand open to
 * them with a proposal; they may change it until it is shortlisted and withdraw it until a decision.
 * Only the demand's organisation and its region's staff see the answers to a demand; an answerer
 * sees its own. The demand's organisation shortlists, rejects and picks exactly one: the pick locks
 * the demand row, so of two picks at once one wins and the other finds the demand picked. Closing
 * the demand records how it ended (agreement, contract, failed).
 */
import type { Database, Queryable } from '../../db/database';
import type { Actor, AuditActor } from '../../http/actor';
import { AppError, errors, fieldError } from '../../http/errors';
import { uniqueViolation } from '../../http/fields';
import { Where } from '../../http/list-query';
import { recordAudit } from '../audit/record';
import { notify } from '../notifications/notify';
import { applicationFileType, MAX_APPLICATION_FILE_BYTES } from '../projects/attachments';
import { listingScope } from './listings';

export const ANSWER_STATUSES = ['submitted', 'shortlisted', 'rejected', 'picked', 'withdrawn'] as const;
export const MAX_ANSWER_FILE_BYTES = MAX_APPLICATION_FILE_BYTES;
const OPEN_ANSWER = `('submitted', 'shortlisted')`;

export interface AnswerBody { proposal: string; plan?: string; price?: number | null; durationMonths?: number | null }

const num = (x: unknown) => (x == null ? null : Number(x));

const answerView = (x: Record<string, any>) => ({
  id: Number(x.id), demandId: Number(x.demand_id), demandTitle: x.demand_title as string, demandOrgId: Number(x.demand_org_id), demandOrgName: x.demand_org_name as string,
  demandStatus: x.demand_status as string, openCall: !!x.open_call, prize: num(x.prize),
  // who answered: an organisation, or an expert in person (with the expert's organisation as text)
  answerer: x.org_id != null
    ? { kind: x.answerer_kind as 'enterprise' | 'institution', orgId: Number(x.org_id), expertId: null, name: x.answerer_org_name as string, orgName: x.answerer_org_name as string }
    : { kind: 'expert' as const, orgId: null, expertId: Number(x.expert_id), name: x.expert_name as string, orgName: x.expert_org_name as string },
  proposal: x.proposal as string, plan: x.plan as string, price: num(x.price), durationMonths: x.duration_months as number | null,
  status: x.status as (typeof ANSWER_STATUSES)[number], decisionNote: x.decision_note as string | null, decidedAt: x.decided_at,
  attachments: ((x.attachments ?? []) as Record<string, any>[]).map((f) => ({ id: Number(f.id), fileName: f.file_name, contentType: f.content_type, size: f.size })),
  createdAt: x.created_at, updatedAt: x.updated_at, version: x.version as number,
});
export type AnswerView = ReturnType<typeof answerView>;

const ANSWER_FROM = `FROM demand_answer a JOIN demand d ON d.id = a.demand_id JOIN organization dorg ON dorg.id = d.org_id
  LEFT JOIN organization o ON o.id = a.org_id LEFT JOIN expert x ON x.id = a.expert_id`;
const ANSWER_COLUMNS = `a.*, d.title AS demand_title, d.org_id AS demand_org_id, dorg.name AS demand_org_name, d.status AS demand_status, d.open_call, d.prize,
  o.kind AS answerer_kind, o.name AS answerer_org_name, x.name AS expert_name, x.org_name AS expert_org_name,
  (SELECT coalesce(json_agg(json_build_object('id', f.id, 'file_name', f.file_name, 'content_type', f.content_type, 'size', f.size) ORDER BY f.id), '[]')
     FROM demand_answer_attachment f WHERE f.answer_id = a.id) AS attachments`;

/** The answers an actor wrote: its organisation's, or (expert) those of its expert record. */
function ownAnswers(actor: Actor, where: Where): Where {
  if (actor.role === 'enterprise' || actor.role === 'institution') return where.add('a.org_id = $?', actor.orgId);
  if (actor.role === 'expert') return where.add('a.expert_id IN (SELECT id FROM expert WHERE user_id = $?)', actor.id);
  return where.add('FALSE');
}

/**
 * The answers an actor may read: its own; those to its organisation's demands (not withdrawn);
 * staff those to demands of their region's subtree; admins all. Another enterprise: none.
 */
export function answerScope(actor: Actor, where: Where): Where {
  if (actor.role === 'admin') return where;
  if (actor.role === 'staff') return where.add('d.region_code IN (SELECT region_subtree($?))', actor.regionCode);
  if (actor.role === 'enterprise' || actor.role === 'institution') {
    return where.add(`(a.org_id = $? OR (d.org_id = $? AND a.status <> 'withdrawn'))`, actor.orgId, actor.orgId);
  }
  return ownAnswers(actor, where);
}

/** Who answers for the actor: its organisation, or the active expert record linked to the user. */
async function answererOf(db: Queryable, actor: Actor): Promise<{ orgId: number | null; expertId: number | null; inviteOrgId: number | null }> {
  if (actor.role === 'enterprise' || actor.role === 'institution') return { orgId: actor.orgId, expertId: null, inviteOrgId: actor.orgId };
  if (actor.role !== 'expert') throw errors.forbidden();
  const { rows: [x] } = await db.query(`SELECT id, org_id FROM expert WHERE user_id = $1 AND status = 'active'`, [actor.id]);
  if (!x) throw new AppError(403, 'EXPERT_RECORD_MISSING');
  return { orgId: null, expertId: Number(x.id), inviteOrgId: num(x.org_id) };
}

/** The demand, locked, if the actor may read it (404 otherwise). */
async function lockVisibleDemand(tx: Queryable, actor: Actor, demandId: number, mode: 'UPDATE' | 'SHARE') {
  const where = listingScope(actor, new Where()).add('x.id = $?', demandId);
  const { rows: [d] } = await tx.query(`SELECT x.* FROM demand x ${where} FOR ${mode}`, where.params);
  if (!d) throw errors.notFound();
  return d;
}

/** The demand's answers are open: published, nothing picked yet. */
function assertAnswering(d: Record<string, any>) {
  if (d.status !== 'published' || d.outcome != null) throw new AppError(409, 'DEMAND_NOT_OPEN');
}

export async function createAnswer(db: Database, actor: Actor, audit: AuditActor, demandId: number, b: AnswerBody): Promise<number> {
  try {
    return await db.transaction(async (tx) => {
      const who = await answererOf(tx, actor);
      const d = await lockVisibleDemand(tx, actor, demandId, 'SHARE');
      assertAnswering(d);
      if (who.orgId != null && Number(d.org_id) === who.orgId) throw new AppError(409, 'ANSWER_OWN_DEMAND');
      if (d.open_to === 'invited' && !(d.invited_org_ids as unknown[]).map(Number).includes(who.inviteOrgId ?? -1)) throw new AppError(403, 'DEMAND_NOT_INVITED');
      const { rows: [a] } = await tx.query(
        `INSERT INTO demand_answer (demand_id, org_id, expert_id, proposal, plan, price, duration_months, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [demandId, who.orgId, who.expertId, b.proposal, b.plan ?? '', b.price ?? null, b.durationMonths ?? null, actor.id]);
      await recordAudit(tx, audit, { action: 'demand.answer.create', targetType: 'demand_answer', targetId: a.id,
        changes: { demandId: { before: null, after: demandId }, proposal: { before: null, after: b.proposal }, price: { before: null, after: b.price ?? null },
          durationMonths: { before: null, after: b.durationMonths ?? null } } });
      await notify(tx, { orgId: Number(d.org_id), kind: 'market.answer.received', link: `/market/demands?demand=${demandId}&tab=answers`,
        title: [`技术需求收到新的答题方案：${d.title}`, `New proposal for your demand: ${d.title}`] });
      return Number(a.id);
    });
  } catch (e) {
    if (uniqueViolation(e)) throw new AppError(409, 'ANSWER_EXISTS');
    throw e;
  }
}

/** An own answer with its demand, both locked (the demand first, as every answer change does). */
async function lockOwnAnswer(tx: Queryable, actor: Actor, id: number) {
  const where = ownAnswers(actor, new Where()).add('a.id = $?', id);
  const { rows: [ref] } = await tx.query(`SELECT a.demand_id FROM demand_answer a ${where}`, where.params);
  if (!ref) throw errors.notFound();
  const { rows: [d] } = await tx.query('SELECT * FROM demand WHERE id = $1 FOR SHARE', [ref.demand_id]);
  const { rows: [a] } = await tx.query('SELECT * FROM demand_answer WHERE id = $1 FOR UPDATE', [id]);
  return { a, d };
}

export async function updateAnswer(db: Database, actor: Actor, audit: AuditActor, id: number, b: AnswerBody & { version: number }) {
  await db.transaction(async (tx) => {
    const { a, d } = await lockOwnAnswer(tx, actor, id);
    if (a.version !== b.version) throw errors.staleVersion();
    if (a.status !== 'submitted') throw new AppError(409, 'INVALID_TRANSITION', { from: a.status });
    assertAnswering(d);
    await tx.query(`UPDATE demand_answer SET proposal = $2, plan = $3, price = $4, duration_months = $5, updated_at = now(), version = version + 1 WHERE id = $1`,
      [id, b.proposal, b.plan ?? '', b.price ?? null, b.durationMonths ?? null]);
    const before = { proposal: a.proposal, plan: a.plan, price: num(a.price), durationMonths: a.duration_months };
    const after = { proposal: b.proposal, plan: b.plan ?? '', price: b.price ?? null, durationMonths: b.durationMonths ?? null };
    await recordAudit(tx, audit, { action: 'demand.answer.update', targetType: 'demand_answer', targetId: id,
      changes: Object.fromEntries(Object.entries(after).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(before[k as keyof typeof before]))
        .map(([k, v]) => [k, { before: before[k as keyof typeof before], after: v }])) });
  });
}

export async function withdrawAnswer(db: Database, actor: Actor, audit: AuditActor, id: number) {
  await db.transaction(async (tx) => {
    const { a } = await lockOwnAnswer(tx, actor, id);
    if (a.status !== 'submitted' && a.status !== 'shortlisted') throw new AppError(409, 'INVALID_TRANSITION', { from: a.status });
    await tx.query(`UPDATE demand_answer SET status = 'withdrawn', updated_at = now(), version = version + 1 WHERE id = $1`, [id]);
    await recordAudit(tx, audit, { action: 'demand.answer.withdraw', targetType: 'demand_answer', targetId: id, changes: { status: { before: a.status, after: 'withdrawn' } } });
  });
}

/** Tells the answerer (its organisation, or the expert's user) of a decision. */
async function tellAnswerer(tx: Queryable, a: Record<string, any>, kind: string, title: [string, string], body?: [string, string]) {
  const link = `/market/answers?answer=${a.id}`;
  if (a.org_id != null) { await notify(tx, { orgId: Number(a.org_id), kind, title, body, link }); return; }
  const { rows: [x] } = await tx.query('SELECT user_id FROM expert WHERE id = $1', [a.expert_id]);
  if (x?.user_id != null) await notify(tx, { userIds: [Number(x.user_id)], kind, title, body, link });
}

/**
 * 阅卷 by the demand's organisation: shortlist, reject, or pick exactly one. The demand row is
 * locked first, so concurrent picks serialise and only the first finds nothing picked.
 */
export async function decideAnswer(db: Database, actor: Actor, audit: AuditActor, id: number, action: 'shortlist' | 'reject' | 'pick', note?: string) {
  if (actor.role !== 'enterprise' && actor.role !== 'institution') throw errors.forbidden();
  return db.transaction(async (tx) => {
    const { rows: [d] } = await tx.query(
      `SELECT d.* FROM demand d WHERE d.id = (SELECT demand_id FROM demand_answer WHERE id = $1) AND d.org_id = $2 FOR UPDATE`, [id, actor.orgId]);
    if (!d) throw errors.notFound();
    const { rows: [a] } = await tx.query(`SELECT * FROM demand_answer WHERE id = $1 AND status <> 'withdrawn' FOR UPDATE`, [id]);
    if (!a) throw errors.notFound();
    const from: Record<typeof action, string[]> = { shortlist: ['submitted'], reject: ['submitted', 'shortlisted'], pick: ['submitted', 'shortlisted'] };
    if (!from[action].includes(a.status)) throw new AppError(409, 'INVALID_TRANSITION', { from: a.status });
    if (d.status !== 'published') throw new AppError(409, 'INVALID_TRANSITION', { from: d.status });
    if (d.outcome != null) throw new AppError(409, 'DEMAND_ALREADY_PICKED');
    const to = { shortlist: 'shortlisted', reject: 'rejected', pick: 'picked' }[action];
    await tx.query(`UPDATE demand_answer SET status = $2, decision_note = coalesce($3, decision_note), decided_at = now(), updated_at = now(), version = version + 1 WHERE id = $1`,
      [id, to, note?.trim() || null]);
    await recordAudit(tx, audit, { action: `demand.answer.${action}`, targetType: 'demand_answer', targetId: id,
      changes: { status: { before: a.status, after: to }, ...(note?.trim() ? { comment: { before: null, after: note.trim() } } : {}) } });
    if (action === 'pick') {
      await tx.query(`UPDATE demand SET picked_answer_id = $2, outcome = 'picked', outcome_at = now(), updated_at = now(), version = version + 1 WHERE id = $1`, [d.id, id]);
      await recordAudit(tx, audit, { action: 'demand.pick', targetType: 'demand', targetId: d.id, changes: { outcome: { before: null, after: 'picked' }, answerId: { before: null, after: id } } });
      await tellAnswerer(tx, a, 'market.answer.picked', [`您的方案已被选定：${d.title}`, `Your proposal was picked: ${d.title}`], note ? [note, note] : undefined);
      // the other open answers end here: the enterprise has chosen
      const { rows: others } = await tx.query(`SELECT * FROM demand_answer WHERE demand_id = $1 AND id <> $2 AND status IN ${OPEN_ANSWER} ORDER BY id FOR UPDATE`, [d.id, id]);
      await tx.query(`UPDATE demand_answer SET status = 'rejected', decision_note = '已选定其他方案', decided_at = now(), updated_at = now(), version = version + 1
                       WHERE id = ANY($1::bigint[])`, [others.map((o) => o.id)]);
      for (const o of others) {
        await recordAudit(tx, audit, { action: 'demand.answer.reject', targetType: 'demand_answer', targetId: o.id, changes: { status: { before: o.status, after: 'rejected' } } });
        await tellAnswerer(tx, o, 'market.answer.rejected', [`需求方已选定其他方案：${d.title}`, `Another proposal was picked: ${d.title}`]);
      }
    } else if (action === 'reject') {
      await tellAnswerer(tx, a, 'market.answer.rejected', [`您的方案未被采纳：${d.title}`, `Your proposal was not accepted: ${d.title}`], note ? [note, note] : undefined);
    } else {
      await tellAnswerer(tx, a, 'market.answer.shortlisted', [`您的方案已入围：${d.title}`, `Your proposal was shortlisted: ${d.title}`]);
    }
    return to;
  });
}

/**
 * Closes a published demand with its outcome: agreement or contract (only after a pick), or failed.
 * By the demand's organisation or the staff of its region.
 */
export async function recordDemandOutcome(db: Database, actor: Actor, audit: AuditActor, demandId: number,
  b: { outcome: 'agreement' | 'contract' | 'failed'; note?: string; version?: number }) {
  return db.transaction(async (tx) => {
    const where = new Where().add('d.id = $?', demandId);
    if (actor.role === 'enterprise' || actor.role === 'institution') where.add('d.org_id = $?', actor.orgId);
    else if (actor.role === 'staff') where.add('d.region_code IN (SELECT region_subtree($?))', actor.regionCode);
    else if (actor.role !== 'admin') throw errors.forbidden();
    const { rows: [d] } = await tx.query(`SELECT d.* FROM demand d ${where} FOR UPDATE`, where.params);
    if (!d) throw errors.notFound();
    if (b.version != null && d.version !== b.version) throw errors.staleVersion();
    if (d.status !== 'published') throw new AppError(409, 'INVALID_TRANSITION', { from: d.status });
    if (b.outcome !== 'failed' && d.picked_answer_id == null) throw fieldError('outcome', 'field.demand.pick_first');
    await tx.query(`UPDATE demand SET status = 'closed', outcome = $2, outcome_note = $3, outcome_at = now(), updated_at = now(), version = version + 1 WHERE id = $1`,
      [demandId, b.outcome, b.note?.trim() || null]);
    await recordAudit(tx, audit, { action: 'demand.outcome', targetType: 'demand', targetId: demandId,
      changes: { status: { before: d.status, after: 'closed' }, outcome: { before: d.outcome, after: b.outcome }, ...(b.note?.trim() ? { note: { before: null, after: b.note.trim() } } : {}) } });
    if (d.picked_answer_id != null) {
      const { rows: [a] } = await tx.query('SELECT * FROM demand_answer WHERE id = $1', [d.picked_answer_id]);
      const words = { agreement: ['达成合作协议', 'agreement reached'], contract: ['签订技术合同', 'contract signed'], failed: ['未能达成合作', 'no agreement'] }[b.outcome];
      await tellAnswerer(tx, a, 'market.demand.outcome', [`技术需求已关闭（${words[0]}）：${d.title}`, `Demand closed (${words[1]}): ${d.title}`]);
    }
    return { id: demandId, status: 'closed', outcome: b.outcome };
  });
}

export async function listAnswers(db: Queryable, actor: Actor, f: { demandId?: number; mine?: boolean; status?: string }, page: number, pageSize: number) {
  const where = answerScope(actor, new Where());
  if (f.mine) ownAnswers(actor, where);
  if (f.demandId != null) where.add('a.demand_id = $?', f.demandId);
  if (f.status) where.add('a.status = $?', f.status);
  const [rows, count] = await Promise.all([
    db.query(`SELECT ${ANSWER_COLUMNS} ${ANSWER_FROM} ${where}
               ORDER BY CASE a.status WHEN 'picked' THEN 0 WHEN 'shortlisted' THEN 1 WHEN 'submitted' THEN 2 WHEN 'rejected' THEN 3 ELSE 4 END, a.created_at DESC, a.id DESC
               LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`, where.params),
    db.query(`SELECT count(*)::int AS n ${ANSWER_FROM} ${where}`, where.params),
  ]);
  return { items: rows.rows.map(answerView), total: count.rows[0].n, page, pageSize };
}

/**
 * The answers to one demand, for its organisation and its region's staff only: anyone else
 * (another enterprise, an answerer) gets 404, whether or not the demand is published.
 */
export async function listDemandAnswers(db: Queryable, actor: Actor, demandId: number, status: string | undefined, page: number, pageSize: number) {
  const where = new Where().add('d.id = $?', demandId);
  if (actor.role === 'enterprise' || actor.role === 'institution') where.add('d.org_id = $?', actor.orgId);
  else if (actor.role === 'staff') where.add(`d.status <> 'draft' AND d.region_code IN (SELECT region_subtree($?))`, actor.regionCode);
  else if (actor.role !== 'admin') throw errors.notFound();
  const { rowCount } = await db.query(`SELECT 1 FROM demand d ${where}`, where.params);
  if (!rowCount) throw errors.notFound();
  return listAnswers(db, actor, { demandId, status }, page, pageSize);
}

export async function getAnswer(db: Queryable, actor: Actor, id: number): Promise<AnswerView> {
  const where = answerScope(actor, new Where()).add('a.id = $?', id);
  const { rows: [a] } = await db.query(`SELECT ${ANSWER_COLUMNS} ${ANSWER_FROM} ${where}`, where.params);
  if (!a) throw errors.notFound();
  return answerView(a);
}

// ── attachments: the answerer adds and removes them while the answer is submitted; whoever reads the answer downloads them

export async function addAnswerFile(db: Database, actor: Actor, audit: AuditActor, id: number, file: { fileName: string; data: Buffer }) {
  if (!file.data.length) throw new AppError(400, 'FILE_REQUIRED');
  const contentType = applicationFileType(file.data, file.fileName);
  if (!contentType) throw new AppError(400, 'FILE_TYPE', { types: 'PDF、JPG、PNG、DOCX、XLSX' });
  return db.transaction(async (tx) => {
    const { a } = await lockOwnAnswer(tx, actor, id);
    if (a.status !== 'submitted') throw new AppError(409, 'INVALID_TRANSITION', { from: a.status });
    const { rows: [f] } = await tx.query(
      'INSERT INTO demand_answer_attachment (answer_id, file_name, content_type, size, data, uploaded_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
      [id, file.fileName, contentType, file.data.length, file.data, actor.id]);
    await recordAudit(tx, audit, { action: 'demand.answer.attach', targetType: 'demand_answer', targetId: id,
      changes: { file: { before: null, after: `${file.fileName} (${file.data.length} B)` } } });
    return { id: Number(f.id), fileName: file.fileName, contentType, size: file.data.length };
  });
}

export async function removeAnswerFile(db: Database, actor: Actor, audit: AuditActor, id: number, fileId: number) {
  await db.transaction(async (tx) => {
    const { a } = await lockOwnAnswer(tx, actor, id);
    if (a.status !== 'submitted') throw new AppError(409, 'INVALID_TRANSITION', { from: a.status });
    const { rows: [f] } = await tx.query('DELETE FROM demand_answer_attachment WHERE id = $1 AND answer_id = $2 RETURNING file_name', [fileId, id]);
    if (!f) throw errors.notFound();
    await recordAudit(tx, audit, { action: 'demand.answer.detach', targetType: 'demand_answer', targetId: id, changes: { file: { before: f.file_name, after: null } } });
  });
}

export async function readAnswerFile(db: Queryable, actor: Actor, id: number, fileId: number) {
  await getAnswer(db, actor, id); // 404 outside the answer's readers
  const { rows: [f] } = await db.query('SELECT file_name, content_type, data FROM demand_answer_attachment WHERE id = $1 AND answer_id = $2', [fileId, id]);
  if (!f) throw errors.notFound();
  return { fileName: f.file_name as string, contentType: f.content_type as string, data: f.data as Buffer };
}
