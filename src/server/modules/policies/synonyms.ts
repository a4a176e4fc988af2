/**
 * The synonym dictionary of policy search: groups of words that mean the same (高企 = 高新技术企业).
 * Seeded by migration 006; everyone's search reads the active groups on each query. The dictionary
 * serves every region's search, so it is kept by administrators and provincial staff (staff of a
 * region with no parent); other staff may read it.
 */
import type { Database, Queryable } from '../../db/database';
import type { Actor, AuditActor } from '../../http/actor';
import { errors, fieldError } from '../../http/errors';
import { normalizeText, type Synonyms } from '../../search/index';
import { diff, recordAudit } from '../audit/record';

export interface SynonymGroup { id: number; terms: string[]; note: string; active: boolean; version: number; updatedAt: string }

/** The active groups, as the search expands them. */
export async function activeSynonyms(db: Queryable): Promise<Synonyms> {
  const { rows } = await db.query('SELECT terms FROM search_synonym WHERE active ORDER BY id');
  return rows.map((r) => r.terms as string[]);
}

export async function listSynonyms(db: Queryable): Promise<SynonymGroup[]> {
  const { rows } = await db.query('SELECT id, terms, note, active, version, updated_at FROM search_synonym ORDER BY id');
  return rows.map((r) => ({ id: Number(r.id), terms: r.terms, note: r.note, active: r.active, version: r.version, updatedAt: r.updated_at }));
}

/** Admins, and staff of a province (a region with no parent). */
export async function assertMayEditSynonyms(db: Queryable, actor: Actor): Promise<void> {
  if (actor.role === 'admin') return;
  if (actor.role !== 'staff' || !actor.regionCode) throw errors.forbidden();
  const { rows: [r] } = await db.query('SELECT parent_code FROM region WHERE code = $1', [actor.regionCode]);
  if (!r || r.parent_code !== null) throw errors.forbidden();
}

/** Terms as search compares them (simplified, half-width), each once. */
function cleanTerms(terms: string[]): string[] {
  const out = [...new Set(terms.map((t) => normalizeText(t).toLowerCase()).filter(Boolean))];
  if (out.length < 2) throw fieldError('terms', 'field.synonym.too_few');
  return out;
}

/** A word may stand in one active group only: two groups would each claim it. */
async function checkTaken(tx: Queryable, terms: string[], exceptId: number | null) {
  const { rows } = await tx.query(
    'SELECT t FROM search_synonym s, unnest(s.terms) t WHERE s.active AND t = ANY($1::text[]) AND ($2::bigint IS NULL OR s.id <> $2) LIMIT 1', [terms, exceptId]);
  if (rows.length) throw fieldError('terms', 'field.synonym.taken', { term: rows[0].t });
}

export async function createSynonym(db: Database, actor: Actor, audit: AuditActor, input: { terms: string[]; note: string; active: boolean }): Promise<number> {
  await assertMayEditSynonyms(db, actor);
  const terms = cleanTerms(input.terms);
  return db.transaction(async (tx) => {
    if (input.active) await checkTaken(tx, terms, null);
    const { rows: [r] } = await tx.query('INSERT INTO search_synonym (terms, note, active) VALUES ($1, $2, $3) RETURNING id', [terms, input.note, input.active]);
    const id = Number(r.id);
    await recordAudit(tx, audit, { action: 'policy.synonym.create', targetType: 'search_synonym', targetId: id,
      changes: diff(null, { terms, note: input.note, active: input.active }) });
    return id;
  });
}

export async function updateSynonym(db: Database, actor: Actor, audit: AuditActor, id: number,
  input: { terms: string[]; note: string; active: boolean; version: number }): Promise<void> {
  await assertMayEditSynonyms(db, actor);
  const terms = cleanTerms(input.terms);
  await db.transaction(async (tx) => {
    const { rows: [before] } = await tx.query('SELECT terms, note, active, version FROM search_synonym WHERE id = $1 FOR UPDATE', [id]);
    if (!before) throw errors.notFound();
    if (before.version !== input.version) throw errors.staleVersion();
    if (input.active) await checkTaken(tx, terms, id);
    await tx.query('UPDATE search_synonym SET terms = $2, note = $3, active = $4, updated_at = now(), version = version + 1 WHERE id = $1',
      [id, terms, input.note, input.active]);
    const changes = diff({ terms: before.terms, note: before.note, active: before.active }, { terms, note: input.note, active: input.active });
    if (Object.keys(changes).length) await recordAudit(tx, audit, { action: 'policy.synonym.update', targetType: 'search_synonym', targetId: id, changes });
  });
}
