// Shared bits of the 创新平台 pages: names of types, levels and statuses in the UI's language (from
// src/domain/platforms.ts), their tags, a metric's value with its unit (money in 万元).
import { useMemo } from 'react';
import { useAuth } from '../../auth/AuthContext';
import { Tag } from 'antd';
import {
  APPLICATION_STATUS_NAMES, decidingRegionLevel, LEVEL_NAMES, PLATFORM_LEVELS, PLATFORM_STATUS_NAMES, PLATFORM_STATUSES, PLATFORM_TYPES, APPLICATION_STATUSES,
  type PlatformApplicationStatus, type PlatformLevel, type PlatformStatus,
} from '../../../domain/platforms';
import { useLang, wanText } from '../market/shared';
import type { Metric } from './api';

export { chinaTime, todayInChina, useApiError, useFieldEnum, useFieldName, useLang, useListTableChrome, useMarketFieldOptions, useRegionFilterColumn, useWide, OrgPicker } from '../market/shared';

export function usePlatformNames() {
  const lang = useLang();
  const i = lang === 'en' ? 1 : 0;
  return useMemo(() => ({
    typeName: (code: string) => { const x = PLATFORM_TYPES.find((p) => p.code === code); return x ? (i ? x.en : x.zh) : code; },
    levelName: (level: string) => LEVEL_NAMES[level as PlatformLevel]?.[i] ?? level,
    statusName: (s: string) => PLATFORM_STATUS_NAMES[s as PlatformStatus]?.[i] ?? s,
    applicationStatusName: (s: string) => APPLICATION_STATUS_NAMES[s as PlatformApplicationStatus]?.[i] ?? s,
    typeOptions: PLATFORM_TYPES.map((p) => ({ value: p.code, label: i ? p.en : p.zh })),
    levelOptions: PLATFORM_LEVELS.map((l) => ({ value: l, label: LEVEL_NAMES[l][i] })),
    typeEnum: Object.fromEntries(PLATFORM_TYPES.map((p) => [p.code, { text: i ? p.en : p.zh }])),
    levelEnum: Object.fromEntries(PLATFORM_LEVELS.map((l) => [l, { text: LEVEL_NAMES[l][i] }])),
    statusEnum: Object.fromEntries(PLATFORM_STATUSES.map((s) => [s, { text: PLATFORM_STATUS_NAMES[s][i] }])),
    applicationStatusEnum: Object.fromEntries(APPLICATION_STATUSES.filter((s) => s !== 'draft').map((s) => [s, { text: APPLICATION_STATUS_NAMES[s][i] }])),
  }), [i]);
}

const STATUS_COLORS: Record<PlatformStatus, string> = { preparing: 'default', certified: 'success', rectifying: 'warning', revoked: 'error' };
export function PlatformStatusTag({ status }: { status: PlatformStatus }) {
  const { statusName } = usePlatformNames();
  return <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }} data-testid="platform-status">{statusName(status)}</Tag>;
}

const LEVEL_COLORS: Record<PlatformLevel, string> = { national: 'red', provincial: 'blue', city: 'cyan' };
export function LevelTag({ level }: { level: PlatformLevel }) {
  const { levelName } = usePlatformNames();
  return <Tag color={LEVEL_COLORS[level]} style={{ marginInlineEnd: 0 }}>{levelName(level)}</Tag>;
}

const APPLICATION_COLORS: Record<PlatformApplicationStatus, string> = {
  draft: 'default', submitted: 'processing', returned: 'warning', recommended: 'processing', formal_passed: 'cyan', under_review: 'blue', reviewed: 'geekblue',
  certified: 'success', refused: 'error', withdrawn: 'default',
};
export function ApplicationStatusTag({ status }: { status: PlatformApplicationStatus }) {
  const { applicationStatusName } = usePlatformNames();
  return <Tag color={APPLICATION_COLORS[status]} style={{ marginInlineEnd: 0 }} data-testid="application-status">{applicationStatusName(status)}</Tag>;
}

/** A metric's name with its unit as shown (money in 万元). */
export function useMetricLabel() {
  const lang = useLang();
  return (m: Metric) => {
    const unit = m.kind === 'money' ? (lang === 'en' ? '10k yuan' : '万元') : lang === 'en' ? m.unitEn : m.unitZh;
    return `${lang === 'en' ? m.nameEn : m.nameZh}（${unit}）`;
  };
}

/** A metric's value as shown: money in 万元 with two decimals, counts as they are. */
export function metricText(m: Metric, v: number | null | undefined): string {
  if (v == null) return '—';
  return m.kind === 'money' ? wanText(v) : v.toLocaleString('zh-CN');
}

/**
 * Whether the signed-in user acts for the level that certifies a platform of `level` (admins; the
 * province's staff; a city's staff for city platforms): the formal check, the panel, the decision,
 * 整改 and 撤销. Only to hide buttons — the server decides for real.
 */
export function useCertifying(level: PlatformLevel | undefined): boolean {
  const { user } = useAuth();
  if (!level || !user) return false;
  if (user.role === 'admin') return true;
  if (user.role !== 'staff' || !user.regionCode) return false;
  const mine = user.regionCode.endsWith('0000') ? 1 : user.regionCode.endsWith('00') ? 2 : 3;
  return mine <= decidingRegionLevel(level);
}
