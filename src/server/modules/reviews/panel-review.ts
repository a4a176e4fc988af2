/**
 * The expert's side of any panel review (DESIGN.md "Shared engines"): project review, achievement
 * evaluation, platform certification and the platform's yearly evaluation are each one use of it,
 * configured with their assignment table. It reads only the expert's own row (x.user_id in the
 * use's SQL) under a row lock for every write; a declaration of no conflict (with the integrity
 * pledge) opens the item, a declared conflict declines the assignment (the use's afterDecline
 * asks staff to replace the expert); draft scores stay within the criteria's maxima; one
 * submission with the weighted total — a second answers 409 REVIEW_SUBMITTED and changes nothing.
 * Each use keeps its own view of the item and its hooks; the audit actions are `<prefix>.declare`,
 * `.decline`, `.save`, `.submit` on the assignment table.
 */
import { scoreProblems, weightedTotal, type Criterion } from '../../../domain/review/ranking';
import type { Database, Queryable } from '../../db/database';
import type { Actor, AuditActor } from '../../http/actor';
import { AppError, errors, type FieldProblem } from '../../http/errors';
import { recordAudit } from '../audit/record';

/** One assignment row as the use's SQL loads it (its own columns and the item's). */
export type PanelRow = Record<string, any>;

export interface PanelReviewConfig {
  /** The assignment table (also the audit target type). */
  table: string;
  /** Its alias in `load`, for the row lock. */
  alias: string;
  /** SELECT … WHERE <alias>.id = $1 AND x.user_id = $2 AND <alias>.status <> 'declined' … (no lock clause). */
  load: string;
  /** The criteria on the loaded row. */
  criteria: (row: PanelRow) => Criterion[];
  /** Audit actions are `${auditPrefix}.declare` and so on. */
  auditPrefix: string;
  /** Whether scoring waits for a declaration of no conflict (status assigned → declared). */
  declaration: boolean;
  /** Throws when the item no longer accepts scores (decided, concluded, rated). */
  assertItemOpen?: (row: PanelRow) => void;
  /** A pledge kept outside the assignment (the project's, once per call); without it the pledge is part of the declaration. */
  pledge?: (tx: Queryable, row: PanelRow, audit: AuditActor, given: boolean | undefined) => Promise<void>;
  /** After a declared conflict (the assignment is declined): ask staff to replace the expert. */
  afterDecline?: (tx: Queryable, row: PanelRow, reason: string, actor: Actor) => Promise<void>;
  /** After the one submission: move the item on when the panel is complete. */
  afterSubmit?: (tx: Queryable, row: PanelRow, actor: Actor) => Promise<void>;
}

/** Scores outside a criterion's range (or missing, when complete) answer 400 with a field per criterion. */
export function assertScores(criteria: Criterion[], scores: Record<string, number>, complete: boolean) {
  const problems = scoreProblems(criteria, scores, complete);
  if (!problems.length) return;
  const fields: Record<string, FieldProblem> = {};
  for (const p of problems) {
    const c = criteria.find((x) => x.code === p.code);
    fields[`scores.${p.code}`] = p.problem === 'range' ? { key: 'field.score.range', params: { max: c?.max } } : { key: p.problem === 'missing' ? 'field.required' : 'field.invalid_option' };
  }
  throw new AppError(400, 'VALIDATION_FAILED', {}, fields);
}

