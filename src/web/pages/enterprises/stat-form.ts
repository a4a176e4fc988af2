// The yearly-statistics form's rules, kept free of React so they are unit-tested (stat-form.test.ts):
// which year to offer first, empty fields for a new year (empty = not filled, so 必填 can trigger),
// money entered and shown in 万元 with two decimals while the API stores whole yuan, and the
// figures that changed more than tenfold from last year (asked about before saving).
import { wanToYuan, yuanToWan as toWan } from '../../../domain/money';
import type { StatValues } from '../../api/types';

export const MONEY_KEYS = ['salesRevenue', 'totalRevenue', 'hightechRevenue', 'rdExpense', 'rdExpenseDomestic', 'totalCostExpense'] as const;
export const STAFF_KEYS = ['staff', 'scienceStaff', 'rdStaff'] as const;
export const ASSET_KEYS = ['totalAssets', 'totalLiabilities'] as const;
export const IP_KEYS = ['ipClass1', 'ipClass2', 'transformations'] as const;
export const FOUR_HAS_KEYS = ['hasRdInstitution', 'hasRdStaff', 'hasRdFunds', 'hasRdProjects'] as const;
export const COMPLIANCE_KEYS = ['seriousIncident', 'abnormalListed'] as const;
export const NUMBER_KEYS = [...MONEY_KEYS, ...STAFF_KEYS, ...ASSET_KEYS, ...IP_KEYS] as const;
export const FLAG_KEYS = [...FOUR_HAS_KEYS, ...COMPLIANCE_KEYS] as const;

/** Amounts kept in yuan (money and assets); entered in 万元. */
export const YUAN_KEYS: readonly string[] = [...MONEY_KEYS, ...ASSET_KEYS];

export type StatFormValues = Record<string, number | boolean | undefined>;

/** Years a new record may be for, newest first: this year and the five before, minus those filed. */
export function statYearOptions(thisYear: number, filed: number[]): number[] {
  return Array.from({ length: 6 }, (_, i) => thisYear - i).filter((y) => !filed.includes(y));
}

/**
 * The year offered first: the latest year not filed that is newer than every filed year (last
 * year before this year, whose figures are rarely complete); undefined when only older years are
 * left, so the person picks one on purpose.
 */
export function defaultStatYear(thisYear: number, filed: number[]): number | undefined {
  const newest = filed.length ? Math.max(...filed) : -Infinity;
  const open = statYearOptions(thisYear, filed).filter((y) => y > newest);
  return open.find((y) => y < thisYear) ?? open[0];
}

/** What the form shows: stored values with amounts in 万元, or for a new year nothing but unticked boxes. */
export function toFormValues(values: StatValues | null): StatFormValues {
  const form: StatFormValues = {};
  const v = values as unknown as Record<string, number | boolean> | null;
  for (const key of NUMBER_KEYS) form[key] = v ? (YUAN_KEYS.includes(key) ? toWan(Number(v[key])) : Number(v[key])) : undefined;
  for (const key of FLAG_KEYS) form[key] = v ? Boolean(v[key]) : false;
  return form;
}

/** What is sent: amounts back in whole yuan; an amount left as shown keeps its exact stored yuan. */
export function fromFormValues(form: StatFormValues, original: StatValues | null): StatValues {
  const o = original as unknown as Record<string, number | boolean> | null;
  const out: Record<string, number | boolean> = {};
  for (const key of NUMBER_KEYS) {
    const n = Number(form[key] ?? 0);
    if (!YUAN_KEYS.includes(key)) out[key] = Math.round(n);
    else if (o && toWan(Number(o[key])) === n) out[key] = Number(o[key]);
    else out[key] = wanToYuan(n);
  }
  for (const key of FLAG_KEYS) out[key] = Boolean(form[key]);
  return out as unknown as StatValues;
}

export interface TenfoldChange { key: string; before: number; after: number }

/** Figures more than ten times, or less than a tenth of, last year's (both non-zero). */
export function tenfoldChanges(values: StatValues, lastYear: StatValues | null): TenfoldChange[] {
  if (!lastYear) return [];
  const now = values as unknown as Record<string, number>;
  const then = lastYear as unknown as Record<string, number>;
  return NUMBER_KEYS.filter((key) => then[key] > 0 && now[key] > 0 && (now[key] > then[key] * 10 || now[key] * 10 < then[key]))
    .map((key) => ({ key, before: then[key], after: now[key] }));
}
