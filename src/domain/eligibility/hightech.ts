/**
 * 高新技术企业认定 — 《高新技术企业认定管理办法》国科发火〔2016〕32号 第十一条 (eight
 * conditions, all required) and 《高新技术企业认定管理工作指引》国科发火〔2016〕195号
 * (definitions of the years, the ratios and the innovation score).
 *
 * The innovation score is partly expert judgement: a band such as "≥ 1 Class I → 7–8" gives a
 * range, not a number, and unassessed parts span their whole range. The score is therefore a
 * range {min, max} and the condition is 'uncertain' when 71 lies inside it.
 */
import { atLeastPct, daysBetween, requireRuleSet, sum, yearsInView } from './common';
import { floorDiv, formatCount, formatMillion, formatPercent, formatRange, formatWan, percentValue, yearsLabel } from './format';
import {
  HIGHTECH_FIELD_EN,
  HIGHTECH_FIELDS,
  type AssessmentInput,
  type Condition,
  type ConditionStatus,
  type HighTechAssessment,
  type HighTechScoreParts,
  type HightechField,
  type RuleSetInfo,
  type ScoreRange,
  type SelfAssessment,
  type YearFigures,
} from './types';

export interface HighTechRuleSet extends RuleSetInfo {
  minRegisteredDays: number;
  fields: readonly string[];
  scienceStaffPct: number;
  /** By the latest year's sales; the first band whose maxSales (inclusive, null = no cap) covers them. */
  rdBands: readonly { maxSales: number | null; pct: number }[];
  rdDomesticPct: number;
  hightechRevenuePct: number;
  /** Lowest passing whole score ("above 70"). */
  passScore: number;
  ipQuantity: { class1: ScoreRange; class2: readonly { atLeast: number; points: ScoreRange }[] };
  /** Bands by the annual average over the years used, highest first. */
  transformation: { bands: readonly { atLeast: number; points: ScoreRange }[]; aboveZeroBelowLowest: ScoreRange };
  /** Bands by growth rate in whole percent (inclusive), highest first; `positive` is the "> 0" band. */
  growth: { bands: readonly { atLeastPct: number; points: ScoreRange }[]; positive: ScoreRange };
  selfAssessedMax: Required<{ [K in keyof SelfAssessment]: number }>;
}

export const HIGH_TECH_2016: HighTechRuleSet = {
  id: 'hightech-2016',
  source: '国科发火〔2016〕32号；国科发火〔2016〕195号',
  effectiveFrom: '2016-01-01', // 32号 第二十三条：本办法自2016年1月1日起实施
  effectiveTo: null,
  minRegisteredDays: 365, // 第十一条(一)：注册成立一年以上 (195号: 365 个日历天数以上)
  fields: HIGHTECH_FIELDS,
  scienceStaffPct: 10, // 第十一条(四)
  rdBands: [
    // 第十一条(五): 最近一年销售收入小于5,000万元（含） 5%; 5,000万元至2亿元（含） 4%; 2亿元以上 3%
    { maxSales: 50_000_000, pct: 5 },
    { maxSales: 200_000_000, pct: 4 },
    { maxSales: null, pct: 3 },
  ],
  rdDomesticPct: 60, // 第十一条(五): 境内研发费用占全部研发费用总额不低于60%
  hightechRevenuePct: 60, // 第十一条(六)
  passScore: 71, // 第十一条(七): 70分以上 (不含70分), whole points
  ipQuantity: {
    class1: { min: 7, max: 8 },
    class2: [
      { atLeast: 5, points: { min: 5, max: 6 } },
      { atLeast: 3, points: { min: 3, max: 4 } },
      { atLeast: 1, points: { min: 1, max: 2 } },
    ],
  },
  transformation: {
    bands: [
      { atLeast: 5, points: { min: 25, max: 30 } },
      { atLeast: 4, points: { min: 19, max: 24 } },
      { atLeast: 3, points: { min: 13, max: 18 } },
      { atLeast: 2, points: { min: 7, max: 12 } },
      { atLeast: 1, points: { min: 1, max: 6 } },
    ],
    // An average between 0 and 1 (e.g. 2 in 3 years) is in neither "≥ 1 → 1–6" nor "0 → 0";
    // experts could give either, so it is left open rather than guessed.
    aboveZeroBelowLowest: { min: 0, max: 6 },
  },
  growth: {
    bands: [
      { atLeastPct: 35, points: { min: 9, max: 10 } },
      { atLeastPct: 25, points: { min: 7, max: 8 } },
      { atLeastPct: 15, points: { min: 5, max: 6 } },
      { atLeastPct: 5, points: { min: 3, max: 4 } },
    ],
    positive: { min: 1, max: 2 },
  },
  selfAssessedMax: { ipAdvancement: 8, ipCoreSupport: 8, ipAcquisition: 6, rdManagement: 20 },
};

