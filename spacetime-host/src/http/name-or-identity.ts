import { parseIdentityHex } from '../auth/identity.js';
import { HttpError } from './http-error.js';

/** A `:name_or_identity` path segment, as SpacetimeDB's `NameOrIdentity` parses it. */
export type NameOrIdentity =
  | { readonly kind: 'identity'; readonly identity: bigint }
  | { readonly kind: 'name'; readonly name: string };

const VALID_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * SpacetimeDB's `parse_database_name`: lowercase ASCII letters and digits in
 * groups joined by single hyphens (`^[a-z0-9]+(-[a-z0-9]+)*$`). Returns its
 * error message for an invalid name, or undefined for a valid one.
 */
export function databaseNameProblem(name: string): string | undefined {
  if (parseIdentityHex(name) !== undefined) return 'database names cannot be identities';
  // Every request names its database: accept a valid name in one test, and only
  // walk the characters to find SpacetimeDB's exact message for an invalid one.
  if (VALID_NAME.test(name)) return undefined;
  const chars = [...name];
  const isAz09 = (c: string | undefined) => c !== undefined && /^[a-z0-9]$/.test(c);
  if (chars.length === 0) return 'database names cannot be empty';
  if (chars[0] === '-') return 'invalid hyphen in database name';
  if (!isAz09(chars[0])) return 'invalid characters in database name';
  for (let i = 1; i < chars.length; i++) {
    if (chars[i] === '-') {
      i++;
      if (!isAz09(chars[i])) return 'invalid hyphen in database name';
    } else if (!isAz09(chars[i])) {
      return 'invalid characters in database name';
    }
  }
  return undefined;
}

/** Parses a path segment; an invalid name is a 400 like axum's path rejection. */
export function parseNameOrIdentity(segment: string): NameOrIdentity {
  const identity = parseIdentityHex(segment);
  if (identity !== undefined) return { kind: 'identity', identity };
  const problem = databaseNameProblem(segment);
  if (problem !== undefined) throw new HttpError(400, `Invalid URL: ${problem}`);
  return { kind: 'name', name: segment };
}
