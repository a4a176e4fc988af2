/**
 * The enterprise registry: an organisation of kind 'enterprise' with its profile and tier
 * records. Staff read and edit inside their region; an enterprise user only its own record.
 */
import type { Database, Queryable } from '../../db/database';
import { industryDivision } from '../../../domain/industries';
import { maskPhone } from '../../../domain/phone';
import type { Actor, AuditActor } from '../../http/actor';
import { AppError, errors, fieldError } from '../../http/errors';
import { uniqueViolation } from '../../http/fields';
import { likePattern, orderBy, Where } from '../../http/list-query';
import { limitToOrganizationScope } from '../../http/scope';
import { diff, recordAudit } from '../audit/record';

export const TIERS = ['tech_sme', 'provincial_innovative', 'high_tech', 'candidate'] as const;
export type Tier = (typeof TIERS)[number];

export interface TierRecord {
  id: number; tier: Tier; year: number; registrationNo: string | null; certificateNo: string | null;
  issuedOn: string | null; validUntil: string | null;
}

export interface EnterpriseProfile {
  address?: string | null; legalRep?: string | null; foundedOn?: string | null; industryCode?: string | null;
  hightechField?: string | null; aboveScale?: boolean; ownsCoreIp?: boolean; prohibitedIndustry?: boolean;
  directQualifications?: string[]; tags?: string[];
}

export interface EnterpriseView extends Required<EnterpriseProfile> {
  id: number; name: string; uscc: string; regionCode: string; regionName: string; status: string;
  industryName: string | null; contactName: string; contactPhone: string | null;
  currentTiers: Tier[]; tiers: TierRecord[]; latestStatYear: number | null; version: number;
}

const FROM = `FROM organization o
  JOIN region r ON r.code = o.region_code
  LEFT JOIN enterprise_profile p ON p.org_id = o.id`;

/** Tiers held on a date: a valid 高企 certificate, or a tier record of that date's year. */
const CURRENT_TIERS = (dateParam: string) => `ARRAY(
  SELECT DISTINCT t.tier FROM enterprise_tier t WHERE t.org_id = o.id AND (
    (t.tier = 'high_tech' AND t.issued_on <= ${dateParam}::date AND t.valid_until >= ${dateParam}::date)
    OR (t.tier <> 'high_tech' AND t.year = extract(year FROM ${dateParam}::date)::int)) ORDER BY t.tier)`;

const COLUMNS = (dateParam: string) => `o.id, o.name, o.uscc, o.region_code, r.name AS region_name, o.status, o.contact_name, o.contact_phone,
  p.address, p.legal_rep, p.founded_on, p.industry_code, p.hightech_field, coalesce(p.above_scale, false) AS above_scale,
  coalesce(p.owns_core_ip, false) AS owns_core_ip, coalesce(p.prohibited_industry, false) AS prohibited_industry,
  coalesce(p.direct_qualifications, '{}') AS direct_qualifications, coalesce(p.tags, '{}') AS tags,
  coalesce(p.version, 0) AS version, ${CURRENT_TIERS(dateParam)} AS current_tiers,
  (SELECT max(year) FROM enterprise_stat s WHERE s.org_id = o.id) AS latest_stat_year`;

function toView(row: any, viewer: Actor, tiers: TierRecord[] = []): EnterpriseView {
  return {
    id: row.id, name: row.name, uscc: row.uscc, regionCode: row.region_code, regionName: row.region_name, status: row.status,
    address: row.address, legalRep: row.legal_rep, foundedOn: row.founded_on, industryCode: row.industry_code,
    industryName: industryDivision(row.industry_code)?.name ?? null, hightechField: row.hightech_field, aboveScale: row.above_scale,
    ownsCoreIp: row.owns_core_ip, prohibitedIndustry: row.prohibited_industry, directQualifications: row.direct_qualifications,
    tags: row.tags, contactName: row.contact_name,
    contactPhone: viewer.role === 'admin' || viewer.orgId === row.id ? row.contact_phone : maskPhone(row.contact_phone),
    currentTiers: row.current_tiers, tiers, latestStatYear: row.latest_stat_year, version: row.version,
  };
}

export function enterpriseScope(actor: Actor): Where {
  const where = new Where();
  where.add(`o.kind = 'enterprise'`);
  limitToOrganizationScope(actor, where, 'o.id', 'o.region_code');
  return where;
}

