// 区划管理's townships and villages (统计用区划代码) in Chinese; localities-en.ts has exactly these keys (checked by the type).
const localities = {
  level4: '乡镇',
  level5: '村/社区',
  urbanRuralClass: '城乡分类',
  loading: '正在加载…',
  none: '暂无下级（可从 Excel 导入）',
  childCount: '{{count}} 个下级',
  failed: '加载失败：{{message}}',
  importHelp: '模板表头：代码 | 名称 | 上级代码 | 城乡分类代码。县级以下的乡镇（9 位）与村（12 位）统计用区划代码同表导入，也可直接使用国家统计局发布的“统计用区划代码 | 城乡分类代码 | 名称”表。',
  lazyHelp: '展开县级区划时加载其乡镇，展开乡镇时加载其村/社区；筛选只作用于已展开的部分。',
};

export default localities;
export type LocalityMessages = typeof localities;
