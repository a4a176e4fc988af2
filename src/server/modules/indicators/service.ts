/**
 * Indicators of a region: values against targets (with the sub-regions' comparison), targets,
 * entered / imported figures, 对标对表 ranking and trends. Staff read and write their own region
 * and its sub-regions; the region above sees the comparison of its children.
 */
import type { Database, Queryable } from '../../db/database';
import { roundFor } from '../../../domain/indicators/catalogue';
import {
  doubleHalf, fullYearRed, overallCompletion, overallState, periodEndDate, rankBy, STATE_RULE, type Period,
} from '../../../domain/indicators/rules';
import type { Actor, AuditActor } from '../../http/actor';
import { AppError, errors, fieldError } from '../../http/errors';
import { Where } from '../../http/list-query';
import type { Lang } from '../../http/messages';
import { limitToRegionScope } from '../../http/scope';
import { diff, recordAudit } from '../audit/record';
import { STAT_BASIS_TEXT } from '../enterprises/figures';
import { asOfFor, evaluateRegions, evaluateRegionsAt, loadCatalogue, previousPeriod, type AsOf, type Evaluated, type IndicatorRow } from './compute';

export interface RegionRef { code: string; name: string; level: number; parentCode: string | null }

/** The region if the actor may see it (own region or below; admins all), else 404. */
export async function visibleRegion(db: Queryable, actor: Actor, code: string): Promise<RegionRef> {
  const where = new Where();
  where.add('r.code = $?', code);
  limitToRegionScope(actor, where, 'r.code');
  const { rows: [r] } = await db.query(`SELECT code, name, level, parent_code FROM region r ${where}`, where.params);
  if (!r) throw errors.notFound();
  return { code: r.code, name: r.name, level: r.level, parentCode: r.parent_code };
}

/** The region an actor looks at by default: their own, or the top of the tree for admins. */
export async function defaultRegion(db: Queryable, actor: Actor): Promise<string> {
  if (actor.regionCode) return actor.regionCode;
  const { rows: [r] } = await db.query('SELECT code FROM region WHERE parent_code IS NULL ORDER BY code LIMIT 1');
  if (!r) throw errors.notFound();
  return r.code;
}

export async function childRegions(db: Queryable, code: string): Promise<{ code: string; name: string }[]> {
  const { rows } = await db.query('SELECT code, name FROM region WHERE parent_code = $1 ORDER BY code', [code]);
  return rows;
}

export function localizeItem(def: IndicatorRow, e: Evaluated, lang: Lang) {
  return {
    code: e.code, value: e.value, unit: lang === 'en' ? def.unitEn : def.unitZh, target: e.target, progress: e.progress, state: e.state,
    name: lang === 'en' ? def.nameEn : def.nameZh, source: e.valueSource ?? def.source, direction: def.direction, cumulative: def.cumulative, decimals: def.decimals,
    headline: def.headline, expected: e.expected, elapsed: e.elapsed, period: e.period, previous: e.previous, yoy: e.yoy,
  };
}
export type LocalizedItem = ReturnType<typeof localizeItem>;

export function summaryOf(items: Evaluated[], asOf: AsOf) {
  const judged = items.map((i) => ({ code: i.code, target: i.target, progress: i.progress }));
  const count = (s: string) => items.filter((i) => i.target !== null && i.state === s).length;
  return {
    elapsed: asOf.elapsed,
    doubleHalf: doubleHalf(judged, asOf.elapsed),
    fullYearRed: fullYearRed(judged, asOf.elapsed),
    completion: overallCompletion(judged),
    // the state the ranking colours this region with: one rule (rules.ts overallState)
    overall: overallState(items),
    states: { green: count('green'), amber: count('amber'), red: count('red'), pending: count('none') },
  };
}
export type Summary = ReturnType<typeof summaryOf>;

export interface ValuesQuery { region?: string; year: number; period?: Period; breakdown?: 'children'; today: string }

