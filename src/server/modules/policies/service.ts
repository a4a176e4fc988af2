/**
 * The policy library: policies with their search document, who may see and change them, the
 * search with facets and highlights, links between versions, attachments and categories.
 *
 * Visibility: a published policy (any status but draft) is public; drafts are seen by admins and
 * by staff of the region that keeps them. Changes: admins, and staff whose region holds the
 * policy (its region or the region that keeps it lies in their subtree).
 */
import { effectiveStatus, type PolicyStatus, type StoredStatus } from '../../../domain/policies/types';
import type { Database, Queryable } from '../../db/database';
import type { Actor, AuditActor } from '../../http/actor';
import { AppError, errors, fieldError } from '../../http/errors';
import { Where } from '../../http/list-query';
import { buildQuery, type SearchQuery, canonicalDocNumber, cleanPastedText, highlightAll, indexDocument, snippet } from '../../search/index';
import { diff, recordAudit } from '../audit/record';
import { activeSynonyms } from './synonyms';
import type { PolicyInput, SearchFilters } from './schema';

const STATUS_SQL = (today: string) => `(CASE WHEN p.status = 'in_force' AND p.expires_on < '${today}'::date THEN 'expired' ELSE p.status END)`;
const safeDate = (d: string) => { if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) throw new Error('bad date'); return d; };

/** Only what the actor may read. `actor` null: the public portal. */
export function visibleTo(actor: Actor | null, where: Where): Where {
  if (actor?.role === 'admin') return where;
  if (actor?.role === 'staff' && actor.regionCode) {
    where.add(`(p.status <> 'draft' OR p.maintainer_region IN (SELECT region_subtree($?)) OR p.region_code IN (SELECT region_subtree($?)))`,
      actor.regionCode, actor.regionCode);
  } else where.add(`p.status <> 'draft'`);
  return where;
}

/** Only what the actor may change. */
export function writableBy(actor: Actor, where: Where): Where {
  if (actor.role === 'admin') return where;
  if (actor.role !== 'staff' || !actor.regionCode) return where.add('FALSE');
  return where.add(`(p.maintainer_region IN (SELECT region_subtree($?)) OR p.region_code IN (SELECT region_subtree($?)))`, actor.regionCode, actor.regionCode);
}

export async function assertWritable(db: Queryable, actor: Actor, id: number): Promise<void> {
  const seen = visibleTo(actor, new Where()).add('p.id = $?', id);
  const { rows } = await db.query(`SELECT p.id FROM policy p ${seen}`, seen.params);
  if (!rows.length) throw errors.notFound();
  const w = writableBy(actor, new Where()).add('p.id = $?', id);
  const ok = await db.query(`SELECT 1 FROM policy p ${w}`, w.params);
  if (!ok.rowCount) throw errors.forbidden();
}

/** Staff may file a policy of their own region or below, or one of a region above theirs (collected). */
async function checkRegion(db: Queryable, actor: Actor, level: string, regionCode: string | null | undefined) {
  if (level === 'national') {
    if (regionCode) throw fieldError('regionCode', 'field.invalid');
    return;
  }
  if (!regionCode) throw fieldError('regionCode', 'field.required');
  const { rows: [r] } = await db.query(
    `SELECT EXISTS (SELECT 1 FROM region WHERE code = $1) AS exists,
            $2::text IS NULL OR $1 IN (SELECT region_subtree($2)) OR $2 IN (SELECT region_subtree($1)) AS allowed`,
    [regionCode, actor.role === 'admin' ? null : actor.regionCode]);
  if (!r.exists) throw fieldError('regionCode', 'field.region');
  if (!r.allowed) throw fieldError('regionCode', 'field.region.out_of_scope');
}

function checkDates(p: { effectiveOn?: string | null; expiresOn?: string | null }) {
  if (p.effectiveOn && p.expiresOn && p.expiresOn < p.effectiveOn) throw fieldError('expiresOn', 'field.policy.expiry_before_effective');
}

export interface PolicyRecord extends PolicyInput { maintainerRegion: string | null }