/** Every 高企 rule set, oldest first; a revision goes beside HIGH_TECH_2016 with its own dates. */
export const HIGH_TECH_RULE_SETS: readonly HighTechRuleSet[] = [HIGH_TECH_2016];

const ZERO: ScoreRange = { min: 0, max: 0 };

// ——— score parts ———

/** The R&D threshold in percent for the latest year's sales (第十一条(五)). */
export function rdThresholdPct(latestSales: number, rules: HighTechRuleSet = HIGH_TECH_2016): number {
  return rdBand(latestSales, rules).pct;
}

function rdBand(latestSales: number, rules: HighTechRuleSet): { index: number; pct: number } {
  const index = rules.rdBands.findIndex((b) => b.maxSales === null || latestSales <= b.maxSales);
  return { index, pct: rules.rdBands[index].pct };
}

/** IP quantity (≤ 8): any Class I decides; otherwise the count of Class II. */
export function scoreIpQuantity(class1: number, class2: number, rules: HighTechRuleSet = HIGH_TECH_2016): ScoreRange {
  if (class1 >= 1) return rules.ipQuantity.class1;
  return rules.ipQuantity.class2.find((b) => class2 >= b.atLeast)?.points ?? ZERO;
}

/**
 * Transformation of S&T achievements (≤ 30) by the annual average over the years given (three,
 * or the actual years of a younger firm). average ≥ k ⇔ total ≥ k·years, so no division.
 */
export function scoreTransformation(counts: readonly number[], rules: HighTechRuleSet = HIGH_TECH_2016): ScoreRange {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return ZERO;
  const band = rules.transformation.bands.find((b) => total >= b.atLeast * counts.length);
  return band ? band.points : rules.transformation.aboveZeroBelowLowest;
}

/** How a growth rate was computed, for the message (195号 成长性指标的特殊情况). */
export type GrowthBasis =
  | 'threeYears' // ½(Y2/Y1 + Y3/Y2) − 1
  | 'lastTwoYears' // Y1 is zero: Y3/Y2 − 1
  | 'twoYears' // a firm with two years: Y2/Y1 − 1
  | 'secondYearZero' // Y2 is zero: 0 points
  | 'firstOfTwoZero' // two years and the first is zero: no base, 0 points
  | 'negativeValue' // a negative net asset (or sales) figure: 0 points
  | 'tooFewYears'; // fewer than two years: 0 points

export interface GrowthResult {
  points: ScoreRange;
  /** Growth in percent, floored to one decimal; null when not computed. */
  ratePct: number | null;
  basis: GrowthBasis;
}

/**
 * Net-asset or sales growth (≤ 10 each) from consecutive yearly values, oldest first (at most
 * the last three). The rate ½(Y2/Y1 + Y3/Y2) − 1 is kept as an exact fraction N/D − 1 and
 * compared with each band by cross-multiplication: rate ≥ p % ⇔ 100·N ≥ (100 + p)·D.
 */
