/**
 * 立改废 review rounds: staff open a round over their region's own policies, decide each one
 * (保留 keep / 修改 amend / 废止 repeal) with a reason and, where amended or repealed, the policy
 * that replaces it; closing the round applies the decisions (status and version links) at once.
 */
import { todayInChina } from '../../../domain/dates';
import type { ReviewDecision } from '../../../domain/policies/types';
import type { Database, Queryable } from '../../db/database';
import type { Actor, AuditActor } from '../../http/actor';
import { AppError, errors, fieldError } from '../../http/errors';
import { assertRegionInScope, limitToRegionScope } from '../../http/scope';
import { Where } from '../../http/list-query';
import { diff, recordAudit } from '../audit/record';
import { notify } from '../notifications/notify';
import { visibleTo } from './service';
import { reviewReportDocx } from './word';

function reviewScope(actor: Actor, where = new Where()): Where {
  limitToRegionScope(actor, where, 'v.region_code');
  return where;
}

export async function createReview(db: Database, actor: Actor, audit: AuditActor, b: { title: string; regionCode?: string; note: string; policyIds: number[] }) {
  if (actor.role !== 'admin' && actor.role !== 'staff') throw errors.forbidden();
  const regionCode = b.regionCode ?? actor.regionCode;
  if (!regionCode) throw fieldError('regionCode', 'field.required');
  await assertRegionInScope(db, actor, regionCode);
  const ids = [...new Set(b.policyIds)];
  const { rows: own } = await db.query(
    `SELECT id FROM policy WHERE id = ANY($1::bigint[]) AND status <> 'draft' AND region_code IN (SELECT region_subtree($2))`, [ids, regionCode]);
  if (own.length !== ids.length) throw fieldError('policyIds', 'field.review.not_own_policy');
  return db.transaction(async (tx) => {
    const { rows: [v] } = await tx.query('INSERT INTO policy_review (title, region_code, note, created_by) VALUES ($1, $2, $3, $4) RETURNING id',
      [b.title, regionCode, b.note, actor.id]);
    await tx.query('INSERT INTO policy_review_item (review_id, policy_id) SELECT $1, unnest($2::bigint[])', [v.id, ids]);
    await recordAudit(tx, audit, { action: 'policy.review.create', targetType: 'policy_review', targetId: v.id,
      changes: diff(null, { title: b.title, regionCode, policies: ids }) });
    return v.id as number;
  });
}

export async function listReviews(db: Queryable, actor: Actor) {
  const where = reviewScope(actor);
  const { rows } = await db.query(
    `SELECT v.id, v.title, v.region_code, r.name AS region_name, v.status, v.created_at, v.closed_at, v.version,
            (SELECT count(*)::int FROM policy_review_item i WHERE i.review_id = v.id) AS total,
            (SELECT count(*)::int FROM policy_review_item i WHERE i.review_id = v.id AND i.decision IS NOT NULL) AS decided
       FROM policy_review v JOIN region r ON r.code = v.region_code ${where} ORDER BY v.created_at DESC, v.id DESC`, where.params);
  return { items: rows.map((v) => ({ id: v.id, title: v.title, regionCode: v.region_code, regionName: v.region_name, status: v.status,
    createdAt: v.created_at, closedAt: v.closed_at, total: v.total, decided: v.decided, version: v.version })) };
}

export async function getReview(db: Queryable, actor: Actor, id: number) {
  const where = reviewScope(actor).add('v.id = $?', id);
  const { rows: [v] } = await db.query(`SELECT v.*, r.name AS region_name FROM policy_review v JOIN region r ON r.code = v.region_code ${where}`, where.params);
  if (!v) throw errors.notFound();
  const { rows: items } = await db.query(
    `SELECT i.policy_id, i.decision, i.reason, i.replacement_id, i.decided_at, i.version, p.title, p.doc_number, p.issuer, p.status, p.issued_on,
            x.title AS replacement_title, x.doc_number AS replacement_doc_number
       FROM policy_review_item i JOIN policy p ON p.id = i.policy_id LEFT JOIN policy x ON x.id = i.replacement_id
      WHERE i.review_id = $1 ORDER BY p.issued_on NULLS LAST, p.id`, [id]);
  return {
    id: v.id, title: v.title, regionCode: v.region_code, regionName: v.region_name, status: v.status, note: v.note, createdAt: v.created_at,
    closedAt: v.closed_at, version: v.version,
    items: items.map((i) => ({ policyId: i.policy_id, title: i.title, docNumber: i.doc_number, issuer: i.issuer, policyStatus: i.status, issuedOn: i.issued_on,
      decision: i.decision as ReviewDecision | null, reason: i.reason, replacementId: i.replacement_id, replacementTitle: i.replacement_title,
      replacementDocNumber: i.replacement_doc_number, decidedAt: i.decided_at, version: i.version })),
  };
}

async function openReview(tx: Queryable, actor: Actor, id: number) {
  const where = reviewScope(actor).add('v.id = $?', id);
  const { rows: [v] } = await tx.query(`SELECT v.* FROM policy_review v ${where} FOR UPDATE`, where.params);
  if (!v) throw errors.notFound();
  if (actor.role !== 'admin' && actor.role !== 'staff') throw errors.forbidden();
  if (v.status !== 'open') throw new AppError(409, 'REVIEW_CLOSED');
  return v;
}