/** Cleans the pasted texts and writes the row with its search document. Returns the id. */
export async function insertPolicy(tx: Queryable, p: PolicyRecord, createdBy: number | null): Promise<number> {
  const row = prepared(p);
  const { rows: [r] } = await tx.query(
    `INSERT INTO policy (title, doc_number, doc_keys, issuer, level, region_code, maintainer_region, categories, issued_on, effective_on, expires_on,
       status, summary, text, interpretation, benefits, conditions, search_vector, title_norm, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18::tsvector, $19, $20) RETURNING id`,
    [row.title, row.docNumber, row.docKeys, row.issuer, row.level, row.regionCode, p.maintainerRegion, row.categories, row.issuedOn, row.effectiveOn,
      row.expiresOn, row.status, row.summary, row.text, row.interpretation, JSON.stringify(row.benefits), row.conditions ? JSON.stringify(row.conditions) : null,
      row.vector, row.titleNorm, createdBy]);
  return r.id as number;
}

function prepared(p: PolicyInput) {
  const text = cleanPastedText(p.text ?? '');
  const interpretation = cleanPastedText(p.interpretation ?? '');
  // a recognised number is stored in its conventional spelling; anything else as typed
  const docNumber = p.docNumber ? canonicalDocNumber(p.docNumber) ?? p.docNumber : null;
  const doc = indexDocument({ title: p.title, docNumber, issuer: p.issuer, categories: p.categories, interpretation: `${p.summary ?? ''}\n${interpretation}`, text });
  return { ...p, docNumber, text, interpretation, docKeys: doc.docKeys, vector: doc.vector, titleNorm: doc.titleNorm,
    regionCode: p.level === 'national' ? null : p.regionCode ?? null, issuedOn: p.issuedOn ?? null, effectiveOn: p.effectiveOn ?? null, expiresOn: p.expiresOn ?? null };
}

async function checkCategories(db: Queryable, categories: string[] | undefined) {
  if (!categories?.length) return;
  const { rows } = await db.query('SELECT code FROM policy_category WHERE code = ANY($1)', [categories]);
  const known = new Set(rows.map((r) => r.code));
  if (categories.some((c) => !known.has(c))) throw fieldError('categories', 'field.invalid_option');
}

export async function createPolicy(db: Database, actor: Actor, audit: AuditActor, input: PolicyInput): Promise<number> {
  await checkRegion(db, actor, input.level, input.regionCode);
  await checkCategories(db, input.categories);
  checkDates(input);
  return db.transaction(async (tx) => {
    const id = await insertPolicy(tx, { ...input, maintainerRegion: actor.role === 'admin' ? null : actor.regionCode }, actor.id);
    await recordAudit(tx, audit, { action: 'policy.create', targetType: 'policy', targetId: id, changes: diff(null, snapshot(input)) });
    return id;
  });
}

/** What the audit log keeps of a policy: the metadata, and the texts' lengths (not the texts). */
function snapshot(p: Partial<PolicyInput>): Record<string, unknown> {
  const { text, interpretation, ...rest } = p;
  return { ...rest, ...(text !== undefined ? { textLength: text.length } : {}), ...(interpretation !== undefined ? { interpretationLength: interpretation.length } : {}) };
}

const FIELD_COLUMNS: [keyof PolicyInput, string][] = [
  ['title', 'title'], ['docNumber', 'doc_number'], ['issuer', 'issuer'], ['level', 'level'], ['regionCode', 'region_code'], ['categories', 'categories'],
  ['issuedOn', 'issued_on'], ['effectiveOn', 'effective_on'], ['expiresOn', 'expires_on'], ['status', 'status'], ['summary', 'summary'],
  ['text', 'text'], ['interpretation', 'interpretation'], ['benefits', 'benefits'], ['conditions', 'conditions'],
];

export function inputOf(row: any): PolicyInput {
  return Object.fromEntries(FIELD_COLUMNS.map(([k, c]) => [k, row[c] ?? (k === 'categories' || k === 'benefits' ? [] : null)])) as PolicyInput;
}

