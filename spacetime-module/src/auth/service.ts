// The API's own identity: the only caller of the service reducers.
import { SenderError } from 'spacetimedb/server';
import type { Identity, ReadDb, ReducerContext } from '../context';
import { hasTrustedRole } from './token-claims';

export const SERVICE_ROLE = 'service';

/** Reducers only the API may call: a trusted token with the `service` role. */
export function requireService(ctx: ReducerContext): void {
  if (!hasTrustedRole(ctx, SERVICE_ROLE)) {
    throw new SenderError('Only the Kith API may call this reducer.');
  }
}

/** For views, which see no token: the identity connected as the service before. */
export function isServiceIdentity(db: ReadDb, identity: Identity): boolean {
  return db.serviceSession.identity.find(identity) !== null;
}
