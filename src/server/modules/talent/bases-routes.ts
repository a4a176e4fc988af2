/** /api/v1/talent-bases: 引才引智基地 — host organisations designated as bases, with the talent they host. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BASE_LEVELS } from '../../../domain/talent';
import { auditActorOf, requireRole } from '../../http/actor';
import { regionCodeField } from '../../http/fields';
import { pagingSchema } from '../../http/list-query';
import { createBase, getBase, listBases, updateBase } from './bases';
import { dateField, idParams } from './routes';

const terms = z.object({
  level: z.enum(BASE_LEVELS), designatedOn: dateField, documentNo: z.string().trim().max(80).nullable().optional(),
  field: z.string().trim().max(40).nullable().optional(), status: z.enum(['active', 'revoked']).optional(),
});
const filters = pagingSchema.extend({ level: z.enum(BASE_LEVELS).optional(), regionCode: regionCodeField.optional() });

export default async function talentBaseRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app;
  const readers = ['admin', 'staff', 'enterprise', 'institution'] as const;

  r.get('/', { schema: { tags: ['talent'], summary: 'List talent bases with their number of active talent', querystring: filters } }, async (req) => {
    const { page, pageSize, ...f } = req.query;
    return listBases(db, requireRole(req, ...readers), f, page, pageSize);
  });
  r.get('/:id', { schema: { tags: ['talent'], summary: 'One base with the talent its organisation hosts', params: idParams } },
    async (req) => getBase(db, requireRole(req, ...readers), req.params.id));
  r.post('/', { schema: { tags: ['talent'], summary: 'Designate a host organisation as a base (staff)', body: terms.extend({ orgId: z.number().int().positive() }) } },
    async (req, reply) => reply.code(201).send({ id: await createBase(db, requireRole(req, 'admin', 'staff'), auditActorOf(req), req.body) }));
  r.put('/:id', { schema: { tags: ['talent'], summary: 'Change a base (stale version: 409)', params: idParams, body: terms.extend({ version: z.number().int() }) } },
    async (req) => {
      await updateBase(db, requireRole(req, 'admin', 'staff'), auditActorOf(req), req.params.id, req.body);
      return getBase(db, req.actor!, req.params.id);
    });
}
