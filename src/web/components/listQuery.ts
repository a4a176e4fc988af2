// Turns ProTable's request arguments into the API's list query.
import type { SortOrder } from 'antd/es/table/interface';
import type { ListQuery } from '../api';

export function toListQuery(
  params: Record<string, unknown> & { current?: number; pageSize?: number },
  sort: Record<string, SortOrder> | undefined,
  rename: Record<string, string> = {},
): ListQuery {
  const { current, pageSize, ...filters } = params;
  const query: ListQuery = { page: current ?? 1, pageSize: pageSize ?? 20 };
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined || value === null || value === '') continue;
    if (typeof value === 'object') continue; // ranges are mapped by the page itself
    query[rename[key] ?? key] = String(value).trim();
  }
  const sorted = Object.entries(sort ?? {}).find(([, order]) => order);
  if (sorted) query.sort = sorted[1] === 'ascend' ? sorted[0] : `-${sorted[0]}`;
  return query;
}

/** 2026-05-01 08:30:00 (or without seconds when `short`). */
export function formatDateTime(value: string | null | undefined, short = false): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}`;
  return short ? `${day} ${time}` : `${day} ${time}:${pad(date.getSeconds())}`;
}