export async function updatePolicy(db: Database, actor: Actor, audit: AuditActor, id: number, patch: Partial<PolicyInput>, version: number) {
  await assertWritable(db, actor, id);
  await db.transaction(async (tx) => {
    const { rows: [row] } = await tx.query('SELECT * FROM policy WHERE id = $1 FOR UPDATE', [id]);
    if (row.version !== version) throw errors.staleVersion();
    const before = inputOf(row);
    const merged = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as PolicyInput;
    if (patch.level !== undefined || patch.regionCode !== undefined) await checkRegion(tx, actor, merged.level, merged.regionCode);
    await checkCategories(tx, patch.categories);
    checkDates(merged);
    const p = prepared(merged);
    await tx.query(
      `UPDATE policy SET title = $2, doc_number = $3, doc_keys = $4, issuer = $5, level = $6, region_code = $7, categories = $8, issued_on = $9,
         effective_on = $10, expires_on = $11, status = $12, summary = $13, text = $14, interpretation = $15, benefits = $16, conditions = $17,
         search_vector = $18::tsvector, title_norm = $19, updated_at = now(), version = version + 1 WHERE id = $1`,
      [id, p.title, p.docNumber, p.docKeys, p.issuer, p.level, p.regionCode, p.categories, p.issuedOn, p.effectiveOn, p.expiresOn, p.status, p.summary,
        p.text, p.interpretation, JSON.stringify(p.benefits), p.conditions ? JSON.stringify(p.conditions) : null, p.vector, p.titleNorm]);
    const changes = diff(snapshot(before), snapshot({ ...merged, text: p.text, interpretation: p.interpretation }));
    if (Object.keys(changes).length) await recordAudit(tx, audit, { action: 'policy.update', targetType: 'policy', targetId: id, changes });
  });
}

export async function deletePolicy(db: Database, actor: Actor, audit: AuditActor, id: number) {
  await assertWritable(db, actor, id);
  await db.transaction(async (tx) => {
    const { rows: [row] } = await tx.query('SELECT * FROM policy WHERE id = $1 FOR UPDATE', [id]);
    if (row.status !== 'draft') throw new AppError(409, 'POLICY_NOT_DRAFT');
    const used = await tx.query('SELECT 1 FROM policy_review_item WHERE policy_id = $1 OR replacement_id = $1 LIMIT 1', [id]);
    if (used.rowCount) throw new AppError(409, 'POLICY_IN_REVIEW');
    await tx.query('DELETE FROM policy WHERE id = $1', [id]);
    await recordAudit(tx, audit, { action: 'policy.delete', targetType: 'policy', targetId: id, changes: diff(snapshot(inputOf(row)), null) });
  });
}

export interface PolicyListItem {
  id: number; title: string; docNumber: string | null; issuer: string; level: string; regionCode: string | null; regionName: string | null;
  categories: string[]; status: PolicyStatus; issuedOn: string | null; effectiveOn: string | null; expiresOn: string | null; summary: string;
  highlight: string; titleHighlight: string;
}

export interface Facet { value: string; count: number }
export interface SearchResult {
  items: PolicyListItem[]; total: number; page: number; pageSize: number;
  facets: { level: Facet[]; status: Facet[]; issuer: Facet[]; category: Facet[]; year: Facet[] };
  /** no exact hit: these are titles close to the query (pg_trgm) */
  fuzzy: boolean;
  /** no policy has every word: these have some of them, the most first */
  relaxed: boolean;
}

const SORTS: Record<string, string> = { issuedOn: 'p.issued_on', title: 'p.title_norm', updatedAt: 'p.updated_at' };

/** The filters other than the text query, for lists, booklets and exports. */
export function filtersWhere(actor: Actor | null, f: Partial<SearchFilters>, today: string): Where {
  const where = visibleTo(actor, new Where());
  if (f.level) where.add('p.level = $?', f.level);
  if (f.issuer) where.add('p.issuer = $?', f.issuer);
  if (f.category) where.add('$? = ANY(p.categories)', f.category);
  if (f.status) where.add(`${STATUS_SQL(safeDate(today))} = $?`, f.status);
  if (f.year) where.add('p.issued_on >= make_date($?, 1, 1) AND p.issued_on < make_date($?, 1, 1)', f.year, f.year + 1);
  if (f.regionCode) where.add('p.region_code IN (SELECT region_subtree($?))', f.regionCode);
  return where;
}

