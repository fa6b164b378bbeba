import { DatabaseRequestError } from './database-errors.js';

/** A name SpacetimeDB would not accept (`DatabaseNameError`). */
export class InvalidDatabaseNameError extends DatabaseRequestError {
  override readonly name = 'InvalidDatabaseNameError';
}

const IDENTITY_HEX = /^(0x)?[0-9a-fA-F]{64}$/;
const NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** True when `text` names a database by identity (64 hex digits) rather than by name. */
export function isIdentityHex(text: string): boolean {
  return IDENTITY_HEX.test(text);
}

/**
 * Checks a database name as SpacetimeDB's `parse_database_name` does:
 * lowercase letters and digits in hyphen-separated runs, and not an identity.
 */
export function parseDatabaseName(name: string): string {
  if (isIdentityHex(name))
    throw new InvalidDatabaseNameError('database names cannot be identities');
  if (name === '') throw new InvalidDatabaseNameError('database names cannot be empty');
  if (!NAME.test(name)) {
    const hyphen = name.startsWith('-') || name.endsWith('-') || name.includes('--');
    throw new InvalidDatabaseNameError(
      hyphen && /^[a-z0-9-]+$/.test(name)
        ? 'invalid hyphen in database name'
        : 'invalid characters in database name',
    );
  }
  return name;
}