export function scoreGrowth(values: readonly (number | bigint)[], rules: HighTechRuleSet = HIGH_TECH_2016): GrowthResult {
  const v = values.slice(-3).map((x) => BigInt(x));
  if (v.length < 2) return { points: ZERO, ratePct: null, basis: 'tooFewYears' };
  // A ratio of negative figures reads as growth when both shrink; the guideline scores it 0.
  if (v.some((x) => x < 0n)) return { points: ZERO, ratePct: null, basis: 'negativeValue' };
  let n: bigint;
  let d: bigint;
  let basis: GrowthBasis;
  if (v.length === 3) {
    const [y1, y2, y3] = v;
    if (y2 === 0n) return { points: ZERO, ratePct: null, basis: 'secondYearZero' };
    if (y1 === 0n) [n, d, basis] = [y3, y2, 'lastTwoYears'];
    else [n, d, basis] = [y2 * y2 + y3 * y1, 2n * y1 * y2, 'threeYears']; // ½(y2/y1 + y3/y2)
  } else {
    const [y1, y2] = v;
    if (y1 === 0n) return { points: ZERO, ratePct: null, basis: 'firstOfTwoZero' };
    [n, d, basis] = [y2, y1, 'twoYears'];
  }
  const ratePct = Number(floorDiv((n - d) * 1000n, d)) / 10;
  const band = rules.growth.bands.find((b) => 100n * n >= BigInt(100 + b.atLeastPct) * d);
  if (band) return { points: band.points, ratePct, basis };
  // "> 0" is strict; zero and negative growth score 0.
  return { points: n > d ? rules.growth.positive : ZERO, ratePct, basis };
}

/** An expert-judged part: the firm's own figure if given (validated), else the whole range. */
function selfAssessed(input: SelfAssessment | undefined, key: keyof SelfAssessment, max: number): ScoreRange {
  const value = input?.[key];
  if (value === undefined || value === null) return { min: 0, max };
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`selfAssessment.${key} must be a whole number from 0 to ${max}: ${value}`);
  }
  return { min: value, max: value };
}

/** The consecutive years ending with the newest row: growth needs unbroken years. */
function consecutiveTail(rows: readonly YearFigures[]): YearFigures[] {
  const out: YearFigures[] = [];
  for (let i = rows.length - 1; i >= 0; i--) {
    if (out.length && rows[i].year !== out[0].year - 1) break;
    out.unshift(rows[i]);
  }
  return out;
}

// ——— conditions ———

function condition(code: string, status: ConditionStatus, value: Condition['value'], threshold: Condition['threshold'], zh: string, en: string): Condition {
  return { code, status, value, threshold, message: { 'zh-CN': zh, en } };
}

function missing(code: string, threshold: Condition['threshold'], year: number, zhWhat: string, enWhat: string): Condition {
  return condition(code, 'failed', null, threshold, `缺少 ${year} 年度（最近一年）数据，无法判断${zhWhat}`, `No figures for ${year} (the latest year), so ${enWhat} cannot be checked`);
}

function bandLabel(rules: HighTechRuleSet, index: number): { zh: string; en: string } {
  const max = rules.rdBands[index].maxSales;
  const lower = index > 0 ? rules.rdBands[index - 1].maxSales : null;
  if (lower === null) return { zh: `最近一年销售收入 ≤ ${formatWan(max!)}`, en: `latest-year sales ≤ ${formatMillion(max!)}` };
  if (max === null) return { zh: `最近一年销售收入 > ${formatWan(lower)}`, en: `latest-year sales > ${formatMillion(lower)}` };
  return { zh: `最近一年销售收入 > ${formatWan(lower)} 且 ≤ ${formatWan(max)}`, en: `latest-year sales > ${formatMillion(lower)} and ≤ ${formatMillion(max)}` };
}

function growthLabel(result: GrowthResult): { zh: string; en: string } {
  const rate = result.ratePct === null ? null : formatPercent(result.ratePct);
  switch (result.basis) {
    case 'threeYears': return { zh: rate!, en: rate! };
    case 'lastTwoYears': return { zh: `${rate}（第一年为 0，按后两年计算）`, en: `${rate} (first year zero, last two years used)` };
    case 'twoYears': return { zh: `${rate}（按实际两年计算）`, en: `${rate} (the two actual years)` };
    case 'secondYearZero': return { zh: '第二年为 0，计 0 分', en: 'second year zero, 0 points' };
    case 'firstOfTwoZero': return { zh: '首年为 0，无法计算，计 0 分', en: 'first year zero, cannot be computed, 0 points' };
    case 'negativeValue': return { zh: '含负值，计 0 分', en: 'a negative figure, 0 points' };
    case 'tooFewYears': return { zh: '不足两年数据，计 0 分', en: 'fewer than two years, 0 points' };
  }
}

