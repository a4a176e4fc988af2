/**
 * Types of the eligibility engine (高新技术企业, 科技型中小企业, 研发费用加计扣除).
 *
 * Conventions shared by every file here:
 * - Amounts are integers in yuan, head counts integers; the engine compares thresholds with
 *   exact integer (BigInt) cross-multiplication, never with rounded floats.
 * - Ratios in `Condition.value` / `threshold` are PERCENTAGES: 3.2 means 3.2 %. The value is
 *   truncated (not rounded) to one decimal, so it is never shown on the other side of a
 *   threshold than the exact comparison put it (4.99 % shows as 4.9 %, not 5.0 %).
 * - Money in messages is in 万元 (zh-CN) and million yuan (en), printed exactly.
 */

/** The eight fields of 《国家重点支持的高新技术领域》 (国科发火〔2016〕32号 附件). */
export const HIGHTECH_FIELDS = [
  '电子信息',
  '生物与新医药',
  '航空航天',
  '新材料',
  '高技术服务',
  '新能源与节能',
  '资源与环境',
  '先进制造与自动化',
] as const;
export type HightechField = (typeof HIGHTECH_FIELDS)[number];

/** English names for messages, in the order of HIGHTECH_FIELDS. */
export const HIGHTECH_FIELD_EN: Record<HightechField, string> = {
  电子信息: 'electronic information',
  生物与新医药: 'biotechnology and new medicine',
  航空航天: 'aerospace',
  新材料: 'new materials',
  高技术服务: 'high-tech services',
  新能源与节能: 'new energy and energy saving',
  资源与环境: 'resources and environment',
  先进制造与自动化: 'advanced manufacturing and automation',
};

/** Ways to meet 科技型中小企业 condition 5 without the score (国科发政〔2017〕115号 第七条). */
export const DIRECT_QUALIFICATIONS = ['validHighTech', 'provincialRdInstitution', 'nationalAwardTop3', 'standardTop5'] as const;
export type DirectQualification = (typeof DIRECT_QUALIFICATIONS)[number];

/** One accounting year of figures (yuan, persons, counts). */
export interface YearFigures {
  year: number;
  /** 销售收入 = 主营业务收入 + 其他业务收入. */
  salesRevenue: number;
  /** 总收入 = 收入总额 − 不征税收入. */
  totalRevenue: number;
  /** 高新技术产品（服务）收入. */
  hightechRevenue: number;
  rdExpense: number;
  /** The part of rdExpense spent in China (境内). */
  rdExpenseDomestic: number;
  /** 成本费用总额, the denominator of the 科小 cost-based R&D option. */
  totalCostExpense: number;
  staff: number;
  scienceStaff: number;
  totalAssets: number;
  totalLiabilities: number;
  /** Valid Class I IP held at the end of the year (invention patents, plant varieties, …). */
  ipClass1: number;
  /** Valid Class II IP held at the end of the year (utility models, designs, software copyright). */
  ipClass2: number;
  /** S&T achievements transformed during the year. */
  transformations: number;
}

/** The expert-judged parts of the 高企 innovation score, when the firm has assessed itself. */
export interface SelfAssessment {
  ipAdvancement?: number; // 0–8
  ipCoreSupport?: number; // 0–8
  ipAcquisition?: number; // 0–6
  rdManagement?: number; // 0–20
}

export interface EnterpriseProfile {
  foundedOn: string; // YYYY-MM-DD
  /** GB/T 4754-2017 code: section letter and/or digits, e.g. 'C3990', '39', 'F'. */
  industryCode: string;
  hightechField: HightechField | null;
  ownsCoreIp: boolean;
  seriousIncident: boolean;
  abnormalListed: boolean;
  prohibitedIndustry: boolean;
  directQualifications: DirectQualification[];
  selfAssessment?: SelfAssessment;
  years: YearFigures[];
}

export interface AssessmentInput {
  asOf: string; // YYYY-MM-DD, the application date
  enterprise: EnterpriseProfile;
}

export type ConditionStatus = 'met' | 'failed' | 'uncertain';

export interface Message {
  'zh-CN': string;
  en: string;
}

export interface Condition {
  code: string;
  status: ConditionStatus;
  value: number | string | boolean | null;
  threshold: number | string | boolean | null;
  message: Message;
}

export const HIGHTECH_CONDITION_CODES = [
  'registeredOneYear',
  'ownsCoreIp',
  'hightechField',
  'scienceStaffRatio',
  'rdRatio',
  'rdDomesticShare',
  'hightechRevenueShare',
  'innovationScore',
  'noSeriousIncident',
] as const;
export type HighTechConditionCode = (typeof HIGHTECH_CONDITION_CODES)[number];

export const TECHSME_CONDITION_CODES = ['staffLimit', 'revenueLimit', 'assetsLimit', 'notProhibited', 'noIncidentOrListing', 'score'] as const;
export type TechSmeConditionCode = (typeof TECHSME_CONDITION_CODES)[number];

/** Whole points; min === max when the score is known exactly. */
export interface ScoreRange {
  min: number;
  max: number;
}

export interface HighTechScoreParts {
  ipQuantity: ScoreRange;
  ipAdvancement: ScoreRange;
  ipCoreSupport: ScoreRange;
  ipAcquisition: ScoreRange;
  transformation: ScoreRange;
  rdManagement: ScoreRange;
  netAssetGrowth: ScoreRange;
  salesGrowth: ScoreRange;
}

export interface HighTechAssessment {
  eligible: 'yes' | 'no' | 'uncertain';
  conditions: Condition[];
  score: ScoreRange & { parts: HighTechScoreParts };
}

export interface TechSmeAssessment {
  eligible: 'yes' | 'no';
  path: 'score' | 'direct' | null;
  score: number;
  parts: { scienceStaff: number; rd: number; achievements: number };
  conditions: Condition[];
}

export interface RdDeductionAssessment {
  eligible: boolean;
  year: number | null;
  rdExpense: number;
  extraDeduction: number;
  taxRate: 0.25 | 0.15;
  taxSaved: number;
  ruleSet: string;
  message: Message;
}

export interface Assessment {
  asOf: string;
  ruleSets: string[];
  highTech: HighTechAssessment;
  techSme: TechSmeAssessment;
  rdDeduction: RdDeductionAssessment;
}

/** What every rule set carries, so an old assessment can say which text it applied. */
export interface RuleSetInfo {
  id: string;
  source: string;
  effectiveFrom: string; // YYYY-MM-DD, inclusive
  effectiveTo: string | null; // YYYY-MM-DD, inclusive; null while in force
}
