// argon2id at OWASP's recommended minimum (19 MiB of memory, 2 passes, one
// lane). Hashing runs on libuv's thread pool, so it does not block the event
// loop, and it dominates the cost of a login (see docs/BENCHMARKS.md).
import { hash, verify } from '@node-rs/argon2';

/** @node-rs/argon2's Algorithm.Argon2id (a const enum, which isolated modules cannot import). */
const ARGON2ID = 2;

export const ARGON2_PARAMETERS = {
  algorithm: ARGON2ID,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/** The PHC prefix every hash made with the current parameters starts with. */
const CURRENT_PREFIX = `$argon2id$v=19$m=${ARGON2_PARAMETERS.memoryCost},t=${ARGON2_PARAMETERS.timeCost},p=${ARGON2_PARAMETERS.parallelism}$`;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_PARAMETERS);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password);
}

/** A hash made with older parameters is replaced at the next successful login. */
export function needsRehash(passwordHash: string): boolean {
  return !passwordHash.startsWith(CURRENT_PREFIX);
}

let decoyHash: Promise<string> | undefined;

/**
 * Spends the time of one verification when there is no account to check
 * against, so response time does not reveal which usernames exist.
 */
export async function verifyAgainstDecoy(password: string): Promise<void> {
  decoyHash ??= hashPassword('decoy password that matches no account');
  await verify(await decoyHash, password);
}
