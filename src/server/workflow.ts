/**
 * Workflows as data: each action names the states it may start from, the state it leads to,
 * the roles that may take it and whether a comment is required. One helper serves them all.
 */
import type { Role } from './http/actor';
import { AppError, errors, fieldError } from './http/errors';

export interface Transition<S extends string> { from: S[]; to: S; roles: Role[]; comment?: boolean }
export type Workflow<S extends string, A extends string> = Record<A, Transition<S>>;

/** The target state of `action` from `state` for `role`, or the reason it is refused. */
export function transition<S extends string, A extends string>(
  workflow: Workflow<S, A>, action: A, state: S, role: Role, comment?: string | null,
): S {
  const t = workflow[action];
  if (!t.roles.includes(role)) throw errors.forbidden();
  if (!t.from.includes(state)) throw new AppError(409, 'INVALID_TRANSITION', { from: state });
  if (t.comment && !comment?.trim()) throw fieldError('comment', 'field.reason');
  return t.to;
}
