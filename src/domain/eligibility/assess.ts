/**
 * Entry point: one assessment of an enterprise on a date against 高新技术企业, 科技型中小企业
 * and 研发费用加计扣除, each under the rule set in force for that date, whose ids are listed
 * in the result so an old assessment stays explainable after a revision is added.
 *
 * Pure: no I/O. Throws RangeError on input the server schema should already reject (bad dates,
 * non-integer or negative amounts, duplicate years, self-assessed points out of range, an asOf
 * before EARLIEST_AS_OF).
 */
import { requireRuleSet } from './common';
import { assessHighTech, HIGH_TECH_RULE_SETS } from './hightech';
import { estimateRdDeduction } from './rd-deduction';
import { assessTechSme, TECH_SME_RULE_SETS } from './techsme';
import type { Assessment, AssessmentInput } from './types';

export { DIRECT_QUALIFICATIONS, HIGHTECH_FIELDS } from './types';
export { EXCLUDED_INDUSTRIES } from './rd-deduction';
export type * from './types';

/** The first date for which both 高企 and 科小 have a rule set (115号 was issued 2017-05-03). */
export const EARLIEST_AS_OF = [HIGH_TECH_RULE_SETS[0].effectiveFrom, TECH_SME_RULE_SETS[0].effectiveFrom].sort().at(-1)!;

export function assess(input: AssessmentInput): Assessment {
  const highTechRules = requireRuleSet(HIGH_TECH_RULE_SETS, input.asOf, '高新技术企业');
  const techSmeRules = requireRuleSet(TECH_SME_RULE_SETS, input.asOf, '科技型中小企业');
  const rdDeduction = estimateRdDeduction(input);
  return {
    asOf: input.asOf,
    ruleSets: [highTechRules.id, techSmeRules.id, rdDeduction.ruleSet],
    highTech: assessHighTech(input, highTechRules),
    techSme: assessTechSme(input, techSmeRules),
    rdDeduction,
  };
}
