/**
 * 惠企政策精准推送: whether an enterprise meets the conditions a policy states, condition by
 * condition, from its stored profile, tiers and latest yearly statistics. Pure: no I/O.
 *
 * Amounts are whole yuan; the R&D ratio is rd_expense ÷ sales_revenue of the latest year with
 * statistics, compared exactly (integer cross-multiplication), thresholds in percent.
 */
import { HIGHTECH_FIELDS } from '../eligibility/types';
import { INDUSTRY_SECTIONS, INDUSTRY_SECTIONS_EN, industryDivision } from '../industries';
import { ENTERPRISE_TIERS, TIER_NAMES, type Benefit, type EnterpriseTier } from './types';

export interface PolicyConditions {
  /** the enterprise's region must lie in one of these (or below); a local policy defaults to its own region */
  regionCodes?: string[];
  tiersHeld?: EnterpriseTier[];
  tiersNotHeld?: EnterpriseTier[];
  /** GB/T 4754 section letters (C) or division codes (35), any of them */
  industries?: string[];
  hightechFields?: (typeof HIGHTECH_FIELDS)[number][];
  aboveScale?: boolean;
  maxStaff?: number;
  minSalesRevenue?: number;
  maxSalesRevenue?: number;
  maxTotalAssets?: number;
  /** percent, e.g. 3 = 3 % */
  minRdRatio?: number;
}

export interface EnterpriseFacts {
  /** the enterprise's region and every region above it */
  regionPath: string[];
  regionName: string;
  tiers: EnterpriseTier[];
  industryCode: string | null;
  hightechField: string | null;
  aboveScale: boolean;
  /** latest year with statistics, or null */
  statYear: number | null;
  staff: number | null;
  salesRevenue: number | null;
  totalAssets: number | null;
  rdExpense: number | null;
}

export type ConditionKey = 'region' | 'tiersHeld' | 'tiersNotHeld' | 'industry' | 'hightechField' | 'aboveScale' | 'maxStaff'
  | 'minSalesRevenue' | 'maxSalesRevenue' | 'maxTotalAssets' | 'minRdRatio';

export interface ConditionCheck {
  key: ConditionKey;
  met: boolean;
  /** the condition, in words */
  required: { zh: string; en: string };
  /** what the enterprise has, in words */
  actual: { zh: string; en: string };
}

/** How a person says holding, lacking and getting each status. */
const TIER_WORDS: Record<EnterpriseTier, { has: Text; get: Text; yes: Text; no: Text }> = {
  tech_sme: { has: { zh: '已入库科技型中小企业', en: 'registered as a tech SME' }, get: { zh: '入库科技型中小企业', en: 'be registered as a tech SME' },
    yes: { zh: '已入库', en: 'registered' }, no: { zh: '未入库', en: 'not registered' } },
  high_tech: { has: { zh: '已认定为高新技术企业', en: 'recognised as a high-tech enterprise' }, get: { zh: '认定为高新技术企业', en: 'be recognised as a high-tech enterprise' },
    yes: { zh: '已认定', en: 'recognised' }, no: { zh: '未认定', en: 'not recognised' } },
  provincial_innovative: { has: { zh: '已认定为省级科技创新型企业', en: 'recognised as a provincial innovative enterprise' },
    get: { zh: '认定为省级科技创新型企业', en: 'be recognised as a provincial innovative enterprise' }, yes: { zh: '已认定', en: 'recognised' }, no: { zh: '未认定', en: 'not recognised' } },
  candidate: { has: { zh: '已纳入高新技术企业后备库', en: 'in the high-tech candidate pool' }, get: { zh: '纳入高新技术企业后备库', en: 'enter the high-tech candidate pool' },
    yes: { zh: '已纳入', en: 'in the pool' }, no: { zh: '未纳入', en: 'not in the pool' } },
};
type Text = { zh: string; en: string };
const join = (texts: Text[], zhSep = '、', enSep = ', '): Text => ({ zh: texts.map((t) => t.zh).join(zhSep), en: texts.map((t) => t.en).join(enSep) });
const sameWord = (texts: Text[]): Text | null => (texts.every((t) => t.zh === texts[0].zh) ? texts[0] : null);

/** Names for codes the conditions store (regions); without them the code is shown. */
export interface ConditionNames { region?: (code: string) => string }

/** A section letter (C) or division (35, C35) of GB/T 4754, by name; in English the section's name (divisions have no English edition here). */
function industryName(code: string, lang: 'zh' | 'en' = 'zh'): string {
  if (/^[A-T]$/.test(code)) return (lang === 'en' ? INDUSTRY_SECTIONS_EN : INDUSTRY_SECTIONS)[code] ?? code;
  const d = industryDivision(code);
  if (!d) return code;
  return lang === 'en' ? `${INDUSTRY_SECTIONS_EN[d.section] ?? d.section} (${d.name})` : d.name;
}

// 2 亿元 as a person writes a threshold, not 20,000万元
const wan = (yuan: number) => (yuan >= 100_000_000 && yuan % 10_000_000 === 0
  ? `${yuan / 100_000_000}亿元` : `${(yuan / 10_000).toLocaleString('zh-CN', { maximumFractionDigits: 2 })}万元`);
