// Admins: the owner, accounts the owner granted, and tokens with the admin role.
import { SenderError } from 'spacetimedb/server';
import type { Identity, ReadDb, ReducerContext } from '../context';
import { isOwner } from './module-config';

export const ADMIN_ROLE = 'admin';

export function isAdmin(db: ReadDb, identity: Identity): boolean {
  if (isOwner(db, identity)) return true;
  if (db.ban.identity.find(identity) !== null) return false;
  if (db.adminGrant.identity.find(identity) !== null) return true;
  return db.account.identity.find(identity)?.tokenRole === ADMIN_ROLE;
}

export function requireAdmin(ctx: ReducerContext): void {
  if (!isAdmin(ctx.db, ctx.sender)) throw new SenderError('Only admins may do this.');
}
