/**
 * The rules of the yearly platform evaluation (绩效评价), pure so that the service, the seed and
 * the tests judge alike: a score's rating under a type's thresholds, and when a platform is
 * proposed for revocation (two 不合格 in a row; no report by the round's deadline).
 */
export const RATINGS = ['excellent', 'good', 'pass', 'fail'] as const;
export type Rating = (typeof RATINGS)[number];

export const RATING_NAMES: Record<Rating, readonly [zh: string, en: string]> = {
  excellent: ['优秀', 'Excellent'],
  good: ['良好', 'Good'],
  pass: ['合格', 'Pass'],
  fail: ['不合格', 'Fail'],
};

/** A rating reached from `min` points up; listed highest first. */
export interface Threshold { rating: Exclude<Rating, 'fail'>; min: number }

/** The highest rating whose minimum the score reaches; below every minimum, 'fail'. */
export function ratingOf(score: number, thresholds: readonly Threshold[]): Rating {
  const sorted = [...thresholds].sort((a, b) => b.min - a.min);
  for (const t of sorted) if (score >= t.min) return t.rating;
  return 'fail';
}

/** How a type names a rating: 优秀, or for incubators A（优秀）. */
export function ratingLabel(rating: Rating, grades: Partial<Record<Rating, string>> | null | undefined, lang: 'zh' | 'en' = 'zh'): string {
  const name = RATING_NAMES[rating][lang === 'en' ? 1 : 0];
  const grade = grades?.[rating];
  return grade ? (lang === 'en' ? `${grade} (${name})` : `${grade}（${name}）`) : name;
}

export type ProposalReason = 'two_failures' | 'not_reported';

/**
 * Whether rating `year` as `rating` proposes revocation: a 不合格 following the platform's 不合格 of
 * the year before (ratings: the platform's earlier ratings by year).
 */
export function failsTwiceInARow(year: number, rating: Rating, earlier: ReadonlyMap<number, Rating>): boolean {
  return rating === 'fail' && earlier.get(year - 1) === 'fail';
}

/** Whether a round may be closed: on or after its deadline (YYYY-MM-DD, China's date). */
export function deadlinePassed(deadline: string, today: string): boolean {
  return today > deadline;
}
