// Shared bits of the indicator pages: the region / year / period filter bar, server errors on forms.
import { App, Select, Space, TreeSelect } from 'antd';
import type { FormInstance } from 'antd/es/form';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { isApiError } from '../../api';
import { applyFieldErrors } from '../../components/rules';
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

/** Today in China (UTC+8) as YYYY-MM-DD. */
export const todayInChina = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * What a form's onFinish does with a failed request: 409 STALE_VERSION → the message, the latest
 * data reloaded and the form closed (true); `fields` onto the form's fields, else the message (false).
 */
export function useFormError() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (error: unknown, form: FormInstance | undefined, known: string[], onStale?: () => void): boolean => {
    if (!isApiError(error)) throw error;
    if (error.code === 'STALE_VERSION') {
      message.error(error.message);
      message.info(t('indicators.staleReloaded'));
      onStale?.();
      return true;
    }
    if (!form || !applyFieldErrors(form as FormInstance<Record<string, unknown>>, error.fields, known)) message.error(error.message);
    return false;
  };
}