export async function searchPolicies(db: Queryable, actor: Actor | null, f: SearchFilters, today: string): Promise<SearchResult> {
  const page = f.page ?? 1;
  const pageSize = f.pageSize ?? 20;
  const query = f.q ? buildQuery(f.q, await activeSynonyms(db)) : null;
  const where = filtersWhere(actor, f, today);
  const base = where.params.length;
  let select = '0 AS doc_hit, false AS title_hit, 0 AS rank';
  let order = ORDER(f.sort, false);
  let fuzzy = false;
  if (query?.tsquery || query?.docKeys.length) {
    const tsq = where.param(query.tsquery ?? '');
    const keys = where.param(query.docKeys);
    if (query.tsquery) {
      where.add(`(p.search_vector @@ ${tsq}::tsquery OR p.doc_keys && ${keys}::text[])`);
      let typed = `${tsq}::tsquery`;
      if (query.rankQuery && query.rankQuery !== query.tsquery) {
        typed = `${where.param(query.rankQuery)}::tsquery`;
        // the facet count query shares the WHERE, not the select: name the parameter there too
        where.add(`${typed} IS NOT NULL`);
      }
      // the words as typed decide first (title, then rank: a policy without every typed word has none,
      // ts_rank would still score the typed words it has); their synonyms only after (title2, rank2)
      select = `(p.doc_keys && ${keys}::text[]) AS doc_hit, (ts_filter(p.search_vector, '{a}') @@ ${typed}) AS title_hit,
        CASE WHEN p.search_vector @@ ${typed} THEN ts_rank('{0.1, 0.2, 0.4, 1.0}', p.search_vector, ${typed}) ELSE 0 END AS rank,
        (ts_filter(p.search_vector, '{a}') @@ ${tsq}::tsquery) AS title2,
        ts_rank('{0.1, 0.2, 0.4, 1.0}', p.search_vector, ${tsq}::tsquery) AS rank2`;
    } else {
      where.add(`p.doc_keys && ${keys}::text[]`);
      select = `true AS doc_hit, true AS title_hit, 1 AS rank, true AS title2, 1 AS rank2`;
    }
    order = ORDER(f.sort, true);
  }
  let result = await runSearch(db, where, select, order, page, pageSize, today);
  let relaxed = false;
  if (result.total === 0 && query) {
    // Nothing has every word. A word no policy has at all is most likely a typo: look for close
    // titles first. Words that each occur, only never together: any of them, the most first.
    const known = query.relaxed !== null && await everyClauseOccurs(db, query.clauses);
    for (const attempt of known ? [relaxedSearch, fuzzySearch] : [fuzzySearch, relaxedSearch]) {
      const found = await attempt(db, actor, f, query, page, pageSize, today);
      if (!found) continue;
      result = found.result;
      fuzzy = found.kind === 'fuzzy';
      relaxed = found.kind === 'relaxed';
      break;
    }
  }
  void base;
  const terms = query?.terms ?? [];
  const items: PolicyListItem[] = result.rows.map((r) => ({
    id: r.id, title: r.title, docNumber: r.doc_number, issuer: r.issuer, level: r.level, regionCode: r.region_code, regionName: r.region_name,
    categories: r.categories, status: effectiveStatus(r.status as StoredStatus, r.expires_on, today), issuedOn: r.issued_on,
    effectiveOn: r.effective_on, expiresOn: r.expires_on, summary: r.summary,
    titleHighlight: highlightAll(r.title, terms),
    highlight: snippet(terms.length ? `${r.summary}\n${r.body}` : r.summary || r.body, terms, 140),
  }));
  return { items, total: result.total, page, pageSize, facets: result.facets, fuzzy, relaxed };
}

type Found = { kind: 'fuzzy' | 'relaxed'; result: Awaited<ReturnType<typeof runSearch>> } | null;

async function everyClauseOccurs(db: Queryable, clauses: string[]): Promise<boolean> {
  const { rows: [r] } = await db.query(`SELECT ${clauses.map((_, i) => `EXISTS (SELECT 1 FROM policy WHERE search_vector @@ $${i + 1}::tsquery)`).join(' AND ')} AS known`, clauses);
  return r.known === true;
}

