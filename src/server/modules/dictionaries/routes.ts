/** Fixed national vocabularies the forms pick from (public). */
import type { FastifyInstance } from 'fastify';
import { HIGHTECH_FIELDS, HIGHTECH_FIELD_EN } from '../../../domain/eligibility/types';
import { INDUSTRY_DIVISIONS, INDUSTRY_SECTIONS } from '../../../domain/industries';

export default async function dictionaryRoutes(app: FastifyInstance) {
  app.get('/industries', { schema: { tags: ['dictionaries'], summary: 'GB/T 4754-2017 sections and divisions' } }, async () => ({
    sections: Object.entries(INDUSTRY_SECTIONS).map(([code, name]) => ({ code, name })),
    divisions: INDUSTRY_DIVISIONS,
  }));
  app.get('/hightech-fields', { schema: { tags: ['dictionaries'], summary: 'The eight 国家重点支持的高新技术领域' } }, async () => ({
    items: HIGHTECH_FIELDS.map((name) => ({ name, en: HIGHTECH_FIELD_EN[name] })),
  }));
}
