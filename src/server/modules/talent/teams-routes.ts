/** /api/v1/talent-teams: 创新创业团队 with their members (expert-registry people) and subsidy payments. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { TALENT_STATUSES } from '../../../domain/talent';
import { auditActorOf, requireRole } from '../../http/actor';
import { nameField, regionCodeField } from '../../http/fields';
import { pagingSchema } from '../../http/list-query';
import { dateField, idParams, outcomesField } from './routes';
import { addTeamPayment, createTeam, getTeam, listTeams, updateTeam } from './teams';

const body = z.object({
  name: nameField(80), hostOrgId: z.number().int().positive(), field: nameField(40), agreementNo: z.string().trim().max(60).nullable().optional(),
  from: dateField, to: dateField, outcomes: outcomesField, leaderId: z.number().int().positive(),
  memberIds: z.array(z.number().int().positive()).max(50), status: z.enum(TALENT_STATUSES).optional(),
});
const filters = pagingSchema.extend({
  regionCode: regionCodeField.optional(), hostOrgId: z.coerce.number().int().positive().optional(), status: z.enum(TALENT_STATUSES).optional(),
});

export default async function talentTeamRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app;
  const readers = ['admin', 'staff', 'enterprise', 'institution', 'expert'] as const;

  r.get('/', { schema: { tags: ['talent'], summary: 'List talent teams', querystring: filters } }, async (req) => {
    const { page, pageSize, ...f } = req.query;
    return listTeams(db, requireRole(req, ...readers), f, page, pageSize);
  });
  r.get('/:id', { schema: { tags: ['talent'], summary: 'One team with members and payments', params: idParams } },
    async (req) => getTeam(db, requireRole(req, ...readers), req.params.id));
  r.post('/', { schema: { tags: ['talent'], summary: 'Add a team (staff)', body } },
    async (req, reply) => reply.code(201).send({ id: await createTeam(db, requireRole(req, 'admin', 'staff'), auditActorOf(req), req.body) }));
  r.put('/:id', { schema: { tags: ['talent'], summary: 'Change a team (stale version: 409)', params: idParams, body: body.extend({ version: z.number().int() }) } },
    async (req) => {
      await updateTeam(db, requireRole(req, 'admin', 'staff'), auditActorOf(req), req.params.id, req.body);
      return getTeam(db, req.actor!, req.params.id);
    });
  r.post('/:id/payments', { schema: { tags: ['talent'], summary: 'Record a subsidy payment to a team, whole yuan (staff)', params: idParams,
    body: z.object({ date: dateField, amount: z.number().int().positive().max(100_000_000), note: z.string().trim().max(200).nullable().optional() }) } },
  async (req, reply) => reply.code(201).send({ id: await addTeamPayment(db, requireRole(req, 'admin', 'staff'), auditActorOf(req), req.params.id, req.body) }));
}
