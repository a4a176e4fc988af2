/**
 * 科技型中小企业评价 — 《科技型中小企业评价办法》国科发政〔2017〕115号 第六条 and 附件
 * 《科技型中小企业评价指标》, on the latest accounting year's figures.
 *
 * Pass: the size and conduct conditions (第六条(二)–(四)), and either a score ≥ 60 with a
 * non-zero S&T-staff score (第六条(五)), or one of the direct qualifications (第七条), which
 * replace the score but not the rest.
 * Every band's lower bound is inclusive.
 */
import { atLeastPct, requireRuleSet, yearsInView } from './common';
import { formatCount, formatMillion, formatWan } from './format';
import type { AssessmentInput, Condition, ConditionStatus, DirectQualification, RuleSetInfo, TechSmeAssessment } from './types';

interface PctBand {
  atLeastPct: number;
  points: number;
}

export interface TechSmeRuleSet extends RuleSetInfo {
  maxStaff: number;
  maxSales: number;
  maxAssets: number;
  passScore: number;
  scienceStaffBands: readonly PctBand[];
  rdSalesBands: readonly PctBand[];
  rdCostBands: readonly PctBand[];
  achievements: { class1: number; class2: readonly { atLeast: number; points: number }[] };
}

export const TECH_SME_2017: TechSmeRuleSet = {
  id: 'techsme-2017',
  source: '国科发政〔2017〕115号',
  effectiveFrom: '2017-05-03', // 印发之日起施行
  effectiveTo: null,
  maxStaff: 500, // 第六条(二)：职工总数不超过500人
  maxSales: 200_000_000, // 年销售收入不超过2亿元
  maxAssets: 200_000_000, // 资产总额不超过2亿元
  passScore: 60, // 第六条(五)：评价得分不低于60分，且科技人员指标得分不得为0分
  scienceStaffBands: [
    { atLeastPct: 30, points: 20 },
    { atLeastPct: 25, points: 16 },
    { atLeastPct: 20, points: 12 },
    { atLeastPct: 15, points: 8 },
    { atLeastPct: 10, points: 4 },
  ],
  rdSalesBands: [
    { atLeastPct: 6, points: 50 },
    { atLeastPct: 5, points: 40 },
    { atLeastPct: 4, points: 30 },
    { atLeastPct: 3, points: 20 },
    { atLeastPct: 2, points: 10 },
  ],
  rdCostBands: [
    { atLeastPct: 30, points: 50 },
    { atLeastPct: 25, points: 40 },
    { atLeastPct: 20, points: 30 },
    { atLeastPct: 15, points: 20 },
    { atLeastPct: 10, points: 10 },
  ],
  achievements: {
    class1: 30,
    class2: [
      { atLeast: 4, points: 24 },
      { atLeast: 3, points: 18 },
      { atLeast: 2, points: 12 },
      { atLeast: 1, points: 6 },
    ],
  },
};

export const TECH_SME_RULE_SETS: readonly TechSmeRuleSet[] = [TECH_SME_2017];

const DIRECT_LABEL: Record<DirectQualification, { zh: string; en: string }> = {
  validHighTech: { zh: '有效期内的高新技术企业资格', en: 'a valid high-tech enterprise certificate' },
  provincialRdInstitution: { zh: '省部级以上研发机构', en: 'a provincial-or-higher R&D institution' },
  nationalAwardTop3: { zh: '近五年内获得国家级科技奖励且在获奖单位中排名前三', en: 'a national S&T award in the last five years, among the first three units' },
  standardTop5: { zh: '近五年内主导制定国际标准、国家标准或行业标准且排名前五', en: 'leading drafter of an international, national or industry standard in the last five years, among the first five' },
};

function band(num: number, den: number, bands: readonly PctBand[]): number {
  if (den <= 0) return 0; // no denominator: the option cannot score
  return bands.find((b) => atLeastPct(num, den, b.atLeastPct))?.points ?? 0;
}

/** S&T staff share (≤ 20). */
export function scoreScienceStaff(scienceStaff: number, staff: number, rules: TechSmeRuleSet = TECH_SME_2017): number {
  return band(scienceStaff, staff, rules.scienceStaffBands);
}

