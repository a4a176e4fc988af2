// Typed endpoints of /api/v1/indicators used by the indicator pages.
import { api, download } from '../../api/client';
import type { ListQuery, Page } from '../../api/types';

export type IndicatorState = 'green' | 'amber' | 'red' | 'none';

export interface IndicatorItem {
  code: string; name: string; value: number | null; unit: string; target: number | null; progress: number | null; state: IndicatorState;
  source: 'computed' | 'entered' | 'imported' | 'registry'; direction: 'higher' | 'lower'; cumulative: boolean; decimals: number; headline: boolean;
  expected: number; elapsed: number; period: string | null; previous: number | null; yoy: number | null;
}
export interface Summary {
  elapsed: number; completion: number | null;
  doubleHalf: { reached: boolean; timeHalf: boolean; judged: number; behind: string[]; pending: string[] };
  fullYearRed: { reached: boolean; yearEnded: boolean; judged: number; behind: string[] };
  states: { green: number; amber: number; red: number; pending: number };
  /** the region's overall state: the colour its ranking row has too */
  overall: { completion: number | null; expected: number | null; state: IndicatorState };
}
export interface RegionValues {
  region: { code: string; name: string }; year: number; period: string | null; asOf: string; items: IndicatorItem[]; summary: Summary; rule: string;
  /** which records the computed figures count (confirmed statistics only, …) */
  basis: string;
  children?: { regionCode: string; regionName: string; items: IndicatorItem[]; summary: Summary }[];
}
export interface RankingRow {
  regionCode: string; regionName: string; value: number | null; target: number | null; progress: number | null; state: IndicatorState | null;
  rank: number | null; previousRank: number | null; rankChange: number | null; previousValue: number | null; change: number | null;
  previousProgress: number | null; progressChange: number | null;
}
export interface Ranking { indicator: string; by: string; name: string; unit: string; asOf: string; previousAsOf: string; items: RankingRow[] }
export interface Trend { years: number[]; items: { code: string; name: string; unit: string; points: { year: number; value: number | null; target: number | null }[] }[] }
export interface OverdueItem { kind: 'milestone' | 'task'; taskId: number; taskTitle: string; title: string; owner: string; leadDepartment: string; dueOn: string; regionName: string; daysOverdue: number }
export interface ListCounts { open: number; closed: number; overdue: number; high: number }
export interface Dashboard {
  values: RegionValues; ranking: Ranking; trend: Trend;
  tasks: { tasks: number; done: number; averageProgress: number; overdue: number };
  overdue: OverdueItem[]; lists: Record<'risk' | 'problem' | 'responsibility', ListCounts>;
}
export interface Milestone { id: number; title: string; owner: string | null; dueOn: string; doneOn: string | null; version: number; overdue: boolean }
export interface TaskRow {
  id: number; regionCode: string; regionName: string; year: number; plan: string | null; title: string; description: string | null; leadDepartment: string;
  owner: string; dueOn: string; progress: number; status: 'active' | 'done'; version: number; milestones: number; milestonesDone: number;
  overdueMilestones: number; nextMilestone: { title: string; dueOn: string } | null; overdue: boolean;
}
export interface TaskDetail extends TaskRow {
  milestoneList: Milestone[];
  reports: { id: number; reportedOn: string; text: string; progress: number; reporter: string | null; attachments: { id: number; fileName: string; size: number }[] }[];
}
export interface ListItem {
  id: number; regionCode: string; regionName: string; year: number; list: 'risk' | 'problem' | 'responsibility'; title: string; detail: string | null;
  level: 'high' | 'medium' | 'low' | null; measure: string | null; owner: string; deadline: string | null; evidence: string | null; status: 'open' | 'in_progress' | 'closed';
  closeReason: string | null; version: number; overdue: boolean;
}
export interface TargetRow { indicatorCode: string; name: string; unit: string; target: number | null; note: string | null; version: number }
export interface EntryRow { indicatorCode: string; period: string; value: number; source: string; note: string | null; version: number }
export interface CatalogueItem { code: string; name: string; unit: string; source: 'computed' | 'entered' | 'imported'; decimals: number }
export interface TaskInput {
  regionCode: string; year: number; plan?: string | null; title: string; description?: string | null; leadDepartment: string; owner: string; dueOn: string;
  milestones?: MilestoneInput[];
}
export interface MilestoneInput { title: string; owner?: string | null; dueOn: string }
export interface ItemInput {
  regionCode: string; year: number; list: ListItem['list']; title: string; detail?: string | null; level?: ListItem['level']; measure?: string | null;
  owner: string; deadline?: string | null; evidence?: string | null;
}
export interface EntryInput { region: string; indicator: string; year: number; period: string; value: number | null; note?: string | null; version: number }

