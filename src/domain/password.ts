/**
 * Password rules of 网络安全等级保护 2.0 level 3 (GB/T 22239-2019, 8.1.4.1 身份鉴别) as the
 * platform applies them: at least 8 characters, from at least 3 of the 4 classes, and not
 * containing the account name.
 */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordProblem = 'too_short' | 'too_long' | 'too_few_classes' | 'contains_username';

export function characterClasses(password: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
}

export function passwordProblems(password: string, username?: string | null): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) problems.push('too_short');
  if (password.length > PASSWORD_MAX_LENGTH) problems.push('too_long');
  if (characterClasses(password) < 3) problems.push('too_few_classes');
  const name = username?.trim().toLowerCase();
  if (name && name.length >= 3 && password.toLowerCase().includes(name)) problems.push('contains_username');
  return problems;
}
