import { identityToHex } from '../auth/identity.js';
import type { DatabaseHandle } from '../database/database-api.js';
import { HttpError } from './http-error.js';

/** What a caller may do to a database (SpacetimeDB's `Action`); creating one is always allowed. */
export type DatabaseAction =
  | 'update database'
  | 'reset database'
  | 'delete database'
  | 'view module logs';

/** SpacetimeDB standalone's rule: everything but creation is for the owner only. */
export function mayPerform(
  database: Pick<DatabaseHandle, 'owner'>,
  caller: bigint,
  _action: DatabaseAction,
): boolean {
  return database.owner === caller;
}

/** A 403 with SpacetimeDB's `Unauthorized` message unless the caller may act. */
export function authorize(
  database: Pick<DatabaseHandle, 'owner' | 'identity'>,
  caller: bigint,
  action: DatabaseAction,
): void {
  if (mayPerform(database, caller, action)) return;
  throw new HttpError(
    403,
    `${identityToHex(caller)} is not authorized to perform action on database ${identityToHex(database.identity)}: ${action}`,
  );
}

/**
 * A reducer the module did not mark client-callable may only be called by
 * the owner; to anyone else it does not exist (SpacetimeDB answers "no such
 * reducer").
 */
export function mayCallFunction(
  database: Pick<DatabaseHandle, 'owner'>,
  caller: bigint,
  clientCallable: boolean,
): boolean {
  return clientCallable || database.owner === caller;
}
