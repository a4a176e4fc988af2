/**
 * The platform catalogue as data: the types (with their term, rubric and panel size), each type's
 * certification checklist (platform_condition) and yearly figures (platform_type_metric). Everyone
 * signed in reads it (hosts fill the checklist); admins and the province's staff edit conditions.
 */
import type { Database, Queryable } from '../../db/database';
import type { Actor, AuditActor } from '../../http/actor';
import { AppError, errors, fieldError } from '../../http/errors';
import { diff, recordAudit } from '../audit/record';
import { staffLevel } from './platforms';

const num = (x: unknown) => (x == null ? null : Number(x));

export const conditionView = (c: Record<string, any>) => ({
  id: Number(c.id), type: c.type_code as string, level: c.level as string | null, code: c.code as string, seq: c.seq as number, textZh: c.text_zh as string,
  textEn: c.text_en as string, answer: c.answer as 'yes_no' | 'number', min: num(c.min_value), unitZh: c.unit_zh as string, unitEn: c.unit_en as string,
  required: c.required as boolean, active: c.active as boolean, version: c.version as number,
});

export async function platformCatalogue(db: Queryable) {
  const [types, conditions, metrics, typeMetrics] = await Promise.all([
    db.query('SELECT * FROM platform_type WHERE active ORDER BY sort, code'),
    db.query('SELECT * FROM platform_condition ORDER BY type_code, seq, (level IS NOT NULL), level, code'),
    db.query('SELECT * FROM platform_metric ORDER BY sort'),
    db.query('SELECT type_code, metric_code FROM platform_type_metric ORDER BY type_code, sort'),
  ]);
  return {
    types: types.rows.map((t) => ({
      code: t.code as string, nameZh: t.name_zh as string, nameEn: t.name_en as string, incubation: t.incubation as boolean, validityYears: t.validity_years as number | null,
      expertsPerReview: t.experts_per_review as number, reviewCriteria: t.review_criteria,
      conditions: conditions.rows.filter((c) => c.type_code === t.code).map(conditionView),
      metrics: typeMetrics.rows.filter((m) => m.type_code === t.code).map((m) => m.metric_code as string),
    })),
    metrics: metrics.rows.map((m) => ({ code: m.code as string, nameZh: m.name_zh, nameEn: m.name_en, unitZh: m.unit_zh, unitEn: m.unit_en, kind: m.kind })),
  };
}

async function assertEditor(db: Queryable, actor: Actor) {
  if (actor.role === 'admin') return;
  if (actor.role !== 'staff' || (await staffLevel(db, actor)) !== 1) throw errors.forbidden();
}

export interface ConditionInput {
  level?: 'national' | 'provincial' | 'city' | null; code: string; seq: number; textZh: string; textEn: string; answer: 'yes_no' | 'number';
  min?: number | null; unitZh?: string; unitEn?: string; required?: boolean; active?: boolean;
}

function checkCondition(b: ConditionInput) {
  if (b.answer === 'yes_no' && b.min != null) throw fieldError('min', 'field.invalid');
}

export async function addCondition(db: Database, actor: Actor, audit: AuditActor, type: string, b: ConditionInput) {
  await assertEditor(db, actor);
  checkCondition(b);
  return db.transaction(async (tx) => {
    const { rows: [t] } = await tx.query('SELECT code FROM platform_type WHERE code = $1', [type]);
    if (!t) throw errors.notFound();
    const { rows: [c] } = await tx.query(
      `INSERT INTO platform_condition (type_code, level, code, seq, text_zh, text_en, answer, min_value, unit_zh, unit_en, required, active, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING *`,
      [type, b.level ?? null, b.code, b.seq, b.textZh.trim(), b.textEn.trim(), b.answer, b.min ?? null, b.unitZh ?? '', b.unitEn ?? '', b.required ?? true, b.active ?? true, actor.id])
      .catch((e) => { if (e.code === '23505') throw fieldError('code', 'field.platform.condition_exists'); throw e; });
    await recordAudit(tx, audit, { action: 'platform.condition.create', targetType: 'platform_condition', targetId: c.id, changes: diff(null, { type, ...b }) });
    return conditionView(c);
  });
}

export async function updateCondition(db: Database, actor: Actor, audit: AuditActor, id: number, b: ConditionInput & { version: number }) {
  await assertEditor(db, actor);
  checkCondition(b);
  return db.transaction(async (tx) => {
    const { rows: [old] } = await tx.query('SELECT * FROM platform_condition WHERE id = $1 FOR UPDATE', [id]);
    if (!old) throw errors.notFound();
    if (old.version !== b.version) throw errors.staleVersion();
    const { rows: [c] } = await tx.query(
      `UPDATE platform_condition SET level = $2, code = $3, seq = $4, text_zh = $5, text_en = $6, answer = $7, min_value = $8, unit_zh = $9, unit_en = $10,
              required = $11, active = $12, updated_by = $13, updated_at = now(), version = version + 1 WHERE id = $1 RETURNING *`,
      [id, b.level ?? null, b.code, b.seq, b.textZh.trim(), b.textEn.trim(), b.answer, b.min ?? null, b.unitZh ?? '', b.unitEn ?? '', b.required ?? true, b.active ?? true, actor.id])
      .catch((e) => { if (e.code === '23505') throw fieldError('code', 'field.platform.condition_exists'); throw e; });
    const before = conditionView(old);
    const after = conditionView(c);
    await recordAudit(tx, audit, { action: 'platform.condition.update', targetType: 'platform_condition', targetId: id,
      changes: diff({ ...before, version: null }, { ...after, version: null }) });
    if (!c) throw new AppError(409, 'STALE_VERSION');
    return after;
  });
}
