/**
 * Shared plumbing: dates, the accounting years an assessment looks at, exact ratio comparison
 * and choosing the rule set in force on a date.
 */
import type { RuleSetInfo, YearFigures } from './types';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a strict YYYY-MM-DD date; throws RangeError on anything else. */
export function epochDay(date: string, what = 'date'): number {
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`${what} must be YYYY-MM-DD: ${date}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Date.UTC rolls 2023-02-30 over to March; a real date survives the round trip.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    throw new RangeError(`${what} is not a calendar date: ${date}`);
  }
  return ms / 86_400_000;
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return epochDay(to) - epochDay(from);
}

export function yearOf(date: string): number {
  epochDay(date);
  return Number(date.slice(0, 4));
}

/** The rule set whose dates include `date` (both ends inclusive), or null. */
export function ruleSetOn<T extends RuleSetInfo>(sets: readonly T[], date: string): T | null {
  epochDay(date);
  return sets.find((s) => s.effectiveFrom <= date && (s.effectiveTo === null || date <= s.effectiveTo)) ?? null;
}

export function requireRuleSet<T extends RuleSetInfo>(sets: readonly T[], date: string, name: string): T {
  const set = ruleSetOn(sets, date);
  if (!set) throw new RangeError(`no ${name} rule set is in force on ${date}`);
  return set;
}

const NUMERIC_FIELDS = [
  'salesRevenue', 'totalRevenue', 'hightechRevenue', 'rdExpense', 'rdExpenseDomestic', 'totalCostExpense',
  'staff', 'scienceStaff', 'totalAssets', 'totalLiabilities', 'ipClass1', 'ipClass2', 'transformations',
] as const;

/**
 * The years an assessment on `asOf` reads (国科发火〔2016〕195号): the latest year is the
 * accounting year before the asOf year; the window is the three years before the asOf year,
 * of which those present in the data are used (a younger firm has fewer).
 */
export interface YearsInView {
  latestYear: number;
  latest: YearFigures | null;
  /** Rows of the last three years that are present, oldest first. */
  window: YearFigures[];
}

export function yearsInView(asOf: string, rows: readonly YearFigures[]): YearsInView {
  const latestYear = yearOf(asOf) - 1;
  const seen = new Set<number>();
  for (const row of rows) {
    if (!Number.isInteger(row.year)) throw new RangeError(`year must be an integer: ${row.year}`);
    if (seen.has(row.year)) throw new RangeError(`year ${row.year} appears twice`);
    seen.add(row.year);
    // Amounts are whole yuan and counts whole numbers; BigInt comparisons rely on it.
    for (const field of NUMERIC_FIELDS) {
      const v = row[field];
      if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`${row.year}.${field} must be a non-negative integer: ${v}`);
    }
  }
  const window = rows.filter((r) => r.year >= latestYear - 2 && r.year <= latestYear).sort((a, b) => a.year - b.year);
  return { latestYear, latest: window.find((r) => r.year === latestYear) ?? null, window };
}

/** num / den ≥ pct %, exactly: num·100 ≥ pct·den. den must be positive. */
export function atLeastPct(num: number | bigint, den: number | bigint, pct: number): boolean {
  return BigInt(num) * 100n >= BigInt(pct) * BigInt(den);
}

export function sum(rows: readonly YearFigures[], field: (typeof NUMERIC_FIELDS)[number]): bigint {
  return rows.reduce((acc, r) => acc + BigInt(r[field]), 0n);
}