/** GET /values: `{ items, children? }` plus the region, as-of, summary (双过半 / 全年红) and the rule. */
export async function regionValues(db: Queryable, actor: Actor, q: ValuesQuery, lang: Lang) {
  const region = await visibleRegion(db, actor, q.region ?? await defaultRegion(db, actor));
  const asOf = asOfFor(q.year, q.period ?? null, q.today);
  const catalogue = await loadCatalogue(db);
  const kids = q.breakdown === 'children' ? await childRegions(db, region.code) : [];
  const evaluated = await evaluateRegions(db, [region.code, ...kids.map((k) => k.code)], asOf, catalogue);
  const defs = new Map(catalogue.map((d) => [d.code, d]));
  const view = (code: string) => evaluated.get(code)!.map((e) => localizeItem(defs.get(e.code)!, e, lang));
  return {
    region: { code: region.code, name: region.name },
    year: q.year, period: q.period ?? null, asOf: asOf.date,
    items: view(region.code),
    summary: summaryOf(evaluated.get(region.code)!, asOf),
    rule: STATE_RULE[lang],
    basis: STAT_BASIS_TEXT[lang],
    ...(q.breakdown === 'children' ? {
      children: kids.map((k) => ({ regionCode: k.code, regionName: k.name, items: view(k.code), summary: summaryOf(evaluated.get(k.code)!, asOf) })),
    } : {}),
  };
}

/** 对标对表: the sub-regions of a region ranked on one indicator (or on overall completion), now and one period before. */
export async function ranking(db: Queryable, actor: Actor, q: { region?: string; year: number; period?: Period; indicator: string; by: 'value' | 'progress'; today: string }, lang: Lang) {
  const region = await visibleRegion(db, actor, q.region ?? await defaultRegion(db, actor));
  const catalogue = await loadCatalogue(db);
  const def = catalogue.find((d) => d.code === q.indicator);
  if (q.indicator !== 'overall' && !def) throw fieldError('indicator', 'field.invalid_option');
  const kids = await childRegions(db, region.code);
  const codes = kids.map((k) => k.code);
  const asOf = asOfFor(q.year, q.period ?? null, q.today);
  const prevRef = previousPeriod(asOf);
  const prevAsOf = asOfFor(prevRef.year, prevRef.period, q.today);
  const [now, before] = await evaluateRegionsAt(db, codes, [asOf, prevAsOf], catalogue, { previousYear: false });
  const score = (items: Evaluated[]) => {
    if (q.indicator === 'overall') {
      const o = overallState(items);
      return { value: o.completion, target: null, progress: o.completion, state: o.state as string | null };
    }
    const e = items.find((i) => i.code === q.indicator)!;
    return { value: e.value, target: e.target, progress: e.progress, state: e.state as string | null };
  };
  const rows = kids.map((k) => ({ regionCode: k.code, regionName: k.name, ...score(now.get(k.code)!), before: score(before.get(k.code)!) }));
  const direction = def && q.by === 'value' ? def.direction : 'higher';
  const pick = (s: { value: number | null; progress: number | null }) => (q.by === 'progress' || q.indicator === 'overall' ? s.progress : s.value);
  const previousRanks = new Map(rankBy(rows, (r) => pick(r.before), direction).map((r) => [r.regionCode, r.rank]));
  const ranked = rankBy(rows, (r) => pick(r), direction);
  return {
    region: { code: region.code, name: region.name }, year: q.year, asOf: asOf.date, previousAsOf: prevAsOf.date,
    indicator: q.indicator, by: q.indicator === 'overall' ? 'progress' : q.by,
    name: q.indicator === 'overall' ? (lang === 'en' ? 'Overall completion' : '综合完成度') : lang === 'en' ? def!.nameEn : def!.nameZh,
    unit: def ? (lang === 'en' ? def.unitEn : def.unitZh) : '%',
    items: ranked.map(({ before: b, ...r }) => ({
      ...r, previousValue: b.value, previousProgress: b.progress, previousRank: previousRanks.get(r.regionCode) ?? null,
      rankChange: r.rank !== null && previousRanks.get(r.regionCode) != null ? previousRanks.get(r.regionCode)! - r.rank : null,
      change: r.value !== null && b.value !== null ? Math.round((r.value - b.value) * 1e6) / 1e6 : null,
      progressChange: r.progress !== null && b.progress !== null ? Math.round((r.progress - b.progress) * 1e6) / 1e6 : null,
    })),
  };
}

