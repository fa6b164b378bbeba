// Who is looking: every view serves active members only (an anonymous or
// banned connection sees nothing), and admin views serve admins only.
import { isAdmin } from '../auth/admin';
import { activeMember } from '../auth/member';
import type { Account, Identity, ReadDb } from '../context';

export interface ViewerCtx {
  readonly sender: Identity;
  readonly db: ReadDb;
}

/** `rows(me)` for an active member, nothing for anyone else. */
export function forMember<T>(ctx: ViewerCtx, rows: (me: Account) => T[]): T[] {
  const me = activeMember(ctx.db, ctx.sender);
  return me === undefined ? [] : rows(me);
}

/** `rows()` for an admin (or the owner), nothing for anyone else. */
export function forAdmin<T>(ctx: ViewerCtx, rows: () => T[]): T[] {
  return isAdmin(ctx.db, ctx.sender) ? rows() : [];
}