/** Typo-tolerant title look-up: the words of the title closest to the query (pg_trgm). */
async function fuzzySearch(db: Queryable, actor: Actor | null, f: SearchFilters, query: SearchQuery, page: number, pageSize: number, today: string): Promise<Found> {
  if (query.normalised.length < 2) return null;
  const fw = filtersWhere(actor, f, today);
  const qp = fw.param(query.normalised);
  fw.add(`word_similarity(${qp}, p.title_norm) >= 0.3`);
  const result = await runSearch(db, fw, `false AS doc_hit, false AS title_hit, word_similarity(${qp}, p.title_norm) + similarity(${qp}, p.title_norm) AS rank`,
    'ORDER BY rank DESC, p.issued_on DESC NULLS LAST, p.id DESC', page, pageSize, today);
  return result.total > 0 ? { kind: 'fuzzy', result } : null;
}

/** The relaxed query: any of the words, ranked by how many of them a policy has. */
async function relaxedSearch(db: Queryable, actor: Actor | null, f: SearchFilters, query: SearchQuery, page: number, pageSize: number, today: string): Promise<Found> {
  if (!query.relaxed) return null;
  const rw = filtersWhere(actor, f, today);
  const any = rw.param(query.relaxed);
  const clauses = rw.param(query.clauses);
  // the facet count query shares the WHERE, not the select: the clauses are named in both
  rw.add(`p.search_vector @@ ${any}::tsquery AND cardinality(${clauses}::text[]) > 0`);
  const matched = `(SELECT count(*)::int FROM unnest(${clauses}::text[]) c WHERE p.search_vector @@ c::tsquery)`;
  const sort = f.sort?.replace(/^-/, '');
  const result = await runSearch(db, rw, `false AS doc_hit, ${matched} AS matched, (ts_filter(p.search_vector, '{a}') @@ ${any}::tsquery) AS title_hit,
      ts_rank('{0.1, 0.2, 0.4, 1.0}', p.search_vector, ${any}::tsquery) AS rank`,
    sort && SORTS[sort] ? ORDER(f.sort, true) : 'ORDER BY matched DESC, title_hit DESC, rank DESC, p.issued_on DESC NULLS LAST, p.id DESC', page, pageSize, today);
  return result.total > 0 ? { kind: 'relaxed', result } : null;
}

function ORDER(sort: string | undefined, relevance: boolean): string {
  const key = sort?.replace(/^-/, '');
  if (key && SORTS[key]) return `ORDER BY ${SORTS[key]} ${sort!.startsWith('-') ? 'DESC' : 'ASC'} NULLS LAST, p.id DESC`;
  if (relevance) return 'ORDER BY doc_hit DESC, title_hit DESC, rank DESC, title2 DESC, rank2 DESC, p.issued_on DESC NULLS LAST, p.id DESC';
  return 'ORDER BY p.issued_on DESC NULLS LAST, p.id DESC';
}

async function runSearch(db: Queryable, where: Where, select: string, order: string, page: number, pageSize: number, today: string) {
  const status = STATUS_SQL(safeDate(today));
  const [rows, facetRows] = await Promise.all([
    db.query(`SELECT p.id, p.title, p.doc_number, p.issuer, p.level, p.region_code, r.name AS region_name, p.categories, p.status, p.issued_on,
                p.effective_on, p.expires_on, p.summary, left(p.text, 20000) AS body, ${select}
              FROM policy p LEFT JOIN region r ON r.code = p.region_code ${where} ${order} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`, where.params),
    db.query(`WITH m AS (SELECT p.level, p.issuer, ${status} AS status, extract(year FROM p.issued_on)::int AS year, p.categories FROM policy p ${where})
              SELECT 'level' AS f, level AS v, count(*)::int AS n FROM m GROUP BY level
              UNION ALL SELECT 'status', status, count(*)::int FROM m GROUP BY status
              UNION ALL (SELECT 'issuer', issuer, count(*)::int FROM m WHERE issuer <> '' GROUP BY issuer ORDER BY count(*) DESC, issuer LIMIT 30)
              UNION ALL SELECT 'year', year::text, count(*)::int FROM m WHERE year IS NOT NULL GROUP BY year
              UNION ALL SELECT 'category', c, count(*)::int FROM m, unnest(m.categories) AS c GROUP BY c`, where.params),
  ]);
  const facets: SearchResult['facets'] = { level: [], status: [], issuer: [], category: [], year: [] };
  for (const r of facetRows.rows) (facets as any)[r.f].push({ value: r.v, count: r.n });
  for (const list of Object.values(facets)) list.sort((a, b) => b.count - a.count || String(b.value).localeCompare(String(a.value)));
  facets.year.sort((a, b) => Number(b.value) - Number(a.value));
  const total = facets.level.reduce((s, x) => s + x.count, 0);
  return { rows: rows.rows, total, facets };
}

