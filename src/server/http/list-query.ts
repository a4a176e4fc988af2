/**
 * The list grammar of every endpoint: `?page=&pageSize=&sort=&q=` plus filters →
 * `{ items, total, page, pageSize }`, and a tiny builder for parameterised WHERE clauses.
 */
import { z } from 'zod';

export const MAX_PAGE_SIZE = 200;
/** An export walks the whole filtered list, in pages of this size, up to this many rows. */
export const MAX_EXPORT_ROWS = 100_000;

export const pagingSchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
  sort: z.string().max(40).optional(),
  q: z.string().trim().max(100).optional(),
});

export function pageOf<T>(schema: T) {
  return z.object({ items: z.array(schema as any), total: z.number(), page: z.number(), pageSize: z.number() });
}

/** Collects conditions and their parameters: `where.add('x = $?', value)`. */
export class Where {
  readonly params: unknown[] = [];
  private readonly conditions: string[] = [];

  /** Adds a value and returns its placeholder. */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  /** Adds a condition; each `$?` in it is replaced by a placeholder for the next value. */
  add(condition: string, ...values: unknown[]): this {
    let i = 0;
    this.conditions.push(condition.replace(/\$\?/g, () => this.param(values[i++])));
    return this;
  }

  toString(): string {
    return this.conditions.length ? `WHERE ${this.conditions.join(' AND ')}` : '';
  }
}

/** `sort=field` / `sort=-field` → ORDER BY on a whitelisted column, with a stable tie-breaker. */
export function orderBy(sort: string | undefined, columns: Record<string, string>, fallback: string, tieBreaker = 'id'): string {
  const desc = sort?.startsWith('-') ?? false;
  const column = sort ? columns[sort.replace(/^-/, '')] : undefined;
  const primary = column ? `${column} ${desc ? 'DESC' : 'ASC'} NULLS LAST` : fallback;
  return `ORDER BY ${primary}, ${tieBreaker} DESC`;
}

/** Escapes LIKE wildcards in user text. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Where a list's total stops being counted exactly: beyond it the answer says `totalCapped` (the UI shows "10,000+"). */
export const TOTAL_CAP = 10_000;

/**
 * A list's total without reading every row in scope twice: `from` is the list's FROM … WHERE …
 * (without ORDER BY / LIMIT); counted exactly up to `cap`, else `cap` with `totalCapped: true`.
 */
export async function cappedTotal(db: { query: (sql: string, params?: unknown[]) => Promise<{ rows: any[] }> }, from: string, params: unknown[], cap = TOTAL_CAP) {
  const { rows: [r] } = await db.query(`SELECT count(*)::int AS n FROM (SELECT 1 ${from} LIMIT ${cap + 1}) AS page_scope`, params);
  return r.n > cap ? { total: cap, totalCapped: true } : { total: r.n as number, totalCapped: false };
}
