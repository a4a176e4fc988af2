/**
 * 惠企政策精准推送: whether an enterprise meets the conditions a policy states, condition by
 * condition, from its stored profile, tiers and latest yearly statistics. Pure: no I/O.
 *
 * Amounts are whole yuan; the R&D ratio is rd_expense ÷ sales_revenue of the latest year with
 * statistics, compared exactly (integer cross-multiplication), thresholds in percent.
 */
import { HIGHTECH_FIELDS } from '../eligibility/types';
import { industryDivision } from '../industries';
import { ENTERPRISE_TIERS, TIER_NAMES, type EnterpriseTier } from './types';

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

const wan = (yuan: number) => `${(yuan / 10_000).toLocaleString('zh-CN', { maximumFractionDigits: 2 })}万元`;
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

export function checkConditions(c: PolicyConditions, f: EnterpriseFacts): ConditionCheck[] {
  const out: ConditionCheck[] = [];
  const push = (key: ConditionKey, met: boolean, required: ConditionCheck['required'], actual: ConditionCheck['actual']) =>
    out.push({ key, met, required, actual });
  if (c.regionCodes?.length) {
    push('region', c.regionCodes.some((r) => f.regionPath.includes(r)),
      { zh: `注册地在 ${c.regionCodes.join('、')} 辖区内`, en: `registered within ${c.regionCodes.join(', ')}` },
      { zh: f.regionName, en: f.regionName });
  }
  if (c.tiersHeld?.length) {
    const missing = c.tiersHeld.filter((t) => !f.tiers.includes(t));
    push('tiersHeld', missing.length === 0, { zh: `已获认定：${tiers(c.tiersHeld, 'zh')}`, en: `holds: ${tiers(c.tiersHeld, 'en')}` },
      { zh: `现有认定：${tiers(f.tiers, 'zh')}`, en: `holds: ${tiers(f.tiers, 'en')}` });
  }
  if (c.tiersNotHeld?.length) {
    const held = c.tiersNotHeld.filter((t) => f.tiers.includes(t));
    push('tiersNotHeld', held.length === 0, { zh: `尚未获得：${tiers(c.tiersNotHeld, 'zh')}`, en: `does not yet hold: ${tiers(c.tiersNotHeld, 'en')}` },
      { zh: `现有认定：${tiers(f.tiers, 'zh')}`, en: `holds: ${tiers(f.tiers, 'en')}` });
  }
  if (c.industries?.length) {
    const { section, division } = industryOf(f.industryCode);
    const met = c.industries.some((i) => (/^[A-T]$/.test(i) ? section === i : division !== null && i.replace(/^[A-T]/, '').slice(0, 2) === division));
    push('industry', met, { zh: `所属行业：${c.industries.join('、')}`, en: `industry: ${c.industries.join(', ')}` },
      { zh: f.industryCode ?? '未填写行业', en: f.industryCode ?? 'industry not given' });
  }
  if (c.hightechFields?.length) {
    push('hightechField', f.hightechField !== null && (c.hightechFields as string[]).includes(f.hightechField),
      { zh: `高新技术领域：${c.hightechFields.join('、')}`, en: `high-tech field: ${c.hightechFields.join(', ')}` },
      { zh: f.hightechField ?? '未填写', en: f.hightechField ?? 'not given' });
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
