// The eligibility engine's public API (pure functions and types; safe for server and web).
export * from './types';
export { assess, EARLIEST_AS_OF } from './assess';
export { assessHighTech, HIGH_TECH_2016, HIGH_TECH_RULE_SETS, rdThresholdPct, scoreGrowth, scoreIpQuantity, scoreTransformation } from './hightech';
export type { GrowthBasis, GrowthResult, HighTechRuleSet } from './hightech';
export { assessTechSme, scoreAchievements, scoreRd, scoreScienceStaff, TECH_SME_2017, TECH_SME_RULE_SETS } from './techsme';
export type { TechSmeRuleSet } from './techsme';
export { estimateRdDeduction, EXCLUDED_INDUSTRIES, excludedIndustry, isIndustryCode, RD_DEDUCTION_2023, RD_DEDUCTION_RULE_SETS } from './rd-deduction';
export type { ExcludedIndustry, RdDeductionRuleSet } from './rd-deduction';
export { ruleSetOn } from './common';
