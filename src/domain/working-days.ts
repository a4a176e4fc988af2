/**
 * Working days (工作日) as China's State Council sets them each year: Monday to Friday, except
 * the public holidays, plus the weekend days worked in exchange (调休上班). Deadlines counted in
 * working days (公示 periods, technology-contract decisions) all come from here, with the
 * exceptions of the calendar table (modules/calendar) kept by administrators.
 *
 * Dates are 'YYYY-MM-DD' strings of the calendar in China; no time zones involved.
 */

/** The days that differ from the Monday–Friday rule: true = a working day, false = a day off. */
export type CalendarExceptions = ReadonlyMap<string, boolean>;

function weekday(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** The day after `day` (or `days` after it). */
export function nextDay(day: string, days = 1): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export function isWorkingDay(day: string, exceptions: CalendarExceptions): boolean {
  const set = exceptions.get(day);
  if (set !== undefined) return set;
  const w = weekday(day);
  return w !== 0 && w !== 6;
}

/**
 * The date of the `n`-th working day after `start` (start itself not counted): a 公示 of 5
 * working days starting the day after `start` ends on `addWorkingDays(start, 5)`. n = 0 gives
 * `start` itself.
 */
export function addWorkingDays(start: string, n: number, exceptions: CalendarExceptions): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0, got ${n}`);
  let day = start;
  for (let counted = 0; counted < n;) {
    day = nextDay(day);
    if (isWorkingDay(day, exceptions)) counted++;
  }
  return day;
}

/** How many working days lie after `from` up to and including `to` (0 when `to` ≤ `from`). */
export function workingDaysBetween(from: string, to: string, exceptions: CalendarExceptions): number {
  let n = 0;
  for (let day = nextDay(from); day <= to; day = nextDay(day)) if (isWorkingDay(day, exceptions)) n++;
  return n;
}
