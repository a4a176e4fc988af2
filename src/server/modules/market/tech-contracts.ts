/**
 * 技术合同认定登记: the seller (an enterprise or institution, or the region's staff for it) files a
 * contract with the registry of its region; the registry accepts it (a registration number), asks
 * for completion (the seller corrects and files again, which restarts the clock) or refuses it with
 * a reason, within the limit of the rule set in force on the filing date. The seller sees its own
 * contracts, staff those of their region's sellers. Every step is audited in its transaction and
 * told to the seller.
 */
import {
  CONTRACT_SUB_TYPES, CONTRACT_TYPE_NAMES, dueOn, registrationNumber, ruleSetOn, type ContractRuleSet, type ContractType,
} from '../../../domain/tech-contracts';
import { todayInChina } from '../../../domain/dates';
import { formatMoney } from '../../../domain/money';
import { nextDay } from '../../../domain/working-days';
import type { Database, Queryable } from '../../db/database';
import type { Actor, AuditActor } from '../../http/actor';
import { AppError, errors, fieldError } from '../../http/errors';
import { likePattern, orderBy, Where } from '../../http/list-query';
import { diff, recordAudit } from '../audit/record';
import { loadExceptions } from '../calendar/service';
import { notify } from '../notifications/notify';

export interface ContractInput {
  number: string; name: string; type: ContractType; subType?: string | null; sellerOrgId?: number | null;
  buyerName: string; buyerUscc?: string | null; buyerRegionCode: string; signedOn: string; termFrom?: string | null; termTo?: string | null;
  field: string; amount: number; nonTechnicalAmount: number; paymentPlan?: string; disputed?: boolean;
}

const num = (x: unknown) => (x == null ? null : Number(x));

export const contractView = (x: Record<string, any>) => ({
  id: Number(x.id), number: x.number, name: x.name, type: x.type as ContractType, subType: x.sub_type, sellerOrgId: Number(x.seller_org_id), sellerName: x.seller_name,
  regionCode: x.region_code, regionName: x.region_name, buyerName: x.buyer_name, buyerUscc: x.buyer_uscc, buyerRegionCode: x.buyer_region_code,
  signedOn: x.signed_on, termFrom: x.term_from, termTo: x.term_to, field: x.field, amount: Number(x.amount), nonTechnicalAmount: Number(x.non_technical_amount),
  technicalAmount: Number(x.technical_amount), paymentPlan: x.payment_plan, disputed: x.disputed, status: x.status, filedOn: x.filed_on, ruleSet: x.rule_set,
  dueOn: x.due_on, registrationNo: x.registration_no, decidedOn: x.decided_on, reason: x.reason, attachments: num(x.attachments) ?? 0,
  createdAt: x.created_at, updatedAt: x.updated_at, version: x.version,
});
export type ContractView = ReturnType<typeof contractView>;

/** Who reads which contracts: the seller its own, staff their region's, admins all. `c` is the contract. */
export function contractScope(actor: Actor, where: Where): Where {
  if (actor.role === 'admin') return where;
  if (actor.role === 'staff') return where.add('c.region_code IN (SELECT region_subtree($?))', actor.regionCode);
  if (actor.role === 'enterprise' || actor.role === 'institution') return where.add('c.seller_org_id = $?', actor.orgId);
  return where.add('false');
}

const SELECT = `SELECT c.*, o.name AS seller_name, r.name AS region_name,
                       (SELECT count(*) FROM tech_contract_attachment f WHERE f.contract_id = c.id) AS attachments
                  FROM tech_contract c JOIN organization o ON o.id = c.seller_org_id JOIN region r ON r.code = c.region_code`;

export async function loadRuleSets(db: Queryable): Promise<ContractRuleSet[]> {
  const { rows } = await db.query(`SELECT code, effective_from::text, effective_to::text, limit_days, limit_unit, large_amount, large_limit_days FROM tech_contract_rule_set`);
  return rows.map((r) => ({ code: r.code, effectiveFrom: r.effective_from, effectiveTo: r.effective_to, limitDays: r.limit_days, limitUnit: r.limit_unit,
    largeAmount: num(r.large_amount), largeLimitDays: r.large_limit_days }));
}

