/**
 * 科技特派员 rules that need no database: who may be one, the kinds of service, the yearly rating
 * from the year's confirmed logs against the region's minimum and the served parties' feedback,
 * and the mid-year 双过半 check. Sources: 国办发〔2016〕32号; 云科规〔2023〕8号 (Party and government
 * staff may not apply); Henan (≥ 30 days or ≥ 12 visits a year); Quanzhou (a 100-point rating on
 * service, results and satisfaction). See RULES.md "科技特派员".
 */

export const COMMISSIONER_KINDS = ['individual', 'legal', 'team'] as const;
export type CommissionerKind = (typeof COMMISSIONER_KINDS)[number];

/** The employer kinds a form offers; `party_government` is offered so that it can be refused with a reason. */
export const EMPLOYER_KINDS = ['university', 'institute', 'enterprise', 'public_institution', 'cooperative', 'other', 'party_government'] as const;
export type EmployerKind = (typeof EMPLOYER_KINDS)[number];
export const REFUSED_EMPLOYER_KINDS: readonly EmployerKind[] = ['party_government'];

export const SERVICE_TYPES = ['promotion', 'training', 'consultation', 'demonstration', 'entrepreneurship'] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];
export const SERVICE_TYPE_NAMES: Record<ServiceType, [string, string]> = {
  promotion: ['技术推广', 'Technology promotion'],
  training: ['技术培训', 'Training'],
  consultation: ['咨询指导', 'Consultation'],
  demonstration: ['示范基地', 'Demonstration base'],
  entrepreneurship: ['创业服务', 'Entrepreneurship'],
};

export const RATINGS = ['excellent', 'good', 'pass', 'fail'] as const;
export type Rating = (typeof RATINGS)[number];
export const RATING_NAMES: Record<Rating, [string, string]> = {
  excellent: ['优秀', 'Excellent'], good: ['良好', 'Good'], pass: ['合格', 'Pass'], fail: ['不合格', 'Fail'],
};

/** Continuing (a new dispatch) needs 合格 or better in the last rated year. */
export const mayContinue = (lastRating: Rating | null | undefined) => lastRating !== 'fail';

export interface YearOfService {
  /** confirmed service days of the year */
  days: number;
  /** confirmed logs (visits on site) of the year */
  visits: number;
  /** average of the served parties' feedback scores (1–5); null when none gave one */
  feedbackAvg: number | null;
}
export interface Minimum { minDays: number; minVisits: number }

/**
 * The rating on 100 points: service 60 (the better of days and visits against the minimum; the
 * full 60 at one and a half times it), satisfaction 40 (the feedback average of 5; 3 of 5 when no
 * one gave feedback). Below the minimum is 不合格 whatever the points; then 优秀 ≥ 90, 良好 ≥ 75,
 * 合格 otherwise: meeting the minimum is what 合格 means.
 */
export function rateYear(year: YearOfService, min: Minimum): { score: number; rating: Rating; metMinimum: boolean } {
  const ratio = Math.max(year.days / min.minDays, year.visits / min.minVisits);
  const metMinimum = ratio >= 1;
  const service = 60 * Math.min(1, ratio / 1.5);
  const satisfaction = 40 * ((year.feedbackAvg ?? 3) / 5);
  const score = Math.round((service + satisfaction) * 10) / 10;
  const rating: Rating = !metMinimum ? 'fail' : score >= 90 ? 'excellent' : score >= 75 ? 'good' : 'pass';
  return { score, rating, metMinimum };
}

/**
 * 双过半 by a date: the share of the year elapsed through that date (about half at the end of June)
 * times the minimum days is what a commissioner should have logged; behind when below it.
 */
export function expectedDaysBy(date: string, minDays: number): { share: number; expectedDays: number } {
  const d = new Date(`${date}T00:00:00Z`);
  const start = Date.UTC(d.getUTCFullYear(), 0, 1);
  const length = Date.UTC(d.getUTCFullYear() + 1, 0, 1) - start;
  const share = Math.min(1, (d.getTime() - start + 86_400_000) / length);
  return { share, expectedDays: Math.round(minDays * share * 10) / 10 };
}
