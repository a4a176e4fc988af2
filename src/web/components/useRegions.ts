import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { regionApi } from '../api';
import { useAuth } from '../auth/AuthContext';
import { buildRegionTree, regionOptions, type RegionNode } from './regionTree';

export const REGIONS_KEY = ['regions'] as const;

/** The region list's query (also prefetched for a page opened directly, routes.tsx). */
export const regionsQuery = { queryKey: REGIONS_KEY, queryFn: async () => (await regionApi.list()).items, staleTime: 10 * 60_000 };

/** The public region list, its tree and ready-made select options. */
export function useRegions() {
  const query = useQuery(regionsQuery);
  const tree = useMemo(() => buildRegionTree(query.data ?? []), [query.data]);
  const options = useMemo(() => regionOptions(tree), [tree]);
  return { ...query, regions: query.data ?? [], tree, options };
}

function findNode(nodes: RegionNode[], code: string): RegionNode | null {
  for (const node of nodes) {
    if (node.code === code) return node;
    const below = node.children ? findNode(node.children, code) : null;
    if (below) return below;
  }
  return null;
}

/** The region tree limited to what the user may see: staff get their own subtree, admins everything. */
export function useScopedRegions() {
  const { user } = useAuth();
  const regions = useRegions();
  const scoped = useMemo(() => {
    if (user?.role !== 'admin' && user?.regionCode) {
      const node = findNode(regions.tree, user.regionCode);
      return node ? [node] : [];
    }
    return regions.tree;
  }, [regions.tree, user]);
  const options = useMemo(() => regionOptions(scoped), [scoped]);
  const names = useMemo(() => new Map(regions.regions.map((r) => [r.code, r.name])), [regions.regions]);
  return { ...regions, scopedTree: scoped, scopedOptions: options, nameOf: (code: string) => names.get(code) ?? code };
}
