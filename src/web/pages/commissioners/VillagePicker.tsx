// Villages of a county to pick for a dispatch: a tree of its townships (乡镇) and their villages
// (村/社区), checked by village or a whole township at once; the value is the villages' 12-digit codes.
import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { countyVillages } from './api';

export default function VillagePicker({ county, value, onChange }: { county?: string; value?: string[]; onChange?: (codes: string[]) => void }) {
  const { t } = useTranslation();
  const towns = useQuery({ queryKey: ['commissioners', 'county-villages', county], queryFn: () => countyVillages(county!), enabled: !!county, staleTime: 10 * 60_000 });
  const treeData = useMemo(() => (towns.data ?? []).map((town) => ({
    // a township is a folder here: its code is only a handle for "all of its villages"
    value: `t:${town.code}`, title: town.name, key: `t:${town.code}`,
    children: town.villages.map((v) => ({ value: v.code, title: v.name, key: v.code })),
  })), [towns.data]);
  return (
    <TreeSelect treeData={treeData} value={value} onChange={(codes: string[]) => onChange?.(codes.filter((c) => !c.startsWith('t:')))}
      treeCheckable showCheckedStrategy={TreeSelect.SHOW_CHILD} showSearch treeNodeFilterProp="title" loading={towns.isFetching}
      disabled={!county} maxTagCount="responsive" placeholder={t('commissioners.staff.villagePicker')} style={{ width: '100%' }}
      data-testid="village-picker" />
  );
}
