/** Field schemas shared by request bodies, with the national formats they must follow. */
import { z } from 'zod';
import { isValidMobile } from '../../domain/phone';
import { normalizeUscc, usccProblem } from '../../domain/uscc';
import { passwordProblems } from '../../domain/password';
import { REGION_CODE } from '../../domain/regions';
import { AppError, type FieldProblem } from './errors';
import type { MessageKey } from './messages';

export const USERNAME = /^[A-Za-z0-9_.@-]{3,64}$/;

export const usccField = z.string().transform(normalizeUscc).superRefine((code, ctx) => {
  const problem = usccProblem(code);
  if (problem) ctx.addIssue({ code: 'custom', message: `field.uscc.${problem}` });
});

export const phoneField = z.string().trim().refine(isValidMobile, 'field.phone');
export const usernameField = z.string().trim().regex(USERNAME, 'field.username');
export const regionCodeField = z.string().trim().regex(REGION_CODE, 'field.region_code');
export const nameField = (max: number) => z.string().trim().min(1).max(max);
/** Strength is checked against the username by `assertStrongPassword`, once both are known. */
export const passwordField = z.string().min(1).max(128);

/** 400 with `fields[field]` when the password breaks a rule of 等保 2.0. */
export function assertStrongPassword(password: string, username: string | null, field = 'password'): void {
  const problem = passwordProblems(password, username)[0];
  if (problem) {
    const fields: Record<string, FieldProblem> = { [field]: { key: `field.password.${problem}` as MessageKey } };
    throw new AppError(400, 'VALIDATION_FAILED', {}, fields);
  }
}

/** The name of the unique constraint a failed insert broke (PostgreSQL error 23505), if any. */
export function uniqueViolation(error: unknown): string | null {
  const e = error as { code?: string; constraint?: string };
  return e?.code === '23505' ? e.constraint ?? 'unknown' : null;
}
