/**
 * Scores, ranking, outliers and the funding plan of a review round. An item's score is the mean
 * over its submitted reviews of Σ weight × criterion score; optionally the highest and the lowest
 * are dropped when five or more reviewed (contest practice, a call setting); ties go to the item
 * submitted first.
 */
export interface Criterion { code: string; name: string; weight: number; max: number }

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Σ weight × score over the rubric; every criterion must be scored, within 0..max. */
export function weightedTotal(rubric: readonly Criterion[], scores: Record<string, number>): number {
  return round2(rubric.reduce((sum, c) => sum + c.weight * (scores[c.code] ?? 0), 0));
}

/** The criteria of `scores` that are unknown, missing (when `complete`) or out of range. */
export function scoreProblems(rubric: readonly Criterion[], scores: Record<string, number>, complete: boolean): { code: string; problem: 'unknown' | 'missing' | 'range' }[] {
  const problems: { code: string; problem: 'unknown' | 'missing' | 'range' }[] = [];
  const known = new Set(rubric.map((c) => c.code));
  for (const code of Object.keys(scores)) if (!known.has(code)) problems.push({ code, problem: 'unknown' });
  for (const c of rubric) {
    const s = scores[c.code];
    if (s == null) { if (complete) problems.push({ code: c.code, problem: 'missing' }); continue; }
    if (!Number.isFinite(s) || s < 0 || s > c.max) problems.push({ code: c.code, problem: 'range' });
  }
  return problems;
}

export interface RankInput<I> { id: I; submittedAt: string | Date | null; totals: number[] }
export interface Ranked<I> { id: I; score: number | null; reviews: number; rank: number | null; dropped: number[] }

/** The panel mean, with the extremes dropped when asked and five or more reviewed. */
export function panelScore(totals: readonly number[], dropExtremes: boolean): { score: number | null; dropped: number[] } {
  if (totals.length === 0) return { score: null, dropped: [] };
  let kept = [...totals];
  const dropped: number[] = [];
  if (dropExtremes && totals.length >= 5) {
    kept.sort((a, b) => a - b);
    dropped.push(kept[0], kept[kept.length - 1]);
    kept = kept.slice(1, -1);
  }
  return { score: round2(kept.reduce((a, b) => a + b, 0) / kept.length), dropped };
}

export function rank<I>(items: readonly RankInput<I>[], dropExtremes: boolean): Ranked<I>[] {
  const time = (t: string | Date | null) => (t == null ? Number.POSITIVE_INFINITY : new Date(t).getTime());
  const scored = items.map((i) => ({ ...i, ...panelScore(i.totals, dropExtremes) }));
  scored.sort((a, b) => {
    if (a.score == null || b.score == null) return a.score == null ? (b.score == null ? time(a.submittedAt) - time(b.submittedAt) : 1) : -1;
    return (b.score - a.score) || (time(a.submittedAt) - time(b.submittedAt));
  });
  return scored.map((s, i) => ({ id: s.id, score: s.score, reviews: s.totals.length, rank: s.score == null ? null : i + 1, dropped: s.dropped }));
}

/** Reviews more than `threshold` points from their panel's mean (all reviews, nothing dropped). */
export function isOutlier(total: number, panel: readonly number[], threshold = 20): boolean {
  if (panel.length < 2) return false;
  const mean = panel.reduce((a, b) => a + b, 0) / panel.length;
  return Math.abs(total - mean) > threshold;
}

export interface FundingCandidate<I> { id: I; score: number | null; requested: number }

/**
 * Down the ranking, each item gets what it asked for while the budget lasts; one that does not
 * fit is skipped (a smaller one below may still fit); items below `minScore` get nothing.
 */
export function fundingPlan<I>(ranked: readonly FundingCandidate<I>[], budget: number, minScore = 0): { id: I; amount: number }[] {
  let left = budget;
  const plan: { id: I; amount: number }[] = [];
  for (const r of ranked) {
    if (r.score == null || r.score < minScore) continue;
    if (r.requested <= left) { plan.push({ id: r.id, amount: r.requested }); left -= r.requested; }
  }
  return plan;
}
