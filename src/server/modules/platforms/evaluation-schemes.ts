/**
 * A platform type's evaluation scheme: the year's metrics a report gives (the type's yearly key
 * figures of the registry, platform_type_metric), the rubric experts or staff score on (the review
 * engine's Criterion), the score each rating starts at and how the type names its ratings
 * (platform_evaluation_scheme, data; the 'default' row serves the types without their own).
 */
import type { Criterion } from '../../../domain/review/ranking';
import type { Database, Queryable } from '../../db/database';
import type { Actor, AuditActor } from '../../http/actor';
import { errors, fieldError } from '../../http/errors';
import { diff, recordAudit } from '../audit/record';
import type { Rating, Threshold } from './evaluation-rules';

export interface Metric { code: string; nameZh: string; nameEn: string; unitZh: string; unitEn: string; kind: 'count' | 'money' | 'hours' }
export interface Scheme { type: string; metrics: Metric[]; criteria: Criterion[]; thresholds: Threshold[]; grades: Partial<Record<Rating, string>> | null }

/** Every type's scheme (one query each for the rubrics and the metrics). */
export async function listSchemes(db: Queryable): Promise<Scheme[]> {
  const { rows: types } = await db.query('SELECT code FROM platform_type WHERE active ORDER BY sort, code');
  return [...(await schemesFor(db, types.map((t) => t.code as string))).values()];
}

/** The schemes of `types` (each falling back to the default rubric). */
export async function schemesFor(db: Queryable, types: string[]): Promise<Map<string, Scheme>> {
  const { rows: rubrics } = await db.query(`SELECT type, criteria, thresholds, grades FROM platform_evaluation_scheme WHERE type = ANY($1::text[]) OR type = 'default'`, [types]);
  const { rows: metrics } = await db.query(
    `SELECT tm.type_code, m.code, m.name_zh, m.name_en, m.unit_zh, m.unit_en, m.kind FROM platform_type_metric tm JOIN platform_metric m ON m.code = tm.metric_code
      WHERE tm.type_code = ANY($1::text[]) ORDER BY tm.type_code, tm.sort, m.code`, [types]);
  const byType = new Map(rubrics.map((r) => [r.type as string, r]));
  const fallback = byType.get('default')!;
  return new Map(types.map((t) => {
    const r = byType.get(t) ?? fallback;
    return [t, { type: t, criteria: r.criteria, thresholds: r.thresholds, grades: r.grades,
      metrics: metrics.filter((m) => m.type_code === t).map((m) => ({ code: m.code, nameZh: m.name_zh, nameEn: m.name_en, unitZh: m.unit_zh, unitEn: m.unit_en, kind: m.kind })) }];
  }));
}

export async function schemeFor(db: Queryable, type: string): Promise<Scheme> {
  return (await schemesFor(db, [type])).get(type)!;
}

/**
 * Changes a type's rubric and thresholds (a row of its own is made for a type on the default).
 * Province-wide data: admins and the province's staff only. Weights sum to 1; a higher rating
 * needs a higher score. Reports already submitted keep the rubric they were given.
 */
export async function updateScheme(db: Database, actor: Actor, audit: AuditActor, type: string,
  b: { criteria: Criterion[]; thresholds: Threshold[]; grades?: Partial<Record<Rating, string>> | null; version?: number }) {
  if (!(actor.role === 'admin' || (actor.role === 'staff' && actor.regionCode?.endsWith('0000')))) throw errors.forbidden();
  const sum = b.criteria.reduce((s, c) => s + c.weight, 0);
  if (Math.abs(sum - 1) > 1e-6) throw fieldError('criteria', 'field.criteria.weights', { sum: Math.round(sum * 1000) / 1000 });
  if (new Set(b.criteria.map((c) => c.code)).size !== b.criteria.length) throw fieldError('criteria', 'field.invalid');
  const min = (r: Rating) => b.thresholds.find((t) => t.rating === r)?.min;
  const [ex, good, pass] = [min('excellent'), min('good'), min('pass')];
  if (ex == null || good == null || pass == null || !(ex > good && good > pass) || b.thresholds.length !== 3) throw fieldError('thresholds', 'field.invalid');
  return db.transaction(async (tx) => {
    if (!(await tx.query('SELECT 1 FROM platform_type WHERE code = $1', [type])).rowCount && type !== 'default') throw errors.notFound();
    const { rows: [old] } = await tx.query('SELECT criteria, thresholds, grades, version FROM platform_evaluation_scheme WHERE type = $1 FOR UPDATE', [type]);
    if (old && b.version != null && b.version !== old.version) throw errors.staleVersion();
    const grades = b.grades === undefined ? old?.grades ?? null : b.grades;
    await tx.query(
      `INSERT INTO platform_evaluation_scheme (type, criteria, thresholds, grades, updated_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (type) DO UPDATE SET criteria = excluded.criteria, thresholds = excluded.thresholds, grades = excluded.grades,
         updated_by = excluded.updated_by, updated_at = now(), version = platform_evaluation_scheme.version + 1`,
      [type, JSON.stringify(b.criteria), JSON.stringify(b.thresholds), grades ? JSON.stringify(grades) : null, actor.id]);
    await recordAudit(tx, audit, { action: 'platform.evaluation.scheme', targetType: 'platform_evaluation_scheme', targetId: type,
      changes: diff({ criteria: old?.criteria ?? null, thresholds: old?.thresholds ?? null, grades: old?.grades ?? null }, { criteria: b.criteria, thresholds: b.thresholds, grades }) });
    return schemeFor(tx, type);
  });
}
