/** Password hashing with argon2id (@node-rs/argon2 defaults: 19 MiB, t=2, p=1, OWASP's minimum). */
import { hash, verify } from '@node-rs/argon2';

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

// Verifying against this when the account does not exist keeps the answer time the same,
// so response times do not tell which usernames exist.
let dummyHash: Promise<string> | null = null;
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummyHash ??= hash('kechuang-no-such-user');
  await verifyPassword(await dummyHash, password);
  return false;
}