/** Year-end values of the years up to `year` (the current year as of today), with targets: the trend lines. */
export async function trend(db: Queryable, actor: Actor, q: { region?: string; year: number; years: number; today: string }, lang: Lang) {
  const region = await visibleRegion(db, actor, q.region ?? await defaultRegion(db, actor));
  const catalogue = await loadCatalogue(db);
  const years = Array.from({ length: q.years }, (_, i) => q.year - q.years + 1 + i);
  const series = new Map<string, { year: number; value: number | null; target: number | null }[]>();
  // every year in one grouped evaluation (one scan per registry), not one evaluation per year
  const perYear = await evaluateRegionsAt(db, [region.code], years.map((year) => asOfFor(year, null, q.today)), catalogue, { previousYear: false });
  for (const [k, year] of years.entries()) {
    for (const e of perYear[k].get(region.code)!) {
      const list = series.get(e.code) ?? [];
      list.push({ year, value: e.value, target: e.target });
      series.set(e.code, list);
    }
  }
  return {
    region: { code: region.code, name: region.name }, years,
    items: catalogue.map((d) => ({ code: d.code, name: lang === 'en' ? d.nameEn : d.nameZh, unit: lang === 'en' ? d.unitEn : d.unitZh, points: series.get(d.code)! })),
  };
}

// ---- targets ---------------------------------------------------------------------------------

export async function listTargets(db: Queryable, actor: Actor, regionCode: string, year: number, lang: Lang) {
  const region = await visibleRegion(db, actor, regionCode);
  const catalogue = await loadCatalogue(db);
  const { rows } = await db.query('SELECT indicator_code, target::float8 AS target, note, version, updated_at FROM indicator_target WHERE region_code = $1 AND year = $2',
    [region.code, year]);
  const byCode = new Map(rows.map((r) => [r.indicator_code, r]));
  return {
    region: { code: region.code, name: region.name }, year,
    items: catalogue.map((d) => {
      const r = byCode.get(d.code);
      return { indicatorCode: d.code, name: lang === 'en' ? d.nameEn : d.nameZh, unit: lang === 'en' ? d.unitEn : d.unitZh,
        target: r?.target ?? null, note: r?.note ?? null, version: r?.version ?? 0, updatedAt: r ? new Date(r.updated_at).toISOString() : null };
    }),
  };
}

async function assertIndicator(db: Queryable, code: string): Promise<IndicatorRow> {
  const def = (await loadCatalogue(db)).find((d) => d.code === code);
  if (!def) throw fieldError('indicator', 'field.invalid_option');
  return def;
}

/** Sets (version 0: creates) or, with target null, removes a target. Stale version → 409. */
export async function setTarget(db: Database, actor: Actor, audit: AuditActor,
  b: { region: string; year: number; indicator: string; target: number | null; note?: string | null; version: number }) {
  await visibleRegion(db, actor, b.region);
  await assertIndicator(db, b.indicator);
  return db.transaction(async (tx) => {
    const { rows: [current] } = await tx.query(
      'SELECT target::float8 AS target, note, version FROM indicator_target WHERE region_code = $1 AND indicator_code = $2 AND year = $3 FOR UPDATE',
      [b.region, b.indicator, b.year]);
    if ((current?.version ?? 0) !== b.version) throw errors.staleVersion();
    const id = `${b.region}/${b.year}/${b.indicator}`;
    if (b.target === null) {
      if (current) await tx.query('DELETE FROM indicator_target WHERE region_code = $1 AND indicator_code = $2 AND year = $3', [b.region, b.indicator, b.year]);
      await recordAudit(tx, audit, { action: 'indicator.target.delete', targetType: 'indicator_target', targetId: id, changes: diff(current ? { target: current.target, note: current.note } : null, null) });
      return { target: null, note: null, version: 0 };
    }
    const { rows: [row] } = await tx.query(
      `INSERT INTO indicator_target (region_code, indicator_code, year, target, note, set_by) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (region_code, indicator_code, year) DO UPDATE SET target = EXCLUDED.target, note = EXCLUDED.note, set_by = EXCLUDED.set_by,
         updated_at = now(), version = indicator_target.version + 1
       RETURNING target::float8 AS target, note, version`,
      [b.region, b.indicator, b.year, b.target, b.note ?? null, actor.id]);
    await recordAudit(tx, audit, { action: current ? 'indicator.target.update' : 'indicator.target.create', targetType: 'indicator_target', targetId: id,
      changes: diff(current ? { target: current.target, note: current.note } : null, { target: row.target, note: row.note }) });
    return { target: row.target as number, note: row.note as string | null, version: row.version as number };
  });
}

