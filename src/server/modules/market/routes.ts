/** /api/v1/achievements and /api/v1/demands: one route set per listing kind, the same verbs for both. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FIELD_CODES } from '../../../domain/fields';
import { auditActorOf, requireActor, requireRole } from '../../http/actor';
import { nameField, regionCodeField } from '../../http/fields';
import { pagingSchema } from '../../http/list-query';
import { ACHIEVEMENT, ACHIEVEMENT_TYPES, COOPERATION_MODES, DEMAND, TRANSFER_MODES } from './kinds';
import { createListing, getListing, listListings, moveListing, updateListing, type ListingKind } from './listings';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const yuan = z.number().int().min(0).max(1e13);
const dateField = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'field.date');
const owner = { orgId: z.number().int().positive().nullable().optional() };

const achievementBody = z.object({
  title: nameField(120), type: z.enum(ACHIEVEMENT_TYPES), field: z.enum(FIELD_CODES), maturity: z.number().int().min(1).max(9),
  ip: z.string().max(500).optional(), inventors: z.string().max(500).optional(), summary: z.string().max(5000).default(''), text: z.string().max(100_000).default(''),
  transferModes: z.array(z.enum(TRANSFER_MODES)).max(5).default([]), priceMin: yuan.nullable().optional(), priceMax: yuan.nullable().optional(),
  contact: z.string().max(100).optional(),
}).refine((b) => b.priceMin == null || b.priceMax == null || b.priceMax >= b.priceMin, { message: 'field.invalid', path: ['priceMax'] });

const demandBody = z.object({
  title: nameField(120), description: z.string().max(20_000).default(''), field: z.enum(FIELD_CODES),
  budgetMin: yuan.nullable().optional(), budgetMax: yuan.nullable().optional(), deadline: dateField.nullable().optional(),
  cooperationModes: z.array(z.enum(COOPERATION_MODES)).max(COOPERATION_MODES.length).default([]),
  // invited: only the listed organisations (and their experts) may answer
  openTo: z.enum(['everyone', 'invited']).default('everyone'), invitedOrgIds: z.array(z.number().int().positive()).max(100).default([]),
  // 揭榜挂帅: an open call with a prize in yuan
  openCall: z.boolean().default(false), prize: yuan.nullable().optional(),
}).refine((b) => b.budgetMin == null || b.budgetMax == null || b.budgetMax >= b.budgetMin, { message: 'field.invalid', path: ['budgetMax'] })
  .refine((b) => b.openTo === 'everyone' || b.invitedOrgIds.length > 0, { message: 'field.required', path: ['invitedOrgIds'] })
  .refine((b) => !b.openCall || b.prize != null, { message: 'field.required', path: ['prize'] });

function listingRoutes<V>(kind: ListingKind<V>, body: z.ZodTypeAny, tag: string) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const { db } = app;
    const filters = pagingSchema.extend({ field: z.enum(FIELD_CODES).optional(), status: z.string().max(20).optional(), mine: z.enum(['true', 'false']).optional(),
      regionCode: regionCodeField.optional() });
    r.get('/', { schema: { tags: [tag], summary: `List (published to everyone; drafts to their organisation; submitted to the region's staff)`, querystring: filters } },
      async (req) => { const { page, pageSize, mine, ...f } = req.query; return listListings(db, kind, requireActor(req), { ...f, mine: mine === 'true' }, page, pageSize); });
    r.get('/:id', { schema: { tags: [tag], summary: 'One', params: idParams } }, async (req) => getListing(db, kind, requireActor(req), req.params.id));
    r.post('/', { schema: { tags: [tag], summary: 'Add a draft (an organisation its own; staff for an organisation of their region with orgId)',
      body: z.intersection(body, z.object(owner)) } },
    async (req, reply) => reply.code(201).send({ id: await createListing(db, kind as ListingKind<unknown>, requireRole(req, 'enterprise', 'institution', 'staff', 'admin'),
      auditActorOf(req), req.body as Record<string, unknown>) }));
    r.put('/:id', { schema: { tags: [tag], summary: 'Change a draft (staff: also a submitted one)', params: idParams,
      body: z.intersection(body, z.object({ version: z.number().int() })) } },
    async (req) => {
      await updateListing(db, kind as ListingKind<unknown>, requireRole(req, 'enterprise', 'institution', 'staff', 'admin'), auditActorOf(req), req.params.id,
        req.body as Record<string, unknown> & { version: number });
      return getListing(db, kind, req.actor, req.params.id);
    });
    const step = (path: string, action: 'submit' | 'publish' | 'return' | 'end', summary: string, extra: z.ZodTypeAny = z.object({ comment: z.string().max(2000).optional() }).optional()) =>
      r.post(`/:id/${path}`, { schema: { tags: [tag], summary, params: idParams, body: extra } }, async (req) => {
        const b = (req.body ?? {}) as { comment?: string; status?: string };
        const status = await moveListing(db, kind as ListingKind<unknown>, requireRole(req, 'enterprise', 'institution', 'staff', 'admin'), auditActorOf(req), req.params.id,
          action, b.status, b.comment);
        return { id: req.params.id, status };
      });
    step('submit', 'submit', 'Submit for publication (the organisation)');
    step('publish', 'publish', "Publish (the region's staff)");
    step('return', 'return', 'Return to the organisation with a reason (staff)');
    step('end', 'end', `End a published one (${kind.endStates.join(' / ')})`, z.object({ status: z.enum(kind.endStates as [string, ...string[]]), comment: z.string().max(2000).optional() }));
  };
}

export const achievementRoutes = listingRoutes(ACHIEVEMENT, achievementBody, 'achievements');
export const demandRoutes = listingRoutes(DEMAND, demandBody, 'demands');
