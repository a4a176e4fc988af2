// 区划管理's townships and villages in English: exactly the keys of localities-zh-CN.ts (checked by the type).
import type { LocalityMessages } from './localities-zh-CN';

const localities: LocalityMessages extends infer T ? { [K in keyof T]: string } : never = {
  level4: 'Township',
  level5: 'Village',
  urbanRuralClass: 'Urban-rural class',
  loading: 'Loading…',
  none: 'Nothing below yet (import from Excel)',
  childCount: '{{count}} below',
  failed: 'Could not load: {{message}}',
  importHelp: 'Template columns: 代码 | 名称 | 上级代码 | 城乡分类代码 (code, name, parent code, urban-rural class). Townships (9-digit) and villages (12-digit 统计用区划代码) go in the same sheet; the statistics bureau\'s own table (统计用区划代码 | 城乡分类代码 | 名称) is read as it is.',
  lazyHelp: 'Opening a county loads its townships, opening a township its villages; the filter applies to what is open.',
};

export default localities;
