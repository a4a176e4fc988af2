/**
 * 惠企政策精准推送 on stored data: the policies an enterprise qualifies for (or narrowly misses),
 * and the enterprises of the staff member's region that qualify for a policy. The enterprise side
 * comes from the registry's service (profile, tiers held today); the figures are the latest year
 * of its yearly statistics; the conditions are evaluated by src/domain/policies/matching.
 */
import {
  benefitsFor, checkConditions, isEnterpriseTier, matchOutcome, type ConditionCheck, type ConditionNames, type EnterpriseFacts, type PolicyConditions,
} from '../../../domain/policies/matching';
import { effectiveStatus } from '../../../domain/policies/types';
import type { Queryable } from '../../db/database';
import type { Actor } from '../../http/actor';
import { errors } from '../../http/errors';
import { MAX_EXPORT_ROWS, Where } from '../../http/list-query';
import type { Lang } from '../../http/messages';
import { getEnterprise, listEnterprises, type EnterpriseView } from '../enterprises/registry';
import { visibleTo } from './service';

/** Each region's path up to the root, and the names conditions are written with (注册地在庆阳市, not 621000). */
async function regionPaths(db: Queryable): Promise<((code: string) => string[]) & { names: ConditionNames }> {
  const { rows } = await db.query('SELECT code, parent_code, name FROM region');
  const parent = new Map(rows.map((r) => [r.code as string, r.parent_code as string | null]));
  const name = new Map(rows.map((r) => [r.code as string, r.name as string]));
  const path = (code: string) => {
    const out: string[] = [];
    for (let c: string | null | undefined = code; c && out.length < 6; c = parent.get(c)) out.push(c);
    return out;
  };
  return Object.assign(path, { names: { region: (code: string) => name.get(code) ?? code } });
}

async function latestStats(db: Queryable, ids: number[]) {
  const { rows } = await db.query(
    `SELECT DISTINCT ON (org_id) org_id, year, staff, sales_revenue, total_assets, rd_expense FROM enterprise_stat
      WHERE org_id = ANY($1::bigint[]) ORDER BY org_id, year DESC`, [ids]);
  return new Map(rows.map((r) => [r.org_id as number, r]));
}

function factsOf(e: EnterpriseView, path: (c: string) => string[], s: any): EnterpriseFacts {
  return {
    regionPath: path(e.regionCode), regionName: e.regionName, tiers: e.currentTiers.filter(isEnterpriseTier), industryCode: e.industryCode,
    hightechField: e.hightechField, aboveScale: e.aboveScale, statYear: s?.year ?? null, staff: s?.staff ?? null, salesRevenue: s?.sales_revenue ?? null,
    totalAssets: s?.total_assets ?? null, rdExpense: s?.rd_expense ?? null,
  };
}

/** The conditions as evaluated: a local policy is for its own region unless it names others. */
function effectiveConditions(p: { level: string; region_code: string | null; conditions: PolicyConditions }): PolicyConditions {
  if (p.conditions.regionCodes?.length || p.level === 'national' || !p.region_code) return p.conditions;
  return { regionCodes: [p.region_code], ...p.conditions };
}

const localize = (checks: ConditionCheck[], lang: Lang) => checks.map((c) => ({
  key: c.key, met: c.met, required: lang === 'en' ? c.required.en : c.required.zh, actual: lang === 'en' ? c.actual.en : c.actual.zh }));

/** Policies in force today that state conditions, as the actor may see them. */
async function matchablePolicies(db: Queryable, actor: Actor | null, today: string, id?: number) {
  const where = visibleTo(actor, new Where()).add(`p.status = 'in_force'`).add('p.conditions IS NOT NULL')
    .add('(p.expires_on IS NULL OR p.expires_on >= $?::date)', today).add('(p.effective_on IS NULL OR p.effective_on <= $?::date)', today);
  if (id) where.add('p.id = $?', id);
  const { rows } = await db.query(`SELECT p.id, p.title, p.doc_number, p.issuer, p.level, p.region_code, p.status, p.expires_on, p.issued_on, p.benefits, p.conditions
                                   FROM policy p ${where} ORDER BY p.issued_on DESC NULLS LAST, p.id DESC`, where.params);
  return rows;
}

export async function policiesForEnterprise(db: Queryable, actor: Actor, enterpriseId: number, today: string, lang: Lang) {
  const e = await getEnterprise(db, actor, enterpriseId, today); // 404 outside the actor's scope
  const [path, stats, policies] = await Promise.all([regionPaths(db), latestStats(db, [e.id]), matchablePolicies(db, actor, today)]);
  const facts = factsOf(e, path, stats.get(e.id));
  const qualifies: any[] = [];
  const near: any[] = [];
  for (const p of policies) {
    const conditions = effectiveConditions(p);
    const checks = checkConditions(conditions, facts, path.names);
    const outcome = matchOutcome(checks);
    if (outcome === 'no') continue;
    // enjoyed now: the firm holds what the benefit needs; else it may apply (for the status first)
    const { enjoyNow, applyFor } = benefitsFor(conditions, p.benefits ?? [], facts.tiers);
    const item = { policy: { id: p.id, title: p.title, docNumber: p.doc_number, issuer: p.issuer, level: p.level, issuedOn: p.issued_on,
      status: effectiveStatus(p.status, p.expires_on, today), benefits: p.benefits },
    met: localize(checks.filter((c) => c.met), lang), missing: localize(checks.filter((c) => !c.met), lang),
    enjoyNow, applyFor: applyFor.map((b) => ({ ...b, after: lang === 'en' ? b.after.en : b.after.zh })) };
    (outcome === 'qualifies' ? qualifies : near).push(item);
  }
  return { enterpriseId: e.id, enterpriseName: e.name, statYear: facts.statYear, qualifies, near };
}

export async function enterprisesForPolicy(db: Queryable, actor: Actor, policyId: number, today: string, lang: Lang) {
  if (actor.role !== 'admin' && actor.role !== 'staff') throw errors.forbidden();
  const [p] = await matchablePolicies(db, actor, today, policyId);
  if (!p) {
    const seen = visibleTo(actor, new Where()).add('p.id = $?', policyId);
    if (!(await db.query(`SELECT 1 FROM policy p ${seen}`, seen.params)).rowCount) throw errors.notFound();
    return { policyId, matchable: false, qualifies: [], near: [] };
  }
  const { items } = await listEnterprises(db, actor, { status: 'approved' }, 1, MAX_EXPORT_ROWS, today);
  const [path, stats] = await Promise.all([regionPaths(db), latestStats(db, items.map((e) => e.id))]);
  const conditions = effectiveConditions(p);
  const qualifies: any[] = [];
  const near: any[] = [];
  for (const e of items) {
    const checks = checkConditions(conditions, factsOf(e, path, stats.get(e.id)), path.names);
    const outcome = matchOutcome(checks);
    if (outcome === 'no') continue;
    const row = { id: e.id, name: e.name, uscc: e.uscc, regionCode: e.regionCode, regionName: e.regionName, contactName: e.contactName,
      contactPhone: e.contactPhone, currentTiers: e.currentTiers, missing: localize(checks.filter((c) => !c.met), lang) };
    (outcome === 'qualifies' ? qualifies : near).push(row);
  }
  return { policyId, matchable: true, title: p.title, docNumber: p.doc_number, qualifies, near };
}
