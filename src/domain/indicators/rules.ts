/**
 * Indicator rules (M10), pure: progress against a target, progress against time, the
 * green / amber / red state, 双过半 (mid-year) and 全年红 (year end), roll-up of sub-regions and
 * year-on-year growth. No I/O; the server and the web share it.
 *
 * The rules, stated once (the dashboard and the reports show `STATE_RULE`):
 *
 * - progress = actual ÷ target when higher is better, target ÷ actual when lower is better
 *   (an actual of 0 or less against a lower-is-better target counts as met: progress 1).
 *   No target, a target of 0 (higher-is-better) or no actual → no progress.
 * - time elapsed = share of the year the figure covers: for a figure "as of" a date, the day of
 *   the year ÷ days in the year; for a monthly or quarterly year-to-date figure, its last month ÷ 12;
 *   for an annual figure, 1.
 * - expected progress: for a cumulative indicator (a year-to-date flow: R&D expense, contract
 *   turnover, new registrations), the time elapsed; for any other indicator (a ratio, a growth
 *   rate, a stock such as valid certificates), 1 at any time of the year.
 * - state: green when progress ≥ expected; amber when progress ≥ expected − 0.10 (at most ten
 *   percentage points behind); red otherwise; none when there is no target or no actual yet.
 * - 双过半 (time and task both past half): time elapsed ≥ 50 % and, for every indicator with a
 *   target, progress ≥ 50 %. Exactly 50 % counts as reached, for time and for progress alike
 *   ("过半" read as "reached half"): a county at 50.0 % on 30 June is past half, one at 49.9 % is not.
 *   An indicator with a target but no figure yet (annual statistics come after the year) is not
 *   judged at mid-year; it is listed as pending. With nothing judged, 双过半 is not reached.
 * - 全年红 (every target met at year end): time elapsed = 100 % and, for every indicator with a
 *   target, progress ≥ 100 % (exactly 100 % is met); at year end a target without a figure is not
 *   met. A region without targets has nothing to be 红 about: not reached.
 * - overall completion (对标对表 of regions): the mean of each judged indicator's progress, capped
 *   at 100 % each; indicators without a figure yet are left out, as for 双过半. Its state uses the
 *   same bands against the mean of those indicators' expected progress (overallState).
 */

export type Direction = 'higher' | 'lower';
export type Rollup = 'sum' | 'ratio' | 'weighted';
export type IndicatorState = 'green' | 'amber' | 'red' | 'none';

/** Tolerance of the amber band, in progress units (0.10 = ten percentage points). */
export const AMBER_BAND = 0.1;

export const STATE_RULE = {
  'zh-CN': '绿：完成进度 ≥ 应达进度；黄：落后应达进度不超过 10 个百分点；红：落后超过 10 个百分点。累计类指标（研发费用、技术合同成交额、入库数）应达进度 = 时间进度，其余指标（比率、增速、存量）应达进度 = 100%。双过半：时间进度 ≥ 50% 且每项有目标的指标完成进度 ≥ 50%（恰好 50% 视为达到）；全年红：年末每项目标均完成（≥ 100%）。',
  en: 'Green: progress ≥ expected progress; amber: at most 10 percentage points behind; red: further behind. For cumulative indicators (R&D expense, contract turnover, new registrations) the expected progress is the share of the year elapsed; for the others (ratios, growth rates, stocks) it is 100 %. 双过半 (half-and-half): at least 50 % of the year elapsed and every indicator with a target at ≥ 50 % progress (exactly 50 % counts); 全年红 (all red): at year end every target met (≥ 100 %).',
} as const;

const round = (x: number, digits = 6) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

