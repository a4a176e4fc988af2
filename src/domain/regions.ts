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

/**
 * 统计用区划代码 below the county (国家统计局): 9 digits for a township (乡/镇/街道: the county's
 * six and three more), 12 for a village or community (村委会/居委会: the township's nine and three
 * more). Digits 7–9 of a township and 10–12 of a village are never 000. The bureau publishes every
 * level padded to 12 digits (621022100000 is the township 621022100); `normalizeStatsCode` undoes that.
 * A township's "county" may be a 不设区的地级市 (东莞市 441900, 嘉峪关市 620200 …), so it may end in 00.
 */
export type LocalityLevel = 4 | 5;

export const LOCALITY_CODE = /^[1-9]\d{5}(?!000)\d{3}((?!000)\d{3})?$/;

export function isValidLocalityCode(code: string): boolean {
  return LOCALITY_CODE.test(code) && !code.slice(0, 6).endsWith('0000');
}

/** 4 for a township (9 digits), 5 for a village (12 digits); null when the code is neither. */
export function localityLevel(code: string): LocalityLevel | null {
  if (!isValidLocalityCode(code)) return null;
  return code.length === 9 ? 4 : 5;
}

/** The county (first six digits) a township or village belongs to. */
export function countyOfLocality(code: string): string {
  return code.slice(0, 6);
}

/** The township of a village (first nine digits); null for a township. */
export function townshipOfVillage(code: string): string | null {
  return code.length === 12 ? code.slice(0, 9) : null;
}

/**
 * A code as the bureau publishes it (always 12 digits) in its shortest form: 621022000000 → 621022,
 * 621022100000 → 621022100, 621022100201 unchanged. Anything else comes back trimmed, untouched.
 */
export function normalizeStatsCode(code: string): string {
  const c = code.trim();
  if (!/^\d{12}$/.test(c)) return c;
  if (c.endsWith('000000')) return c.slice(0, 6);
  if (c.endsWith('000')) return c.slice(0, 9);
  return c;
}

/** 城乡分类代码 (统计上划分城乡的规定, 国函〔2008〕60号): 1xx 城镇, 2xx 乡村. */
export const URBAN_RURAL_CLASSES = {
  '111': { zh: '主城区', en: 'Main urban area' },
  '112': { zh: '城乡结合区', en: 'Urban-rural fringe' },
  '121': { zh: '镇中心区', en: 'Town centre' },
  '122': { zh: '镇乡结合区', en: 'Town-rural fringe' },
  '123': { zh: '特殊区域', en: 'Special area' },
  '210': { zh: '乡中心区', en: 'Township centre' },
  '220': { zh: '村庄', en: 'Village' },
} as const;

export type UrbanRuralClass = keyof typeof URBAN_RURAL_CLASSES;

export function isUrbanRuralClass(value: string): value is UrbanRuralClass {
  return Object.prototype.hasOwnProperty.call(URBAN_RURAL_CLASSES, value);
}

/** The class's name in the language asked for; the code itself when unknown. */
export function urbanRuralClassName(value: string, lang: 'zh-CN' | 'en' = 'zh-CN'): string {
  return isUrbanRuralClass(value) ? URBAN_RURAL_CLASSES[value][lang === 'en' ? 'en' : 'zh'] : value;
}
