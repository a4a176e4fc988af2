// Builds the region tree from the flat /regions list.
import type { Region } from '../api/types';

export interface RegionNode extends Region {
  children?: RegionNode[];
}

export function buildRegionTree(regions: Region[]): RegionNode[] {
  const byCode = new Map<string, RegionNode>();
  for (const region of regions) byCode.set(region.code, { ...region });
  const roots: RegionNode[] = [];
  for (const node of byCode.values()) {
    const parent = node.parentCode ? byCode.get(node.parentCode) : undefined;
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  const sort = (nodes: RegionNode[]) => {
    nodes.sort((a, b) => a.code.localeCompare(b.code));
    for (const node of nodes) if (node.children) sort(node.children);
  };
  sort(roots);
  return roots;
}

/** Codes from the root down to `code` (for a Cascader value). */
export function regionPath(regions: Region[], code: string): string[] {
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const path: string[] = [];
  let current = byCode.get(code);
  while (current) {
    path.unshift(current.code);
    current = current.parentCode ? byCode.get(current.parentCode) : undefined;
  }
  return path;
}

/** TreeSelect / Cascader options: { value, label|title, children }. */
export function regionOptions(nodes: RegionNode[]): { value: string; label: string; title: string; children?: ReturnType<typeof regionOptions> }[] {
  return nodes.map((node) => ({
    value: node.code,
    label: node.name,
    title: node.name,
    children: node.children ? regionOptions(node.children) : undefined,
  }));
}
