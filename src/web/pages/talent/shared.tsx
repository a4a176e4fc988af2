// Shared bits of the 人才库 pages: category, kind, level and status words (from src/domain/talent.ts,
// as the server and the Excel write them), their tags, and a picker over the expert registry.
import { useMemo, useState } from 'react';
import { Select, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { BASE_LEVEL_WORDS, BASE_LEVELS, CATEGORY_WORDS, FLEXIBLE_KINDS, FLEXIBLE_WORDS, STATUS_WORDS, TALENT_CATEGORIES, TALENT_STATUSES,
  type BaseLevel, type FlexibleKind, type TalentCategory, type TalentStatus } from '../../../domain/talent';
import { expertApi } from '../projects/api';

export { OrgPicker, useApiError, useMoney, useWide } from '../projects/shared';
export { useListTableChrome, useRegionFilterColumn } from '../market/shared';

/** Words in the UI's language: w(CATEGORY_WORDS.leading). */
export function useWords() {
  const { i18n } = useTranslation();
  const i = i18n.language === 'en' ? 1 : 0;
  return useMemo(() => {
    const w = (words: readonly [string, string]) => words[i];
    return {
      category: (c: TalentCategory) => w(CATEGORY_WORDS[c]),
      kind: (k: FlexibleKind) => w(FLEXIBLE_WORDS[k]),
      level: (l: BaseLevel) => w(BASE_LEVEL_WORDS[l]),
      status: (s: TalentStatus) => w(STATUS_WORDS[s]),
      categoryEnum: Object.fromEntries(TALENT_CATEGORIES.map((c) => [c, { text: w(CATEGORY_WORDS[c]) }])),
      kindEnum: Object.fromEntries(FLEXIBLE_KINDS.map((k) => [k, { text: w(FLEXIBLE_WORDS[k]) }])),
      levelEnum: Object.fromEntries(BASE_LEVELS.map((l) => [l, { text: w(BASE_LEVEL_WORDS[l]) }])),
      statusEnum: Object.fromEntries(TALENT_STATUSES.map((s) => [s, { text: w(STATUS_WORDS[s]), status: s === 'active' ? 'Success' : 'Default' }])),
      categoryOptions: TALENT_CATEGORIES.map((c) => ({ value: c, label: w(CATEGORY_WORDS[c]) })),
      kindOptions: FLEXIBLE_KINDS.map((k) => ({ value: k, label: w(FLEXIBLE_WORDS[k]) })),
      levelOptions: BASE_LEVELS.map((l) => ({ value: l, label: w(BASE_LEVEL_WORDS[l]) })),
      statusOptions: TALENT_STATUSES.map((s) => ({ value: s, label: w(STATUS_WORDS[s]) })),
    };
  }, [i]);
}

const CATEGORY_COLORS: Record<TalentCategory, string> = { leading: 'gold', team: 'purple', flexible: 'blue', three_regions: 'green', local: 'cyan' };

/** 柔性引进 shows its kind (候鸟型专家 …); the others their category. */
export function CategoryTag({ category, kind }: { category: TalentCategory; kind: FlexibleKind | null }) {
  const words = useWords();
  return <Tag color={CATEGORY_COLORS[category]} style={{ marginInlineEnd: 0 }}>{kind ? words.kind(kind) : words.category(category)}</Tag>;
}

export function StatusTag({ status }: { status: TalentStatus }) {
  const words = useWords();
  return <Tag color={status === 'active' ? 'success' : 'default'} style={{ marginInlineEnd: 0 }}>{words.status(status)}</Tag>;
}

/** People of the expert registry, searched by name (one or many). */
export function ExpertPicker({ value, onChange, multiple, initial = [] }: {
  value?: number | number[] | null; onChange?: (v: any) => void; multiple?: boolean; initial?: { id: number; name: string }[];
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const found = useQuery({ queryKey: ['talent', 'expert-pick', q], queryFn: () => expertApi.list({ q: q || undefined, pageSize: 20 }), staleTime: 60_000 });
  const options = useMemo(() => {
    const seen = new Map<number, string>(initial.map((x) => [x.id, x.name]));
    for (const x of found.data?.items ?? []) seen.set(x.id, `${x.name} · ${x.orgName}`);
    return [...seen].map(([id, label]) => ({ value: id, label }));
  }, [found.data, initial]);
  return (
    <Select mode={multiple ? 'multiple' : undefined} allowClear showSearch filterOption={false} onSearch={setQ} value={value ?? undefined} onChange={onChange}
      options={options} loading={found.isFetching} placeholder={t('talent.list.expertSearch')} style={{ width: '100%' }} data-testid="expert-picker" />
  );
}

/** The years a list can be asked about: this one and four before. */
export function yearOptions(): { value: number; label: string }[] {
  const now = new Date().getFullYear();
  return Array.from({ length: 5 }, (_, i) => ({ value: now - i, label: String(now - i) }));
}
