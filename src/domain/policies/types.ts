/** The vocabulary of the policy library (M2), shared by server and web. */
export const POLICY_LEVELS = ['national', 'provincial', 'city', 'county'] as const;
export type PolicyLevel = (typeof POLICY_LEVELS)[number];

/** Stored statuses; 'expired' is derived from the expiry date. */
export const STORED_STATUSES = ['draft', 'in_force', 'amended', 'repealed'] as const;
export const POLICY_STATUSES = [...STORED_STATUSES, 'expired'] as const;
export type StoredStatus = (typeof STORED_STATUSES)[number];
export type PolicyStatus = (typeof POLICY_STATUSES)[number];

export const BENEFIT_KINDS = ['subsidy', 'tax', 'finance', 'talent', 'platform'] as const;
export type BenefitKind = (typeof BENEFIT_KINDS)[number];
/**
 * `requires`: the statuses a firm must hold to enjoy the benefit (15 % rate: 高新技术企业). Absent:
 * what the policy's conditions say a firm must not yet hold (a policy for getting a status gives
 * its benefits with the status); [] : nothing beyond the conditions.
 */
export interface Benefit { kind: BenefitKind; description: string; amount?: string | null; requires?: EnterpriseTier[] }

export const RELATION_KINDS = ['amends', 'replaces', 'repeals'] as const;
export type RelationKind = (typeof RELATION_KINDS)[number];

export const REVIEW_DECISIONS = ['keep', 'amend', 'repeal'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export const ENTERPRISE_TIERS = ['tech_sme', 'provincial_innovative', 'high_tech', 'candidate'] as const;
export type EnterpriseTier = (typeof ENTERPRISE_TIERS)[number];

/** A policy in force that has passed its expiry date is expired. */
export function effectiveStatus(status: StoredStatus, expiresOn: string | null, today: string): PolicyStatus {
  return status === 'in_force' && expiresOn !== null && expiresOn < today ? 'expired' : status;
}

export const LEVEL_NAMES: Record<PolicyLevel, { zh: string; en: string }> = {
  national: { zh: '国家级', en: 'National' }, provincial: { zh: '省级', en: 'Provincial' },
  city: { zh: '市级', en: 'City' }, county: { zh: '县级', en: 'County' },
};
export const STATUS_NAMES: Record<PolicyStatus, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' }, in_force: { zh: '现行有效', en: 'In force' }, amended: { zh: '已修订', en: 'Amended' },
  repealed: { zh: '已废止', en: 'Repealed' }, expired: { zh: '已失效', en: 'Expired' },
};
export const DECISION_NAMES: Record<ReviewDecision, { zh: string; en: string }> = {
  keep: { zh: '保留', en: 'Keep' }, amend: { zh: '修改', en: 'Amend' }, repeal: { zh: '废止', en: 'Repeal' },
};
export const TIER_NAMES: Record<EnterpriseTier, { zh: string; en: string }> = {
  tech_sme: { zh: '科技型中小企业', en: 'Tech SME' }, provincial_innovative: { zh: '省级科技创新型企业', en: 'Provincial innovative enterprise' },
  high_tech: { zh: '高新技术企业', en: 'High-tech enterprise' }, candidate: { zh: '后备库企业', en: 'Candidate pool' },
};
