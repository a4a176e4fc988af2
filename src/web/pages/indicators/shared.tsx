// Shared bits of the indicator pages: the region / year / period filter bar.
import { Select, Space, TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useAuth } from '../../auth/AuthContext';
import { useScopedRegions } from '../../components/useRegions';

/** The regions the user may look at (staff their own subtree, admins everything) and where to start. */
export function useIndicatorRegions() {
  const { user } = useAuth();
  const { scopedTree, scopedOptions } = useScopedRegions();
  return { options: scopedOptions, defaultCode: user?.regionCode ?? scopedTree[0]?.code };
}

export const PERIOD_VALUES = ['', 'Y', 'Q1', 'Q2', 'Q3', 'Q4', ...Array.from({ length: 12 }, (_, i) => `M${String(i + 1).padStart(2, '0')}`)];

export function periodLabel(t: TFunction, p: string): string {
  if (!p) return t('indicators.periodNow');
  if (p === 'Y') return t('indicators.periodY');
  if (p.startsWith('Q')) return t('indicators.periodQ', { n: Number(p.slice(1)) });
  return t('indicators.periodM', { n: Number(p.slice(1)) });
}

export function FilterBar({ region, year, period, onChange, withPeriod = true }: {
  region?: string; year: number; period?: string; withPeriod?: boolean;
  onChange: (next: { region?: string; year?: number; period?: string }) => void;
}) {
  const { t } = useTranslation();
  const { options } = useIndicatorRegions();
  const thisYear = new Date().getFullYear();
  return (
    <Space wrap>
      <TreeSelect aria-label={t('indicators.region')} style={{ width: 200 }} treeData={options} value={region} treeDefaultExpandAll
        onChange={(v) => onChange({ region: v })} placeholder={t('indicators.region')} />
      <Select aria-label={t('indicators.year')} style={{ width: 110 }} value={year} onChange={(v) => onChange({ year: v })}
        options={[thisYear - 3, thisYear - 2, thisYear - 1, thisYear].map((y) => ({ value: y, label: `${y}` }))} />
      {withPeriod && (
        <Select aria-label={t('indicators.period')} style={{ width: 130 }} value={period ?? ''} onChange={(v) => onChange({ period: v })}
          options={PERIOD_VALUES.map((p) => ({ value: p, label: periodLabel(t, p) }))} />
      )}
    </Space>
  );
}