export interface EnterpriseFilters {
  q?: string; regionCode?: string; tier?: Tier; industry?: string; hightechField?: string; aboveScale?: boolean; tag?: string;
  status?: string; sort?: string;
}

const SORTS = { name: 'o.name', createdAt: 'o.created_at', region: 'o.region_code', foundedOn: 'p.founded_on' };

export function filteredEnterprises(actor: Actor, f: EnterpriseFilters, today: string): Where {
  const where = enterpriseScope(actor);
  if (f.q) {
    const text = likePattern(f.q);
    where.add('(o.name ILIKE $? OR o.uscc ILIKE $?)', text, text);
  }
  if (f.regionCode) where.add('o.region_code IN (SELECT region_subtree($?))', f.regionCode);
  if (f.industry) where.add(`regexp_replace(p.industry_code, '^[A-T]', '') LIKE $?`, `${f.industry.replace(/^[A-T]/, '')}%`);
  if (f.hightechField) where.add('p.hightech_field = $?', f.hightechField);
  if (f.aboveScale !== undefined) where.add('coalesce(p.above_scale, false) = $?', f.aboveScale);
  if (f.tag) where.add('$? = ANY(p.tags)', f.tag);
  if (f.status) where.add('o.status = $?', f.status);
  if (f.tier) where.add(`$? = ANY(${CURRENT_TIERS(where.param(today))})`, f.tier);
  return where;
}

export async function listEnterprises(db: Queryable, actor: Actor, f: EnterpriseFilters, page: number, pageSize: number, today: string) {
  const where = filteredEnterprises(actor, f, today);
  const dateParam = where.param(today);
  const order = orderBy(f.sort, SORTS, 'o.name', 'o.id');
  const countParams = where.params.slice(0, -1);
  const [rows, count] = await Promise.all([
    db.query(`SELECT ${COLUMNS(dateParam)} ${FROM} ${where} ${order} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`, where.params),
    db.query(`SELECT count(*)::int AS n ${FROM} ${where}`, countParams),
  ]);
  return { items: rows.rows.map((row) => toView(row, actor)), total: count.rows[0].n as number, page, pageSize };
}

async function tiersOf(db: Queryable, orgId: number): Promise<TierRecord[]> {
  const { rows } = await db.query(
    `SELECT id, tier, year, registration_no, certificate_no, issued_on, valid_until FROM enterprise_tier WHERE org_id = $1 ORDER BY year DESC, tier`, [orgId]);
  return rows.map((t) => ({ id: t.id, tier: t.tier, year: t.year, registrationNo: t.registration_no, certificateNo: t.certificate_no,
    issuedOn: t.issued_on, validUntil: t.valid_until }));
}

/** One enterprise as the actor may see it, or 404. */
export async function getEnterprise(db: Queryable, actor: Actor, id: number, today: string): Promise<EnterpriseView> {
  const where = enterpriseScope(actor);
  where.add('o.id = $?', id);
  const dateParam = where.param(today);
  const { rows } = await db.query(`SELECT ${COLUMNS(dateParam)} ${FROM} ${where}`, where.params);
  if (!rows[0]) throw errors.notFound();
  return toView(rows[0], actor, await tiersOf(db, id));
}

/** 404 unless the actor may see the enterprise; 403 unless it may also change it. */
export async function assertCanEdit(db: Queryable, actor: Actor, id: number): Promise<void> {
  const where = enterpriseScope(actor);
  where.add('o.id = $?', id);
  const { rowCount } = await db.query(`SELECT 1 ${FROM} ${where}`, where.params);
  if (!rowCount) throw errors.notFound();
  if (!['admin', 'staff', 'enterprise'].includes(actor.role)) throw errors.forbidden();
}

const PROFILE_COLUMNS: [keyof EnterpriseProfile, string][] = [
  ['address', 'address'], ['legalRep', 'legal_rep'], ['foundedOn', 'founded_on'], ['industryCode', 'industry_code'],
  ['hightechField', 'hightech_field'], ['aboveScale', 'above_scale'], ['ownsCoreIp', 'owns_core_ip'],
  ['prohibitedIndustry', 'prohibited_industry'], ['directQualifications', 'direct_qualifications'], ['tags', 'tags'],
];

