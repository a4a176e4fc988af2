import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { regionApi } from '../api';
import { buildRegionTree, regionOptions } from './regionTree';

export const REGIONS_KEY = ['regions'] as const;

/** The public region list, its tree and ready-made select options. */
export function useRegions() {
  const query = useQuery({ queryKey: REGIONS_KEY, queryFn: async () => (await regionApi.list()).items, staleTime: 10 * 60_000 });
  const tree = useMemo(() => buildRegionTree(query.data ?? []), [query.data]);
  const options = useMemo(() => regionOptions(tree), [tree]);
  return { ...query, regions: query.data ?? [], tree, options };
}
