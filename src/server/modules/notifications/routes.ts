/**
 * /api/v1/notifications: the signed-in user's own notifications (消息) — every role has them.
 * Marking read changes only the reader's own view of their messages, so it is not audited (the
 * change that caused the notification is).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../http/actor';
import { listNotifications, markAllRead, markRead, unreadCount } from './service';

const notificationSchema = z.object({
  id: z.number(), kind: z.string(), title: z.string(), body: z.string(), link: z.string().nullable(), read: z.boolean(), createdAt: z.string(),
});
const listQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  unread: z.enum(['1', 'true']).optional(),
});

export default async function notificationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app;

  r.get('/', {
    schema: { tags: ['notifications'], summary: "The caller's notifications, newest first, with the unread count", querystring: listQuery,
      response: { 200: z.object({ items: z.array(notificationSchema), total: z.number(), unread: z.number(), page: z.number(), pageSize: z.number() }) } },
  }, async (req) => listNotifications(db, requireActor(req), req.lang, { unreadOnly: !!req.query.unread, page: req.query.page, pageSize: req.query.pageSize }));

  r.get('/unread-count', { schema: { tags: ['notifications'], summary: 'How many are unread (the header bell)', response: { 200: z.object({ unread: z.number() }) } } },
    async (req) => unreadCount(db, requireActor(req)));

  r.post('/read-all', { schema: { tags: ['notifications'], summary: 'Mark all read', response: { 200: z.object({ unread: z.number(), marked: z.number() }) } } },
    async (req) => markAllRead(db, requireActor(req)));

  r.post('/:id/read', { schema: { tags: ['notifications'], summary: 'Mark one read', params: z.object({ id: z.coerce.number().int().positive() }), response: { 200: z.object({ unread: z.number() }) } } },
    async (req) => markRead(db, requireActor(req), req.params.id));
}