export function profileSnapshot(row: any): Record<string, unknown> {
  return Object.fromEntries(PROFILE_COLUMNS.map(([key, column]) => [key, row?.[column] ?? null]));
}

/** Writes the profile (insert or update), refusing a stale version; audits the changed fields. */
export async function saveProfile(tx: Queryable, audit: AuditActor, orgId: number, profile: EnterpriseProfile, version: number | null, action: string) {
  const { rows: [current] } = await tx.query('SELECT * FROM enterprise_profile WHERE org_id = $1 FOR UPDATE', [orgId]);
  if (version !== null && (current?.version ?? 0) !== version) throw errors.staleVersion();
  const merged = { ...profileSnapshot(current), ...Object.fromEntries(Object.entries(profile).filter(([, v]) => v !== undefined)) } as Record<string, any>;
  if (merged.industryCode && !industryDivision(merged.industryCode)) throw fieldError('industryCode', 'field.industry');
  const values = PROFILE_COLUMNS.map(([key]) => merged[key] ?? (key === 'tags' || key === 'directQualifications' ? [] : ['aboveScale', 'ownsCoreIp', 'prohibitedIndustry'].includes(key) ? false : null));
  const columns = PROFILE_COLUMNS.map(([, c]) => c);
  await tx.query(
    `INSERT INTO enterprise_profile (org_id, ${columns.join(', ')}) VALUES ($1, ${columns.map((_, i) => `$${i + 2}`).join(', ')})
     ON CONFLICT (org_id) DO UPDATE SET ${columns.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}, updated_at = now(), version = enterprise_profile.version + 1`,
    [orgId, ...values],
  );
  const changes = diff(current ? profileSnapshot(current) : null, Object.fromEntries(PROFILE_COLUMNS.map(([key], i) => [key, values[i]])));
  if (Object.keys(changes).length) await recordAudit(tx, audit, { action, targetType: 'enterprise', targetId: orgId, changes });
}

export interface NewEnterprise extends EnterpriseProfile {
  name: string; uscc: string; regionCode: string; contactName: string; contactPhone: string;
}

/** Staff register an enterprise directly: approved at once, no account until it registers one. */
export async function createEnterprise(db: Database, actor: Actor, audit: AuditActor, input: NewEnterprise): Promise<number> {
  const { rows } = await db.query('SELECT $1 IN (SELECT region_subtree($2)) AS in_scope, EXISTS (SELECT 1 FROM region WHERE code = $1) AS exists',
    [input.regionCode, actor.regionCode ?? input.regionCode]);
  if (!rows[0].exists) throw fieldError('regionCode', 'field.region');
  if (actor.role === 'staff' && !rows[0].in_scope) throw fieldError('regionCode', 'field.region.out_of_scope');
  try {
    return await db.transaction(async (tx) => {
      const { rows: [org] } = await tx.query(
        `INSERT INTO organization (kind, name, uscc, region_code, contact_name, contact_phone, status, reviewed_by, reviewed_at)
         VALUES ('enterprise', $1, $2, $3, $4, $5, 'approved', $6, now()) RETURNING id`,
        [input.name, input.uscc, input.regionCode, input.contactName, input.contactPhone, actor.id]);
      await recordAudit(tx, audit, { action: 'enterprise.create', targetType: 'enterprise', targetId: org.id,
        changes: diff(null, { name: input.name, uscc: input.uscc, regionCode: input.regionCode, contactName: input.contactName, contactPhone: input.contactPhone }) });
      const { name: _n, uscc: _u, regionCode: _r, contactName: _c, contactPhone: _p, ...profile } = input;
      await saveProfile(tx, audit, org.id, profile, null, 'enterprise.profile');
      return org.id as number;
    });
  } catch (error) {
    if (uniqueViolation(error) === 'organization_uscc_key') throw new AppError(409, 'USCC_TAKEN', {}, { uscc: { key: 'field.uscc.taken' } });
    throw error;
  }
}

export async function updateEnterprise(db: Database, actor: Actor, audit: AuditActor, id: number, profile: EnterpriseProfile, version: number) {
  await assertCanEdit(db, actor, id);
  // An enterprise keeps its own profile, but the evidence-bearing flags are the bureau's to set.
  const own = actor.role === 'enterprise' ? { ...profile, directQualifications: undefined, tags: undefined } : profile;
  await db.transaction((tx) => saveProfile(tx, audit, id, own, version, 'enterprise.profile'));
}
