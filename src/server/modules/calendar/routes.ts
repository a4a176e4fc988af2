/**
 * /api/v1/calendar: the working-day calendar (every signed-in user reads it and asks for
 * deadlines; administrators keep it).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditActorOf, requireActor, requireRole } from '../../http/actor';
import { calendarOfYear, deleteCalendarDay, setCalendarDay, workingDeadline } from './service';

const dateField = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'field.date').refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'field.date');
const daySchema = z.object({ day: z.string(), working: z.boolean(), name: z.string(), source: z.string().nullable(), version: z.number() });

export default async function calendarRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app;

  r.get('/', {
    schema: { tags: ['calendar'], summary: "A year's holidays and worked weekend days, and its number of working days",
      querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
      response: { 200: z.object({ year: z.number(), days: z.array(daySchema), workingDays: z.number(), entered: z.boolean() }) } },
  }, async (req) => { requireActor(req); return calendarOfYear(db, req.query.year, req.lang); });

  r.get('/deadline', {
    schema: { tags: ['calendar'], summary: 'The date of the N-th working day after a date (公示 periods, decisions)',
      querystring: z.object({ from: dateField, days: z.coerce.number().int().min(0).max(365) }),
      response: { 200: z.object({ from: z.string(), days: z.number(), dueOn: z.string(), complete: z.boolean() }) } },
  }, async (req) => { requireActor(req); return { from: req.query.from, days: req.query.days, ...(await workingDeadline(db, req.query.from, req.query.days)) }; });

  r.put('/:day', {
    schema: { tags: ['calendar'], summary: 'Set a day as a holiday or a worked weekend day (administrators); version when changing one',
      params: z.object({ day: dateField }),
      body: z.object({ working: z.boolean(), name: z.string().trim().min(1).max(40), nameEn: z.string().trim().max(60).optional(), source: z.string().trim().max(200).nullable().optional(), version: z.number().int().optional() }),
      response: { 200: daySchema } },
  }, async (req) => setCalendarDay(db, requireRole(req, 'admin'), auditActorOf(req), req.params.day, req.body));

  r.delete('/:day', {
    schema: { tags: ['calendar'], summary: 'Remove a day: it follows the Monday–Friday rule again (administrators)',
      params: z.object({ day: dateField }), querystring: z.object({ version: z.coerce.number().int() }) },
  }, async (req, reply) => { await deleteCalendarDay(db, requireRole(req, 'admin'), auditActorOf(req), req.params.day, req.query.version); return reply.code(204).send(); });
}
