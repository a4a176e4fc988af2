// Pieces shared by the enterprise pages: tier tags, status tags, number formats, filter options.
import { useMemo } from 'react';
import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { INDUSTRY_DIVISIONS, INDUSTRY_SECTIONS } from '../../../domain/industries';
import { wanText } from '../../../domain/money';
import { DIRECT_QUALIFICATIONS, HIGHTECH_FIELDS, HIGHTECH_FIELD_EN, type HightechField } from '../../../domain/eligibility/types';
import type { StatStatus, Tier } from '../../api/types';

export const TIER_COLORS: Record<Tier, string> = {
  tech_sme: 'blue',
  provincial_innovative: 'cyan',
  high_tech: 'volcano',
  candidate: 'default',
};

/** Display order: from the highest tier down. */
export const TIER_ORDER: Tier[] = ['high_tech', 'provincial_innovative', 'tech_sme', 'candidate'];

export function TierTag({ tier }: { tier: Tier }) {
  const { t } = useTranslation();
  return (
    <Tag color={TIER_COLORS[tier]} style={{ marginInlineEnd: 0 }}>
      {t(`enterprises.tier.${tier}`)}
    </Tag>
  );
}

export function TierTags({ tiers, vertical }: { tiers: Tier[]; vertical?: boolean }) {
  const { t } = useTranslation();
  if (!tiers.length) return <>{t('common.none')}</>;
  const sorted = [...tiers].sort((a, b) => TIER_ORDER.indexOf(a) - TIER_ORDER.indexOf(b));
  return (
    <Space size={4} wrap direction={vertical ? 'vertical' : 'horizontal'}>
      {sorted.map((tier) => (
        <TierTag key={tier} tier={tier} />
      ))}
    </Space>
  );
}

export const STAT_STATUS_COLORS: Record<StatStatus, string> = { draft: 'default', submitted: 'processing', confirmed: 'success', returned: 'error' };

export function StatStatusTag({ status }: { status: StatStatus }) {
  const { t } = useTranslation();
  return <Tag color={STAT_STATUS_COLORS[status]}>{t(`enterprises.stats.status_.${status}`)}</Tag>;
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** 12,345,678 */
export function formatInt(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : integer.format(value);
}

/** yuan → 万元 with up to two decimals: 1,234.57 */
export function toWan(yuan: number): number {
  return Math.round(yuan / 100) / 100;
}

/** The figure of a 万元 column (the header carries the unit): the one money format, domain/money.ts. */
export function formatWan(yuan: number | null | undefined): string {
  if (yuan === null || yuan === undefined) return '—';
  return wanText(yuan);
}

/** a / b as a percentage with one decimal, or null when b is 0. */
export function ratioPct(a: number, b: number): number | null {
  return b > 0 ? Math.round((a / b) * 1000) / 10 : null;
}

// the statistics field groups live with the form's rules (stat-form.ts, unit-tested without React);
// a new year starts empty there (toFormValues), never pre-filled with 0
export { ASSET_KEYS, COMPLIANCE_KEYS, FLAG_KEYS, FOUR_HAS_KEYS, IP_KEYS, MONEY_KEYS, NUMBER_KEYS, STAFF_KEYS } from './stat-form';

/** Options of the 高新技术领域 select (value = the Chinese name the API stores). */
export function useHightechFieldOptions() {
  const { t, i18n } = useTranslation();
  return useMemo(
    () =>
      HIGHTECH_FIELDS.map((name) => ({
        value: name,
        label: i18n.language === 'en' ? HIGHTECH_FIELD_EN[name as HightechField] : name,
      })),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [i18n.language, t],
  );
}

export function hightechFieldLabel(name: string | null | undefined, language: string): string | null {
  if (!name) return null;
  return language === 'en' ? HIGHTECH_FIELD_EN[name as HightechField] ?? name : name;
}

/** GB/T 4754 divisions grouped by section, value like 'C39' (the list filter matches by prefix). */
export const INDUSTRY_OPTIONS = Object.entries(INDUSTRY_SECTIONS).map(([section, name]) => ({
  label: `${section} ${name}`,
  title: `${section} ${name}`,
  options: INDUSTRY_DIVISIONS.filter((d) => d.section === section).map((d) => ({ value: `${section}${d.code}`, label: `${section}${d.code} ${d.name}` })),
}));

export function useDirectQualificationOptions() {
  const { t } = useTranslation();
  return DIRECT_QUALIFICATIONS.map((code) => ({ value: code, label: t(`enterprises.direct.${code}`) }));
}

export { useScopedRegions } from '../../components/useRegions';

/** The message of any error thrown by the API client. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
