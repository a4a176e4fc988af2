// Typed endpoints of /api/v1/calendar: the working-day calendar and deadlines in working days.
import { api } from './client';

export interface CalendarDay { day: string; working: boolean; name: string; source: string | null; version: number }
export interface CalendarYear { year: number; days: CalendarDay[]; workingDays: number; entered: boolean }
export interface Deadline { from: string; days: number; dueOn: string; complete: boolean }
export interface CalendarDayInput { working: boolean; name: string; nameEn?: string; source?: string | null; version?: number }

export const calendarApi = {
  year: (year: number) => api.get<CalendarYear>('/calendar', { year }),
  deadline: (from: string, days: number) => api.get<Deadline>('/calendar/deadline', { from, days }),
  set: (day: string, input: CalendarDayInput) => api.put<CalendarDay>(`/calendar/${day}`, input),
  remove: (day: string, version: number) => api.delete<void>(`/calendar/${day}?version=${version}`),
};