/** The rule set and due date for a contract filed (or completed) on `filedOn`. */
export async function clockOf(db: Queryable, filedOn: string, technicalAmount: number, disputed: boolean) {
  const set = ruleSetOn(await loadRuleSets(db), filedOn);
  if (!set) throw new AppError(409, 'CONTRACT_NO_RULE_SET', { day: filedOn });
  const exceptions = await loadExceptions(db, filedOn, nextDay(filedOn, 120));
  return { ruleSet: set.code, dueOn: dueOn(set, filedOn, technicalAmount, disputed, exceptions) };
}

/** The seller: the signed-in organisation, or (staff) one of their region named by sellerOrgId. */
async function sellerOf(db: Queryable, actor: Actor, sellerOrgId: number | null | undefined): Promise<{ id: number; region: string }> {
  if (actor.role === 'enterprise' || actor.role === 'institution') {
    const { rows: [o] } = await db.query(`SELECT id, region_code FROM organization WHERE id = $1 AND status = 'approved'`, [actor.orgId]);
    if (!o) throw errors.forbidden();
    return { id: Number(o.id), region: o.region_code };
  }
  if (actor.role !== 'staff' && actor.role !== 'admin') throw errors.forbidden();
  if (sellerOrgId == null) throw fieldError('sellerOrgId', 'field.required');
  const { rows: [o] } = await db.query(
    `SELECT id, region_code FROM organization WHERE id = $1 AND status = 'approved' AND ($2::text IS NULL OR region_code IN (SELECT region_subtree($2)))`,
    [sellerOrgId, actor.role === 'staff' ? actor.regionCode : null]);
  if (!o) throw fieldError('sellerOrgId', 'field.organization.unknown');
  return { id: Number(o.id), region: o.region_code };
}

function checkInput(b: ContractInput) {
  const subTypes = CONTRACT_SUB_TYPES[b.type];
  if (b.subType && !subTypes.includes(b.subType)) throw fieldError('subType', 'field.invalid_option');
  if (b.nonTechnicalAmount > b.amount) throw fieldError('nonTechnicalAmount', 'field.contract.non_technical');
  if (b.termFrom && b.termTo && b.termTo < b.termFrom) throw fieldError('termTo', 'field.invalid');
}

const COLUMNS: [keyof ContractInput, string][] = [
  ['number', 'number'], ['name', 'name'], ['type', 'type'], ['subType', 'sub_type'], ['buyerName', 'buyer_name'], ['buyerUscc', 'buyer_uscc'],
  ['buyerRegionCode', 'buyer_region_code'], ['signedOn', 'signed_on'], ['termFrom', 'term_from'], ['termTo', 'term_to'], ['field', 'field'],
  ['amount', 'amount'], ['nonTechnicalAmount', 'non_technical_amount'], ['paymentPlan', 'payment_plan'], ['disputed', 'disputed'],
];
const valuesOf = (b: ContractInput) => COLUMNS.map(([k]) => (k === 'paymentPlan' ? b.paymentPlan ?? '' : k === 'disputed' ? !!b.disputed : b[k] ?? null));

function duplicate(error: unknown): never {
  if ((error as { code?: string }).code === '23505') throw fieldError('number', 'field.contract.duplicate');
  throw error;
}

/** Files a contract: submitted, on the clock of the rule set in force today. */
export async function fileContract(db: Database, actor: Actor, audit: AuditActor, b: ContractInput, today = todayInChina()): Promise<number> {
  checkInput(b);
  const seller = await sellerOf(db, actor, b.sellerOrgId);
  return db.transaction(async (tx) => {
    const clock = await clockOf(tx, today, b.amount - b.nonTechnicalAmount, !!b.disputed);
    const cols = [...COLUMNS.map(([, c]) => c), 'seller_org_id', 'region_code', 'filed_on', 'rule_set', 'due_on', 'created_by'];
    const values = [...valuesOf(b), seller.id, seller.region, today, clock.ruleSet, clock.dueOn, actor.id];
    const { rows: [c] } = await tx.query(`INSERT INTO tech_contract (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`, values)
      .catch(duplicate);
    await recordAudit(tx, audit, { action: 'tech_contract.file', targetType: 'tech_contract', targetId: c.id,
      changes: diff(null, { number: b.number, name: b.name, type: b.type, amount: b.amount, nonTechnicalAmount: b.nonTechnicalAmount, dueOn: clock.dueOn }) });
    return Number(c.id);
  });
}

