/**
 * 研发费用加计扣除 estimate — 财政部 税务总局公告2023年第7号: from 2023-01-01, with no end
 * date, expensed eligible R&D is deducted a further 100 % of its amount. The industries that
 * cannot use it are those of 财税〔2015〕119号 第四条, which 7号 keeps.
 *
 * The estimate is for the latest accounting year (the return filed in the asOf year) and is an
 * upper bound: the tax saved assumes taxable income large enough to absorb the deduction.
 * Not modelled: capitalised R&D (200 % amortisation), the 120 % of 公告2023年第44号 for
 * integrated-circuit and industrial machine-tool firms, and 小型微利企业 reduced rates.
 */
import { ruleSetOn, yearsInView } from './common';
import { formatMoney } from '../money';
import type { AssessmentInput, RdDeductionAssessment, RuleSetInfo } from './types';

export interface ExcludedIndustry {
  id: string;
  zh: string;
  en: string;
  /** GB/T 4754-2017 section (门类) when the whole section is excluded, else null. */
  section: string | null;
  /** GB/T 4754-2017 divisions (大类, two digits). */
  divisions: readonly string[];
}

/** 财税〔2015〕119号 第四条 不适用税前加计扣除政策的行业, as GB/T 4754-2017 codes. */
export const EXCLUDED_INDUSTRIES: readonly ExcludedIndustry[] = [
  { id: 'tobacco', zh: '烟草制造业', en: 'tobacco manufacturing', section: null, divisions: ['16'] },
  { id: 'accommodationCatering', zh: '住宿和餐饮业', en: 'accommodation and catering', section: 'H', divisions: ['61', '62'] },
  { id: 'wholesaleRetail', zh: '批发和零售业', en: 'wholesale and retail', section: 'F', divisions: ['51', '52'] },
  { id: 'realEstate', zh: '房地产业', en: 'real estate', section: 'K', divisions: ['70'] },
  { id: 'leasingBusinessServices', zh: '租赁和商务服务业', en: 'leasing and business services', section: 'L', divisions: ['71', '72'] },
  // 娱乐业 is only division 90 of section R (文化、体育和娱乐业).
  { id: 'entertainment', zh: '娱乐业', en: 'entertainment', section: null, divisions: ['90'] },
];

const INDUSTRY_CODE = /^([A-T])?(\d{2}(?:\d{1,2})?)?$/;

/** Whether the engine can read `code`: a section letter and/or two to four digits. */
export function isIndustryCode(code: string): boolean {
  const m = INDUSTRY_CODE.exec(code.trim().toUpperCase());
  return m !== null && Boolean(m[1] || m[2]);
}

/**
 * The excluded industry a GB/T 4754-2017 code falls in, or null. Codes: 'C3990', '3990', '39',
 * or a section letter alone. A section letter alone is excluded only when the whole section is
 * (F, H, K, L); 'C' or 'R' alone does not say whether it is tobacco or entertainment, so it is
 * not treated as excluded. Throws RangeError on anything that is not such a code.
 */
export function excludedIndustry(code: string): ExcludedIndustry | null {
  if (!isIndustryCode(code)) throw new RangeError(`not a GB/T 4754 industry code: ${code}`);
  const [, section, digits] = INDUSTRY_CODE.exec(code.trim().toUpperCase())!;
  if (digits) return EXCLUDED_INDUSTRIES.find((x) => x.divisions.includes(digits.slice(0, 2))) ?? null;
  return EXCLUDED_INDUSTRIES.find((x) => x.section === section) ?? null;
}

export interface RdDeductionRuleSet extends RuleSetInfo {
  /** The announcement that sets the rate, for messages. */
  citation: { zh: string; en: string };
  /** Extra deduction as a percentage of eligible expensed R&D. */
  extraPct: number;
  excluded: readonly ExcludedIndustry[];
  /** 企业所得税法 第四条 (25 %) and 第二十八条 (15 % for 高新技术企业). */
  taxRate: 0.25;
  highTechTaxRate: 0.15;
}

export const RD_DEDUCTION_2023: RdDeductionRuleSet = {
  id: 'rd-deduction-2023',
  source: '财政部 税务总局公告2023年第7号；财税〔2015〕119号',
  effectiveFrom: '2023-01-01',
  effectiveTo: null,
  citation: { zh: '财政部 税务总局公告2023年第7号', en: 'MOF/STA Announcement No. 7 of 2023' },
  extraPct: 100,
  excluded: EXCLUDED_INDUSTRIES,
  taxRate: 0.25,
  highTechTaxRate: 0.15,
};

export const RD_DEDUCTION_RULE_SETS: readonly RdDeductionRuleSet[] = [RD_DEDUCTION_2023];