const million = (yuan: number) => `${(yuan / 1_000_000).toLocaleString('en', { maximumFractionDigits: 2 })} million yuan`;
const tiers = (ts: readonly EnterpriseTier[], lang: 'zh' | 'en') => ts.map((t) => TIER_NAMES[t][lang]).join(lang === 'zh' ? '、' : ', ') || (lang === 'zh' ? '无' : 'none');
const noStats = { zh: '无年度统计数据', en: 'no yearly statistics' };

/** Section letter and division of an industry code such as C3514 or 3514. */
function industryOf(code: string | null): { section: string | null; division: string | null } {
  if (!code) return { section: null, division: null };
  const d = industryDivision(code);
  return { section: d?.section ?? (/^[A-T]/.test(code) ? code[0] : null), division: d?.code ?? null };
}

/** Exact a ÷ b ≥ pct %: 100·a ≥ pct·b, with pct scaled to an integer of hundredths. */
function ratioAtLeast(a: number, b: number, pct: number): boolean {
  const scaled = BigInt(Math.round(pct * 100));
  return BigInt(a) * 10_000n >= scaled * BigInt(b);
}

export function checkConditions(c: PolicyConditions, f: EnterpriseFacts, names: ConditionNames = {}): ConditionCheck[] {
  const out: ConditionCheck[] = [];
  const push = (key: ConditionKey, met: boolean, required: ConditionCheck['required'], actual: ConditionCheck['actual']) =>
    out.push({ key, met, required, actual });
  if (c.regionCodes?.length) {
    const places = c.regionCodes.map((r) => names.region?.(r) ?? r);
    push('region', c.regionCodes.some((r) => f.regionPath.includes(r)),
      { zh: `注册地在${places.join('或')}`, en: `registered in ${places.join(' or ')}` },
      { zh: f.regionName, en: f.regionName });
  }
  if (c.tiersHeld?.length) {
    const missing = c.tiersHeld.filter((t) => !f.tiers.includes(t));
    if (missing.length === 0) {
      push('tiersHeld', true, join(c.tiersHeld.map((t) => TIER_WORDS[t].has), '，', ', '),
        sameWord(c.tiersHeld.map((t) => TIER_WORDS[t].yes)) ?? join(c.tiersHeld.map((t) => TIER_WORDS[t].yes)));
    } else {
      // what it still has to obtain, and that it has not: 需先入库科技型中小企业（当前未入库）
      const get = join(missing.map((t) => TIER_WORDS[t].get), '并', ' and ');
      const no = sameWord(missing.map((t) => TIER_WORDS[t].no)) ?? join(missing.map((t) => TIER_WORDS[t].no));
      push('tiersHeld', false, { zh: `需先${get.zh}`, en: `must first ${get.en}` }, { zh: `当前${no.zh}`, en: no.en });
    }
  }
  if (c.tiersNotHeld?.length) {
    const held = c.tiersNotHeld.filter((t) => f.tiers.includes(t));
    const notYet = join(c.tiersNotHeld.map((t) => TIER_WORDS[t].get), '或', ' or ');
    push('tiersNotHeld', held.length === 0, { zh: `尚未${notYet.zh}`, en: `not yet ${c.tiersNotHeld.map((t) => TIER_WORDS[t].has.en).join(' or ')}` },
      held.length === 0
        ? { zh: `当前${(sameWord(c.tiersNotHeld.map((t) => TIER_WORDS[t].no)) ?? join(c.tiersNotHeld.map((t) => TIER_WORDS[t].no))).zh}`, en: join(c.tiersNotHeld.map((t) => TIER_WORDS[t].no)).en }
        : join(held.map((t) => TIER_WORDS[t].has), '，', ', '));
  }
  if (c.industries?.length) {
    const { section, division } = industryOf(f.industryCode);
    const met = c.industries.some((i) => (/^[A-T]$/.test(i) ? section === i : division !== null && i.replace(/^[A-T]/, '').slice(0, 2) === division));
    const code = f.industryCode ? division ?? section ?? f.industryCode : null;
    push('industry', met, { zh: `所属行业：${c.industries.map((i) => industryName(i)).join('或')}`, en: `industry: ${c.industries.map((i) => industryName(i, 'en')).join(' or ')}` },
      { zh: code ? industryName(code) : '未填写行业', en: code ? industryName(code, 'en') : 'industry not given' });
  }
  if (c.hightechFields?.length) {
    push('hightechField', f.hightechField !== null && (c.hightechFields as string[]).includes(f.hightechField),
      { zh: `高新技术领域属于${c.hightechFields.join('、')}之一`, en: `high-tech field one of ${c.hightechFields.join(', ')}` },
      { zh: f.hightechField ?? '未填写高新技术领域', en: f.hightechField ?? 'high-tech field not given' });
  }
  if (c.aboveScale !== undefined) {
    push('aboveScale', f.aboveScale === c.aboveScale, { zh: c.aboveScale ? '规模以上企业' : '规模以下企业', en: c.aboveScale ? 'above designated size' : 'below designated size' },
      { zh: f.aboveScale ? '规上' : '规下', en: f.aboveScale ? 'above size' : 'below size' });
  }
  const year = f.statYear ? { zh: `（${f.statYear}年）`, en: ` (${f.statYear})` } : { zh: '', en: '' };
  if (c.maxStaff !== undefined) {
    push('maxStaff', f.staff !== null && f.staff <= c.maxStaff, { zh: `职工不超过 ${c.maxStaff} 人`, en: `at most ${c.maxStaff} staff` },
      f.staff === null ? noStats : { zh: `职工 ${f.staff} 人${year.zh}`, en: `${f.staff} staff${year.en}` });
  }
  if (c.minSalesRevenue !== undefined) {
    push('minSalesRevenue', f.salesRevenue !== null && f.salesRevenue >= c.minSalesRevenue,
      { zh: `销售收入不低于 ${wan(c.minSalesRevenue)}`, en: `sales at least ${million(c.minSalesRevenue)}` },
      f.salesRevenue === null ? noStats : { zh: `销售收入 ${wan(f.salesRevenue)}${year.zh}`, en: `sales ${million(f.salesRevenue)}${year.en}` });
  }
  if (c.maxSalesRevenue !== undefined) {
    push('maxSalesRevenue', f.salesRevenue !== null && f.salesRevenue <= c.maxSalesRevenue,
      { zh: `销售收入不超过 ${wan(c.maxSalesRevenue)}`, en: `sales at most ${million(c.maxSalesRevenue)}` },
      f.salesRevenue === null ? noStats : { zh: `销售收入 ${wan(f.salesRevenue)}${year.zh}`, en: `sales ${million(f.salesRevenue)}${year.en}` });
  }
  if (c.maxTotalAssets !== undefined) {
    push('maxTotalAssets', f.totalAssets !== null && f.totalAssets <= c.maxTotalAssets,
      { zh: `资产总额不超过 ${wan(c.maxTotalAssets)}`, en: `total assets at most ${million(c.maxTotalAssets)}` },
      f.totalAssets === null ? noStats : { zh: `资产总额 ${wan(f.totalAssets)}${year.zh}`, en: `total assets ${million(f.totalAssets)}${year.en}` });
  }
  if (c.minRdRatio !== undefined) {
    const has = f.rdExpense !== null && f.salesRevenue !== null && f.salesRevenue > 0;
    const pct = has ? Math.floor((f.rdExpense! * 1000) / f.salesRevenue!) / 10 : null;
    push('minRdRatio', has && ratioAtLeast(f.rdExpense!, f.salesRevenue!, c.minRdRatio),
      { zh: `研发费用占销售收入比例不低于 ${c.minRdRatio}%`, en: `R&D at least ${c.minRdRatio}% of sales` },
      has ? { zh: `研发投入强度 ${pct}%${year.zh}`, en: `R&D ${pct}% of sales${year.en}` } : noStats);
  }
  return out;
}

