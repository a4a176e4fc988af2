/**
 * The built-in indicator catalogue. The same rows are written into the `indicator` table by
 * migration 004 (the table is what the server reads; this list is what tests and the web use
 * for names when offline). A bureau may add its own indicators (source 'entered' or 'imported').
 *
 * How each computed indicator is computed (server/modules/indicators/compute.ts):
 * - high_tech_enterprises: enterprises holding a 高企 certificate valid on the as-of date
 *   (issued_on ≤ date ≤ valid_until);
 * - tech_smes / provincial_innovative_enterprises: enterprises with a 科小 / 省级科技创新型企业
 *   record of the year;
 * - enterprise_rd_expense: Σ R&D expense of the year's confirmed enterprise statistics, in 万元;
 * - rd_intensity: enterprise R&D expense ÷ GDP (GDP imported from the statistics bureau), in %;
 *   this is the enterprise part of 全社会研发投入强度 — research institutes and universities come
 *   with their registries;
 * - four_has_*: among 规上 enterprises of industry sections B, C, D (divisions 06–46) with
 *   confirmed statistics of the year, the share with each "有" and with all four;
 * - rd_activity_share: among the same enterprises, the share with R&D expense > 0.
 * tech_contract_turnover is entered or imported until the technology-market registry (M7) exists.
 */
import type { Direction, Rollup } from './rules';

export type IndicatorSource = 'computed' | 'entered' | 'imported';

export interface IndicatorDef {
  code: string;
  nameZh: string;
  nameEn: string;
  unitZh: string;
  unitEn: string;
  source: IndicatorSource;
  direction: Direction;
  rollup: Rollup;
  /** weighted roll-up: the indicator whose value weighs each sub-region */
  rollupWeight?: string;
  /** a year-to-date flow (expected progress follows time) rather than a level */
  cumulative: boolean;
  decimals: number;
  /** shown as a KPI card on the dashboard */
  headline: boolean;
  sortOrder: number;
}

const def = (d: Omit<IndicatorDef, 'headline' | 'sortOrder'> & { headline?: boolean }, sortOrder: number): IndicatorDef =>
  ({ headline: false, ...d, sortOrder });

