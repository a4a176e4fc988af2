// Client-side mirrors of the server's input rules (shared from src/domain), for early feedback.
// The server decides; its `fields` errors are put onto the form as well.
import type { TFunction } from 'i18next';
import type { FormInstance, Rule } from 'antd/es/form';
import { isValidUscc } from '../../domain/uscc';
import { isValidMobile } from '../../domain/phone';
import { passwordProblems } from '../../domain/password';
import { isValidRegionCode } from '../../domain/regions';

export const USERNAME_PATTERN = /^[A-Za-z0-9_.@-]{3,64}$/;

/** null when the password passes: ≥8 chars, ≥3 of upper/lower/digit/symbol, no username inside. */
export function passwordProblem(password: string, username: string | undefined, t: TFunction): string | null {
  const problems = passwordProblems(password, username);
  if (problems.includes('too_short')) return t('register.passwordTooShort');
  if (problems.includes('too_few_classes')) return t('register.passwordClasses');
  if (problems.includes('contains_username')) return t('register.passwordHasUsername');
  if (problems.length > 0) return t('register.passwordHelp');
  return null;
}

/** antd rule checking the password against the username held in another field. */
export function passwordRule(t: TFunction, usernameOf: () => string | undefined): Rule {
  return {
    validator: async (_rule, value: string | undefined) => {
      if (!value) return;
      const problem = passwordProblem(value, usernameOf(), t);
      if (problem) throw new Error(problem);
    },
  };
}

export function phoneRule(t: TFunction): Rule {
  return {
    validator: async (_rule, value: string | undefined) => {
      if (value && !isValidMobile(value)) throw new Error(t('register.phoneInvalid'));
    },
  };
}

export function usccRule(t: TFunction): Rule {
  return {
    validator: async (_rule, value: string | undefined) => {
      if (value && !isValidUscc(value)) throw new Error(t('register.usccInvalid'));
    },
  };
}

export function regionCodeRule(t: TFunction): Rule {
  return {
    validator: async (_rule, value: string | undefined) => {
      if (value && !isValidRegionCode(value)) throw new Error(t('regions.codeInvalid'));
    },
  };
}

/** Puts the server's `fields` errors onto an antd form. */
export function applyFieldErrors<V>(
  form: FormInstance<V>,
  fields: Record<string, string> | undefined,
  known: (keyof V & string)[],
): boolean {
  if (!fields) return false;
  const entries = Object.entries(fields).filter(([name]) => (known as string[]).includes(name));
  if (entries.length === 0) return false;
  form.setFields(entries.map(([name, error]) => ({ name: name as never, errors: [error] })));
  return true;
}
