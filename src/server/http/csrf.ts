/**
 * CSRF protection by double submit: any response to a client without an `XSRF-TOKEN` cookie
 * sets one (readable by the page's script), and every state-changing request, sign-in
 * included, must echo it in `X-XSRF-TOKEN`. Another site can make the browser send the cookie
 * but cannot read it, so it cannot write the header.
 */
import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { AppError } from './errors';

export const CSRF_COOKIE = 'XSRF-TOKEN';
export const CSRF_HEADER = 'x-xsrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

export function registerCsrf(app: FastifyInstance, options: { secure: boolean }): void {
  app.addHook('onRequest', async (req, reply) => {
    const cookie = req.cookies[CSRF_COOKIE];
    if (!cookie) {
      reply.setCookie(CSRF_COOKIE, crypto.randomBytes(24).toString('base64url'), {
        path: '/', sameSite: 'strict', httpOnly: false, secure: options.secure,
      });
    }
    if (SAFE_METHODS.has(req.method)) return;
    const header = req.headers[CSRF_HEADER];
    if (!cookie || typeof header !== 'string' || !sameToken(cookie, header)) {
      throw new AppError(403, 'CSRF_TOKEN_INVALID');
    }
  });
}
