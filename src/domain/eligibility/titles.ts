/**
 * The rule sets the assessment applies, named as a clerk knows them (the document and its 文号),
 * for the page that lists them: ids such as "hightech-2016" are for programs.
 */
export const RULE_SET_TITLES: Record<string, { 'zh-CN': string; en: string }> = {
  'hightech-2016': {
    'zh-CN': '《高新技术企业认定管理办法》（国科发火〔2016〕32号）及工作指引（国科发火〔2016〕195号）',
    en: 'High-tech enterprise certification rules (国科发火〔2016〕32号) and guideline (〔2016〕195号)',
  },
  'techsme-2017': {
    'zh-CN': '《科技型中小企业评价办法》（国科发政〔2017〕115号）',
    en: 'Tech SME evaluation rules (国科发政〔2017〕115号)',
  },
  'rd-deduction-2023': {
    'zh-CN': '研发费用税前加计扣除（财政部 税务总局公告2023年第7号）',
    en: 'R&D super-deduction (Ministry of Finance and State Taxation Administration announcement 2023 No. 7)',
  },
};

/** The rule set's title in the language, or its id when it has none yet. */
export function ruleSetTitle(id: string, lang: 'zh-CN' | 'en'): string {
  return RULE_SET_TITLES[id]?.[lang] ?? id;
}
