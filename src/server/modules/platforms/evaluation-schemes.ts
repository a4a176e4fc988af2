/**
 * A platform type's evaluation scheme: the year's metrics a report gives (the type's yearly key
 * figures of the registry, platform_type_metric), the rubric experts or staff score on (the review
 * engine's Criterion), the score each rating starts at and how the type names its ratings
 * (platform_evaluation_scheme, data; the 'default' row serves the types without their own).
 */
import type { Criterion } from '../../../domain/review/ranking';
import type { Queryable } from '../../db/database';
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
