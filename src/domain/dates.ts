/** Dates as the bureau sees them: the calendar day in China (UTC+8, no daylight saving). */
export function todayInChina(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
