/**
 * The yearly statistics of an enterprise, described once: API name, column, kind, and the
 * Chinese / English labels used by the Excel template, the import and the export.
 */
export type StatKind = 'money' | 'count' | 'flag';

export interface StatField { key: string; column: string; kind: StatKind; zh: string; en: string }

export const STAT_FIELDS: StatField[] = [
  { key: 'salesRevenue', column: 'sales_revenue', kind: 'money', zh: '销售收入（元）', en: 'Sales revenue (yuan)' },
  { key: 'totalRevenue', column: 'total_revenue', kind: 'money', zh: '总收入（元）', en: 'Total revenue (yuan)' },
  { key: 'hightechRevenue', column: 'hightech_revenue', kind: 'money', zh: '高新技术产品（服务）收入（元）', en: 'High-tech product/service revenue (yuan)' },
  { key: 'rdExpense', column: 'rd_expense', kind: 'money', zh: '研发费用（元）', en: 'R&D expense (yuan)' },
  { key: 'rdExpenseDomestic', column: 'rd_expense_domestic', kind: 'money', zh: '境内研发费用（元）', en: 'R&D expense in China (yuan)' },
  { key: 'totalCostExpense', column: 'total_cost_expense', kind: 'money', zh: '成本费用总额（元）', en: 'Total cost and expense (yuan)' },
  { key: 'staff', column: 'staff', kind: 'count', zh: '职工总数（人）', en: 'Average staff' },
  { key: 'scienceStaff', column: 'science_staff', kind: 'count', zh: '科技人员数（人）', en: 'S&T staff' },
  { key: 'rdStaff', column: 'rd_staff', kind: 'count', zh: '研发人员数（人）', en: 'R&D staff' },
  { key: 'totalAssets', column: 'total_assets', kind: 'money', zh: '资产总额（元）', en: 'Total assets (yuan)' },
  { key: 'totalLiabilities', column: 'total_liabilities', kind: 'money', zh: '负债总额（元）', en: 'Total liabilities (yuan)' },
  { key: 'ipClass1', column: 'ip_class1', kind: 'count', zh: 'Ⅰ类知识产权（件）', en: 'Class I IP held' },
  { key: 'ipClass2', column: 'ip_class2', kind: 'count', zh: 'Ⅱ类知识产权（件）', en: 'Class II IP held' },
  { key: 'transformations', column: 'transformations', kind: 'count', zh: '科技成果转化（项）', en: 'S&T achievements transformed' },
  { key: 'hasRdInstitution', column: 'has_rd_institution', kind: 'flag', zh: '有研发机构', en: 'Has R&D institution' },
  { key: 'hasRdStaff', column: 'has_rd_staff', kind: 'flag', zh: '有研发人员', en: 'Has R&D staff' },
  { key: 'hasRdFunds', column: 'has_rd_funds', kind: 'flag', zh: '有研发经费', en: 'Has R&D funds' },
  { key: 'hasRdProjects', column: 'has_rd_projects', kind: 'flag', zh: '有研发项目', en: 'Has R&D projects' },
  { key: 'seriousIncident', column: 'serious_incident', kind: 'flag', zh: '重大安全、质量事故或严重环境违法', en: 'Serious incident' },
  { key: 'abnormalListed', column: 'abnormal_listed', kind: 'flag', zh: '列入经营异常名录或严重失信名单', en: 'Abnormal-operation listing' },
];

/** Largest amount accepted: 1 万亿 yuan, far above any county firm and well inside bigint and JS safe integers. */
export const MAX_AMOUNT = 1_000_000_000_000;
export const MAX_COUNT = 10_000_000;

export const STAT_COLUMNS = STAT_FIELDS.map((f) => f.column);

export function statFromRow(row: Record<string, unknown>): Record<string, number | boolean> {
  return Object.fromEntries(STAT_FIELDS.map((f) => [f.key, f.kind === 'flag' ? row[f.column] === true : Number(row[f.column] ?? 0)]));
}

export type StatValues = Record<string, number | boolean>;

/** Problems of one year's figures, by field: types and ranges, then the relations between figures. */
export function statProblems(values: Record<string, unknown>): { field: string; key: 'field.required' | 'field.stat.integer' | 'field.stat.flag' | 'field.stat.range' | 'field.stat.rd_domestic' | 'field.stat.staff_parts' | 'field.stat.revenue_parts' }[] {
  const problems: ReturnType<typeof statProblems> = [];
  for (const f of STAT_FIELDS) {
    const v = values[f.key];
    if (v === undefined || v === null) { if (f.kind !== 'flag') problems.push({ field: f.key, key: 'field.required' }); continue; }
    if (f.kind === 'flag') { if (typeof v !== 'boolean') problems.push({ field: f.key, key: 'field.stat.flag' }); continue; }
    if (typeof v !== 'number' || !Number.isInteger(v)) problems.push({ field: f.key, key: 'field.stat.integer' });
    else if (v < 0 || v > (f.kind === 'money' ? MAX_AMOUNT : MAX_COUNT)) problems.push({ field: f.key, key: 'field.stat.range' });
  }
  if (problems.length) return problems;
  const n = (k: string) => values[k] as number;
  if (n('rdExpenseDomestic') > n('rdExpense')) problems.push({ field: 'rdExpenseDomestic', key: 'field.stat.rd_domestic' });
  if (n('scienceStaff') > n('staff')) problems.push({ field: 'scienceStaff', key: 'field.stat.staff_parts' });
  if (n('rdStaff') > n('staff')) problems.push({ field: 'rdStaff', key: 'field.stat.staff_parts' });
  if (n('hightechRevenue') > n('totalRevenue')) problems.push({ field: 'hightechRevenue', key: 'field.stat.revenue_parts' });
  if (n('salesRevenue') > n('totalRevenue')) problems.push({ field: 'salesRevenue', key: 'field.stat.revenue_parts' });
  return problems;
}
