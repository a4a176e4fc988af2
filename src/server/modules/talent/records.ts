/**
 * 人才库: talent records. A record extends an expert-registry entry (the person: name, organisation,
 * title, fields, mobile) with how a host organisation engages them: category (柔性引进 with its kind),
 * agreement number and period, service days promised a year, outcomes and status. Days done and
 * subsidy paid are sums of the service and payment rows (services.ts), never typed.
 */
import { maskPhone } from '../../../domain/phone';
import { categoryProblem, promisedDaysInYear, type FlexibleKind, type TalentCategory, type TalentStatus } from '../../../domain/talent';
import { todayInChina } from '../../../domain/dates';
import type { Database, Queryable } from '../../db/database';
import type { Actor, AuditActor } from '../../http/actor';
import { errors, fieldError } from '../../http/errors';
import { uniqueViolation } from '../../http/fields';
import { likePattern, orderBy, Where } from '../../http/list-query';
import { diff, recordAudit } from '../audit/record';
import { expertReadScope, insertExpert, type ExpertInput } from '../experts/service';
import { assertHost, talentReadScope, talentWriteScope } from './scope';

export interface TalentInput {
  /** a person already in the expert registry … */
  expertId?: number | null;
  /** … or a new one (matched by mobile first: a person is registered once) */
  person?: ExpertInput | null;
  category: TalentCategory; flexibleKind?: FlexibleKind | null; hostOrgId: number;
  agreementNo?: string | null; from: string; to: string; daysPerYear: number; outcomes?: string[]; status?: TalentStatus;
}

export interface TalentFilters {
  q?: string; category?: TalentCategory; flexibleKind?: FlexibleKind; regionCode?: string; hostOrgId?: number; status?: TalentStatus;
  year?: number; expertId?: number; sort?: string;
}

export const TALENT_FROM = `FROM talent t JOIN expert x ON x.id = t.expert_id JOIN organization o ON o.id = t.host_org_id JOIN region r ON r.code = o.region_code`;
/** $1, $2: the first and last day of the year the figures are for. */
const COLUMNS = `t.*, x.name, x.org_name AS person_org, x.title, x.title_rank, x.fields, x.phone, x.region_code AS person_region, x.user_id,
  o.name AS host_name, o.uscc AS host_uscc, o.region_code, r.name AS region_name,
  coalesce((SELECT sum(s.days) FROM talent_service s WHERE s.talent_id = t.id AND s.served_on BETWEEN $1 AND $2), 0) AS done_year,
  coalesce((SELECT sum(p.amount) FROM talent_payment p WHERE p.talent_id = t.id), 0) AS paid_total`;
const SORTS = {
  name: 'x.name', category: 't.category', host: 'o.name', from: 't.agreement_from', to: 't.agreement_to', daysPerYear: 't.days_per_year',
  done: 'done_year', paid: 'paid_total', createdAt: 't.created_at',
};

export const currentYear = () => Number(todayInChina().slice(0, 4));
const iso = (d: unknown) => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));

function view(t: Record<string, any>, year: number) {
  const from = iso(t.agreement_from);
  const to = iso(t.agreement_to);
  return {
    id: Number(t.id), expertId: Number(t.expert_id), name: t.name as string, personOrg: t.person_org as string, title: t.title as string,
    titleRank: t.title_rank as string, fields: t.fields as string[], phone: maskPhone(t.phone), personRegionCode: t.person_region as string,
    category: t.category as TalentCategory, flexibleKind: (t.flexible_kind ?? null) as FlexibleKind | null,
    hostOrgId: Number(t.host_org_id), hostName: t.host_name as string, hostUscc: t.host_uscc as string, regionCode: t.region_code as string,
    regionName: t.region_name as string, agreementNo: t.agreement_no as string, from, to, daysPerYear: t.days_per_year as number,
    year, promised: promisedDaysInYear(t.days_per_year, from, to, year), done: Number(t.done_year), paid: Number(t.paid_total),
    outcomes: t.outcomes as string[], status: t.status as TalentStatus, version: t.version as number,
  };
}
export type TalentView = ReturnType<typeof view>;