export async function getContract(db: Queryable, actor: Actor, id: number): Promise<ContractView> {
  const where = contractScope(actor, new Where()).add('c.id = $?', id);
  const { rows: [c] } = await db.query(`${SELECT} ${where}`, where.params);
  if (!c) throw errors.notFound();
  return contractView(c);
}

export interface ContractFilters {
  q?: string; status?: string; type?: string; field?: string; year?: number; regionCode?: string; dueWithin?: number; sort?: string;
}

/** The list: filter, sort, page; `dueWithin` days keeps the undecided ones due by then (overdue included). */
export async function listContracts(db: Queryable, actor: Actor, f: ContractFilters, page: number, pageSize: number, today = todayInChina()) {
  const where = contractScope(actor, new Where());
  if (f.q) { const t = likePattern(f.q); where.add('(c.name ILIKE $? OR c.number ILIKE $? OR c.buyer_name ILIKE $? OR o.name ILIKE $? OR c.registration_no ILIKE $?)', t, t, t, t, t); }
  if (f.status) where.add('c.status = $?', f.status);
  if (f.type) where.add('c.type = $?', f.type);
  if (f.field) where.add('c.field = $?', f.field);
  if (f.year) where.add(`extract(year FROM coalesce(c.decided_on, c.filed_on)) = $?`, f.year);
  if (f.regionCode) where.add('c.region_code IN (SELECT region_subtree($?))', f.regionCode);
  if (f.dueWithin != null) where.add(`c.status = 'submitted' AND c.due_on <= $?::date`, nextDay(today, f.dueWithin));
  const order = orderBy(f.sort, { dueOn: 'c.due_on', signedOn: 'c.signed_on', amount: 'c.amount', filedOn: 'c.filed_on', decidedOn: 'c.decided_on' },
    'c.updated_at DESC', 'c.id');
  const [rows, count] = await Promise.all([
    db.query(`${SELECT} ${where} ${order} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`, where.params),
    db.query(`SELECT count(*)::int AS n FROM tech_contract c JOIN organization o ON o.id = c.seller_org_id ${where}`, where.params),
  ]);
  return { items: rows.rows.map(contractView), total: count.rows[0].n, page, pageSize };
}

/** The seller's row locked for a change, or the registry's (staff of the region, admins). */
async function lockContract(tx: Queryable, actor: Actor, id: number, as: 'seller' | 'registry') {
  const where = new Where().add('c.id = $?', id);
  if (as === 'seller') {
    if (actor.role !== 'enterprise' && actor.role !== 'institution' && actor.role !== 'staff' && actor.role !== 'admin') throw errors.forbidden();
    contractScope(actor, where);
  } else {
    if (actor.role !== 'staff' && actor.role !== 'admin') throw errors.forbidden();
    contractScope(actor, where);
  }
  const { rows: [c] } = await tx.query(`SELECT c.* FROM tech_contract c ${where} FOR UPDATE`, where.params);
  if (!c) throw errors.notFound();
  return c;
}

/** The seller corrects a returned contract and files it again: the clock starts anew. */
export async function refileContract(db: Database, actor: Actor, audit: AuditActor, id: number, b: ContractInput & { version: number }, today = todayInChina()) {
  checkInput(b);
  await db.transaction(async (tx) => {
    const c = await lockContract(tx, actor, id, 'seller');
    if (c.version !== b.version) throw errors.staleVersion();
    if (c.status !== 'returned') throw new AppError(409, 'INVALID_TRANSITION', { from: c.status });
    const clock = await clockOf(tx, today, b.amount - b.nonTechnicalAmount, !!b.disputed);
    const sets = COLUMNS.map(([, col], i) => `${col} = $${i + 2}`);
    await tx.query(`UPDATE tech_contract SET ${sets.join(', ')}, status = 'submitted', filed_on = $${COLUMNS.length + 2}, rule_set = $${COLUMNS.length + 3},
                      due_on = $${COLUMNS.length + 4}, updated_at = now(), version = version + 1 WHERE id = $1`,
    [id, ...valuesOf(b), today, clock.ruleSet, clock.dueOn]).catch(duplicate);
    const before = Object.fromEntries(COLUMNS.map(([k, col]) => [k, c[col] instanceof Date ? todayInChina(c[col]) : c[col]]));
    await recordAudit(tx, audit, { action: 'tech_contract.refile', targetType: 'tech_contract', targetId: id,
      changes: { ...diff(before, Object.fromEntries(COLUMNS.map(([k]) => [k, b[k] ?? null]))), status: { before: 'returned', after: 'submitted' }, dueOn: { before: c.due_on, after: clock.dueOn } } });
  });
}

