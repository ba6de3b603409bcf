import { hash, verify } from '@node-rs/argon2';

/** argon2id with the library's defaults (OWASP's recommended minimum: 19 MiB, t=2, p=1). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash is a failed login, not a server error.
    return false;
  }
}

let dummyHash: Promise<string> | null = null;

/**
 * Verifies against a throwaway hash so "no such user" costs as much time as "wrong
 * password" and usernames cannot be probed by timing.
 */
export async function burnVerifyTime(password: string): Promise<void> {
  dummyHash ??= hashPassword('tavlen-dummy-password');
  await verifyPassword(await dummyHash, password);
}
