import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../http/actor';
import { nameField, passwordField, phoneField, regionCodeField, usccField, usernameField } from '../../http/fields';
import { recordAudit } from '../audit/record';
import { getUserView } from '../users/service';
import { changePassword } from './change-password';
import { login } from './login';
import { AppError } from '../../http/errors';
import { fieldsError, readRegistrationParts } from '../organizations/documents';
import { register } from './register';
import { setSessionCookie } from './session-hook';
import { endSession, SESSION_COOKIE } from './sessions';

const loginBody = z.union([
  z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(128) }),
  z.object({ phone: z.string().trim().min(1).max(20), password: z.string().min(1).max(128) }),
]);

const registerBody = z.object({
  kind: z.enum(['enterprise', 'institution']),
  name: nameField(100),
  uscc: usccField,
  regionCode: regionCodeField,
  contactName: nameField(50),
  phone: phoneField,
  username: usernameField,
  password: passwordField,
});

const userSchema = z.object({
  id: z.number(), username: z.string(), displayName: z.string(), role: z.string(),
  regionCode: z.string().nullable(), regionName: z.string().nullable(), orgId: z.number().nullable(),
  orgName: z.string().nullable(), phone: z.string().nullable(), mustChangePassword: z.boolean(),
});

export default async function authRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, config } = app;
  const policy = { idleMinutes: config.sessionIdleMinutes, absoluteHours: config.sessionAbsoluteHours };

  r.post('/login', {
    schema: { tags: ['auth'], summary: 'Sign in by username or mobile number', body: loginBody, response: { 200: z.object({ user: userSchema }) } },
  }, async (req, reply) => {
    const outcome = await login(db, req.body as any, { ip: req.ip, userAgent: req.headers['user-agent'] }, policy);
    if (!outcome.ok) throw outcome.error;
    setSessionCookie(reply, outcome.token, policy, config.secureCookies);
    return { user: await getUserView(db, outcome.userId, null, { self: true }) };
  });

  r.post('/logout', { schema: { tags: ['auth'], summary: 'Sign out' } }, async (req, reply) => {
    const actor = req.actor;
    if (actor) {
      await db.transaction(async (tx) => {
        await endSession(tx, actor.sessionId);
        await recordAudit(tx, { id: actor.id, username: actor.username, role: actor.role, ip: req.ip },
          { action: 'auth.logout', targetType: 'user', targetId: actor.id });
      });
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  r.get('/me', { schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: z.object({ user: userSchema }) } } }, async (req) => {
    const actor = requireActor(req, { duringPasswordChange: true });
    return { user: await getUserView(db, actor.id, null, { self: true }) };
  });

  r.post('/password', {
    schema: { tags: ['auth'], summary: 'Change own password', body: z.object({ oldPassword: z.string().min(1).max(128), newPassword: passwordField }) },
  }, async (req, reply) => {
    const actor = requireActor(req, { duringPasswordChange: true });
    await changePassword(db, actor, req.ip, req.body.oldPassword, req.body.newPassword);
    return reply.status(204).send();
  });

  r.post('/register', {
    schema: { tags: ['auth'], summary: 'Self-registration of an enterprise or institution', body: registerBody,
      response: { 201: z.object({ id: z.number(), status: z.literal('pending') }) } },
  }, async (req, reply) => {
    const result = await register(db, req.body, req.ip);
    return reply.status(201).send(result);
  });

  // the same registration as multipart, with the 营业执照 (required: JPEG, PNG or PDF by content, ≤ 5 MB)
  // and an optional 授权书, so the reviewer approves with the licence in view
  r.post('/register-with-license', {
    schema: { tags: ['auth'], summary: 'Self-registration with documents (multipart: the /register fields, files "license" and "authorization")',
      consumes: ['multipart/form-data'], response: { 201: z.object({ id: z.number(), status: z.literal('pending') }) } },
  }, async (req, reply) => {
    const { fields, documents } = await readRegistrationParts(req);
    const parsed = registerBody.safeParse(fields);
    if (!parsed.success) throw fieldsError(parsed.error.issues);
    if (!documents.some((d) => d.kind === 'license')) throw new AppError(400, 'REGISTRATION_LICENSE_REQUIRED', {}, { license: { key: 'REGISTRATION_LICENSE_REQUIRED' } });
    const result = await register(db, parsed.data, req.ip, documents);
    return reply.status(201).send(result);
  });
}
