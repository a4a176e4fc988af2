/**
 * The working-day calendar kept by administrators (table calendar_day, the exceptions to
 * "Monday to Friday work"), and deadlines counted in working days from it for every module.
 */
import type { Database, Queryable } from '../../db/database';
import type { Actor, AuditActor } from '../../http/actor';
import { errors } from '../../http/errors';
import type { Lang } from '../../http/messages';
import { addWorkingDays, isWorkingDay, nextDay, type CalendarExceptions } from '../../../domain/working-days';
import { recordAudit } from '../audit/record';

export interface CalendarDayView { day: string; working: boolean; name: string; source: string | null; version: number }

/** The exceptions from `from` to `to` (inclusive). */
export async function loadExceptions(db: Queryable, from: string, to: string): Promise<CalendarExceptions> {
  const { rows } = await db.query<{ day: string; working: boolean }>(`SELECT day, working FROM calendar_day WHERE day BETWEEN $1 AND $2`, [from, to]);
  return new Map(rows.map((r) => [r.day, r.working]));
}

/**
 * The date of the `days`-th working day after `from` (deadlines of 公示 and of decisions). A
 * deadline reaching into a year the calendar does not hold yet is counted on the Monday–Friday
 * rule, and `complete` says so.
 */
export async function workingDeadline(db: Queryable, from: string, days: number): Promise<{ dueOn: string; complete: boolean }> {
  // 5 working days need at most ~9 calendar days around the longest holiday; take ample room
  const until = nextDay(from, days * 2 + 30);
  const exceptions = await loadExceptions(db, from, until);
  const dueOn = addWorkingDays(from, days, exceptions);
  // a year is entered when it has any exception at all (every year has holidays)
  const first = Number(from.slice(0, 4));
  const last = Number(dueOn.slice(0, 4));
  const { rows } = await db.query<{ years: number[] | null }>(
    `SELECT array_agg(DISTINCT extract(year FROM day)::int) AS years FROM calendar_day WHERE day BETWEEN $1 AND $2`,
    [`${first}-01-01`, `${last}-12-31`]);
  const known = new Set(rows[0]?.years ?? []);
  const complete = Array.from({ length: last - first + 1 }, (_, i) => first + i).every((y) => known.has(y));
  return { dueOn, complete };
}

export async function calendarOfYear(db: Database, year: number, lang: Lang) {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const { rows } = await db.query(
    `SELECT day, working, ${lang === 'en' ? "coalesce(nullif(name_en, ''), name)" : 'name'} AS name, source, version
       FROM calendar_day WHERE day BETWEEN $1 AND $2 ORDER BY day`, [from, to]);
  const exceptions = new Map(rows.map((r) => [r.day as string, r.working as boolean]));
  let workingDays = 0;
  for (let day = from; day <= to; day = nextDay(day)) if (isWorkingDay(day, exceptions)) workingDays++;
  const days: CalendarDayView[] = rows.map((r) => ({ day: r.day, working: r.working, name: r.name, source: r.source, version: r.version }));
  // no exception at all: the year's arrangement has not been entered (every year has holidays)
  return { year, days, workingDays, entered: days.length > 0 };
}

export interface CalendarDayInput { working: boolean; name: string; nameEn?: string; source?: string | null; version?: number }

/** Sets a day (new, or a change at the version read); audited. */
export async function setCalendarDay(db: Database, actor: Actor, audit: AuditActor, day: string, input: CalendarDayInput): Promise<CalendarDayView> {
  if (actor.role !== 'admin') throw errors.forbidden();
  return db.transaction(async (tx) => {
    const { rows } = await tx.query(`SELECT day, working, name, name_en, source, version FROM calendar_day WHERE day = $1 FOR UPDATE`, [day]);
    const before = rows[0];
    if (before && input.version !== before.version) throw errors.staleVersion();
    if (!before && input.version !== undefined) throw errors.staleVersion();
    const values = [day, input.working, input.name, input.nameEn ?? '', input.source ?? null, actor.id];
    // a new day: whoever inserts it first wins (FOR UPDATE above locks nothing when the row is
    // not there yet, so two admins adding the same day both get here on PostgreSQL)
    const { rows: saved } = before
      ? await tx.query(
        `UPDATE calendar_day SET working = $2, name = $3, name_en = $4, source = $5, updated_by = $6, updated_at = now(), version = version + 1
          WHERE day = $1 RETURNING day, working, name, source, version`, values)
      : await tx.query(
        `INSERT INTO calendar_day (day, working, name, name_en, source, updated_by) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (day) DO NOTHING RETURNING day, working, name, source, version`, values);
    if (!saved[0]) throw errors.staleVersion();
    await recordAudit(tx, audit, { action: before ? 'calendar.update' : 'calendar.create', targetType: 'calendar_day', targetId: day, changes: {
      working: { before: before?.working ?? null, after: input.working },
      name: { before: before?.name ?? null, after: input.name },
    } });
    return saved[0] as CalendarDayView;
  });
}

/** Removes an exception (the day follows the Monday–Friday rule again); audited. */
export async function deleteCalendarDay(db: Database, actor: Actor, audit: AuditActor, day: string, version: number): Promise<void> {
  if (actor.role !== 'admin') throw errors.forbidden();
  await db.transaction(async (tx) => {
    const { rows } = await tx.query(`SELECT working, name, version FROM calendar_day WHERE day = $1 FOR UPDATE`, [day]);
    if (!rows[0]) throw errors.notFound();
    if (rows[0].version !== version) throw errors.staleVersion();
    await tx.query(`DELETE FROM calendar_day WHERE day = $1`, [day]);
    await recordAudit(tx, audit, { action: 'calendar.delete', targetType: 'calendar_day', targetId: day, changes: {
      working: { before: rows[0].working, after: null }, name: { before: rows[0].name, after: null },
    } });
  });
}

