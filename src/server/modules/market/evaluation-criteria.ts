/**
 * 分类评价: the three classes of achievement, each with its criteria set (weights summing to 1,
 * a maximum per criterion), its evaluator type and how many experts score it; and the configured
 * conclusion levels (国际领先 … 其他). Both are data in the database; admins and staff edit the
 * sets (audited); an evaluation copies its class's set when it is requested.
 */
import type { Criterion } from '../../../domain/review/ranking';
import type { Database, Queryable } from '../../db/database';
import type { Actor, AuditActor } from '../../http/actor';
import { AppError, errors, fieldError } from '../../http/errors';
import { diff, recordAudit } from '../audit/record';

export const EVALUATION_CLASSES = ['basic_research', 'applied_research', 'technology_development'] as const;
export type EvaluationClass = (typeof EVALUATION_CLASSES)[number];
export const EVALUATOR_TYPES = ['peer_experts', 'market_user', 'third_party'] as const;

export const EVALUATION_CLASS_NAMES: Record<EvaluationClass, readonly [string, string]> = {
  basic_research: ['基础研究类成果', 'Basic research'],
  applied_research: ['应用研究类成果', 'Applied research'],
  technology_development: ['技术开发和产业化类成果', 'Technology development and industrialisation'],
};
export const EVALUATOR_TYPE_NAMES: Record<(typeof EVALUATOR_TYPES)[number], readonly [string, string]> = {
  peer_experts: ['同行专家评议', 'Peer experts'],
  market_user: ['市场和用户评价', 'Market and users'],
  third_party: ['第三方机构评价', 'Third-party agency'],
};

export interface CriteriaSet { class: EvaluationClass; evaluatorType: string; criteria: Criterion[]; expertsPerEvaluation: number; updatedAt: string; version: number }
export interface Level { code: string; nameZh: string; nameEn: string; sort: number }

const setView = (r: Record<string, any>): CriteriaSet => ({
  class: r.class, evaluatorType: r.evaluator_type, criteria: r.criteria, expertsPerEvaluation: r.experts_per_evaluation, updatedAt: r.updated_at, version: r.version,
});

export async function criteriaSets(db: Queryable): Promise<CriteriaSet[]> {
  const { rows } = await db.query(`SELECT * FROM evaluation_criteria_set ORDER BY array_position($1::text[], class)`, [[...EVALUATION_CLASSES]]);
  return rows.map(setView);
}

export async function criteriaSet(db: Queryable, cls: string): Promise<CriteriaSet> {
  const { rows: [r] } = await db.query('SELECT * FROM evaluation_criteria_set WHERE class = $1', [cls]);
  if (!r) throw errors.notFound();
  return setView(r);
}

export async function activeLevels(db: Queryable): Promise<Level[]> {
  const { rows } = await db.query('SELECT code, name_zh, name_en, sort FROM evaluation_level WHERE active ORDER BY sort, code');
  return rows.map((r) => ({ code: r.code, nameZh: r.name_zh, nameEn: r.name_en, sort: r.sort }));
}

/** Codes unique, weights positive and summing to 1 (to the thousandth), maxima positive. */
function checkCriteria(criteria: Criterion[]) {
  const codes = new Set(criteria.map((c) => c.code));
  if (codes.size !== criteria.length) throw fieldError('criteria', 'field.rubric.duplicate_code');
  const sum = criteria.reduce((s, c) => s + c.weight, 0);
  if (Math.abs(sum - 1) > 0.001) throw fieldError('criteria', 'field.criteria.weights', { sum: Math.round(sum * 1000) / 1000 });
}

export async function updateCriteriaSet(db: Database, actor: Actor, audit: AuditActor, cls: EvaluationClass,
  b: { evaluatorType: string; criteria: Criterion[]; expertsPerEvaluation: number; version: number }): Promise<CriteriaSet> {
  if (actor.role !== 'admin' && actor.role !== 'staff') throw errors.forbidden();
  checkCriteria(b.criteria);
  return db.transaction(async (tx) => {
    const { rows: [old] } = await tx.query('SELECT * FROM evaluation_criteria_set WHERE class = $1 FOR UPDATE', [cls]);
    if (!old) throw errors.notFound();
    if (old.version !== b.version) throw new AppError(409, 'STALE_VERSION');
    const { rows: [r] } = await tx.query(
      `UPDATE evaluation_criteria_set SET evaluator_type = $2, criteria = $3, experts_per_evaluation = $4, updated_by = $5, updated_at = now(), version = version + 1
        WHERE class = $1 RETURNING *`, [cls, b.evaluatorType, JSON.stringify(b.criteria), b.expertsPerEvaluation, actor.id]);
    await recordAudit(tx, audit, { action: 'achievement.criteria.update', targetType: 'evaluation_criteria_set', targetId: cls,
      changes: diff({ evaluatorType: old.evaluator_type, criteria: old.criteria, expertsPerEvaluation: old.experts_per_evaluation },
        { evaluatorType: b.evaluatorType, criteria: b.criteria, expertsPerEvaluation: b.expertsPerEvaluation }) });
    return setView(r);
  });
}

/**
 * Sets the conclusion levels: the list given, in its order, is the active list; a level left out
 * is deactivated (never deleted: concluded evaluations keep naming it).
 */
export async function updateLevels(db: Database, actor: Actor, audit: AuditActor, levels: { code: string; nameZh: string; nameEn: string }[]): Promise<Level[]> {
  if (actor.role !== 'admin' && actor.role !== 'staff') throw errors.forbidden();
  if (new Set(levels.map((l) => l.code)).size !== levels.length) throw fieldError('levels', 'field.rubric.duplicate_code');
  return db.transaction(async (tx) => {
    const before = await activeLevels(tx);
    await tx.query('UPDATE evaluation_level SET active = false');
    await tx.query(
      `INSERT INTO evaluation_level (code, name_zh, name_en, sort, active)
       SELECT t.code, t.zh, t.en, t.n, true FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS t(code, zh, en, n)
       ON CONFLICT (code) DO UPDATE SET name_zh = excluded.name_zh, name_en = excluded.name_en, sort = excluded.sort, active = true`,
      [levels.map((l) => l.code), levels.map((l) => l.nameZh), levels.map((l) => l.nameEn)]);
    await recordAudit(tx, audit, { action: 'achievement.criteria.levels', targetType: 'evaluation_criteria_set', targetId: 'levels',
      changes: diff({ levels: before.map((l) => l.nameZh) }, { levels: levels.map((l) => l.nameZh) }) });
    return activeLevels(tx);
  });
}