export interface PolicyDetail extends PolicyInput {
  id: number; status: StoredStatus; effectiveStatus: PolicyStatus; regionName: string | null; maintainerRegion: string | null;
  relations: { kind: string; direction: 'out' | 'in'; id: number; title: string; docNumber: string | null; status: PolicyStatus }[];
  attachments: { id: number; fileName: string; contentType: string; size: number }[];
  canEdit: boolean; createdAt: string; updatedAt: string; version: number;
}

export async function getPolicy(db: Queryable, actor: Actor | null, id: number, today: string): Promise<PolicyDetail> {
  const where = visibleTo(actor, new Where()).add('p.id = $?', id);
  const { rows: [row] } = await db.query(`SELECT p.*, r.name AS region_name FROM policy p LEFT JOIN region r ON r.code = p.region_code ${where}`, where.params);
  if (!row) throw errors.notFound();
  const rel = visibleTo(actor, new Where());
  const idParam = rel.param(id);
  const { rows: links } = await db.query(
    `SELECT x.kind, x.direction, p.id, p.title, p.doc_number, p.status, p.expires_on FROM (
       SELECT kind, 'out' AS direction, target_id AS other FROM policy_relation WHERE policy_id = ${idParam}
       UNION ALL SELECT kind, 'in', policy_id FROM policy_relation WHERE target_id = ${idParam}) x
     JOIN policy p ON p.id = x.other ${rel} ORDER BY p.issued_on NULLS LAST, p.id`, rel.params);
  const { rows: files } = await db.query('SELECT id, file_name, content_type, size FROM policy_attachment WHERE policy_id = $1 ORDER BY id', [id]);
  let canEdit = false;
  if (actor) {
    const w = writableBy(actor, new Where()).add('p.id = $?', id);
    canEdit = Boolean((await db.query(`SELECT 1 FROM policy p ${w}`, w.params)).rowCount);
  }
  return {
    ...inputOf(row), id: row.id, status: row.status, effectiveStatus: effectiveStatus(row.status, row.expires_on, today), regionName: row.region_name,
    maintainerRegion: row.maintainer_region,
    relations: links.map((l) => ({ kind: l.kind, direction: l.direction, id: l.id, title: l.title, docNumber: l.doc_number, status: effectiveStatus(l.status, l.expires_on, today) })),
    attachments: files.map((f) => ({ id: f.id, fileName: f.file_name, contentType: f.content_type, size: f.size })),
    canEdit, createdAt: row.created_at, updatedAt: row.updated_at, version: row.version,
  };
}

