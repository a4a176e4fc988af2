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
  importHelp: 'Template header: 代码 | 名称 | 上级代码, then the urban-rural class (城乡分类代码). Townships (9 digits) and villages (12 digits) go in the same sheet by their statistical area code (统计用区划代码); the statistics bureau\'s published table is read as it is.',
  lazyHelp: 'Opening a county loads its townships, opening a township its villages; the filter applies to what is open.',
};

export default localities;
