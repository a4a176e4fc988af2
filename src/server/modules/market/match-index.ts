/**
 * The search documents of the market, built with the policy search's normaliser and segmenter:
 * an achievement's title (A), summary, field and type (B), full text (D); a demand's title (A),
 * field (B), description (D); an expert's expertise (A), fields and title (B), organisation (D).
 * A row whose search_vector is NULL (new, changed, imported or seeded) is indexed before the next
 * match; document frequencies are counted in the database and kept for a few minutes.
 */
import { fieldName } from '../../../domain/fields';
import type { Queryable } from '../../db/database';
import { indexDocument } from '../../search';
import { cut, isQueryStop } from '../../search/segment';
import { normalizeText } from '../../search/normalize';

export type MatchTable = 'achievement' | 'demand' | 'expert';

const DOCUMENT: Record<MatchTable, { select: string; fields: (r: Record<string, any>) => Parameters<typeof indexDocument>[0] }> = {
  achievement: {
    select: 'id, title, summary, text, field, type',
    fields: (r) => ({ title: r.title, categories: [fieldName(r.field)], interpretation: r.summary, text: r.text }),
  },
  demand: {
    select: 'id, title, description, field',
    fields: (r) => ({ title: r.title, categories: [fieldName(r.field)], text: r.description }),
  },
  expert: {
    select: 'id, expertise, fields, title, org_name',
    fields: (r) => ({ title: r.expertise || (r.fields as string[]).join(' '), categories: [...(r.fields as string[]), r.title], text: r.org_name }),
  },
};

/** The tsvector literal of one row of a table. */
export function vectorOf(table: MatchTable, row: Record<string, any>): string {
  return indexDocument(DOCUMENT[table].fields(row)).vector;
}

/** Indexes the rows still without a document, a batch at a time. */
export async function indexPending(db: Queryable, table: MatchTable, batch = 2000): Promise<number> {
  let done = 0;
  for (;;) {
    const { rows } = await db.query(`SELECT ${DOCUMENT[table].select} FROM ${table} WHERE search_vector IS NULL ORDER BY id LIMIT ${batch}`);
    if (!rows.length) return done;
    await db.query(`UPDATE ${table} t SET search_vector = v.vector::tsvector FROM unnest($1::bigint[], $2::text[]) AS v(id, vector) WHERE t.id = v.id`,
      [rows.map((r) => r.id), rows.map((r) => vectorOf(table, r))]);
    done += rows.length;
    if (rows.length < batch) return done;
  }
}

/** Words of a demand's text that say nothing about the technology asked for. */
const GENERIC = new Set(['技术', '研究', '开发', '研发', '应用', '方法', '问题', '需求', '企业', '公司', '解决', '提供', '进行', '实现', '提高', '提升',
  '降低', '需要', '希望', '寻求', '合作', '项目', '我们', '目前', '现有', '存在', '通过', '以及', '相关', '方面', '工作', '能够', '要求', '一种', '一套', '采用', '用于', '适用', '适用于', '可以', '基于']);

/**
 * The terms a demand (or any text) asks for: the precise cut of its normalised text, without single
 * characters, question words and generic words; the title's terms first. Traditional and simplified
 * give the same terms.
 */
export function queryTerms(title: string, text = ''): string[] {
  const out: string[] = [];
  for (const part of [title, text]) {
    for (const t of cut(normalizeText(part).toLowerCase())) {
      if ([...t.term].length < 2 || isQueryStop(t.term) || GENERIC.has(t.term) || /^\d+$/.test(t.term)) continue;
      if (!out.includes(t.term)) out.push(t.term);
    }
  }
  return out.slice(0, 40);
}

/** A word as a tsquery operand (quotes doubled, backslashes escaped). */
export const quote = (term: string) => `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
export const anyOf = (terms: readonly string[]) => terms.map(quote).join(' | ');

interface Frequencies { at: number; documents: number; averageLength: number; withTerm: Map<string, number> }
const cache = new Map<string, Frequencies>();
const FRESH_MS = 5 * 60_000;

/**
 * How many searchable rows there are, their average number of terms and how many hold each term
 * (counted once, then kept for five minutes: frequencies move slowly).
 */
export async function frequencies(db: Queryable, table: MatchTable, where: string, terms: readonly string[]): Promise<Frequencies> {
  const key = `${table}|${where}`;
  let f = cache.get(key);
  if (!f || Date.now() - f.at > FRESH_MS) {
    const { rows: [r] } = await db.query(`SELECT count(*)::int AS n, coalesce(avg(length(search_vector)), 0)::float8 AS len FROM ${table} WHERE ${where} AND search_vector IS NOT NULL`);
    f = { at: Date.now(), documents: r.n, averageLength: r.len, withTerm: new Map() };
    cache.set(key, f);
  }
  // a word nobody has yet is counted again each time (cheap on the index): a new document may bring it
  const missing = terms.filter((t) => !f!.withTerm.get(t));
  if (missing.length) {
    const { rows: [r] } = await db.query(
      `SELECT ${missing.map((t, i) => `count(*) FILTER (WHERE search_vector @@ $${i + 1}::tsquery)::int AS c${i}`).join(', ')}
         FROM ${table} WHERE ${where} AND search_vector @@ $${missing.length + 1}::tsquery`, [...missing.map(quote), anyOf(missing)]);
    missing.forEach((t, i) => f!.withTerm.set(t, r[`c${i}`]));
  }
  return f;
}

/** Forget the counted frequencies (tests and benches that change the corpus at once). */
export function forgetFrequencies(): void {
  cache.clear();
}