// ---- entered / imported figures ----------------------------------------------------------------

export async function listEntries(db: Queryable, actor: Actor, regionCode: string, year: number, indicator?: string) {
  await visibleRegion(db, actor, regionCode);
  const { rows } = await db.query(
    `SELECT v.indicator_code, v.period, v.value::float8 AS value, v.source, v.note, v.version, v.updated_at
       FROM indicator_value v JOIN indicator i ON i.code = v.indicator_code
      WHERE v.region_code = $1 AND v.year = $2 AND ($3::text IS NULL OR v.indicator_code = $3)
      ORDER BY i.sort_order, v.indicator_code, v.period`, [regionCode, year, indicator ?? null]);
  return { items: rows.map((r) => ({ indicatorCode: r.indicator_code, period: r.period, value: r.value, source: r.source, note: r.note, version: r.version,
    updatedAt: new Date(r.updated_at).toISOString() })) };
}

export async function saveEntry(db: Database, actor: Actor, audit: AuditActor,
  b: { region: string; indicator: string; year: number; period: Period; value: number | null; note?: string | null; version: number }) {
  await visibleRegion(db, actor, b.region);
  const def = await assertIndicator(db, b.indicator);
  if (def.source === 'computed') throw new AppError(400, 'INDICATOR_COMPUTED', { code: def.code });
  if (periodEndDate(b.year, b.period) > periodEndDate(new Date().getUTCFullYear() + 1, 'Y')) throw fieldError('year', 'field.invalid');
  return db.transaction(async (tx) => {
    const key = [b.region, b.indicator, b.year, b.period];
    const { rows: [current] } = await tx.query(
      'SELECT value::float8 AS value, note, version FROM indicator_value WHERE region_code = $1 AND indicator_code = $2 AND year = $3 AND period = $4 FOR UPDATE', key);
    if ((current?.version ?? 0) !== b.version) throw errors.staleVersion();
    const id = key.join('/');
    if (b.value === null) {
      if (current) await tx.query('DELETE FROM indicator_value WHERE region_code = $1 AND indicator_code = $2 AND year = $3 AND period = $4', key);
      await recordAudit(tx, audit, { action: 'indicator.value.delete', targetType: 'indicator_value', targetId: id, changes: diff(current ? { value: current.value } : null, null) });
      return { value: null, version: 0 };
    }
    const { rows: [row] } = await tx.query(
      `INSERT INTO indicator_value (region_code, indicator_code, year, period, value, source, note, updated_by) VALUES ($1, $2, $3, $4, $5, 'entered', $6, $7)
       ON CONFLICT (region_code, indicator_code, year, period) DO UPDATE SET value = EXCLUDED.value, source = 'entered', note = EXCLUDED.note,
         updated_by = EXCLUDED.updated_by, updated_at = now(), version = indicator_value.version + 1
       RETURNING value::float8 AS value, note, version`,
      [...key, b.value, b.note ?? null, actor.id]);
    await recordAudit(tx, audit, { action: current ? 'indicator.value.update' : 'indicator.value.create', targetType: 'indicator_value', targetId: id,
      changes: diff(current ? { value: current.value, note: current.note } : null, { value: row.value, note: row.note }) });
    return { value: row.value as number, version: row.version as number };
  });
}

/** The items of a region rounded as shown: the one formatting both the dashboard and the reports use. */
export function displayValue(def: Pick<IndicatorRow, 'decimals'>, value: number | null) {
  return roundFor(def, value);
}
export const displayProgress = (progress: number | null) => (progress === null ? null : Math.round(progress * 1000) / 10);
