// Members: people with an account who are not banned (and, to write, not muted).
import { SenderError } from 'spacetimedb/server';
import type { Account, Identity, ReadDb, ReducerContext } from '../context';
import { isBefore } from '../domain/time';

/** The sender's account; refuses anyone else and banned accounts. */
export function requireMember(ctx: ReducerContext): Account {
  const me = ctx.db.account.identity.find(ctx.sender);
  if (me === null) throw new SenderError('Only Kith members can do this: sign in first.');
  if (ctx.db.ban.identity.find(ctx.sender) !== null) {
    throw new SenderError('Your account is banned.');
  }
  return me;
}

/** A member who may add content: not muted right now. */
export function requireUnmutedMember(ctx: ReducerContext): Account {
  const me = requireMember(ctx);
  const muted = ctx.db.mute.identity.find(ctx.sender);
  if (muted !== null && isBefore(ctx.timestamp, muted.until)) {
    throw new SenderError(`You are muted until ${muted.until.toISOString()}: ${muted.reason}`);
  }
  return me;
}

/** For views: the viewer's account when it exists and is not banned. */
export function activeMember(db: ReadDb, identity: Identity): Account | undefined {
  const me = db.account.identity.find(identity);
  if (me === null || db.ban.identity.find(identity) !== null) return undefined;
  return me;
}

/** The account of `username`, or a SenderError naming it. */
export function requireAccountNamed(db: ReadDb, username: string): Account {
  const found = db.account.username.find(username);
  if (found === null) throw new SenderError(`There is no member named "${username}".`);
  return found;
}
