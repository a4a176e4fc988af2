/**
 * Who is asking: the signed-in user behind the session cookie, resolved once per request by
 * the session hook (modules/auth/session-hook.ts), and the guards routes use.
 */
import type { FastifyRequest } from 'fastify';
import { AppError, errors } from './errors';
import type { Lang } from './messages';

export type Role = 'admin' | 'staff' | 'enterprise' | 'institution' | 'expert' | 'commissioner';
export const ROLES: Role[] = ['admin', 'staff', 'enterprise', 'institution', 'expert', 'commissioner'];

export interface Actor {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  regionCode: string | null;
  orgId: number | null;
  mustChangePassword: boolean;
  sessionId: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    lang: Lang;
    /** The request carried a session cookie that is no longer valid. */
    sessionExpired: boolean;
  }
}

/** The signed-in actor, or 401. Unless `duringPasswordChange`, a forced password change comes first. */
export function requireActor(req: FastifyRequest, options: { duringPasswordChange?: boolean } = {}): Actor {
  const actor = req.actor;
  if (!actor) throw req.sessionExpired ? new AppError(401, 'SESSION_EXPIRED') : errors.unauthenticated();
  if (actor.mustChangePassword && !options.duringPasswordChange) throw new AppError(403, 'PASSWORD_CHANGE_REQUIRED');
  return actor;
}

export function requireRole(req: FastifyRequest, ...roles: Role[]): Actor {
  const actor = requireActor(req);
  if (!roles.includes(actor.role)) throw errors.forbidden();
  return actor;
}

/** What the audit log records about who did something. */
export interface AuditActor {
  id: number | null;
  username: string | null;
  role: string | null;
  ip: string;
}

export function auditActorOf(req: FastifyRequest): AuditActor {
  const a = req.actor;
  return { id: a?.id ?? null, username: a?.username ?? null, role: a?.role ?? null, ip: req.ip };
}
