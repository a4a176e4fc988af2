// Shared bits of the 科技大市场 pages: the field dictionary and contract types in the UI's language,
// status tags, maturity, money in 万元 (the helpers of 项目管理), and a score bar.
import { useMemo } from 'react';
import type { ProColumns } from '@ant-design/pro-components';
import { Progress, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { FIELDS, fieldName } from '../../../domain/fields';
import { wanText } from '../../../domain/money';
import { CONTRACT_SUB_TYPE_NAMES, CONTRACT_TYPE_NAMES, CONTRACT_TYPES, type ContractType } from '../../../domain/tech-contracts';
import { useScopedRegions } from '../../components/useRegions';
import { useWide as useWideLayout } from '../projects/shared';
import type { AnswerStatus, ContractStatus, EvaluationStatus, EventStatus, ListingStatus } from './api';

export { wanText };
export { FROM_MD, chinaTime, dateOnly, fromChinaInstant, toChinaInstant, todayInChina, useApiError, useMoney, useWide, wanToYuan, yuanToWan, OrgPicker } from '../projects/shared';

export function useLang(): 'zh-CN' | 'en' {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

/** The market's field codes with their names in the UI's language. */
export function useFieldName() {
  const lang = useLang();
  return (code: string | null | undefined) => (code ? fieldName(code, lang) : '—');
}

export function useMarketFieldOptions() {
  const lang = useLang();
  return useMemo(() => FIELDS.map((f) => ({ value: f.code, label: lang === 'en' ? f.en : f.zh })), [lang]);
}

/** valueEnum of ProTable for the fields. */
export function useFieldEnum() {
  const lang = useLang();
  return useMemo(() => Object.fromEntries(FIELDS.map((f) => [f.code, { text: lang === 'en' ? f.en : f.zh }])), [lang]);
}

export function useContractTypes() {
  const lang = useLang();
  const i = lang === 'en' ? 1 : 0;
  return useMemo(() => ({
    typeName: (type: string) => CONTRACT_TYPE_NAMES[type as ContractType]?.[i] ?? type,
    subTypeName: (sub: string | null | undefined) => (sub ? CONTRACT_SUB_TYPE_NAMES[sub]?.[i] ?? sub : ''),
    typeOptions: CONTRACT_TYPES.map((type) => ({ value: type, label: CONTRACT_TYPE_NAMES[type][i] })),
  }), [i]);
}

/** TRL with its stage: 6 → "TRL 6 · 中试". */
export function useMaturity() {
  const { t } = useTranslation();
  return (trl: number | null | undefined) => {
    if (trl == null) return '—';
    const stage = trl <= 3 ? 'lab' : trl <= 5 ? 'pilot' : trl <= 7 ? 'trial' : 'industrial';
    return `TRL ${trl} · ${t(`market.maturity.${stage}`)}`;
  };
}

const LISTING_COLORS: Record<ListingStatus, string> = {
  draft: 'default', submitted: 'processing', published: 'success', transferred: 'purple', withdrawn: 'default', closed: 'default',
};
export function ListingStatusTag({ status }: { status: ListingStatus }) {
  const { t } = useTranslation();
  return <Tag color={LISTING_COLORS[status]} style={{ marginInlineEnd: 0 }}>{t(`market.status.${status}`)}</Tag>;
}

const ANSWER_COLORS: Record<AnswerStatus, string> = { submitted: 'processing', shortlisted: 'blue', rejected: 'default', picked: 'success', withdrawn: 'default' };
export function AnswerStatusTag({ status }: { status: AnswerStatus }) {
  const { t } = useTranslation();
  return <Tag color={ANSWER_COLORS[status]} style={{ marginInlineEnd: 0 }}>{t(`market.answer.status.${status}`)}</Tag>;
}

const EVALUATION_COLORS: Record<EvaluationStatus, string> = { requested: 'warning', experts_assigned: 'processing', scored: 'blue', concluded: 'success', withdrawn: 'default' };
export function EvaluationStatusTag({ status }: { status: EvaluationStatus }) {
  const { t } = useTranslation();
  return <Tag color={EVALUATION_COLORS[status]} style={{ marginInlineEnd: 0 }}>{t(`market.evaluation.status.${status}`)}</Tag>;
}

const EVENT_COLORS: Record<EventStatus, string> = { draft: 'default', open: 'success', held: 'blue', closed: 'default' };
export function EventStatusTag({ status }: { status: EventStatus }) {
  const { t } = useTranslation();
  return <Tag color={EVENT_COLORS[status]} style={{ marginInlineEnd: 0 }}>{t(`market.docking.status.${status}`)}</Tag>;
}

const CONTRACT_COLORS: Record<ContractStatus, string> = { submitted: 'processing', returned: 'warning', accepted: 'success', refused: 'error' };
export function ContractStatusTag({ status }: { status: ContractStatus }) {
  const { t } = useTranslation();
  return <Tag color={CONTRACT_COLORS[status]} style={{ marginInlineEnd: 0 }}>{t(`market.contract.status.${status}`)}</Tag>;
}

/** Days from today (China) to a due day: negative when overdue. */
export function daysUntil(day: string, today: string): number {
  return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** A match's score, 0–100, as a bar with the number. */
export function ScoreBar({ score }: { score: number }) {
  const color = score >= 70 ? '#52c41a' : score >= 40 ? '#1677ff' : '#faad14';
  return <Progress percent={Math.round(score)} size="small" strokeColor={color} format={(p) => `${p}`} style={{ margin: 0, minWidth: 90 }} data-testid="score-bar" />;
}

/** A range of yuan as 万元: "10.00–50.00 万元", or one end. */
export function useRange() {
  const { t } = useTranslation();
  return (min: number | null | undefined, max: number | null | undefined) => {
    const w = wanText;
    if (min == null && max == null) return t('market.common.negotiable');
    if (min != null && max != null) return `${w(min)}–${w(max)} ${t('market.common.wan')}`;
    return min != null ? `≥ ${w(min)} ${t('market.common.wan')}` : `≤ ${w(max!)} ${t('market.common.wan')}`;
  };
}

/**
 * What every list of the market sets on its ProTable alike: the filter form's columns, paging with the total,
 * the table's own options on a wide screen only, sideways scroll inside the table.
 */
export function useListTableChrome() {
  const { t } = useTranslation();
  const wide = useWideLayout();
  return {
    search: { labelWidth: 'auto' as const, span: { xs: 24, sm: 12, md: 8, lg: 8, xl: 6, xxl: 6 } },
    pagination: { defaultPageSize: 20, showSizeChanger: true, showTotal: (total: number) => t('common.total', { total }) },
    options: wide ? { density: true, reload: true, setting: true } : (false as const),
    scroll: { x: 'max-content' as const },
  };
}

/** The staff's filter by region of their subtree (hidden in the table; nothing for others). */
export function useRegionFilterColumn<T>(staff: boolean): ProColumns<T>[] {
  const { t } = useTranslation();
  const regions = useScopedRegions();
  return staff ? [{ title: t('market.common.region'), dataIndex: 'regionCode', valueType: 'treeSelect', hideInTable: true,
    fieldProps: { treeData: regions.scopedOptions, showSearch: true, treeNodeFilterProp: 'title', treeDefaultExpandAll: true } }] : [];
}