export const BUILT_IN_INDICATORS: IndicatorDef[] = [
  def({ code: 'high_tech_enterprises', nameZh: '高新技术企业数', nameEn: 'High-tech enterprises', unitZh: '家', unitEn: 'firms', source: 'computed', direction: 'higher', rollup: 'sum', cumulative: false, decimals: 0, headline: true }, 10),
  def({ code: 'tech_smes', nameZh: '科技型中小企业数', nameEn: 'Tech SMEs', unitZh: '家', unitEn: 'firms', source: 'computed', direction: 'higher', rollup: 'sum', cumulative: true, decimals: 0, headline: true }, 20),
  def({ code: 'provincial_innovative_enterprises', nameZh: '省级科技创新型企业数', nameEn: 'Provincial innovative enterprises', unitZh: '家', unitEn: 'firms', source: 'computed', direction: 'higher', rollup: 'sum', cumulative: true, decimals: 0 }, 30),
  def({ code: 'enterprise_rd_expense', nameZh: '企业研发费用', nameEn: 'Enterprise R&D expense', unitZh: '万元', unitEn: '10k yuan', source: 'computed', direction: 'higher', rollup: 'sum', cumulative: true, decimals: 1, headline: true }, 40),
  def({ code: 'rd_intensity', nameZh: '研发投入强度', nameEn: 'R&D intensity', unitZh: '%', unitEn: '%', source: 'computed', direction: 'higher', rollup: 'ratio', cumulative: false, decimals: 2, headline: true }, 50),
  def({ code: 'four_has_coverage', nameZh: '规上工业企业研发活动"四有"覆盖率', nameEn: '"Four haves" coverage of large industrial firms', unitZh: '%', unitEn: '%', source: 'computed', direction: 'higher', rollup: 'ratio', cumulative: false, decimals: 1, headline: true }, 60),
  def({ code: 'four_has_institution', nameZh: '"四有"：有研发机构占比', nameEn: 'Four haves: R&D institution', unitZh: '%', unitEn: '%', source: 'computed', direction: 'higher', rollup: 'ratio', cumulative: false, decimals: 1 }, 61),
  def({ code: 'four_has_staff', nameZh: '"四有"：有研发人员占比', nameEn: 'Four haves: R&D staff', unitZh: '%', unitEn: '%', source: 'computed', direction: 'higher', rollup: 'ratio', cumulative: false, decimals: 1 }, 62),
  def({ code: 'four_has_funds', nameZh: '"四有"：有研发经费占比', nameEn: 'Four haves: R&D funds', unitZh: '%', unitEn: '%', source: 'computed', direction: 'higher', rollup: 'ratio', cumulative: false, decimals: 1 }, 63),
  def({ code: 'four_has_projects', nameZh: '"四有"：有研发项目占比', nameEn: 'Four haves: R&D projects', unitZh: '%', unitEn: '%', source: 'computed', direction: 'higher', rollup: 'ratio', cumulative: false, decimals: 1 }, 64),
  def({ code: 'rd_activity_share', nameZh: '规上工业企业有研发活动占比', nameEn: 'Large industrial firms with R&D activity', unitZh: '%', unitEn: '%', source: 'computed', direction: 'higher', rollup: 'ratio', cumulative: false, decimals: 1 }, 70),
  def({ code: 'tech_contract_turnover', nameZh: '技术合同成交额', nameEn: 'Technology contract turnover', unitZh: '万元', unitEn: '10k yuan', source: 'entered', direction: 'higher', rollup: 'sum', cumulative: true, decimals: 1, headline: true }, 80),
  def({ code: 'hightech_manufacturing_growth', nameZh: '高新技术制造业增加值增速', nameEn: 'High-tech manufacturing value added growth', unitZh: '%', unitEn: '%', source: 'imported', direction: 'higher', rollup: 'weighted', rollupWeight: 'hightech_manufacturing_value_added', cumulative: false, decimals: 1, headline: true }, 90),
  def({ code: 'strategic_emerging_growth', nameZh: '战略性新兴产业增加值增速', nameEn: 'Strategic emerging industries value added growth', unitZh: '%', unitEn: '%', source: 'imported', direction: 'higher', rollup: 'weighted', rollupWeight: 'strategic_emerging_value_added', cumulative: false, decimals: 1, headline: true }, 100),
  def({ code: 'gdp', nameZh: '地区生产总值', nameEn: 'GDP', unitZh: '亿元', unitEn: '100M yuan', source: 'imported', direction: 'higher', rollup: 'sum', cumulative: true, decimals: 2 }, 110),
  def({ code: 'hightech_manufacturing_value_added', nameZh: '高新技术制造业增加值', nameEn: 'High-tech manufacturing value added', unitZh: '亿元', unitEn: '100M yuan', source: 'imported', direction: 'higher', rollup: 'sum', cumulative: true, decimals: 2 }, 120),
  def({ code: 'strategic_emerging_value_added', nameZh: '战略性新兴产业增加值', nameEn: 'Strategic emerging industries value added', unitZh: '亿元', unitEn: '100M yuan', source: 'imported', direction: 'higher', rollup: 'sum', cumulative: true, decimals: 2 }, 130),
  // innovation platforms (M4, src/server/modules/platforms/indicator-values.ts): 认定 or 整改 platforms at provincial or
  // national level certified on or before the as-of date and not revoked by then; 新型研发机构 of any level, likewise
  def({ code: 'platforms_provincial_or_above', nameZh: '省级以上创新平台数', nameEn: 'Provincial-or-above innovation platforms', unitZh: '个', unitEn: 'platforms', source: 'computed', direction: 'higher', rollup: 'sum', cumulative: false, decimals: 0 }, 140),
  def({ code: 'new_rd_institutions', nameZh: '新型研发机构数', nameEn: 'New R&D institutions', unitZh: '家', unitEn: 'institutions', source: 'computed', direction: 'higher', rollup: 'sum', cumulative: false, decimals: 0 }, 141),
  def({ code: 'commissioner_village_coverage', nameZh: '科技特派员村级服务覆盖率', nameEn: 'Villages served by a science and technology commissioner', unitZh: '%', unitEn: '%', source: 'computed', direction: 'higher', rollup: 'ratio', cumulative: false, decimals: 1 }, 150),
  def({ code: 'commissioners_active', nameZh: '在岗科技特派员数', nameEn: 'Active science and technology commissioners', unitZh: '人', unitEn: 'people', source: 'computed', direction: 'higher', rollup: 'sum', cumulative: false, decimals: 0 }, 151),
];

/** The ten codes the issue names, in its order. */
export const REQUIRED_CODES = ['high_tech_enterprises', 'tech_smes', 'provincial_innovative_enterprises', 'enterprise_rd_expense', 'rd_intensity',
  'four_has_coverage', 'rd_activity_share', 'tech_contract_turnover', 'hightech_manufacturing_growth', 'strategic_emerging_growth'] as const;

export const COMPUTED_CODES = BUILT_IN_INDICATORS.filter((d) => d.source === 'computed').map((d) => d.code);

/** Rounds a value for display and export with the indicator's decimals. */
export function roundFor(def: Pick<IndicatorDef, 'decimals'>, value: number | null): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  const f = 10 ** def.decimals;
  return Math.round(value * f) / f;
}