/** The registry asks for completion: returned to the seller with what is missing. */
export async function returnContract(db: Database, actor: Actor, audit: AuditActor, id: number, reason: string) {
  if (!reason.trim()) throw fieldError('reason', 'field.reason');
  return db.transaction(async (tx) => {
    const c = await lockContract(tx, actor, id, 'registry');
    if (c.status !== 'submitted') throw new AppError(409, 'INVALID_TRANSITION', { from: c.status });
    await tx.query(`UPDATE tech_contract SET status = 'returned', reason = $2, updated_at = now(), version = version + 1 WHERE id = $1`, [id, reason]);
    await recordAudit(tx, audit, { action: 'tech_contract.return', targetType: 'tech_contract', targetId: id,
      changes: { status: { before: 'submitted', after: 'returned' }, reason: { before: null, after: reason } } });
    await notify(tx, { orgId: Number(c.seller_org_id), kind: 'market.contract.returned', link: `/market/contracts?contract=${id}`,
      title: [`技术合同需补正：${c.name}`, `Technology contract to complete: ${c.name}`], body: [reason, reason] });
    return 'returned';
  });
}

/** Accepts (a registration number from the region's yearly serial) or refuses (a reason) a filed contract. */
export async function decideContract(db: Database, actor: Actor, audit: AuditActor, id: number, d: { accepted: boolean; reason?: string | null }, today = todayInChina()) {
  if (!d.accepted && !d.reason?.trim()) throw fieldError('reason', 'field.reason');
  return db.transaction(async (tx) => {
    const c = await lockContract(tx, actor, id, 'registry');
    if (c.status !== 'submitted') throw new AppError(409, 'INVALID_TRANSITION', { from: c.status });
    const year = Number(today.slice(0, 4));
    let number: string | null = null;
    if (d.accepted) {
      const { rows: [s] } = await tx.query(
        `INSERT INTO tech_contract_serial (region_code, year, last) VALUES ($1, $2, 1)
         ON CONFLICT (region_code, year) DO UPDATE SET last = tech_contract_serial.last + 1 RETURNING last`, [c.region_code, year]);
      number = registrationNumber(year, c.region_code, s.last);
    }
    const status = d.accepted ? 'accepted' : 'refused';
    await tx.query(`UPDATE tech_contract SET status = $2, registration_no = $3, decided_on = $4, decided_by = $5, reason = $6, updated_at = now(), version = version + 1
                     WHERE id = $1`, [id, status, number, today, actor.id, d.accepted ? null : d.reason!.trim()]);
    await recordAudit(tx, audit, { action: `tech_contract.${d.accepted ? 'accept' : 'refuse'}`, targetType: 'tech_contract', targetId: id,
      changes: { status: { before: 'submitted', after: status }, ...(number ? { registrationNo: { before: null, after: number } } : { reason: { before: null, after: d.reason } }) } });
    const [typeZh, typeEn] = CONTRACT_TYPE_NAMES[c.type as ContractType];
    await notify(tx, { orgId: Number(c.seller_org_id), kind: `market.contract.${status}`, link: `/market/contracts?contract=${id}`,
      title: d.accepted ? [`技术合同已认定登记：${c.name}`, `Technology contract registered: ${c.name}`] : [`技术合同未予登记：${c.name}`, `Technology contract not registered: ${c.name}`],
      body: d.accepted
        ? [`${typeZh}合同，登记编号 ${number}，成交额 ${formatMoney(Number(c.amount))}。`, `${typeEn} contract, registration number ${number}, amount ${formatMoney(Number(c.amount), 'en')}.`]
        : [d.reason!, d.reason!] });
    return { status, registrationNo: number };
  });
}