export interface SplitBenefit extends Benefit { requires: EnterpriseTier[]; after: Text }

/** The statuses a benefit needs: as it says, else what the policy is for getting (see Benefit). */
export function benefitRequires(c: PolicyConditions, b: Benefit): EnterpriseTier[] {
  return b.requires ?? c.tiersNotHeld ?? [];
}

/**
 * What a firm that meets a policy's conditions enjoys now (it holds every status the benefit
 * needs) and what it may apply for (the benefit follows a status it does not hold yet).
 */
export function benefitsFor(c: PolicyConditions, benefits: Benefit[], tiers: readonly EnterpriseTier[]): { enjoyNow: Benefit[]; applyFor: SplitBenefit[] } {
  const enjoyNow: Benefit[] = [];
  const applyFor: SplitBenefit[] = [];
  for (const b of benefits) {
    const needs = benefitRequires(c, b);
    const lacking = needs.filter((t) => !tiers.includes(t));
    if (!lacking.length) { enjoyNow.push(b); continue; }
    const get = join(lacking.map((t) => TIER_WORDS[t].get), '并', ' and ');
    applyFor.push({ ...b, requires: lacking, after: { zh: `${get.zh}后可享受`, en: `once ${lacking.map((t) => TIER_WORDS[t].has.en).join(' and ')}` } });
  }
  return { enjoyNow, applyFor };
}

export type MatchOutcome = 'qualifies' | 'near' | 'no';

/** Conditions no firm is "almost" meeting: it is elsewhere, or it already holds what the policy is for getting. */
const HARD: ConditionKey[] = ['region', 'tiersNotHeld'];

/** Qualifies: every condition met. Near miss: exactly one unmet, and not a hard one. */
export function matchOutcome(checks: ConditionCheck[]): MatchOutcome {
  const unmet = checks.filter((c) => !c.met);
  if (!unmet.length) return 'qualifies';
  if (unmet.length === 1 && !HARD.includes(unmet[0].key)) return 'near';
  return 'no';
}

export function isEnterpriseTier(t: string): t is EnterpriseTier {
  return (ENTERPRISE_TIERS as readonly string[]).includes(t);
}
