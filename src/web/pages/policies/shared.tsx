// Pieces shared by the policy pages and the public portal.
import { Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { policyApi, type PolicyLevel, type PolicyStatus } from './api';

const STATUS_COLORS: Record<PolicyStatus, string> = { draft: 'default', in_force: 'green', amended: 'orange', repealed: 'red', expired: 'default' };
const LEVEL_COLORS: Record<PolicyLevel, string> = { national: 'red', provincial: 'volcano', city: 'blue', county: 'cyan' };

export function StatusTag({ status }: { status: PolicyStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLORS[status]} bordered={false}>{t(`policies.status.${status}`)}</Tag>;
}

export function LevelTag({ level }: { level: PolicyLevel }) {
  const { t } = useTranslation();
  return <Tag color={LEVEL_COLORS[level]} bordered={false}>{t(`policies.level.${level}`)}</Tag>;
}

/** Text the server highlighted: HTML-escaped there, with <em> around the matches. */
export function Highlighted({ html, style }: { html: string; style?: React.CSSProperties }) {
  return <span className="kc-highlight" style={style} dangerouslySetInnerHTML={{ __html: html }} />;
}

export function useCategories() {
  const { i18n } = useTranslation();
  const query = useQuery({ queryKey: ['policy-categories'], queryFn: policyApi.categories, staleTime: 300_000 });
  const items = query.data?.items ?? [];
  const name = (code: string) => {
    const c = items.find((x) => x.code === code);
    return c ? (i18n.language === 'en' && c.nameEn ? c.nameEn : c.name) : code;
  };
  return { items, name, options: items.filter((c) => c.active).map((c) => ({ value: c.code, label: name(c.code) })) };
}

export const highlightCss = `.kc-highlight em { font-style: normal; color: #cf1322; background: #fff1f0; padding: 0 1px; border-radius: 2px; }`;