type Q = { region?: string; year?: number; period?: string };

export const indicatorApi = {
  dashboard: (q: Q) => api.get<Dashboard>('/indicators/dashboard', q),
  values: (q: Q & { breakdown?: 'children' }) => api.get<RegionValues>('/indicators/values', q),
  ranking: (q: Q & { indicator: string; by: 'value' | 'progress' }) => api.get<Ranking>('/indicators/ranking', q),
  report: (q: Q, format: 'xlsx' | 'docx') => download('/indicators/report', { ...q, format }, `report.${format}`),
  tasks: (q: ListQuery) => api.get<Page<TaskRow>>('/indicators/tasks', q),
  task: (id: number) => api.get<TaskDetail>(`/indicators/tasks/${id}`),
  createTask: (body: TaskInput) => api.post<TaskDetail>('/indicators/tasks', body),
  updateTask: (id: number, body: Partial<Omit<TaskInput, 'regionCode' | 'year' | 'milestones'>> & { version: number }) =>
    api.patch<TaskDetail>(`/indicators/tasks/${id}`, body),
  addMilestone: (id: number, body: MilestoneInput) => api.post<TaskDetail>(`/indicators/tasks/${id}/milestones`, body),
  attach: (id: number, reportId: number, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api.upload<{ id: number; fileName: string; size: number }>(`/indicators/tasks/${id}/reports/${reportId}/attachments`, form);
  },
  report_: (id: number, body: { text: string; progress: number }) => api.post<{ id: number; task: TaskDetail }>(`/indicators/tasks/${id}/reports`, body),
  milestoneDone: (id: number, milestoneId: number, doneOn: string | null, version: number) =>
    api.post<TaskDetail>(`/indicators/tasks/${id}/milestones/${milestoneId}/done`, { doneOn, version }),
  lists: (q: ListQuery) => api.get<Page<ListItem>>('/indicators/lists', q),
  createItem: (body: ItemInput) => api.post<ListItem>('/indicators/lists', body),
  moveItem: (id: number, action: 'start' | 'close' | 'reopen', body: { version: number; reason?: string; evidence?: string }) =>
    api.post<ListItem>(`/indicators/lists/${id}/${action}`, body),
  targets: (q: Q) => api.get<{ items: TargetRow[] }>('/indicators/targets', q),
  setTarget: (body: { region: string; year: number; indicator: string; target: number | null; version: number }) =>
    api.put<{ target: number | null; version: number }>('/indicators/targets', body),
  entries: (q: Q & { indicator?: string }) => api.get<{ items: EntryRow[] }>('/indicators/entries', q),
  saveEntry: (body: EntryInput) => api.put<{ value: number | null; version: number }>('/indicators/entries', body),
  catalogue: () => api.get<{ items: CatalogueItem[] }>('/indicators/catalogue'),
  template: () => download('/indicators/entries/template', undefined, 'template.xlsx'),
  importEntries: (file: File, query = '') => {
    const form = new FormData();
    form.append('file', file);
    return api.upload<{ rows: number; created: number; updated: number }>(`/indicators/entries/import${query ? `?${query}` : ''}`, form);
  },
};

export const STATE_COLORS: Record<IndicatorState, string> = { green: '#52c41a', amber: '#faad14', red: '#f5222d', none: '#bfbfbf' };

/** A value rounded to the indicator's decimals, with thousands separators. */
export function formatValue(value: number | null, decimals: number): string {
  if (value === null) return '—';
  return value.toLocaleString('zh-CN', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** Progress as the reports show it: percent to 0.1. */
export const progressPct = (p: number | null) => (p === null ? null : Math.round(p * 1000) / 10);

/** The dashboard's query, shared by the page and the prefetch of a dashboard opened directly (routes.tsx). */
export function dashboardQuery(q: { region?: string; year: number; period?: string }) {
  // fresh for a minute, so that the page does not fetch again what was prefetched for it a moment
  // ago; edits of this app invalidate ['indicators'] at once
  return { queryKey: ['indicators', 'dashboard', q] as const, queryFn: () => indicatorApi.dashboard(q), staleTime: 60_000 };
}