export function panelReview(cfg: PanelReviewConfig) {
  const { table, auditPrefix: prefix } = cfg;
  const scoreFrom = cfg.declaration ? 'declared' : 'assigned';

  /** The expert's own row (404 for anyone else's or a declined one). */
  async function load(db: Queryable, actor: Actor, id: number, lock = false): Promise<PanelRow> {
    if (actor.role !== 'expert') throw errors.forbidden();
    const { rows: [r] } = await db.query(`${cfg.load} ${lock ? `FOR UPDATE OF ${cfg.alias}` : ''}`, [id, actor.id]);
    if (!r) throw errors.notFound();
    return r;
  }

  function assertScoring(r: PanelRow) {
    if (cfg.declaration && r.status === 'assigned') throw new AppError(409, 'DECLARATION_REQUIRED');
    if (r.status === 'submitted') throw new AppError(409, 'REVIEW_SUBMITTED');
    cfg.assertItemOpen?.(r);
  }

  async function decline(tx: Queryable, actor: Actor, audit: AuditActor, r: PanelRow, id: number, given: string | undefined) {
    const reason = given?.trim();
    if (!reason) throw new AppError(400, 'VALIDATION_FAILED', {}, { reason: { key: 'field.reason' } });
    await tx.query(`UPDATE ${table} SET status = 'declined', conflict_reason = $2, version = version + 1 WHERE id = $1`, [id, reason]);
    await cfg.afterDecline?.(tx, r, reason, actor);
    await recordAudit(tx, audit, { action: `${prefix}.decline`, targetType: table, targetId: id, changes: { conflict: { before: null, after: reason } } });
    return { status: 'declined' as const };
  }

  return {
    load,

    /** No conflict (with the pledge) opens the item; a conflict with its reason declines the assignment. */
    async declare(db: Database, actor: Actor, audit: AuditActor, id: number, b: { conflict: boolean; pledge?: boolean; reason?: string }) {
      return db.transaction(async (tx) => {
        const r = await load(tx, actor, id, true);
        if (r.status === 'submitted') throw new AppError(409, 'REVIEW_SUBMITTED');
        if (b.conflict) return decline(tx, actor, audit, r, id, b.reason);
        if (cfg.pledge) await cfg.pledge(tx, r, audit, b.pledge);
        if (r.status !== 'assigned') return { status: 'declared' as const };
        if (!cfg.pledge && b.pledge !== true) throw new AppError(409, 'PLEDGE_REQUIRED');
        await tx.query(`UPDATE ${table} SET status = 'declared', declared_at = now(), version = version + 1 WHERE id = $1`, [id]);
        const status = { before: 'assigned', after: 'declared' };
        await recordAudit(tx, audit, { action: `${prefix}.declare`, targetType: table, targetId: id,
          changes: cfg.pledge ? { status } : { status, pledge: { before: null, after: true } } });
        return { status: 'declared' as const };
      });
    },

    /** A declared conflict alone (for a use without a declaration step). */
    async decline(db: Database, actor: Actor, audit: AuditActor, id: number, reason: string) {
      return db.transaction(async (tx) => {
        const r = await load(tx, actor, id, true);
        if (r.status === 'submitted') throw new AppError(409, 'REVIEW_SUBMITTED');
        return decline(tx, actor, audit, r, id, reason);
      });
    },

    /** A draft: scores within their maxima (not all needed yet) and the comment. */
    async saveScores(db: Database, actor: Actor, audit: AuditActor, id: number, b: { scores: Record<string, number>; comment?: string }) {
      await db.transaction(async (tx) => {
        const r = await load(tx, actor, id, true);
        assertScoring(r);
        assertScores(cfg.criteria(r), b.scores, false);
        await tx.query(`UPDATE ${table} SET scores = $2, comment = $3, version = version + 1 WHERE id = $1`, [id, JSON.stringify(b.scores), b.comment ?? r.comment]);
        await recordAudit(tx, audit, { action: `${prefix}.save`, targetType: table, targetId: id, changes: { scores: { before: r.scores, after: b.scores } } });
      });
    },

    /** Submits once: the row lock and the conditional update let exactly one of many simultaneous submissions through. */
    async submitOnce(db: Database, actor: Actor, audit: AuditActor, id: number, b: { scores?: Record<string, number>; comment?: string } = {}) {
      return db.transaction(async (tx) => {
        const r = await load(tx, actor, id, true);
        assertScoring(r);
        const criteria = cfg.criteria(r);
        const scores = b.scores ?? r.scores;
        assertScores(criteria, scores, true);
        const comment = (b.comment ?? r.comment ?? '').trim();
        if (!comment) throw new AppError(400, 'VALIDATION_FAILED', {}, { comment: { key: 'field.review.comment' } });
        const total = weightedTotal(criteria, scores);
        const { rowCount } = await tx.query(
          `UPDATE ${table} SET status = 'submitted', scores = $2, comment = $3, total = $4, submitted_at = now(), version = version + 1
            WHERE id = $1 AND status = '${scoreFrom}'`, [id, JSON.stringify(scores), comment, total]);
        if (!rowCount) throw new AppError(409, 'REVIEW_SUBMITTED');
        await cfg.afterSubmit?.(tx, r, actor);
        await recordAudit(tx, audit, { action: `${prefix}.submit`, targetType: table, targetId: id, changes: { total: { before: null, after: total } } });
        return { id, status: 'submitted' as const, total };
      });
    },
  };
}