/** R&D (≤ 50): the better of R&D ÷ sales and R&D ÷ total cost and expense (the firm's choice). */
export function scoreRd(rdExpense: number, salesRevenue: number, totalCostExpense: number, rules: TechSmeRuleSet = TECH_SME_2017): number {
  return Math.max(band(rdExpense, salesRevenue, rules.rdSalesBands), band(rdExpense, totalCostExpense, rules.rdCostBands));
}

/** S&T achievements (≤ 30): any Class I IP decides, otherwise the count of Class II. */
export function scoreAchievements(class1: number, class2: number, rules: TechSmeRuleSet = TECH_SME_2017): number {
  if (class1 >= 1) return rules.achievements.class1;
  return rules.achievements.class2.find((b) => class2 >= b.atLeast)?.points ?? 0;
}

function condition(code: string, status: ConditionStatus, value: Condition['value'], threshold: Condition['threshold'], zh: string, en: string): Condition {
  return { code, status, value, threshold, message: { 'zh-CN': zh, en } };
}

/** 科技型中小企业 assessment on input.asOf, under the rule set in force then (or the one given). */
export function assessTechSme(input: AssessmentInput, rules?: TechSmeRuleSet): TechSmeAssessment {
  const { asOf, enterprise: e } = input;
  const r = rules ?? requireRuleSet(TECH_SME_RULE_SETS, asOf, '科技型中小企业');
  const { latestYear, latest } = yearsInView(asOf, e.years);
  const conditions: Condition[] = [];
  const missingZh = (what: string) => `缺少 ${latestYear} 年度（上一会计年度）数据，无法判断${what}`;
  const missingEn = (what: string) => `No figures for ${latestYear} (the last accounting year), so ${what} cannot be checked`;

  // 第六条(二) size limits, inclusive.
  if (!latest) {
    conditions.push(condition('staffLimit', 'failed', null, r.maxStaff, missingZh('职工总数'), missingEn('the staff count')));
    conditions.push(condition('revenueLimit', 'failed', null, r.maxSales, missingZh('销售收入'), missingEn('sales')));
    conditions.push(condition('assetsLimit', 'failed', null, r.maxAssets, missingZh('资产总额'), missingEn('total assets')));
  } else {
    const staffOk = latest.staff <= r.maxStaff;
    conditions.push(condition('staffLimit', staffOk ? 'met' : 'failed', latest.staff, r.maxStaff,
      `${latestYear} 年职工总数 ${formatCount(latest.staff)} 人，${staffOk ? '不超过' : '超过'} ${r.maxStaff} 人`,
      `Staff of ${formatCount(latest.staff)} in ${latestYear}, ${staffOk ? 'within' : 'above'} the limit of ${r.maxStaff}`));
    const salesOk = latest.salesRevenue <= r.maxSales;
    conditions.push(condition('revenueLimit', salesOk ? 'met' : 'failed', latest.salesRevenue, r.maxSales,
      `${latestYear} 年销售收入 ${formatWan(latest.salesRevenue)}，${salesOk ? '不超过' : '超过'} ${formatWan(r.maxSales)}`,
      `Sales of ${formatMillion(latest.salesRevenue)} in ${latestYear}, ${salesOk ? 'within' : 'above'} the limit of ${formatMillion(r.maxSales)}`));
    const assetsOk = latest.totalAssets <= r.maxAssets;
    conditions.push(condition('assetsLimit', assetsOk ? 'met' : 'failed', latest.totalAssets, r.maxAssets,
      `${latestYear} 年末资产总额 ${formatWan(latest.totalAssets)}，${assetsOk ? '不超过' : '超过'} ${formatWan(r.maxAssets)}`,
      `Total assets of ${formatMillion(latest.totalAssets)} at the end of ${latestYear}, ${assetsOk ? 'within' : 'above'} the limit of ${formatMillion(r.maxAssets)}`));
  }

  // 第六条(三) 产品和服务不属于国家规定的禁止、限制和淘汰类.
  const allowed = !e.prohibitedIndustry;
  conditions.push(condition('notProhibited', allowed ? 'met' : 'failed', allowed, true,
    allowed ? '不属于国家禁止、限制和淘汰类产业' : '属于国家禁止、限制或淘汰类产业',
    allowed ? 'Not in a prohibited, restricted or eliminated industry' : 'In a prohibited, restricted or eliminated industry'));

  // 第六条(四) 上一年及当年内未发生重大事故、严重环境违法、科研严重失信，未列入经营异常名录和严重违法失信名单.
  const clean = !e.seriousIncident && !e.abnormalListed;
  const problemsZh = [e.seriousIncident && '发生重大安全、重大质量事故、严重环境违法或科研严重失信行为', e.abnormalListed && '被列入经营异常名录或严重违法失信企业名单'].filter(Boolean).join('；');
  const problemsEn = [e.seriousIncident && 'a major accident, serious environmental violation or research misconduct occurred', e.abnormalListed && 'listed as operating abnormally or seriously dishonest'].filter(Boolean).join('; ');
  conditions.push(condition('noIncidentOrListing', clean ? 'met' : 'failed', clean, true,
    clean ? '当年和上一年度未发生重大安全、质量事故或严重违法失信行为，未列入经营异常名录和严重违法失信名单' : `当年或上一年度${problemsZh}`,
    clean ? 'No major accident, serious violation or dishonesty this year or last, and not on the abnormal-operation or dishonesty lists'
      : `This year or last: ${problemsEn}`));

  // 第六条(五) score, or a 第七条 direct qualification instead of it.
  const parts = latest
    ? {
        scienceStaff: scoreScienceStaff(latest.scienceStaff, latest.staff, r),
        rd: scoreRd(latest.rdExpense, latest.salesRevenue, latest.totalCostExpense, r),
        achievements: scoreAchievements(latest.ipClass1, latest.ipClass2, r),
      }
    : { scienceStaff: 0, rd: 0, achievements: 0 };
  const score = parts.scienceStaff + parts.rd + parts.achievements;
  const byScore = latest !== null && score >= r.passScore && parts.scienceStaff > 0;
  const direct = e.directQualifications.filter((q, i, all) => all.indexOf(q) === i && q in DIRECT_LABEL);
  const breakdownZh = `科技人员 ${parts.scienceStaff} + 研发投入 ${parts.rd} + 科技成果 ${parts.achievements}`;
  const breakdownEn = `S&T staff ${parts.scienceStaff} + R&D ${parts.rd} + achievements ${parts.achievements}`;
  let scoreZh: string;
  let scoreEn: string;
  if (direct.length > 0) {
    scoreZh = `具备直接认定条件：${direct.map((q) => DIRECT_LABEL[q].zh).join('；')}，无需评价得分`;
    scoreEn = `Qualifies directly: ${direct.map((q) => DIRECT_LABEL[q].en).join('; ')}; the score is not needed`;
  } else if (!latest) {
    scoreZh = missingZh('评价得分');
    scoreEn = missingEn('the score');
  } else if (byScore) {
    scoreZh = `评价得分 ${score} 分（${breakdownZh}），不低于 ${r.passScore} 分且科技人员指标得分不为 0`;
    scoreEn = `Score ${score} (${breakdownEn}), at least ${r.passScore} with a non-zero S&T staff score`;
  } else if (parts.scienceStaff === 0) {
    scoreZh = `评价得分 ${score} 分（${breakdownZh}），科技人员指标得 0 分（科技人员占比低于 ${r.scienceStaffBands.at(-1)!.atLeastPct}%），不符合条件`;
    scoreEn = `Score ${score} (${breakdownEn}); the S&T staff score is 0 (share below ${r.scienceStaffBands.at(-1)!.atLeastPct}%), which disqualifies`;
  } else {
    scoreZh = `评价得分 ${score} 分（${breakdownZh}），低于 ${r.passScore} 分`;
    scoreEn = `Score ${score} (${breakdownEn}), below ${r.passScore}`;
  }
  const scoreMet = byScore || direct.length > 0;
  conditions.push(condition('score', scoreMet ? 'met' : 'failed', score, r.passScore, scoreZh, scoreEn));

  const eligible = conditions.every((c) => c.status === 'met');
  // A direct qualification is the firm's stronger claim; the score path otherwise.
  const path = !eligible ? null : direct.length > 0 ? 'direct' : 'score';
  return { eligible: eligible ? 'yes' : 'no', path, score, parts, conditions };
}
