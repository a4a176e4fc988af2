/**
 * 精准匹配: how well an achievement (or an expert) answers a demand, and why. Pure: the server
 * segments the texts (the policy search's normaliser and jieba) and brings the counts.
 *
 * score (0–100) = 100 × (text · wText + field · wField + maturity · wMaturity + region · wRegion)
 * - text: BM25 of the demand's words in the candidate's document (title counts 3×, summary and
 *   field 2×, full text 1×), divided by the most the same words could score — 0…1;
 * - field: 1 when the candidate is in the demand's field;
 * - maturity: 1 when the achievement is at least as mature as the demand needs, less the further
 *   below (experts have none);
 * - region: 1 in the demand's city, 0.5 in its province, 0 elsewhere.
 */

export const BM25 = { k1: 1.2, b: 0.75 } as const;

export const ACHIEVEMENT_WEIGHTS = { text: 0.6, field: 0.2, maturity: 0.1, region: 0.1 } as const;
export const EXPERT_WEIGHTS = { text: 0.65, field: 0.25, maturity: 0, region: 0.1 } as const;
export type MatchWeights = { text: number; field: number; maturity: number; region: number };

/** Weighted term frequencies of a document: term → weighted count; `length` its number of distinct terms. */
export interface TermCounts { counts: Map<string, number>; length: number }

const WEIGHT_OF: Record<string, number> = { A: 3, B: 2, C: 2, D: 1 };

/**
 * Reads a tsvector literal ('term':1A,5 'other':3B …) into weighted counts: each position counts
 * by its weight letter (none = D).
 */
export function countsOfVector(vector: string): TermCounts {
  const counts = new Map<string, number>();
  const re = /'((?:[^']|'')*)'(?::([0-9A-D,]+))?/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(vector))) {
    const term = m[1].replace(/''/g, "'").replace(/\\\\/g, '\\');
    const positions = m[2] ? m[2].split(',') : ['1'];
    let n = 0;
    for (const p of positions) n += WEIGHT_OF[p.slice(-1)] ?? 1;
    counts.set(term, n);
  }
  return { counts, length: counts.size };
}

/** Inverse document frequency (BM25's, never negative). */
export function idf(documents: number, withTerm: number): number {
  return Math.log(1 + (documents - withTerm + 0.5) / (withTerm + 0.5));
}

export interface TextMatch { score: number; terms: string[] }

/**
 * BM25 of the query terms in a document, normalised by the best the same terms could score (each
 * at saturation): 0…1, and the shared terms, strongest first.
 */
export function textMatch(queryTerms: readonly string[], idfs: ReadonlyMap<string, number>, doc: TermCounts, averageLength: number): TextMatch {
  let score = 0;
  let best = 0;
  const shared: { term: string; part: number }[] = [];
  const norm = 1 - BM25.b + BM25.b * (doc.length / Math.max(1, averageLength));
  for (const term of queryTerms) {
    const w = idfs.get(term) ?? 0;
    best += w * (BM25.k1 + 1);
    const tf = doc.counts.get(term) ?? 0;
    if (!tf) continue;
    const part = w * ((tf * (BM25.k1 + 1)) / (tf + BM25.k1 * norm));
    score += part;
    shared.push({ term, part });
  }
  return { score: best > 0 ? Math.min(1, score / best) : 0, terms: shared.sort((a, b) => b.part - a.part).map((s) => s.term) };
}

export type RegionCloseness = 'same_region' | 'same_province' | 'elsewhere';

/** The candidate's region seen from the demand's: the same city, the same province, elsewhere. */
export function regionCloseness(demandRegion: string, candidateRegion: string): RegionCloseness {
  if (candidateRegion.slice(0, 4) === demandRegion.slice(0, 4)) return 'same_region';
  if (candidateRegion.slice(0, 2) === demandRegion.slice(0, 2)) return 'same_province';
  return 'elsewhere';
}
const REGION_SCORE: Record<RegionCloseness, number> = { same_region: 1, same_province: 0.5, elsewhere: 0 };

/** An enterprise's demand needs what it can use: 中试 (TRL 6) unless it says otherwise. */
export const DEFAULT_MATURITY_NEEDED = 6;

export function maturityFit(needed: number, maturity: number): number {
  return maturity >= needed ? 1 : Math.max(0, 1 - (needed - maturity) / needed);
}

export interface MatchReasons {
  terms: string[];
  field: 'same' | 'other';
  region: RegionCloseness;
  maturity?: 'fits' | 'early';
}

export interface Scored { score: number; reasons: MatchReasons; /** the text part alone, 0…1 */ text: number }

/** Below this text agreement a candidate shares only a word in passing: not a match, whatever its field. */
export const MIN_TEXT = 0.08;

export function combine(weights: MatchWeights, text: TextMatch, sameField: boolean, region: RegionCloseness, maturity?: { needed: number; has: number }): Scored {
  const fit = maturity ? maturityFit(maturity.needed, maturity.has) : 0;
  const raw = weights.text * text.score + weights.field * (sameField ? 1 : 0) + weights.region * REGION_SCORE[region] + (maturity ? weights.maturity * fit : 0);
  return {
    score: Math.round(raw * 10_000) / 100, text: text.score,
    reasons: { terms: text.terms.slice(0, 8), field: sameField ? 'same' : 'other', region, ...(maturity ? { maturity: fit >= 1 ? 'fits' as const : 'early' as const } : {}) },
  };
}
