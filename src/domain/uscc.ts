/**
 * 统一社会信用代码 (Unified Social Credit Code), GB 32100-2015.
 *
 * 18 characters: registration authority (1), organisation type (1), administrative division
 * code (6, GB/T 2260), organisation code (9, GB 11714) and one check character computed over
 * the first 17 with weights 3^i mod 31. The letters I, O, Z, S and V are never used.
 */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type UsccProblem = 'length' | 'charset' | 'division' | 'check';

/** The check character for the first 17 characters of a code, or null if they are not valid. */
export function usccCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_CHARSET.indexOf(first17[i]);
    if (value < 0) return null;
    sum += value * WEIGHTS[i];
  }
  const check = (31 - (sum % 31)) % 31;
  return USCC_CHARSET[check];
}

/** What is wrong with a code, or null when it is a valid 统一社会信用代码. */
export function usccProblem(raw: string): UsccProblem | null {
  const code = raw.trim().toUpperCase();
  if (code.length !== 18) return 'length';
  for (const ch of code) if (!USCC_CHARSET.includes(ch)) return 'charset';
  if (!/^[0-9]{6}$/.test(code.slice(2, 8))) return 'division';
  if (usccCheckChar(code.slice(0, 17)) !== code[17]) return 'check';
  return null;
}

export function isValidUscc(raw: string): boolean {
  return usccProblem(raw) === null;
}

/** Normalises user input: trims and upper-cases (codes are printed in capitals). */
export function normalizeUscc(raw: string): string {
  return raw.trim().toUpperCase();
}

/** Completes 17 characters with their check character (used for demo and test data). */
export function makeUscc(first17: string): string {
  const check = usccCheckChar(first17.toUpperCase());
  if (!check) throw new Error(`not a valid USCC prefix: ${first17}`);
  return first17.toUpperCase() + check;
}