/** actual against target, by direction; null when either is missing or the ratio is undefined. */
export function progressOf(actual: number | null | undefined, target: number | null | undefined, direction: Direction = 'higher'): number | null {
  if (actual === null || actual === undefined || target === null || target === undefined) return null;
  if (!Number.isFinite(actual) || !Number.isFinite(target)) return null;
  if (direction === 'higher') {
    if (target <= 0) return null;
    return round(actual / target);
  }
  if (actual <= 0) return 1;
  if (target <= 0) return 0;
  return round(target / actual);
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Share of the year passed at the end of `date` (YYYY-MM-DD): 1 January → 1/365, 31 December → 1. */
export function elapsedAt(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  const day = (Date.UTC(y, m - 1, d) - Date.UTC(y, 0, 1)) / 86_400_000 + 1;
  return round(day / (isLeapYear(y) ? 366 : 365));
}

/** Periods of a year's figures: the whole year, a quarter (Q1–Q4) or a month (M01–M12); figures are year-to-date. */
export const PERIODS = ['Y', 'Q1', 'Q2', 'Q3', 'Q4', ...Array.from({ length: 12 }, (_, i) => `M${String(i + 1).padStart(2, '0')}`)] as const;
export type Period = (typeof PERIODS)[number];

export function isPeriod(p: string): p is Period {
  return (PERIODS as readonly string[]).includes(p);
}

/** The last month a period covers: Y → 12, Q2 → 6, M05 → 5. */
export function periodEndMonth(period: Period): number {
  if (period === 'Y') return 12;
  if (period.startsWith('Q')) return Number(period.slice(1)) * 3;
  return Number(period.slice(1));
}

/** The last day of a period of `year`, YYYY-MM-DD. */
export function periodEndDate(year: number, period: Period): string {
  const month = periodEndMonth(period);
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(last).padStart(2, '0')}`;
}

/** Time elapsed of a year-to-date figure of `period`: its last month ÷ 12. */
export function elapsedOfPeriod(period: Period): number {
  return round(periodEndMonth(period) / 12);
}

/**
 * Among the periods of figures entered for a year, the one to use at month `month`: the latest
 * whose last month is ≤ `month`; at a tie the year figure beats a quarter, a quarter a month
 * (the more authoritative publication).
 */
export function latestPeriod(periods: Period[], month: number): Period | null {
  const rank = (p: Period) => periodEndMonth(p) * 10 + (p === 'Y' ? 2 : p.startsWith('Q') ? 1 : 0);
  let best: Period | null = null;
  for (const p of periods) {
    if (periodEndMonth(p) > month) continue;
    if (best === null || rank(p) > rank(best)) best = p;
  }
  return best;
}

export interface StateInput {
  progress: number | null;
  /** share of the year the figure covers, 0–1 */
  elapsed: number;
  cumulative: boolean;
}

export interface StateResult { state: IndicatorState; expected: number }

export function expectedProgress(elapsed: number, cumulative: boolean): number {
  return cumulative ? Math.min(1, Math.max(0, elapsed)) : 1;
}

/** The bands, against an expected progress: the one comparison every state (indicator, region, ranking row) uses. */
export function stateAgainst(progress: number | null, expected: number): IndicatorState {
  if (progress === null) return 'none';
  // compare in whole basis points so 0.1 + 0.2 style float noise never flips a band edge
  const p = Math.round(progress * 10_000);
  const e = Math.round(expected * 10_000);
  if (p >= e) return 'green';
  if (p >= e - Math.round(AMBER_BAND * 10_000)) return 'amber';
  return 'red';
}

export function stateOf({ progress, elapsed, cumulative }: StateInput): StateResult {
  const expected = expectedProgress(elapsed, cumulative);
  return { state: stateAgainst(progress, expected), expected };
}

export interface JudgedItem { code: string; target: number | null; progress: number | null }

export interface HalfYearResult {
  reached: boolean;
  timeHalf: boolean;
  /** indicators with a target and a figure */
  judged: number;
  /** codes judged and below the bar */
  behind: string[];
  /** codes with a target but no figure yet: not judged */
  pending: string[];
}

const atLeast = (x: number, bar: number) => Math.round(x * 10_000) >= Math.round(bar * 10_000);

/** 双过半: time elapsed ≥ 50 % and every indicator with a target at progress ≥ 50 %. */
export function doubleHalf(items: JudgedItem[], elapsed: number): HalfYearResult {
  const targeted = items.filter((i) => i.target !== null && i.target !== undefined);
  const judged = targeted.filter((i) => i.progress !== null);
  const pending = targeted.filter((i) => i.progress === null).map((i) => i.code);
  const behind = judged.filter((i) => !atLeast(i.progress!, 0.5)).map((i) => i.code);
  const timeHalf = atLeast(elapsed, 0.5);
  return { reached: timeHalf && judged.length > 0 && behind.length === 0, timeHalf, judged: judged.length, behind, pending };
}

export interface FullYearResult { reached: boolean; yearEnded: boolean; judged: number; behind: string[] }

/** 全年红: the year has ended and every target is met. */
export function fullYearRed(items: JudgedItem[], elapsed: number): FullYearResult {
  const judged = items.filter((i) => i.target !== null && i.target !== undefined);
  const behind = judged.filter((i) => i.progress === null || !atLeast(i.progress, 1)).map((i) => i.code);
  const yearEnded = atLeast(elapsed, 1);
  return { reached: yearEnded && judged.length > 0 && behind.length === 0, yearEnded, judged: judged.length, behind };
}

/**
 * Overall completion of a region: the mean of each targeted indicator's progress, each capped at
 * 100 % so that one indicator far ahead cannot hide another behind; null without targets.
 */
export function overallCompletion(items: JudgedItem[]): number | null {
  const judged = items.filter((i) => i.target !== null && i.target !== undefined && i.progress !== null);
  if (!judged.length) return null;
  const sum = judged.reduce((s, i) => s + Math.min(1, Math.max(0, i.progress!)), 0);
  return round(sum / judged.length);
}

export interface OverallResult { completion: number | null; expected: number | null; state: IndicatorState }

/**
 * A region's overall state, for the 对标对表 ranking and the region's own dashboard alike: its
 * overall completion against the mean expected progress of the same judged indicators (each
 * capped at 100 %, as completion is), in the same bands as one indicator. A region whose every
 * indicator is green is therefore green overall.
 */
export function overallState(items: (JudgedItem & { expected: number })[]): OverallResult {
  const judged = items.filter((i) => i.target !== null && i.target !== undefined && i.progress !== null);
  const completion = overallCompletion(items);
  if (completion === null || !judged.length) return { completion: null, expected: null, state: 'none' };
  const expected = round(judged.reduce((s, i) => s + Math.min(1, Math.max(0, i.expected)), 0) / judged.length);
  return { completion, expected, state: stateAgainst(completion, expected) };
}

/** Year-on-year growth in percent: (current − previous) ÷ |previous| × 100; null when previous is missing or 0. */
export function yoyGrowth(current: number | null | undefined, previous: number | null | undefined): number | null {
  if (current === null || current === undefined || previous === null || previous === undefined || previous === 0) return null;
  return round(((current - previous) / Math.abs(previous)) * 100, 4);
}

export interface RollupPart {
  value?: number | null;
  /** ratio of sums: the parts' numerators and denominators */
  numerator?: number | null;
  denominator?: number | null;
  /** weighted average: the part's weight (e.g. its value added) */
  weight?: number | null;
}

export interface RollupResult { value: number | null; parts: number; missing: number }

/**
 * Rolls sub-regions up into their parent:
 * - sum: Σ values of the parts that have one;
 * - ratio: Σ numerators ÷ Σ denominators × `scale` (never the mean of the parts' ratios);
 * - weighted: Σ value × weight ÷ Σ weight over parts with both; when no part has a weight, the
 *   plain mean of the values (equal weights).
 * `missing` counts parts without a figure, so a caller can say a total is incomplete.
 */
export function rollUp(kind: Rollup, parts: RollupPart[], scale = 1): RollupResult {
  if (kind === 'sum') {
    const have = parts.filter((p) => p.value !== null && p.value !== undefined);
    return { value: have.length ? round(have.reduce((s, p) => s + (p.value as number), 0)) : null, parts: have.length, missing: parts.length - have.length };
  }
  if (kind === 'ratio') {
    const have = parts.filter((p) => p.numerator != null && p.denominator != null);
    const num = have.reduce((s, p) => s + (p.numerator as number), 0);
    const den = have.reduce((s, p) => s + (p.denominator as number), 0);
    return { value: have.length && den !== 0 ? round((num / den) * scale) : null, parts: have.length, missing: parts.length - have.length };
  }
  const valued = parts.filter((p) => p.value !== null && p.value !== undefined);
  const weighted = valued.filter((p) => p.weight !== null && p.weight !== undefined && (p.weight as number) > 0);
  if (weighted.length) {
    const w = weighted.reduce((s, p) => s + (p.weight as number), 0);
    return { value: round(weighted.reduce((s, p) => s + (p.value as number) * (p.weight as number), 0) / w), parts: weighted.length, missing: parts.length - weighted.length };
  }
  if (!valued.length) return { value: null, parts: 0, missing: parts.length };
  return { value: round(valued.reduce((s, p) => s + (p.value as number), 0) / valued.length), parts: valued.length, missing: parts.length - valued.length };
}

/** Ranks by score, best first; equal scores share a rank (1, 2, 2, 4); null scores come last, unranked. */
export function rankBy<T>(rows: T[], score: (row: T) => number | null, direction: Direction = 'higher'): (T & { rank: number | null })[] {
  const withScore = rows.map((row) => ({ row, s: score(row) }));
  const sorted = [...withScore].sort((a, b) => {
    if (a.s === null) return b.s === null ? 0 : 1;
    if (b.s === null) return -1;
    return direction === 'higher' ? b.s - a.s : a.s - b.s;
  });
  let rank = 0;
  let last: number | null = null;
  return sorted.map((x, i) => {
    if (x.s === null) return { ...x.row, rank: null };
    if (last === null || x.s !== last) rank = i + 1;
    last = x.s;
    return { ...x.row, rank };
  });
}
