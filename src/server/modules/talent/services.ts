/**
 * What a talent record's figures are made of: service rows (date, days, content — kept by the host
 * or staff; days done in a year is their sum) and subsidy payments (date, whole yuan — kept by
 * staff; the subsidy paid is their sum). A service date lies within the agreement period.
 */
import type { Database, Queryable } from '../../db/database';
import type { Actor, AuditActor } from '../../http/actor';
import { errors, fieldError } from '../../http/errors';
import { Where } from '../../http/list-query';
import { diff, recordAudit } from '../audit/record';
import { serviceWriteScope, talentWriteScope } from './scope';
import { TALENT_FROM } from './records';

export interface ServiceInput { date: string; days: number; content: string }
export interface PaymentInput { date: string; amount: number; note?: string | null }

const iso = (d: unknown) => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));

/** The talent row, locked, if the actor may keep its services (or, with `payments`, its payments). */
async function lockTalent(tx: Queryable, actor: Actor, id: number, payments = false) {
  const where = (payments ? talentWriteScope : serviceWriteScope)(actor, new Where()).add('t.id = $?', id);
  const { rows: [t] } = await tx.query(`SELECT t.* ${TALENT_FROM} ${where} FOR UPDATE OF t`, where.params);
  if (!t) throw errors.notFound();
  return t;
}

function assertWithinAgreement(t: Record<string, any>, date: string) {
  if (date < iso(t.agreement_from) || date > iso(t.agreement_to)) throw fieldError('date', 'field.talent.outside_agreement');
}

export async function addService(db: Database, actor: Actor, audit: AuditActor, talentId: number, b: ServiceInput): Promise<number> {
  return db.transaction(async (tx) => {
    const t = await lockTalent(tx, actor, talentId);
    assertWithinAgreement(t, b.date);
    const { rows: [s] } = await tx.query(
      'INSERT INTO talent_service (talent_id, served_on, days, content, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [talentId, b.date, b.days, b.content.trim(), actor.id]);
    await recordAudit(tx, audit, { action: 'talent.service.add', targetType: 'talent', targetId: talentId,
      changes: diff(null, { date: b.date, days: b.days, content: b.content.trim() }) });
    return Number(s.id);
  });
}

export async function updateService(db: Database, actor: Actor, audit: AuditActor, talentId: number, serviceId: number, b: ServiceInput & { version: number }) {
  await db.transaction(async (tx) => {
    const t = await lockTalent(tx, actor, talentId);
    const { rows: [s] } = await tx.query('SELECT * FROM talent_service WHERE id = $1 AND talent_id = $2 FOR UPDATE', [serviceId, talentId]);
    if (!s) throw errors.notFound();
    if (s.version !== b.version) throw errors.staleVersion();
    assertWithinAgreement(t, b.date);
    await tx.query('UPDATE talent_service SET served_on = $2, days = $3, content = $4, updated_at = now(), version = version + 1 WHERE id = $1',
      [serviceId, b.date, b.days, b.content.trim()]);
    await recordAudit(tx, audit, { action: 'talent.service.update', targetType: 'talent', targetId: talentId,
      changes: diff({ date: iso(s.served_on), days: Number(s.days), content: s.content }, { date: b.date, days: b.days, content: b.content.trim() }) });
  });
}

export async function removeService(db: Database, actor: Actor, audit: AuditActor, talentId: number, serviceId: number) {
  await db.transaction(async (tx) => {
    await lockTalent(tx, actor, talentId);
    const { rows: [s] } = await tx.query('DELETE FROM talent_service WHERE id = $1 AND talent_id = $2 RETURNING *', [serviceId, talentId]);
    if (!s) throw errors.notFound();
    await recordAudit(tx, audit, { action: 'talent.service.remove', targetType: 'talent', targetId: talentId,
      changes: diff({ date: iso(s.served_on), days: Number(s.days), content: s.content }, null) });
  });
}

export async function addPayment(db: Database, actor: Actor, audit: AuditActor, talentId: number, b: PaymentInput): Promise<number> {
  return db.transaction(async (tx) => {
    await lockTalent(tx, actor, talentId, true);
    const { rows: [p] } = await tx.query(
      'INSERT INTO talent_payment (talent_id, paid_on, amount, note, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [talentId, b.date, b.amount, b.note?.trim() ?? '', actor.id]);
    await recordAudit(tx, audit, { action: 'talent.payment.add', targetType: 'talent', targetId: talentId,
      changes: diff(null, { date: b.date, amount: b.amount, note: b.note?.trim() ?? '' }) });
    return Number(p.id);
  });
}

export async function removePayment(db: Database, actor: Actor, audit: AuditActor, talentId: number, paymentId: number) {
  await db.transaction(async (tx) => {
    await lockTalent(tx, actor, talentId, true);
    const { rows: [p] } = await tx.query('DELETE FROM talent_payment WHERE id = $1 AND talent_id = $2 RETURNING *', [paymentId, talentId]);
    if (!p) throw errors.notFound();
    await recordAudit(tx, audit, { action: 'talent.payment.remove', targetType: 'talent', targetId: talentId,
      changes: diff({ date: iso(p.paid_on), amount: Number(p.amount) }, null) });
  });
}
