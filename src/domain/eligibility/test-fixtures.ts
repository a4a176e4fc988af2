// Builders for the hand-worked profiles in the *.test.ts files (not used by the engine).
import type { AssessmentInput, Condition, EnterpriseProfile, YearFigures } from './types';

export function year(y: number, figures: Partial<Omit<YearFigures, 'year'>> = {}): YearFigures {
  return {
    year: y, salesRevenue: 0, totalRevenue: 0, hightechRevenue: 0, rdExpense: 0, rdExpenseDomestic: 0, totalCostExpense: 0,
    staff: 0, scienceStaff: 0, totalAssets: 0, totalLiabilities: 0, ipClass1: 0, ipClass2: 0, transformations: 0, ...figures,
  };
}

/**
 * The reference firm, worked by hand in assess.test.ts: assessed on 2024-06-01, so the latest
 * year is 2023 and the window 2021–2023.
 */
export const REFERENCE_YEARS: YearFigures[] = [
  year(2021, { salesRevenue: 20_000_000, totalRevenue: 20_500_000, hightechRevenue: 15_000_000, rdExpense: 1_200_000, rdExpenseDomestic: 1_200_000,
    totalCostExpense: 18_000_000, staff: 60, scienceStaff: 14, totalAssets: 18_000_000, totalLiabilities: 8_000_000, ipClass1: 1, ipClass2: 4, transformations: 4 }),
  year(2022, { salesRevenue: 30_000_000, totalRevenue: 30_600_000, hightechRevenue: 24_000_000, rdExpense: 1_800_000, rdExpenseDomestic: 1_500_000,
    totalCostExpense: 27_000_000, staff: 70, scienceStaff: 17, totalAssets: 22_000_000, totalLiabilities: 10_000_000, ipClass1: 1, ipClass2: 5, transformations: 5 }),
  year(2023, { salesRevenue: 45_000_000, totalRevenue: 46_000_000, hightechRevenue: 36_800_000, rdExpense: 2_700_000, rdExpenseDomestic: 2_000_000,
    totalCostExpense: 40_000_000, staff: 80, scienceStaff: 20, totalAssets: 30_000_000, totalLiabilities: 15_000_000, ipClass1: 2, ipClass2: 6, transformations: 6 }),
];

export function enterprise(overrides: Partial<EnterpriseProfile> = {}): EnterpriseProfile {
  return {
    foundedOn: '2018-03-15', industryCode: 'C3990', hightechField: '电子信息', ownsCoreIp: true, seriousIncident: false,
    abnormalListed: false, prohibitedIndustry: false, directQualifications: [],
    selfAssessment: { ipAdvancement: 6, ipCoreSupport: 6, ipAcquisition: 5, rdManagement: 15 },
    years: REFERENCE_YEARS, ...overrides,
  };
}

export function input(overrides: Partial<EnterpriseProfile> = {}, asOf = '2024-06-01'): AssessmentInput {
  return { asOf, enterprise: enterprise(overrides) };
}

/** A firm with only 2023 figures, assessed on 2024-06-01. */
export function latestOnly(figures: Partial<Omit<YearFigures, 'year'>>, overrides: Partial<EnterpriseProfile> = {}): AssessmentInput {
  return input({ years: [year(2023, figures)], ...overrides });
}

export function conditionOf(conditions: Condition[], code: string): Condition {
  const found = conditions.find((c) => c.code === code);
  if (!found) throw new Error(`no condition ${code}`);
  return found;
}