function addRanges(...ranges: ScoreRange[]): ScoreRange {
  return ranges.reduce((a, r) => ({ min: a.min + r.min, max: a.max + r.max }), ZERO);
}

/** 高新技术企业 assessment on input.asOf, under the rule set in force then (or the one given). */
export function assessHighTech(input: AssessmentInput, rules?: HighTechRuleSet): HighTechAssessment {
  const { asOf, enterprise: e } = input;
  const r = rules ?? requireRuleSet(HIGH_TECH_RULE_SETS, asOf, '高新技术企业');
  const { latestYear, latest, window } = yearsInView(asOf, e.years);
  const label = yearsLabel(window.map((w) => w.year));
  const used = { zh: window.length > 1 ? `${label.zh} 年合计` : `${label.zh} 年`, en: label.en };
  const conditions: Condition[] = [];

  // (一) 注册成立一年以上: at least 365 calendar days before the application date.
  const days = daysBetween(e.foundedOn, asOf);
  const registered = days >= r.minRegisteredDays;
  conditions.push(condition('registeredOneYear', registered ? 'met' : 'failed', days, r.minRegisteredDays,
    days < 0
      ? `成立日期 ${e.foundedOn} 晚于评价日期 ${asOf}`
      : `成立于 ${e.foundedOn}，至 ${asOf} 满 ${days} 天，${registered ? '达到' : '不足'} ${r.minRegisteredDays} 天`,
    days < 0
      ? `Founded on ${e.foundedOn}, after the assessment date ${asOf}`
      : `Founded on ${e.foundedOn}, ${days} days before ${asOf}; ${registered ? 'at least' : 'fewer than'} the ${r.minRegisteredDays} required`));

  // (二) 拥有对主要产品（服务）在技术上发挥核心支持作用的知识产权的所有权.
  conditions.push(condition('ownsCoreIp', e.ownsCoreIp ? 'met' : 'failed', e.ownsCoreIp, true,
    e.ownsCoreIp ? '拥有对主要产品（服务）发挥核心支持作用的知识产权' : '未拥有对主要产品（服务）发挥核心支持作用的知识产权',
    e.ownsCoreIp ? 'Owns IP that core-supports its main products or services' : 'Does not own IP that core-supports its main products or services'));

  // (三) 核心技术属于《国家重点支持的高新技术领域》.
  const field = e.hightechField;
  const inField = field !== null && r.fields.includes(field);
  conditions.push(condition('hightechField', inField ? 'met' : 'failed', field, r.fields.join('、'),
    inField ? `核心技术属于国家重点支持的高新技术领域：${field}`
      : field === null ? '未选择核心技术所属的高新技术领域' : `「${field}」不属于国家重点支持的八大高新技术领域`,
    inField ? `Core technology is in a supported high-tech field: ${field} (${HIGHTECH_FIELD_EN[field as HightechField]})`
      : field === null ? 'No supported high-tech field chosen for the core technology' : `"${field}" is not one of the eight supported high-tech fields`));

  // (四) 科技人员占当年职工总数的比例不低于10% (the latest year).
  if (!latest) conditions.push(missing('scienceStaffRatio', r.scienceStaffPct, latestYear, '科技人员占比', 'the S&T staff share'));
  else if (latest.staff === 0) {
    conditions.push(condition('scienceStaffRatio', 'failed', null, r.scienceStaffPct, `${latestYear} 年职工总数为 0，无法计算科技人员占比`, `Staff is 0 in ${latestYear}, so the S&T staff share cannot be computed`));
  } else {
    const ok = atLeastPct(latest.scienceStaff, latest.staff, r.scienceStaffPct);
    const pct = percentValue(latest.scienceStaff, latest.staff);
    conditions.push(condition('scienceStaffRatio', ok ? 'met' : 'failed', pct, r.scienceStaffPct,
      `${latestYear} 年科技人员占比 ${formatPercent(pct)}（${formatCount(latest.scienceStaff)}/${formatCount(latest.staff)} 人），${ok ? '不低于' : '低于'} ${r.scienceStaffPct}%`,
      `S&T staff are ${formatPercent(pct)} of staff in ${latestYear} (${formatCount(latest.scienceStaff)} of ${formatCount(latest.staff)}), ${ok ? 'at least' : 'below'} ${r.scienceStaffPct}%`));
  }

  // (五) 近三个会计年度研发费用总额占同期销售收入总额的比例, band by the latest year's sales.
  if (!latest) {
    conditions.push(missing('rdRatio', null, latestYear, '研发费用占比及其适用档次', 'the R&D ratio and its band'));
  } else {
    const band = rdBand(latest.salesRevenue, r);
    const bandText = bandLabel(r, band.index);
    const rd = sum(window, 'rdExpense');
    const sales = sum(window, 'salesRevenue');
    if (sales === 0n) {
      conditions.push(condition('rdRatio', 'failed', null, band.pct, `${label.zh} 年销售收入合计为 0，无法计算研发费用占比`, `Sales over ${used.en} total 0, so the R&D ratio cannot be computed`));
    } else {
      const ok = atLeastPct(rd, sales, band.pct);
      const pct = percentValue(rd, sales);
      conditions.push(condition('rdRatio', ok ? 'met' : 'failed', pct, band.pct,
        `研发费用占比 ${formatPercent(pct)}，${ok ? '不低于' : '低于'} ${band.pct}%（${bandText.zh}），按 ${used.zh}计算`,
        `R&D expense is ${formatPercent(pct)} of sales, ${ok ? 'at least' : 'below'} ${band.pct}% (${bandText.en}), over ${used.en}`));
    }
  }

  // (五) 在中国境内发生的研究开发费用总额占全部研究开发费用总额的比例不低于60%, same years.
  if (!latest) conditions.push(missing('rdDomesticShare', r.rdDomesticPct, latestYear, '境内研发费用占比', 'the share of R&D spent in China'));
  else {
    const rd = sum(window, 'rdExpense');
    const domestic = sum(window, 'rdExpenseDomestic');
    if (rd === 0n) {
      conditions.push(condition('rdDomesticShare', 'failed', null, r.rdDomesticPct, `${label.zh} 年无研发费用`, `No R&D expense over ${used.en}`));
    } else {
      const ok = atLeastPct(domestic, rd, r.rdDomesticPct);
      const pct = percentValue(domestic, rd);
      conditions.push(condition('rdDomesticShare', ok ? 'met' : 'failed', pct, r.rdDomesticPct,
        `境内研发费用占全部研发费用 ${formatPercent(pct)}，${ok ? '不低于' : '低于'} ${r.rdDomesticPct}%，按 ${used.zh}计算`,
        `R&D spent in China is ${formatPercent(pct)} of all R&D, ${ok ? 'at least' : 'below'} ${r.rdDomesticPct}%, over ${used.en}`));
    }
  }

  // (六) 近一年高新技术产品（服务）收入占企业同期总收入的比例不低于60%.
  if (!latest) conditions.push(missing('hightechRevenueShare', r.hightechRevenuePct, latestYear, '高新技术产品（服务）收入占比', 'the high-tech revenue share'));
  else if (latest.totalRevenue === 0) {
    conditions.push(condition('hightechRevenueShare', 'failed', null, r.hightechRevenuePct, `${latestYear} 年总收入为 0，无法计算高新技术产品（服务）收入占比`, `Total revenue is 0 in ${latestYear}, so the high-tech revenue share cannot be computed`));
  } else {
    const ok = atLeastPct(latest.hightechRevenue, latest.totalRevenue, r.hightechRevenuePct);
    const pct = percentValue(latest.hightechRevenue, latest.totalRevenue);
    conditions.push(condition('hightechRevenueShare', ok ? 'met' : 'failed', pct, r.hightechRevenuePct,
      `${latestYear} 年高新技术产品（服务）收入占总收入 ${formatPercent(pct)}，${ok ? '不低于' : '低于'} ${r.hightechRevenuePct}%`,
      `High-tech product and service revenue is ${formatPercent(pct)} of total revenue in ${latestYear}, ${ok ? 'at least' : 'below'} ${r.hightechRevenuePct}%`));
  }

  // (七) 企业创新能力评价应达到相应要求 (195号: 70 分以上).
  const sa = e.selfAssessment;
  const max = r.selfAssessedMax;
  const growthRows = consecutiveTail(window);
  const netAssets = scoreGrowth(growthRows.map((y) => BigInt(y.totalAssets) - BigInt(y.totalLiabilities)), r);
  const salesGrowth = scoreGrowth(growthRows.map((y) => y.salesRevenue), r);
  const parts: HighTechScoreParts = {
    ipQuantity: latest ? scoreIpQuantity(latest.ipClass1, latest.ipClass2, r) : ZERO,
    ipAdvancement: selfAssessed(sa, 'ipAdvancement', max.ipAdvancement),
    ipCoreSupport: selfAssessed(sa, 'ipCoreSupport', max.ipCoreSupport),
    ipAcquisition: selfAssessed(sa, 'ipAcquisition', max.ipAcquisition),
    transformation: scoreTransformation(window.map((y) => y.transformations), r),
    rdManagement: selfAssessed(sa, 'rdManagement', max.rdManagement),
    netAssetGrowth: netAssets.points,
    salesGrowth: salesGrowth.points,
  };
  const total = addRanges(...Object.values(parts));
  const ip = addRanges(parts.ipQuantity, parts.ipAdvancement, parts.ipCoreSupport, parts.ipAcquisition);
  const growth = addRanges(parts.netAssetGrowth, parts.salesGrowth);
  const na = growthLabel(netAssets);
  const sg = growthLabel(salesGrowth);
  const detailZh = `知识产权 ${formatRange(ip)}，成果转化 ${formatRange(parts.transformation)}，研发组织管理 ${formatRange(parts.rdManagement)}，成长性 ${formatRange(growth)}；净资产增长率 ${na.zh}，销售收入增长率 ${sg.zh}`;
  const detailEn = `IP ${formatRange(ip)}, transformation ${formatRange(parts.transformation)}, R&D management ${formatRange(parts.rdManagement)}, growth ${formatRange(growth)}; net-asset growth ${na.en}, sales growth ${sg.en}`;
  const below = r.passScore - 1;
  const scoreValue = total.min === total.max ? total.min : formatRange(total);
  if (!latest) {
    conditions.push(missing('innovationScore', r.passScore, latestYear, '创新能力评价得分', 'the innovation score'));
  } else if (total.min >= r.passScore) {
    conditions.push(condition('innovationScore', 'met', scoreValue, r.passScore,
      `创新能力评价 ${formatRange(total)} 分，高于 ${below} 分（${detailZh}）`,
      `Innovation score ${formatRange(total)}, above ${below} (${detailEn})`));
  } else if (total.max <= below) {
    conditions.push(condition('innovationScore', 'failed', scoreValue, r.passScore,
      `创新能力评价最高 ${total.max} 分，未高于 ${below} 分（${detailZh}）`,
      `Innovation score at most ${total.max}, not above ${below} (${detailEn})`));
  } else {
    conditions.push(condition('innovationScore', 'uncertain', scoreValue, r.passScore,
      `创新能力评价 ${formatRange(total)} 分，是否高于 ${below} 分取决于专家评分及未自评的项目（${detailZh}）`,
      `Innovation score ${formatRange(total)}: whether it is above ${below} depends on the experts and the parts not self-assessed (${detailEn})`));
  }

  // (八) 申请认定前一年内未发生重大安全、重大质量事故或严重环境违法行为.
  const clean = !e.seriousIncident;
  conditions.push(condition('noSeriousIncident', clean ? 'met' : 'failed', clean, true,
    clean ? '申请前一年内未发生重大安全、重大质量事故或严重环境违法行为' : '申请前一年内发生过重大安全、重大质量事故或严重环境违法行为',
    clean ? 'No major safety or quality accident or serious environmental violation in the year before applying'
      : 'A major safety or quality accident or serious environmental violation occurred in the year before applying'));

  const eligible = conditions.some((c) => c.status === 'failed') ? 'no' : conditions.some((c) => c.status === 'uncertain') ? 'uncertain' : 'yes';
  return { eligible, conditions, score: { ...total, parts } };
}
