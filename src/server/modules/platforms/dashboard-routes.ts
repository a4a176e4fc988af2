/** GET /api/v1/platforms/dashboard?region=&year= — the platform dashboard of a region (staff: in their scope). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole } from '../../http/actor';
import { regionCodeField } from '../../http/fields';
import { platformDashboard } from './dashboard';

export default async function platformDashboardRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/platforms/dashboard', { schema: { tags: ['platforms'], summary: 'Counts by type, level and sub-region, growth year on year and evaluation ratings by year',
    querystring: z.object({ region: regionCodeField.optional(), year: z.coerce.number().int().min(2000).max(2100).optional() }) } },
  async (req) => platformDashboard(app.db, requireRole(req, 'admin', 'staff'), req.query));
}
