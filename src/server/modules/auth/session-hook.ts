/** Resolves the session cookie into `req.actor` before every route. */
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/database';
import { errors } from '../../http/errors';
import { langFromHeader } from '../../http/messages';
import { resolveSession, SESSION_COOKIE, type SessionPolicy } from './sessions';

export function registerSessionHook(app: FastifyInstance, db: Database, policy: SessionPolicy, secure: boolean): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('lang', 'zh-CN');
  app.decorateRequest('sessionExpired', false);
  app.addHook('onRequest', async (req, reply) => {
    req.lang = langFromHeader(req.headers['accept-language']);
    const token = req.cookies[SESSION_COOKIE];
    if (!token || !req.url.startsWith('/api/')) return;
    try {
      req.actor = await resolveSession(db, token, policy);
    } catch (error) {
      // The database could not answer: say so (503) and keep the session and its cookie, so
      // the user carries on signed in once it answers again.
      throw errors.databaseUnavailable(error);
    }
    if (!req.actor) {
      req.sessionExpired = true;
      reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
    }
  });
}

export function setSessionCookie(reply: import('fastify').FastifyReply, token: string, policy: SessionPolicy, secure: boolean) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: policy.absoluteHours * 3600,
  });
}
