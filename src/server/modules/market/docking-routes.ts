/**
 * /api/v1/docking-events: the events (CRUD and open / held / close), registrations (+ confirm,
 * decline, withdraw), pairings (+ outcome), the pairings as Excel, and counts by region and year.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FIELD_CODES, fieldName } from '../../../domain/fields';
import { auditActorOf, requireActor, requireRole } from '../../http/actor';
import { sendWorkbook, type ExcelColumn } from '../../http/excel';
import { regionCodeField } from '../../http/fields';
import { pagingSchema } from '../../http/list-query';
import type { Lang } from '../../http/messages';
import {
  createEvent, createPairing, decideRegistration, deleteEvent, deletePairing, dockingStats, EVENT_STATUSES, getEvent, listEvents, listPairings, listRegistrations, moveEvent,
  PAIRING_OUTCOMES, recordPairingOutcome, registerForEvent, updateEvent, type PairingView,
} from './docking';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const registrationParams = idParams.extend({ rid: z.coerce.number().int().positive() });
const pairingParams = idParams.extend({ pid: z.coerce.number().int().positive() });
const instant = z.string().datetime({ offset: true, message: 'field.instant' });
const eventBody = z.object({
  title: z.string().trim().min(1).max(120), theme: z.string().max(500).default(''), field: z.enum(FIELD_CODES).nullable().optional(),
  startsAt: instant, endsAt: instant.nullable().optional(), place: z.string().max(200).default(''), organiser: z.string().max(200).default(''),
  regionCode: regionCodeField.nullable().optional(), capacity: z.number().int().min(1).max(100_000).nullable().optional(),
}).refine((b) => !b.endsAt || new Date(b.endsAt) >= new Date(b.startsAt), { message: 'field.date_order', path: ['endsAt'] });
const tags = ['docking-events'];

const OUTCOME_WORDS: Record<string, readonly [string, string]> = {
  met: ['已洽谈', 'Met'], intent: ['达成意向', 'Intent'], agreement: ['签订协议', 'Agreement'], contract: ['签订合同', 'Contract'],
};

function pairingColumns(lang: Lang): ExcelColumn<PairingView & { no: number }>[] {
  const h = (zh: string, en: string) => (lang === 'en' ? en : zh);
  const en = lang === 'en' ? 1 : 0;
  return [
    { header: h('序号', 'No.'), width: 6, value: (p) => p.no },
    { header: h('技术需求', 'Demand'), width: 36, value: (p) => p.demand.title },
    { header: h('需求单位', 'Demand organisation'), width: 30, value: (p) => p.demand.orgName },
    { header: h('科技成果', 'Achievement'), width: 36, value: (p) => p.achievement?.title ?? '' },
    { header: h('供给单位', 'Supplier'), width: 30, value: (p) => p.supplier.name },
    { header: h('对接结果', 'Outcome'), width: 12, value: (p) => (p.outcome ? OUTCOME_WORDS[p.outcome][en] : h('待对接', 'Planned')) },
    { header: h('合同编号', 'Contract no.'), width: 20, value: (p) => p.contractNo ?? '' },
    { header: h('备注', 'Note'), width: 30, value: (p) => [p.note, p.outcomeNote].filter(Boolean).join('；') },
  ];
}

export async function dockingRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app;
  const staff = (req: Parameters<typeof requireRole>[0]) => requireRole(req, 'staff', 'admin');

  r.get('/stats', { schema: { tags, summary: 'Counts of a region and year: events, confirmed registrations, pairs and outcomes; by sub-region and by event',
    querystring: z.object({ region: regionCodeField.optional(), year: z.coerce.number().int().min(2000).max(2100).default(new Date().getFullYear()) }) } },
  async (req) => dockingStats(db, requireActor(req), req.query.region, req.query.year));

  r.get('/', { schema: { tags, summary: 'Events (drafts only to their bureau)', querystring: pagingSchema.extend({
    status: z.enum(EVENT_STATUSES).optional(), regionCode: regionCodeField.optional(), year: z.coerce.number().int().min(2000).max(2100).optional(), field: z.enum(FIELD_CODES).optional() }) } },
  async (req) => { const { page, pageSize, ...f } = req.query; return listEvents(db, requireActor(req), f, page, pageSize); });
  r.get('/:id', { schema: { tags, summary: 'One event with its counts', params: idParams } }, async (req) => getEvent(db, requireActor(req), req.params.id));
  r.post('/', { schema: { tags, summary: 'Create a draft event (staff; regionCode in their subtree, default their own)', body: eventBody } },
    async (req, reply) => reply.code(201).send({ id: await createEvent(db, staff(req), auditActorOf(req), req.body) }));
  r.put('/:id', { schema: { tags, summary: 'Change a draft or open event', params: idParams, body: z.intersection(eventBody, z.object({ version: z.number().int() })) } },
    async (req) => { await updateEvent(db, staff(req), auditActorOf(req), req.params.id, req.body); return getEvent(db, req.actor!, req.params.id); });
  r.delete('/:id', { schema: { tags, summary: 'Delete a draft event', params: idParams } },
    async (req, reply) => { await deleteEvent(db, staff(req), auditActorOf(req), req.params.id); return reply.code(204).send(); });
  for (const step of ['open', 'held', 'close'] as const) {
    r.post(`/:id/${step}`, { schema: { tags, summary: { open: 'Open registrations (draft → open)', held: 'The event took place (open → held)', close: 'Close (held → closed)' }[step], params: idParams } },
      async (req) => ({ id: req.params.id, status: await moveEvent(db, staff(req), auditActorOf(req), req.params.id, step) }));
  }

  r.get('/:id/registrations', { schema: { tags, summary: "Registrations: all for the event's staff, its own for an organisation", params: idParams,
    querystring: z.object({ status: z.enum(['pending', 'confirmed', 'declined', 'withdrawn']).optional() }) } },
  async (req) => listRegistrations(db, requireActor(req), req.params.id, req.query.status));
  r.post('/:id/registrations', { schema: { tags, summary: 'Register the organisation for an open event, with demands and achievements of its own', params: idParams,
    body: z.object({ demandIds: z.array(z.number().int().positive()).max(20).default([]), achievementIds: z.array(z.number().int().positive()).max(20).default([]),
      attendees: z.number().int().min(1).max(50).optional(), note: z.string().max(1000).optional() }) } },
  async (req, reply) => reply.code(201).send({ id: await registerForEvent(db, requireRole(req, 'enterprise', 'institution'), auditActorOf(req), req.params.id, req.body) }));
  r.post('/:id/registrations/:rid/confirm', { schema: { tags, summary: 'Confirm a registration (within the capacity)', params: registrationParams } },
    async (req) => ({ id: req.params.rid, status: await decideRegistration(db, staff(req), auditActorOf(req), req.params.id, req.params.rid, 'confirm') }));
  r.post('/:id/registrations/:rid/decline', { schema: { tags, summary: 'Decline a registration with a reason', params: registrationParams,
    body: z.object({ reason: z.string().max(1000).optional() }) } },
  async (req) => ({ id: req.params.rid, status: await decideRegistration(db, staff(req), auditActorOf(req), req.params.id, req.params.rid, 'decline', req.body.reason) }));
  r.post('/:id/registrations/:rid/withdraw', { schema: { tags, summary: 'Withdraw an own registration while the event is open', params: registrationParams } },
    async (req) => ({ id: req.params.rid, status: await decideRegistration(db, requireRole(req, 'enterprise', 'institution'), auditActorOf(req), req.params.id, req.params.rid, 'withdraw') }));

  r.get('/:id/pairings', { schema: { tags, summary: "Pairs: all for the event's staff, an organisation's own sides", params: idParams } },
    async (req) => listPairings(db, requireActor(req), req.params.id));
  r.post('/:id/pairings', { schema: { tags, summary: 'Plan a pair: a demand and an achievement, or a supplier organisation (staff)', params: idParams,
    body: z.object({ demandId: z.number().int().positive(), achievementId: z.number().int().positive().nullable().optional(),
      supplierOrgId: z.number().int().positive().nullable().optional(), note: z.string().max(1000).optional() }) } },
  async (req, reply) => reply.code(201).send({ id: await createPairing(db, staff(req), auditActorOf(req), req.params.id, req.body) }));
  r.delete('/:id/pairings/:pid', { schema: { tags, summary: 'Remove a planned pair without an outcome', params: pairingParams } },
    async (req, reply) => { await deletePairing(db, staff(req), auditActorOf(req), req.params.id, req.params.pid); return reply.code(204).send(); });
  r.post('/:id/pairings/:pid/outcome', { schema: { tags, summary: 'Record the outcome of a pair (contract: with its number)', params: pairingParams,
    body: z.object({ outcome: z.enum(PAIRING_OUTCOMES), contractNo: z.string().trim().max(60).nullable().optional(), note: z.string().max(1000).nullable().optional(), version: z.number().int() }) } },
  async (req) => {
    await recordPairingOutcome(db, staff(req), auditActorOf(req), req.params.id, req.params.pid, req.body);
    return (await listPairings(db, req.actor!, req.params.id)).items.find((p) => p.id === req.params.pid);
  });
  r.get('/:id/pairings.xlsx', { schema: { tags, summary: "The event's pairs with their outcomes (Excel, the event's staff)", params: idParams } },
    async (req, reply) => {
      const actor = staff(req);
      const event = await getEvent(db, actor, req.params.id);
      const { items } = await listPairings(db, actor, req.params.id);
      const en = req.lang === 'en';
      const sheet = en ? 'Pairings' : '对接配对';
      const field = event.field ? `（${fieldName(event.field, req.lang)}）` : '';
      return sendWorkbook(reply, `${event.title}${en ? ' pairings' : `${field}对接配对`}.xlsx`.replace(/[\\/:*?"<>|]/g, '_'), sheet,
        pairingColumns(req.lang), items.map((p, i) => ({ ...p, no: i + 1 })));
    });
}
