/**
 * One error type for everything the API refuses: an HTTP status, a code for programs, a
 * message key for people, and optional per-field problems. The error handler (error-handler.ts)
 * turns it into `{ error: { code, message, fields? } }` in the request's language.
 */
import type { MessageKey } from './messages';

export interface FieldProblem {
  key: MessageKey;
  params?: Record<string, unknown>;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: MessageKey,
    readonly params: Record<string, unknown> = {},
    readonly fields?: Record<string, FieldProblem>,
    /** Extra machine-readable detail sent inside `error` (e.g. import rows). */
    readonly detail?: Record<string, unknown>,
  ) {
    super(code);
  }
}

export const fieldError = (field: string, key: MessageKey, params?: Record<string, unknown>) =>
  new AppError(400, 'VALIDATION_FAILED', {}, { [field]: { key, params } });

export const errors = {
  unauthenticated: () => new AppError(401, 'UNAUTHENTICATED'),
  forbidden: () => new AppError(403, 'FORBIDDEN'),
  notFound: () => new AppError(404, 'NOT_FOUND'),
  staleVersion: () => new AppError(409, 'STALE_VERSION'),
  /** The database did not answer; `cause` is logged with the request id, never sent. */
  databaseUnavailable: (cause: unknown) => Object.assign(new AppError(503, 'DB_UNAVAILABLE'), { cause }),
  conflict: (code: MessageKey, field?: string, fieldKey?: MessageKey) =>
    new AppError(409, code, {}, field && fieldKey ? { [field]: { key: fieldKey } } : undefined),
};