/** Links `id` → `targetId` (amends / replaces / repeals); the target's status follows. */
export async function addRelation(db: Database, actor: Actor, audit: AuditActor, id: number, kind: string, targetId: number, tx?: Queryable) {
  await assertWritable(tx ?? db, actor, id);
  const seen = visibleTo(actor, new Where()).add('p.id = $?', targetId);
  if (!(await (tx ?? db).query(`SELECT 1 FROM policy p ${seen}`, seen.params)).rowCount) throw fieldError('targetId', 'field.policy.unknown');
  if (id === targetId) throw fieldError('targetId', 'field.invalid');
  const work = async (t: Queryable) => {
    await t.query('INSERT INTO policy_relation (policy_id, kind, target_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [id, kind, targetId]);
    await recordAudit(t, audit, { action: 'policy.relation.add', targetType: 'policy', targetId: id, changes: { [kind]: { before: null, after: targetId } } });
  };
  if (tx) await work(tx); else await db.transaction(work);
}

export async function removeRelation(db: Database, actor: Actor, audit: AuditActor, id: number, kind: string, targetId: number) {
  await assertWritable(db, actor, id);
  await db.transaction(async (tx) => {
    const { rowCount } = await tx.query('DELETE FROM policy_relation WHERE policy_id = $1 AND kind = $2 AND target_id = $3', [id, kind, targetId]);
    if (!rowCount) throw errors.notFound();
    await recordAudit(tx, audit, { action: 'policy.relation.remove', targetType: 'policy', targetId: id, changes: { [kind]: { before: targetId, after: null } } });
  });
}

export async function addAttachment(db: Database, actor: Actor, audit: AuditActor, id: number, file: { name: string; type: string; data: Buffer }) {
  await assertWritable(db, actor, id);
  return db.transaction(async (tx) => {
    const { rows: [a] } = await tx.query(
      'INSERT INTO policy_attachment (policy_id, file_name, content_type, size, data) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [id, file.name, file.type, file.data.length, file.data]);
    await recordAudit(tx, audit, { action: 'policy.attachment.add', targetType: 'policy', targetId: id, changes: { attachment: { before: null, after: file.name } } });
    return a.id as number;
  });
}

export async function getAttachment(db: Queryable, actor: Actor | null, id: number, attachmentId: number) {
  const where = visibleTo(actor, new Where()).add('p.id = $?', id).add('a.id = $?', attachmentId);
  const { rows: [a] } = await db.query(`SELECT a.file_name, a.content_type, a.data FROM policy_attachment a JOIN policy p ON p.id = a.policy_id ${where}`, where.params);
  if (!a) throw errors.notFound();
  return { fileName: a.file_name as string, contentType: a.content_type as string, data: a.data as Buffer };
}

export async function removeAttachment(db: Database, actor: Actor, audit: AuditActor, id: number, attachmentId: number) {
  await assertWritable(db, actor, id);
  await db.transaction(async (tx) => {
    const { rows: [a] } = await tx.query('DELETE FROM policy_attachment WHERE id = $1 AND policy_id = $2 RETURNING file_name', [attachmentId, id]);
    if (!a) throw errors.notFound();
    await recordAudit(tx, audit, { action: 'policy.attachment.remove', targetType: 'policy', targetId: id, changes: { attachment: { before: a.file_name, after: null } } });
  });
}

export async function listCategories(db: Queryable) {
  const { rows } = await db.query('SELECT code, name, name_en, sort, active, version FROM policy_category ORDER BY sort, code');
  return rows.map((r) => ({ code: r.code, name: r.name, nameEn: r.name_en, sort: r.sort, active: r.active, version: r.version }));
}

export async function saveCategory(db: Database, audit: AuditActor, c: { code: string; name: string; nameEn: string; sort: number; active: boolean; version?: number }) {
  await db.transaction(async (tx) => {
    const { rows: [before] } = await tx.query('SELECT code, name, name_en, sort, active, version FROM policy_category WHERE code = $1 FOR UPDATE', [c.code]);
    // adding a code someone else added meanwhile, or changing what someone else changed: 409
    if (before ? before.version !== c.version : c.version !== undefined) throw errors.staleVersion();
    await tx.query(
      `INSERT INTO policy_category (code, name, name_en, sort, active) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, name_en = EXCLUDED.name_en, sort = EXCLUDED.sort, active = EXCLUDED.active,
         updated_at = now(), version = policy_category.version + 1`, [c.code, c.name, c.nameEn, c.sort, c.active]);
    await recordAudit(tx, audit, { action: 'policy.category.save', targetType: 'policy_category', targetId: c.code,
      changes: diff(before ? { name: before.name, nameEn: before.name_en, sort: before.sort, active: before.active } : null,
        { name: c.name, nameEn: c.nameEn, sort: c.sort, active: c.active }) });
  });
}

/** Policies by id in the order given, as the actor may see them (booklet, review). */
export async function policiesByIds(db: Queryable, actor: Actor | null, ids: number[]) {
  const where = visibleTo(actor, new Where()).add('p.id = ANY($?::bigint[])', ids);
  const { rows } = await db.query(`SELECT p.* FROM policy p ${where}`, where.params);
  const byId = new Map(rows.map((r) => [r.id as number, r]));
  return ids.map((id) => byId.get(id)).filter(Boolean) as any[];
}
