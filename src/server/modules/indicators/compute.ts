/**
 * Evaluates indicators for a set of regions, a year and an as-of date: computed indicators straight
 * from the registries (never stored), entered / imported figures with roll-up of sub-regions,
 * targets, progress, state, and the same for the year before (year-on-year growth).
 *
 * All regions are computed in one pass per registry: each requested region is expanded to its
 * subtree (region_subtree) and every record is counted once per region that contains it.
 */
import type { Queryable } from '../../db/database';
import { COMPUTED_CODES } from '../../../domain/indicators/catalogue';
import {
  elapsedAt, elapsedOfPeriod, latestPeriod, periodEndDate, periodEndMonth, progressOf, rollUp, stateOf, yoyGrowth,
  type Direction, type IndicatorState, type Period, type Rollup,
} from '../../../domain/indicators/rules';
import type { IndicatorSource } from '../../../domain/indicators/catalogue';
import { STAT_FIELDS_SUMMED, statFiguresByRegion, subtreeMembership, sumPerRoot, tierCountsByRegion } from '../enterprises/figures';
import { platformIndicatorValues } from '../platforms/indicator-values';
import { commissionerIndicatorValues } from '../commissioners/coverage';

export interface IndicatorRow {
  code: string; nameZh: string; nameEn: string; unitZh: string; unitEn: string; source: IndicatorSource; direction: Direction;
  rollup: Rollup; rollupWeight: string | null; cumulative: boolean; decimals: number; headline: boolean; sortOrder: number; builtIn: boolean;
}

export async function loadCatalogue(db: Queryable): Promise<IndicatorRow[]> {
  const { rows } = await db.query('SELECT * FROM indicator WHERE active ORDER BY sort_order, code');
  return rows.map((r) => ({
    code: r.code, nameZh: r.name_zh, nameEn: r.name_en, unitZh: r.unit_zh, unitEn: r.unit_en, source: r.source, direction: r.direction,
    rollup: r.rollup, rollupWeight: r.rollup_weight, cumulative: r.cumulative, decimals: r.decimals, headline: r.headline, sortOrder: r.sort_order, builtIn: r.built_in,
  }));
}

/** When the figures are read: the as-of date, and the period the question was asked for (null: "today"). */
export interface AsOf { year: number; date: string; period: Period | null; elapsed: number; month: number }

/** The as-of of a year (and optional period) seen on `today`: never later than today, never earlier than 1 January. */
export function asOfFor(year: number, period: Period | null, today: string): AsOf {
  const end = periodEndDate(year, period ?? 'Y');
  const start = `${year}-01-01`;
  const date = end <= today ? end : today < start ? start : today;
  const month = Number(date.slice(5, 7));
  // A period asked for and already over is judged on its months (Q2 → exactly half); otherwise on days.
  const elapsed = period && end <= today ? elapsedOfPeriod(period) : date === end && !period ? 1 : today < start ? 0 : elapsedAt(date);
  return { year, date, period, elapsed, month: period && end <= today ? periodEndMonth(period) : month };
}