function filtered(actor: Actor, f: TalentFilters, year: number): Where {
  const where = new Where();
  where.param(`${year}-01-01`);
  where.param(`${year}-12-31`);
  talentReadScope(actor, where);
  if (f.q) { const p = likePattern(f.q); where.add('(x.name ILIKE $? OR o.name ILIKE $? OR t.agreement_no ILIKE $?)', p, p, p); }
  if (f.category) where.add('t.category = $?', f.category);
  if (f.flexibleKind) where.add('t.flexible_kind = $?', f.flexibleKind);
  if (f.regionCode) where.add('o.region_code IN (SELECT region_subtree($?))', f.regionCode);
  if (f.hostOrgId) where.add('t.host_org_id = $?', f.hostOrgId);
  if (f.status) where.add('t.status = $?', f.status);
  if (f.expertId) where.add('t.expert_id = $?', f.expertId);
  // a year filter keeps the agreements that run in some part of it
  if (f.year) where.add('t.agreement_from <= $2::date AND t.agreement_to >= $1::date');
  return where;
}

export async function listTalent(db: Queryable, actor: Actor, f: TalentFilters, page: number, pageSize: number) {
  const year = f.year ?? currentYear();
  const where = filtered(actor, f, year);
  const order = orderBy(f.sort, SORTS, 't.created_at DESC', 't.id');
  const [rows, count] = await Promise.all([
    db.query(`SELECT ${COLUMNS} ${TALENT_FROM} ${where} ${order} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`, where.params),
    // $1 and $2 (the year) are bound whether the filter uses them or not: typed here so they always are
    db.query(`SELECT count(*)::int AS n FROM (SELECT $1::date, $2::date) AS year_bounds CROSS JOIN ${TALENT_FROM.slice('FROM '.length)} ${where}`, where.params),
  ]);
  return { items: rows.rows.map((t) => view(t, year)), total: count.rows[0].n, page, pageSize, year };
}

export async function getTalent(db: Queryable, actor: Actor, id: number, year = currentYear()) {
  const where = filtered(actor, {}, year).add('t.id = $?', id);
  const { rows: [t] } = await db.query(`SELECT ${COLUMNS} ${TALENT_FROM} ${where}`, where.params);
  if (!t) throw errors.notFound();
  const [services, payments] = await Promise.all([
    db.query('SELECT * FROM talent_service WHERE talent_id = $1 ORDER BY served_on DESC, id DESC', [id]),
    db.query('SELECT * FROM talent_payment WHERE talent_id = $1 ORDER BY paid_on DESC, id DESC', [id]),
  ]);
  return {
    ...view(t, year),
    services: services.rows.map((s) => ({ id: Number(s.id), date: iso(s.served_on), days: Number(s.days), content: s.content as string, version: s.version as number })),
    payments: payments.rows.map((p) => ({ id: Number(p.id), date: iso(p.paid_on), amount: Number(p.amount), note: p.note as string })),
  };
}

function checkTerms(b: TalentInput) {
  const problem = categoryProblem(b.category, b.flexibleKind);
  if (problem) throw fieldError('flexibleKind', `field.talent.${problem}`);
  if (b.to < b.from) throw fieldError('to', 'field.date_order');
}

/**
 * The expert-registry entry of the person: the one named by id (readable to the actor), the one
 * registered under the same mobile, or a new entry through the registry's own insert.
 */
export async function personFor(tx: Queryable, actor: Actor, audit: AuditActor, b: Pick<TalentInput, 'expertId' | 'person'>): Promise<number> {
  if (b.expertId) {
    const where = expertReadScope(actor, new Where()).add('x.id = $?', b.expertId);
    const { rows: [x] } = await tx.query(`SELECT x.id FROM expert x ${where}`, where.params);
    if (!x) throw fieldError('expertId', 'field.expert.unknown');
    return Number(x.id);
  }
  if (!b.person) throw fieldError('expertId', 'field.talent.person');
  const where = expertReadScope(actor, new Where()).add('x.phone = $?', b.person.phone);
  const { rows: [same] } = await tx.query(`SELECT x.id, x.name FROM expert x ${where} ORDER BY x.id LIMIT 1`, where.params);
  if (same) {
    if (same.name !== b.person.name.trim()) throw fieldError('person.phone', 'field.talent.person_differs', { name: same.name });
    return Number(same.id);
  }
  return insertExpert(tx, actor, audit, b.person);
}

