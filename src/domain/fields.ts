/**
 * The field dictionary of the technology market, matching and statistics: the eight 高新技术领域
 * (国科发火〔2016〕32号 annex) plus 现代农业, as stable codes with names in zh-CN and en.
 */
export const FIELDS = [
  { code: 'electronics', zh: '电子信息', en: 'Electronic information' },
  { code: 'biomedicine', zh: '生物与新医药', en: 'Biotechnology and new medicine' },
  { code: 'aerospace', zh: '航空航天', en: 'Aerospace' },
  { code: 'materials', zh: '新材料', en: 'New materials' },
  { code: 'hightech_services', zh: '高技术服务', en: 'High-tech services' },
  { code: 'energy', zh: '新能源与节能', en: 'New energy and energy saving' },
  { code: 'environment', zh: '资源与环境', en: 'Resources and environment' },
  { code: 'manufacturing', zh: '先进制造与自动化', en: 'Advanced manufacturing and automation' },
  { code: 'agriculture', zh: '现代农业', en: 'Modern agriculture' },
] as const;

export type FieldCode = (typeof FIELDS)[number]['code'];
export const FIELD_CODES = FIELDS.map((f) => f.code) as [FieldCode, ...FieldCode[]];

/** The code of a field named in Chinese (as the expert registry stores fields), or null. */
export function fieldCodeOf(name: string): FieldCode | null {
  return FIELDS.find((f) => f.zh === name || f.code === name)?.code ?? null;
}

export function fieldName(code: string, lang: 'zh-CN' | 'en' = 'zh-CN'): string {
  const f = FIELDS.find((x) => x.code === code);
  return f ? (lang === 'en' ? f.en : f.zh) : code;
}
