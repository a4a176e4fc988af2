/**
 * What the database stores and asks for: a weighted tsvector built here (never by PostgreSQL's
 * parser, which does not know Chinese words) and a tsquery of the same tokens; highlighted
 * snippets of stored text for a query. Title → weight A, 文号 and issuer → B, categories and
 * interpretation → C, body → D.
 */
import { docNumberKey, docNumberKeys, docNumberTokens, findDocNumbers, parseDocNumber, type DocNumber } from './docnumber';
import { normalizeAligned, normalizeText } from './normalize';
import { cut, indexTokens, isQueryStop, type Token } from './segment';

export { cleanPastedText, normalizeText, toSimplified } from './normalize';
export { canonicalDocNumber, findDocNumbers, formatDocNumber, parseDocNumber, docNumberKey, type DocNumber } from './docnumber';

const MAX_POSITION = 16383;
const MAX_POSITIONS_PER_WEIGHT = 16;

type Weight = 'A' | 'B' | 'C' | 'D';
export interface SearchFields { title: string; docNumber?: string | null; issuer?: string | null; categories?: string[]; interpretation?: string | null; text?: string | null }

const quote = (term: string) => `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

class VectorBuilder {
  private readonly lexemes = new Map<string, Map<Weight, number[]>>();
  add(term: string, position: number, weight: Weight) {
    let byWeight = this.lexemes.get(term);
    if (!byWeight) { byWeight = new Map(); this.lexemes.set(term, byWeight); }
    const list = byWeight.get(weight) ?? [];
    if (list.length < MAX_POSITIONS_PER_WEIGHT) list.push(Math.min(MAX_POSITION, Math.max(1, position)));
    byWeight.set(weight, list);
  }
  toString(): string {
    const parts: string[] = [];
    for (const [term, byWeight] of this.lexemes) {
      const positions = new Map<number, Weight>();
      // a position keeps its strongest weight
      for (const w of ['D', 'C', 'B', 'A'] as Weight[]) for (const p of byWeight.get(w) ?? []) positions.set(p, w);
      const list = [...positions].sort((a, b) => a[0] - b[0]).slice(0, 256).map(([p, w]) => `${p}${w === 'D' ? '' : w}`);
      parts.push(`${quote(term)}:${list.join(',')}`);
    }
    return parts.join(' ');
  }
}

export interface IndexedDocument {
  /** tsvector literal, to be cast with ::tsvector */
  vector: string;
  /** every key the document's own 文号 answers to (exact-number ranking) */
  docKeys: string[];
  /** normalised title for trigram look-up */
  titleNorm: string;
  /** the 文号 in its conventional spelling, or the field as typed when it is not a number */
  docNumber: DocNumber | null;
}

/** The search document of a policy. */
export function indexDocument(f: SearchFields): IndexedDocument {
  const v = new VectorBuilder();
  let base = 1;
  const addText = (text: string | null | undefined, weight: Weight) => {
    if (!text) return;
    const normalised = normalizeText(text);
    for (const t of indexTokens(normalised)) v.add(t.term, base + t.offset, weight);
    for (const d of findDocNumbers(normalised)) for (const tok of docNumberTokens(d)) v.add(tok, base + d.start, weight);
    base += [...normalised].length + 2;
  };
  addText(f.title, 'A');
  const own = f.docNumber ? parseDocNumber(f.docNumber) : null;
  addText(f.docNumber, 'B');
  if (own) for (const tok of docNumberTokens(own)) v.add(tok, 1, 'A');
  addText(f.issuer, 'B');
  addText((f.categories ?? []).join(' '), 'C');
  addText(f.interpretation, 'C');
  addText(f.text, 'D');
  const docKeys = own ? [...docNumberKeys(own), `|${own.year}|${own.number}`] : [];
  return { vector: v.toString(), docKeys: [...new Set(docKeys)], titleNorm: normalizeText(f.title), docNumber: own };
}

export interface SearchQuery {
  /** tsquery text, to be cast with ::tsquery; null when the query has nothing to search for */
  tsquery: string | null;
  /** the clauses the strict query ANDs, each a tsquery of its own (one word, phrase or synonym group) */
  clauses: string[];
  /** the relaxed query: any clause (OR); null when there is at most one clause, so nothing to relax */
  relaxed: string | null;
  /**
   * Ranking first by the words as typed, without their synonyms (then by the expanded query): a
   * synonym widens what is found, not how it ranks — a policy is not worth more for saying both
   * 创新券 and 科技创新券, and one that says what was typed comes before one that says a synonym.
   */
  rankQuery: string | null;
  /** keys of the 文号 in the query: a policy whose own number has one of them ranks first */
  docKeys: string[];
  /** words and characters to highlight */
  terms: string[];
  normalised: string;
}

/** Groups of words that mean the same (高企 = 高新技术企业), as stored in the synonym dictionary. */
export type Synonyms = readonly (readonly string[])[];

const SEPARATORS = /[\s,，;；、。.!！?？:："“”'‘’()（）《》〈〉【】\[\]{}<>|/\\+&-]+/;

const isSingleHan = (term: string) => [...term].length === 1 && /\p{Script=Han}/u.test(term);

/** Clauses of a run of tokens: words as they are, runs of adjacent single characters as phrases. */
function tokenClauses(tokens: Token[], terms: string[]): string[] {
  const clauses: string[] = [];
  let run: string[] = [];
  let lastEnd = -1;
  const flush = () => {
    if (run.length) terms.push(run.join(''));
    if (run.length === 1) clauses.push(quote(run[0]));
    else if (run.length > 1) clauses.push(`(${run.map(quote).join(' <-> ')})`);
    run = [];
  };
  for (const t of tokens) {
    if (isSingleHan(t.term) && (run.length === 0 || t.offset === lastEnd)) { run.push(t.term); lastEnd = t.offset + 1; continue; }
    flush();
    if (isSingleHan(t.term)) { run.push(t.term); lastEnd = t.offset + 1; continue; }
    terms.push(t.term);
    clauses.push(quote(t.term));
  }
  flush();
  return clauses;
}

interface SynonymIndex { byText: Map<string, string[]>; maxTokens: number }

/** Each member's normalised text → the tsquery alternatives of its whole group. */
function synonymIndex(synonyms: Synonyms): SynonymIndex {
  const byText = new Map<string, string[]>();
  let maxTokens = 1;
  for (const group of synonyms) {
    const members = [...new Set(group.map((m) => normalizeText(m).toLowerCase()).filter(Boolean))];
    if (members.length < 2) continue;
    for (const m of members) {
      maxTokens = Math.max(maxTokens, cut(m).length);
      byText.set(m, members);
    }
  }
  return { byText, maxTokens };
}

/** The tokens of a chunk with its synonym groups found: a run of adjacent tokens spelling a member. */
/**
 * The clauses of a chunk with its synonym groups found (a run of adjacent tokens spelling a member):
 * `match` answers to any member of the group, `literal` only to the words as typed.
 */
function expand(tokens: Token[], syn: SynonymIndex, terms: string[]): { match: string[]; literal: string[] } {
  const match: string[] = [];
  const literal: string[] = [];
  let plain: Token[] = [];
  const flushPlain = () => {
    const c = tokenClauses(plain, terms);
    match.push(...c);
    literal.push(...c);
    plain = [];
  };
  for (let i = 0; i < tokens.length;) {
    let matched: { end: number; members: string[] } | null = null;
    let text = '';
    for (let j = i; j < tokens.length && j < i + syn.maxTokens; j++) {
      if (j > i && tokens[j].offset !== tokens[j - 1].offset + [...tokens[j - 1].term].length) break;
      text += tokens[j].term;
      const members = syn.byText.get(text);
      if (members) matched = { end: j + 1, members };
    }
    if (!matched) { plain.push(tokens[i]); i++; continue; }
    flushPlain();
    const typed = tokenClauses(tokens.slice(i, matched.end), []);
    const alternatives = matched.members.map((m) => {
      const parts = tokenClauses(cut(m).filter((t) => !isQueryStop(t.term)), terms);
      return parts.length === 1 ? parts[0] : `(${parts.join(' & ')})`;
    });
    match.push(`(${[...new Set(alternatives)].join(' | ')})`);
    literal.push(typed.length === 1 ? typed[0] : `(${typed.join(' & ')})`);
    i = matched.end;
  }
  flushPlain();
  return { match, literal };
}

/**
 * A query in the same tokens as the index: words ANDed, runs of single characters as phrases,
 * question words dropped, a synonym group's member answered by any member of the group.
 */
export function buildQuery(q: string, synonyms: Synonyms = []): SearchQuery {
  const normalised = normalizeText(q).toLowerCase();
  const clauses: string[] = [];
  const docKeys: string[] = [];
  const terms: string[] = [];
  const syn = synonymIndex(synonyms);
  let rest = normalised;
  for (const d of findDocNumbers(normalised).reverse()) {
    const tails = d.prefix ? docNumberTokens(d).slice(1) : [docNumberTokens(d)[0]];
    clauses.push(tails.length === 1 ? quote(tails[0]) : `(${tails.map(quote).join(' | ')})`);
    docKeys.push(...docNumberKeys(d));
    rest = rest.slice(0, d.start) + ' ' + rest.slice(d.end);
  }
  const literal = [...clauses];
  for (const chunk of rest.split(SEPARATORS).filter(Boolean)) {
    // a question word ends a phrase of single characters as a separator would
    const tokens = cut(chunk).filter((t) => !isQueryStop(t.term));
    const e = expand(tokens, syn, terms);
    clauses.push(...e.match);
    literal.push(...e.literal);
  }
  const unique = [...new Set(clauses)];
  const typed = [...new Set(literal)];
  return {
    tsquery: unique.length ? unique.join(' & ') : null, clauses: unique, relaxed: unique.length > 1 ? unique.join(' | ') : null,
    rankQuery: typed.length ? typed.join(' & ') : null,
    docKeys: [...new Set(docKeys)], terms: [...new Set(terms)], normalised,
  };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** [start, end) character ranges of the terms in text (traditional or simplified alike). */
export function matchRanges(text: string, terms: string[]): [number, number][] {
  const chars = [...normalizeAligned(text)];
  const hay = chars.join('');
  const ranges: [number, number][] = [];
  // offsets are in code points: map string indices of `hay` to code-point indices
  const cpIndex: number[] = [];
  let cp = 0;
  for (const ch of chars) { for (let k = 0; k < ch.length; k++) cpIndex.push(cp); cp++; }
  cpIndex.push(cp);
  for (const term of [...terms].sort((a, b) => b.length - a.length)) {
    if (!term || term.startsWith('wh:')) continue;
    let from = 0;
    for (;;) {
      const at = hay.indexOf(term, from);
      if (at < 0) break;
      const s = cpIndex[at];
      const e = cpIndex[at + term.length];
      if (!ranges.some(([a, b]) => s < b && e > a)) ranges.push([s, e]);
      from = at + term.length;
    }
  }
  return ranges.sort((a, b) => a[0] - b[0]);
}

function mark(chars: string[], ranges: [number, number][], from: number, to: number): string {
  let out = '';
  let i = from;
  for (const [s, e] of ranges) {
    if (e <= from || s >= to) continue;
    const a = Math.max(s, from);
    const b = Math.min(e, to);
    out += escapeHtml(chars.slice(i, a).join('')) + '<em>' + escapeHtml(chars.slice(a, b).join('')) + '</em>';
    i = b;
  }
  return out + escapeHtml(chars.slice(i, to).join(''));
}

/** The whole short text with matches in <em> (HTML-escaped otherwise). */
export function highlightAll(text: string, terms: string[]): string {
  const chars = [...text];
  return mark(chars, matchRanges(text, terms), 0, chars.length);
}

/** A window of about `length` characters around the densest matches, HTML-escaped, matches in <em>. */
export function snippet(text: string, terms: string[], length = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  const ranges = matchRanges(flat, terms);
  if (!ranges.length) return escapeHtml(chars.slice(0, length).join('')) + (chars.length > length ? '…' : '');
  let best = 0;
  let bestCount = -1;
  for (let i = 0; i < ranges.length; i++) {
    const count = ranges.filter(([s]) => s >= ranges[i][0] && s < ranges[i][0] + length).length;
    if (count > bestCount) { bestCount = count; best = i; }
  }
  const from = Math.max(0, ranges[best][0] - Math.floor(length / 4));
  const to = Math.min(chars.length, from + length);
  return (from > 0 ? '…' : '') + mark(chars, ranges, from, to) + (to < chars.length ? '…' : '');
}

export { docNumberKey as keyOfDocNumber };