/** The same moment a year earlier (29 February → 28 February). */
export function yearBefore(asOf: AsOf): AsOf {
  const [y, m, d] = asOf.date.split('-').map(Number);
  const last = new Date(Date.UTC(y - 1, m, 0)).getUTCDate();
  const date = `${y - 1}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
  return { year: asOf.year - 1, date, period: asOf.period, elapsed: asOf.elapsed, month: asOf.month };
}

/** The period before: Q2 → Q1, M05 → M04, Q1 / M01 → last year's Y, Y (or a year that is over) → Q3; "today" → the previous month's end. */
export function previousPeriod(asOf: AsOf): { year: number; period: Period } {
  const p = asOf.period ?? (asOf.elapsed >= 1 ? 'Y' : (`M${String(asOf.month).padStart(2, '0')}` as Period));
  if (p === 'Y') return { year: asOf.year, period: 'Q3' };
  const n = Number(p.slice(1));
  if (n === 1) return { year: asOf.year - 1, period: 'Y' };
  return { year: asOf.year, period: (p.startsWith('Q') ? `Q${n - 1}` : `M${String(n - 1).padStart(2, '0')}`) as Period };
}

export interface RawValue {
  value: number | null; numerator?: number | null; denominator?: number | null; period?: Period | null; annual?: boolean;
  /** 'registry': counted from a module's own records (technology contracts) rather than entered */
  source?: 'registry';
}

export { INDUSTRIAL_ABOVE_SCALE } from '../enterprises/figures';

export type Values = Map<string, Map<string, RawValue>>; // region → code → value

export function put(values: Values, region: string, code: string, v: RawValue) {
  let m = values.get(region);
  if (!m) values.set(region, (m = new Map()));
  m.set(code, v);
}

/**
 * Tier counts (the enterprises module's one definition, shared with the cultivation view):
 * certificates valid on the date, 科小 and 省级科技创新型企业 records of the year — for every as-of
 * in one scan of the tier records.
 */
async function tierValues(db: Queryable, roots: string[], membership: Map<string, string[]>, asOfs: AsOf[], into: Values[]) {
  const rows = await tierCountsByRegion(db, [...membership.keys()], asOfs);
  asOfs.forEach((_, k) => {
    const byRoot = sumPerRoot(rows.filter((r) => r.i === k + 1), membership, ['high_tech', 'tech_sme', 'provincial']);
    for (const root of roots) {
      const r = byRoot.get(root);
      put(into[k], root, 'high_tech_enterprises', { value: r?.high_tech ?? 0 });
      put(into[k], root, 'tech_smes', { value: r?.tech_sme ?? 0 });
      put(into[k], root, 'provincial_innovative_enterprises', { value: r?.provincial ?? 0 });
    }
  });
}

/**
 * From the year's confirmed statistics (statFiguresByRegion, shared with the cultivation view):
 * R&D expense (万元), 四有 and R&D activity of 规上 industrial firms — every as-of's year in one scan.
 */
async function statValues(db: Queryable, roots: string[], membership: Map<string, string[]>, asOfs: AsOf[], into: Values[]) {
  const rows = await statFiguresByRegion(db, [...membership.keys()], [...new Set(asOfs.map((a) => a.year))]);
  asOfs.forEach((asOf, k) => statValuesOfYear(roots, membership, rows.filter((r) => r.year === asOf.year), into[k]));
}

function statValuesOfYear(roots: string[], membership: Map<string, string[]>, rows: Record<string, any>[], into: Values) {
  // sums of whole yuan stay exact as JS numbers far beyond any region's R&D (2^53 yuan)
  const byRoot = sumPerRoot(rows, membership, STAT_FIELDS_SUMMED);
  for (const root of roots) {
    const r = byRoot.get(root);
    const rdYuan = r && r.reporting > 0 ? r.rd : null;
    put(into, root, 'enterprise_rd_expense', { value: rdYuan === null ? null : rdYuan / 10_000, numerator: rdYuan, annual: true });
    const share = (n: number | undefined): RawValue => (r && r.firms > 0
      ? { value: (n! / r.firms) * 100, numerator: n, denominator: r.firms, annual: true }
      : { value: null, numerator: n ?? null, denominator: r?.firms ?? null, annual: true });
    put(into, root, 'four_has_coverage', share(r?.all_four));
    put(into, root, 'four_has_institution', share(r?.institution));
    put(into, root, 'four_has_staff', share(r?.staff));
    put(into, root, 'four_has_funds', share(r?.funds));
    put(into, root, 'four_has_projects', share(r?.projects));
    put(into, root, 'rd_activity_share', share(r?.active));
  }
}

interface EnteredRow { region: string; code: string; period: Period; value: number }

/**
 * Entered and imported figures of the year for each root: the region's own latest figure up to
 * the as-of month, else the roll-up of its sub-regions (recursively) by the indicator's rule.
 */
async function enteredValues(db: Queryable, roots: string[], asOf: AsOf, catalogue: IndicatorRow[], into: Values) {
  const { rows: regionRows } = await db.query(
    `SELECT DISTINCT r.code, r.parent_code FROM unnest($1::text[]) AS x(code) CROSS JOIN LATERAL region_subtree(x.code) AS s(code) JOIN region r ON r.code = s.code`,
    [roots]);
  const children = new Map<string, string[]>();
  for (const r of regionRows) {
    if (!r.parent_code) continue;
    const list = children.get(r.parent_code) ?? [];
    list.push(r.code);
    children.set(r.parent_code, list);
  }
  const { rows } = await db.query(
    `SELECT v.region_code AS region, v.indicator_code AS code, v.period, v.value::float8 AS value
       FROM indicator_value v WHERE v.year = $2 AND v.region_code = ANY($1::text[])`,
    [regionRows.map((r) => r.code), asOf.year]);
  const own = new Map<string, EnteredRow[]>(); // region|code → rows
  for (const r of rows as EnteredRow[]) {
    const key = `${r.region}|${r.code}`;
    const list = own.get(key) ?? [];
    list.push(r);
    own.set(key, list);
  }
  const defs = new Map(catalogue.map((d) => [d.code, d]));
  const memo = new Map<string, RawValue>();
  const resolve = (region: string, code: string): RawValue => {
    const key = `${region}|${code}`;
    const hit = memo.get(key);
    if (hit) return hit;
    let result: RawValue = { value: null, period: null };
    const mine = own.get(key);
    const period = mine ? latestPeriod(mine.map((r) => r.period), asOf.month) : null;
    if (period) {
      result = { value: mine!.find((r) => r.period === period)!.value, period };
    } else {
      const kids = children.get(region) ?? [];
      const def = defs.get(code)!;
      if (kids.length) {
        const parts = kids.map((k) => {
          const v = resolve(k, code);
          return { value: v.value, weight: def.rollupWeight ? resolve(k, def.rollupWeight).value : null, period: v.period };
        });
        const rolled = rollUp(def.rollup === 'ratio' ? 'weighted' : def.rollup, parts);
        const periods = parts.map((p) => p.period).filter((p): p is Period => !!p);
        result = { value: rolled.value, period: periods.length ? periods.reduce((a, b) => (periodEndMonth(b) > periodEndMonth(a) ? b : a)) : null };
      }
    }
    memo.set(key, result);
    return result;
  };
  for (const def of catalogue.filter((d) => d.source !== 'computed')) {
    for (const root of roots) put(into, root, def.code, resolve(root, def.code));
  }
}

/** Raw values of every active indicator for the roots at one as-of. */
export async function rawValues(db: Queryable, roots: string[], asOf: AsOf, catalogue: IndicatorRow[]): Promise<Values> {
  return (await rawValuesAt(db, roots, [asOf], catalogue))[0];
}

/**
 * Raw values of every active indicator for the roots at each of several as-ofs (trend years, the
 * year before, the previous period): each registry is scanned once for all of them.
 */
export async function rawValuesAt(db: Queryable, roots: string[], asOfs: AsOf[], catalogue: IndicatorRow[]): Promise<Values[]> {
  const all: Values[] = asOfs.map(() => new Map());
  if (!roots.length || !asOfs.length) return all;
  const membership = await subtreeMembership(db, roots);
  await tierValues(db, roots, membership, asOfs, all);
  await statValues(db, roots, membership, asOfs, all);
  for (const [k, asOf] of asOfs.entries()) {
    await enteredValues(db, roots, asOf, catalogue, all[k]);
    derivedValues(roots, all[k]);
  }
  await contractRegistryValues(db, roots, membership, asOfs, all);
  await platformIndicatorValues(db, roots, membership, asOfs, all);
  await commissionerIndicatorValues(db, roots, membership, asOfs, all);
  return all;
}

/**
 * 技术合同成交额 from the registry: the 成交额 of contracts accepted in the year up to the as-of
 * date, in 万元, for every root whose subtree has any accepted that year. Where it has none (years
 * before the registry) the entered or imported figure stays.
 */
async function contractRegistryValues(db: Queryable, roots: string[], membership: Map<string, string[]>, asOfs: AsOf[], into: Values[]) {
  const years = [...new Set(asOfs.map((a) => a.year))];
  const { rows } = await db.query(
    `SELECT c.region_code, extract(year FROM c.decided_on)::int AS year, c.decided_on::text AS day, sum(c.amount)::float8 AS amount, count(*)::int AS n
       FROM tech_contract c
      WHERE c.status = 'accepted' AND c.region_code = ANY($1::text[]) AND extract(year FROM c.decided_on)::int = ANY($2::int[])
      GROUP BY 1, 2, 3`, [[...membership.keys()], years]);
  asOfs.forEach((asOf, k) => {
    const ofYear = rows.filter((r) => r.year === asOf.year);
    if (!ofYear.length) return;
    const byRoot = sumPerRoot(ofYear.filter((r) => r.day <= asOf.date), membership, ['amount', 'n']);
    const any = sumPerRoot(ofYear, membership, ['n']);
    for (const root of roots) {
      if (!any.get(root)?.n) continue;
      const yuan = byRoot.get(root)?.amount ?? 0;
      put(into[k], root, 'tech_contract_turnover', { value: yuan / 10_000, numerator: yuan, source: 'registry' });
    }
  });
}

function derivedValues(roots: string[], values: Values) {
  for (const root of roots) {
    // R&D intensity = enterprise R&D expense (yuan) ÷ GDP (亿元 × 10⁸) × 100
    const rd = values.get(root)!.get('enterprise_rd_expense')!;
    const gdp = values.get(root)!.get('gdp');
    const gdpYuan = gdp?.value != null ? gdp.value * 1e8 : null;
    put(values, root, 'rd_intensity', rd.numerator != null && gdpYuan
      ? { value: (rd.numerator / gdpYuan) * 100, numerator: rd.numerator, denominator: gdpYuan, annual: true, period: gdp!.period }
      : { value: null, numerator: rd.numerator ?? null, denominator: gdpYuan, annual: true });
  }
  return values;
}

export interface Evaluated {
  code: string; value: number | null; target: number | null; progress: number | null; state: IndicatorState; expected: number;
  elapsed: number; period: string | null; previous: number | null; yoy: number | null; numerator: number | null; denominator: number | null;
  /** where the value comes from when not the indicator's usual source: 'registry' */
  valueSource: 'registry' | null;
}

export async function targetsOf(db: Queryable, regions: string[], year: number): Promise<Map<string, Map<string, number>>> {
  return (await targetsOfYears(db, regions, [year])).get(year) ?? new Map();
}

/** Targets by year → region → indicator. */
async function targetsOfYears(db: Queryable, regions: string[], years: number[]): Promise<Map<number, Map<string, Map<string, number>>>> {
  const { rows } = await db.query(
    'SELECT year, region_code, indicator_code, target::float8 AS target FROM indicator_target WHERE year = ANY($1::int[]) AND region_code = ANY($2::text[])', [years, regions]);
  const out = new Map<number, Map<string, Map<string, number>>>();
  for (const r of rows) {
    if (!out.has(r.year)) out.set(r.year, new Map());
    const byRegion = out.get(r.year)!;
    if (!byRegion.has(r.region_code)) byRegion.set(r.region_code, new Map());
    byRegion.get(r.region_code)!.set(r.indicator_code, r.target);
  }
  return out;
}

const clean = (x: number | null | undefined, digits = 6) => (x === null || x === undefined || !Number.isFinite(x) ? null : Math.round(x * 10 ** digits) / 10 ** digits);

/** Every active indicator for each region at the as-of: value, target, progress, state, last year and growth. */
export async function evaluateRegions(db: Queryable, regions: string[], asOf: AsOf, catalogue?: IndicatorRow[],
  options: { previousYear?: boolean } = {}): Promise<Map<string, Evaluated[]>> {
  return (await evaluateRegionsAt(db, regions, [asOf], catalogue, options))[0];
}

/**
 * evaluateRegions at several as-ofs at once (the trend's years, the ranking's two periods): the
 * raw values of all of them — and of the years before, for growth — in one grouped pass.
 */
export async function evaluateRegionsAt(db: Queryable, regions: string[], asOfs: AsOf[], catalogue?: IndicatorRow[],
  options: { previousYear?: boolean } = {}): Promise<Map<string, Evaluated[]>[]> {
  const defs = catalogue ?? await loadCatalogue(db);
  // last year's figures only for growth; trend points and the ranking's previous period do without
  const withBefore = options.previousYear !== false;
  const raw = await rawValuesAt(db, regions, withBefore ? [...asOfs, ...asOfs.map(yearBefore)] : asOfs, defs);
  const targets = await targetsOfYears(db, regions, [...new Set(asOfs.map((a) => a.year))]);
  return asOfs.map((asOf, k) => evaluateFrom(regions, asOf, defs, raw[k], withBefore ? raw[asOfs.length + k] : new Map(), targets.get(asOf.year) ?? new Map()));
}

function evaluateFrom(regions: string[], asOf: AsOf, defs: IndicatorRow[], now: Values, before: Values, targets: Map<string, Map<string, number>>) {
  const out = new Map<string, Evaluated[]>();
  for (const region of regions) {
    out.set(region, defs.map((def) => {
      const raw = now.get(region)?.get(def.code) ?? { value: null };
      const prev = before.get(region)?.get(def.code) ?? { value: null };
      const target = targets.get(region)?.get(def.code) ?? null;
      const value = clean(raw.value);
      const progress = progressOf(value, target, def.direction);
      // how much of the year the figure covers
      const elapsed = value === null ? asOf.elapsed
        : raw.annual && COMPUTED_CODES.includes(def.code) && def.code !== 'rd_intensity' ? 1
        : raw.period ? elapsedOfPeriod(raw.period) : asOf.elapsed;
      const { state, expected } = stateOf({ progress, elapsed, cumulative: def.cumulative });
      return {
        code: def.code, value, target, progress: clean(progress, 4), state, expected: clean(expected, 4)!, elapsed: clean(elapsed, 4)!,
        period: raw.period ?? (def.source === 'computed' || raw.source === 'registry' ? (raw.annual ? 'Y' : asOf.date) : null),
        previous: clean(prev.value), yoy: clean(yoyGrowth(raw.value ?? null, prev.value ?? null), 2),
        numerator: clean(raw.numerator ?? null), denominator: clean(raw.denominator ?? null), valueSource: raw.source ?? null,
      };
    }));
  }
  return out;
}
