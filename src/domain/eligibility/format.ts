/**
 * Display helpers for the eligibility messages. Nothing here decides anything: thresholds are
 * compared exactly elsewhere; these only print numbers so that the printed value agrees with
 * the decision (percentages are truncated, money is printed exactly).
 */
import { formatMoney } from '../money';
import type { ScoreRange } from './types';

function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** value / 10^scale printed exactly, thousands grouped, trailing zeros trimmed. */
function decimal(value: bigint, scale: number): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const unit = 10n ** BigInt(scale);
  const fraction = (abs % unit).toString().padStart(scale, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${group((abs / unit).toString())}${fraction ? `.${fraction}` : ''}`;
}

/**
 * 50000000 → '5,000.00 万元', the one money format (domain/money.ts); an amount that two decimals
 * would round onto a threshold keeps its exact digits: 50000001 → '5,000.0001 万元', so an edge
 * never looks met.
 */
export function formatWan(yuan: number): string {
  return yuan % 100 === 0 ? formatMoney(yuan) : `${decimal(BigInt(yuan), 4)} 万元`;
}

/** 50000000 → '50 million yuan'. */
export function formatMillion(yuan: number): string {
  return `${decimal(BigInt(yuan), 6)} million yuan`;
}

export function formatCount(n: number): string {
  return decimal(BigInt(n), 0);
}

/** Floor division for BigInt (BigInt's / truncates toward zero). */
export function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n) && ((a < 0n) !== (b < 0n)) ? q - 1n : q;
}

/**
 * num / den as a percentage truncated (floored) to one decimal: 4.99 % → 4.9. Every threshold
 * in these rules is a whole percentage, so the printed value sits on the same side of it as the
 * exact comparison. den must be positive.
 */
export function percentValue(num: bigint | number, den: bigint | number): number {
  return Number(floorDiv(BigInt(num) * 1000n, BigInt(den))) / 10;
}

/** 3.2 → '3.2%', 10 → '10.0%'. */
export function formatPercent(value: number): string {
  return `${value.toFixed(1)}%`;
}

/** { min: 7, max: 8 } → '7–8'; { min: 5, max: 5 } → '5'. */
export function formatRange(range: ScoreRange): string {
  return range.min === range.max ? String(range.min) : `${range.min}–${range.max}`;
}

/** Years as a label: [2021, 2022, 2023] → '2021–2023'; [2021, 2023] → '2021, 2023' (en) / '2021、2023' (zh). */
export function yearsLabel(years: readonly number[]): { zh: string; en: string } {
  if (years.length === 0) return { zh: '', en: '' };
  const consecutive = years.every((y, i) => i === 0 || y === years[i - 1] + 1);
  if (years.length === 1) return { zh: String(years[0]), en: String(years[0]) };
  if (consecutive) {
    const label = `${years[0]}–${years[years.length - 1]}`;
    return { zh: label, en: label };
  }
  return { zh: years.join('、'), en: years.join(', ') };
}