/** amount × pct / 100 rounded half up to whole yuan (amount ≥ 0). */
function percentOf(amount: number, pct: number): number {
  return Number((BigInt(amount) * BigInt(pct) + 50n) / 100n);
}

/**
 * The extra deduction for the latest accounting year and the tax it saves. The rule set is the
 * one covering that tax year (tax follows the year the expense was incurred in), not the asOf
 * date; when none does, the estimate is refused and the earliest rule set is named as the one
 * consulted.
 */
export function estimateRdDeduction(input: AssessmentInput, rules?: RdDeductionRuleSet): RdDeductionAssessment {
  const { asOf, enterprise: e } = input;
  const { latestYear, latest } = yearsInView(asOf, e.years);
  const covering = rules ?? ruleSetOn(RD_DEDUCTION_RULE_SETS, `${latestYear}-01-01`);
  const r = covering ?? RD_DEDUCTION_RULE_SETS[0];
  const highTech = e.directQualifications.includes('validHighTech');
  const taxRate = highTech ? r.highTechTaxRate : r.taxRate;
  const ratePct = Math.round(taxRate * 100);
  const rateZh = `${highTech ? '高新技术企业优惠税率' : '税率'} ${ratePct}%`;
  const rateEn = highTech ? `the ${ratePct}% high-tech enterprise rate` : `the ${ratePct}% rate`;
  const known = isIndustryCode(e.industryCode);
  const excluded = known ? excludedIndustry(e.industryCode) : null;
  const none = (zh: string, en: string): RdDeductionAssessment => ({
    eligible: false, year: latest ? latestYear : null, rdExpense: latest?.rdExpense ?? 0, extraDeduction: 0, taxRate, taxSaved: 0, ruleSet: r.id, message: { 'zh-CN': zh, en },
  });

  if (!covering) {
    return none(`${latestYear} 年的研发费用早于${r.citation.zh}的适用期（${r.effectiveFrom} 起），本估算不涵盖此前的政策`,
      `R&D incurred in ${latestYear} predates ${r.citation.en} (from ${r.effectiveFrom}); earlier rules are not estimated`);
  }
  if (!known) {
    // Stored profiles may lack the code; whether the firm is excluded is then unknown.
    return none(`行业代码${e.industryCode.trim() ? `「${e.industryCode}」无法识别` : '未填写'}（GB/T 4754-2017），无法判断是否属于不适用加计扣除的行业`,
      `${e.industryCode.trim() ? `Industry code "${e.industryCode}" is not a GB/T 4754-2017 code` : 'No industry code (GB/T 4754-2017)'}, so whether the firm is in an excluded industry is unknown`);
  }
  if (excluded) {
    return none(`所属行业（${e.industryCode}）属于${excluded.zh}，不适用研发费用加计扣除（财税〔2015〕119号 第四条）`,
      `Industry ${e.industryCode} is ${excluded.en}, which cannot use the R&D super deduction (Caishui [2015] No. 119, art. 4)`);
  }
  if (!latest) {
    return none(`缺少 ${latestYear} 年度（上一会计年度）数据，无法估算研发费用加计扣除`,
      `No figures for ${latestYear} (the last accounting year), so the R&D super deduction cannot be estimated`);
  }
  if (latest.rdExpense === 0) {
    return none(`${latestYear} 年无研发费用，无可加计扣除金额`, `No R&D expense in ${latestYear}, so nothing to deduct`);
  }
  const extraDeduction = percentOf(latest.rdExpense, r.extraPct);
  const taxSaved = percentOf(extraDeduction, ratePct);
  return {
    eligible: true,
    year: latestYear,
    rdExpense: latest.rdExpense,
    extraDeduction,
    taxRate,
    taxSaved,
    ruleSet: r.id,
    message: {
      // amounts (not thresholds) in the one money format every view uses, so the card and this sentence agree
      'zh-CN': `${latestYear} 年研发费用 ${formatMoney(latest.rdExpense)}，可再按 ${r.extraPct}% 加计扣除 ${formatMoney(extraDeduction)}；按${rateZh} 计，最多少缴企业所得税 ${formatMoney(taxSaved)}（以应纳税所得额足以抵扣为限；${r.citation.zh}）`,
      en: `R&D expense of ${formatMoney(latest.rdExpense, 'en')} in ${latestYear} earns an extra ${r.extraPct}% deduction of ${formatMoney(extraDeduction, 'en')}; at ${rateEn} that saves up to ${formatMoney(taxSaved, 'en')} of enterprise income tax (if taxable income absorbs it; ${r.citation.en})`,
    },
  };
}
