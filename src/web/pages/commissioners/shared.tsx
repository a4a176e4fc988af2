// Shared bits of the 科技特派员 pages: status tags, service-type names, the day in China, and the
// place of a log or a dispatch target as people read it (乡镇 · 村, or the organisation).
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DispatchStatus, DispatchTarget, LogStatus, Rating, ServiceLog } from './api';

export { useApiError, useWide, FROM_MD, todayInChina, OrgPicker } from '../projects/shared';
export { useListTableChrome, useRegionFilterColumn } from '../market/shared';

const DISPATCH_COLORS: Record<DispatchStatus, string> = { proposed: 'warning', active: 'success', ended: 'default', cancelled: 'default' };
export function DispatchStatusTag({ status }: { status: DispatchStatus }) {
  const { t } = useTranslation();
  return <Tag color={DISPATCH_COLORS[status]} style={{ marginInlineEnd: 0 }}>{t(`commissioners.dispatchStatus.${status}`)}</Tag>;
}

export function LogStatusTag({ status }: { status: LogStatus }) {
  const { t } = useTranslation();
  return <Tag color={status === 'confirmed' ? 'success' : 'processing'} style={{ marginInlineEnd: 0 }}>{t(`commissioners.logStatus.${status}`)}</Tag>;
}

const RATING_COLORS: Record<Rating, string> = { excellent: 'success', good: 'blue', pass: 'default', fail: 'error' };
export function RatingTag({ rating }: { rating: Rating | null | undefined }) {
  const { t } = useTranslation();
  if (!rating) return <>—</>;
  return <Tag color={RATING_COLORS[rating]} style={{ marginInlineEnd: 0 }}>{t(`commissioners.rating.${rating}`)}</Tag>;
}

/** "车道镇 · 车道村", or the organisation's name. */
export function placeOf(p: Pick<DispatchTarget, 'villageName' | 'townshipName' | 'orgName' | 'villageCode'> | Pick<ServiceLog, 'villageName' | 'townshipName' | 'orgName' | 'villageCode'>): string {
  if (p.villageName || p.villageCode) return [p.townshipName, p.villageName ?? p.villageCode].filter(Boolean).join(' · ');
  return p.orgName ?? '—';
}

/** Suggestions for a commissioner's fields (free words are allowed too). */
export const FIELD_SUGGESTIONS = ['中药材', '玉米', '小杂粮', '马铃薯', '苹果', '黄花菜', '设施蔬菜', '畜牧养殖', '肉羊', '中蜂', '林果', '土壤改良', '农机', '农产品加工', '电子商务'];