export async function createTalent(db: Database, actor: Actor, audit: AuditActor, b: TalentInput): Promise<{ id: number; expertId: number }> {
  if (actor.role !== 'admin' && actor.role !== 'staff') throw errors.forbidden();
  checkTerms(b);
  try {
    return await db.transaction(async (tx) => {
      const host = await assertHost(tx, actor, b.hostOrgId);
      const expertId = await personFor(tx, actor, audit, b);
      const { rows: [t] } = await tx.query(
        `INSERT INTO talent (expert_id, category, flexible_kind, host_org_id, agreement_no, agreement_from, agreement_to, days_per_year, outcomes, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [expertId, b.category, b.flexibleKind ?? null, host.id, b.agreementNo?.trim() ?? '', b.from, b.to, b.daysPerYear, b.outcomes ?? [], b.status ?? 'active']);
      await recordAudit(tx, audit, { action: 'talent.create', targetType: 'talent', targetId: t.id,
        changes: diff(null, { expertId, category: b.category, flexibleKind: b.flexibleKind ?? null, hostOrgId: host.id, from: b.from, to: b.to, daysPerYear: b.daysPerYear }) });
      return { id: Number(t.id), expertId };
    });
  } catch (e) {
    if (uniqueViolation(e) === 'talent_engagement_key') throw fieldError('from', 'field.talent.exists');
    throw e;
  }
}

/** Changes the engagement (not the person: that is the expert registry's page). Stale version → 409. */
export async function updateTalent(db: Database, actor: Actor, audit: AuditActor, id: number,
  b: Omit<TalentInput, 'expertId' | 'person'> & { version: number }): Promise<void> {
  checkTerms(b as TalentInput);
  try {
    await db.transaction(async (tx) => {
      const where = talentWriteScope(actor, new Where()).add('t.id = $?', id);
      const { rows: [t] } = await tx.query(`SELECT t.* ${TALENT_FROM} ${where} FOR UPDATE OF t`, where.params);
      if (!t) throw errors.notFound();
      if (t.version !== b.version) throw errors.staleVersion();
      const host = await assertHost(tx, actor, b.hostOrgId);
      await tx.query(
        `UPDATE talent SET category = $2, flexible_kind = $3, host_org_id = $4, agreement_no = $5, agreement_from = $6, agreement_to = $7,
                days_per_year = $8, outcomes = $9, status = $10, updated_at = now(), version = version + 1 WHERE id = $1`,
        [id, b.category, b.flexibleKind ?? null, host.id, b.agreementNo?.trim() ?? '', b.from, b.to, b.daysPerYear, b.outcomes ?? [], b.status ?? t.status]);
      await recordAudit(tx, audit, { action: 'talent.update', targetType: 'talent', targetId: id,
        changes: diff({ category: t.category, flexibleKind: t.flexible_kind, hostOrgId: Number(t.host_org_id), agreementNo: t.agreement_no, from: iso(t.agreement_from),
          to: iso(t.agreement_to), daysPerYear: t.days_per_year, outcomes: t.outcomes, status: t.status },
        { category: b.category, flexibleKind: b.flexibleKind ?? null, hostOrgId: host.id, agreementNo: b.agreementNo?.trim() ?? '', from: b.from, to: b.to,
          daysPerYear: b.daysPerYear, outcomes: b.outcomes ?? [], status: b.status ?? t.status }) });
    });
  } catch (e) {
    if (uniqueViolation(e) === 'talent_engagement_key') throw fieldError('from', 'field.talent.exists');
    throw e;
  }
}
