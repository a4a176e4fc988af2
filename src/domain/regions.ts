/**
 * 行政区划代码 (GB/T 2260): six digits, 2 for the province, 2 for the city (prefecture), 2 for the
 * county. A province ends in 0000, a city in 00; everything else is county level.
 */
export type RegionLevel = 1 | 2 | 3;

export const REGION_CODE = /^[1-9]\d{5}$/;

export function isValidRegionCode(code: string): boolean {
  return REGION_CODE.test(code);
}

export function regionLevel(code: string): RegionLevel {
  if (code.endsWith('0000')) return 1;
  if (code.endsWith('00')) return 2;
  return 3;
}

/**
 * Whether `child` may sit directly under `parent`: one level down and sharing its prefix.
 * County-level units directly under a province (省直辖县级行政单位, e.g. 429004) are allowed.
 */
export function canBeChildOf(child: string, parent: string | null): boolean {
  const level = regionLevel(child);
  if (parent === null) return level === 1;
  const parentLevel = regionLevel(parent);
  if (parentLevel === 1) return (level === 2 || level === 3) && child.slice(0, 2) === parent.slice(0, 2);
  if (parentLevel === 2) return level === 3 && child.slice(0, 4) === parent.slice(0, 4);
  return false;
}

/** The usual parent of a code: 621002 → 621000 → 620000 → null. */
export function defaultParentCode(code: string): string | null {
  const level = regionLevel(code);
  if (level === 1) return null;
  if (level === 2) return `${code.slice(0, 2)}0000`;
  return `${code.slice(0, 4)}00`;
}