export async function decide(db: Database, actor: Actor, audit: AuditActor, reviewId: number, policyId: number,
  d: { decision: ReviewDecision; reason: string; replacementId?: number | null; version: number }) {
  if (d.decision !== 'keep' && !d.reason) throw fieldError('reason', 'field.reason');
  if (d.replacementId && d.decision === 'keep') throw fieldError('replacementId', 'field.invalid');
  if (d.replacementId === policyId) throw fieldError('replacementId', 'field.invalid');
  if (d.replacementId) {
    const seen = visibleTo(actor, new Where()).add('p.id = $?', d.replacementId);
    if (!(await db.query(`SELECT 1 FROM policy p ${seen}`, seen.params)).rowCount) throw fieldError('replacementId', 'field.policy.unknown');
  }
  await db.transaction(async (tx) => {
    await openReview(tx, actor, reviewId);
    const { rows: [item] } = await tx.query('SELECT * FROM policy_review_item WHERE review_id = $1 AND policy_id = $2 FOR UPDATE', [reviewId, policyId]);
    if (!item) throw errors.notFound();
    if (item.version !== d.version) throw errors.staleVersion();
    await tx.query(`UPDATE policy_review_item SET decision = $3, reason = $4, replacement_id = $5, decided_by = $6, decided_at = now(), version = version + 1
                     WHERE review_id = $1 AND policy_id = $2`, [reviewId, policyId, d.decision, d.reason, d.replacementId ?? null, actor.id]);
    await recordAudit(tx, audit, { action: 'policy.review.decide', targetType: 'policy_review', targetId: reviewId,
      changes: diff({ policyId, decision: item.decision, reason: item.reason, replacementId: item.replacement_id },
        { policyId, decision: d.decision, reason: d.reason, replacementId: d.replacementId ?? null }) });
  });
}

/** Closes the round once every policy has a decision, and applies them: status and version links. */
export async function closeReview(db: Database, actor: Actor, audit: AuditActor, reviewId: number, version: number) {
  await db.transaction(async (tx) => {
    const v = await openReview(tx, actor, reviewId);
    if (v.version !== version) throw errors.staleVersion();
    const { rows: items } = await tx.query('SELECT * FROM policy_review_item WHERE review_id = $1', [reviewId]);
    if (items.some((i) => !i.decision)) throw new AppError(409, 'REVIEW_UNDECIDED', { count: items.filter((i) => !i.decision).length });
    for (const i of items) {
      if (i.decision === 'keep') continue;
      const status = i.decision === 'repeal' ? 'repealed' : 'amended';
      const { rows: [before] } = await tx.query('UPDATE policy SET status = $2, updated_at = now(), version = version + 1 WHERE id = $1 RETURNING id', [i.policy_id, status]);
      if (i.replacement_id) {
        await tx.query('INSERT INTO policy_relation (policy_id, kind, target_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
          [i.replacement_id, i.decision === 'repeal' ? 'repeals' : 'amends', i.policy_id]);
      }
      await recordAudit(tx, audit, { action: 'policy.review.apply', targetType: 'policy', targetId: before.id,
        changes: { status: { before: 'in_force', after: status }, ...(i.replacement_id ? { replacedBy: { before: null, after: i.replacement_id } } : {}) } });
    }
    await tx.query(`UPDATE policy_review SET status = 'closed', closed_at = now(), version = version + 1 WHERE id = $1 AND status = 'open'`, [reviewId]);
    await recordAudit(tx, audit, { action: 'policy.review.close', targetType: 'policy_review', targetId: reviewId, changes: { status: { before: 'open', after: 'closed' } } });
    // whoever opened the round learns that it was closed by someone else, and what it decided
    if (v.created_by != null && Number(v.created_by) !== actor.id) {
      const n = (d: string) => items.filter((i) => i.decision === d).length;
      await notify(tx, { userIds: [Number(v.created_by)], kind: 'policyReview.closed', link: `/policies/reviews?review=${reviewId}`,
        title: [`政策审查已完成：${v.title}`, `Policy review closed: ${v.title}`],
        body: [`${actor.displayName} 关闭了审查，决定已生效：保留 ${n('keep')} 件，修改 ${n('amend')} 件，废止 ${n('repeal')} 件。`,
          `${actor.displayName} closed the review and its decisions took effect: ${n('keep')} kept, ${n('amend')} amended, ${n('repeal')} repealed.`] });
    }
  });
}

export async function reviewReport(db: Queryable, actor: Actor, id: number): Promise<{ fileName: string; data: Buffer }> {
  const v = await getReview(db, actor, id);
  const data = await reviewReportDocx({ title: v.title, regionName: v.regionName, note: v.note, date: todayInChina(),
    rows: v.items.map((i) => ({ title: i.title, docNumber: i.docNumber, issuer: i.issuer, decision: i.decision, reason: i.reason,
      replacement: i.replacementTitle ? `${i.replacementTitle}${i.replacementDocNumber ? `（${i.replacementDocNumber}）` : ''}` : null })) });
  return { fileName: `${v.title}审查结果报告.docx`, data };
}
