// Presence a member reports (idle or active, hidden or shown) and typing in a
// post's comment box.
import { ScheduleAt, SenderError, t } from 'spacetimedb/server';
import { requireMember, requireUnmutedMember } from '../auth/member';
import type { Identity, Timestamp, WriteDb } from '../context';
import { sameIdentity } from '../domain/identities';
import { requireVisiblePost } from '../domain/lookups';
import { refreshPresence } from '../domain/presence';
import { isBefore, secondsAfter } from '../domain/time';
import spacetimedb from '../schema';
import { typingExpiry } from '../tables/presence-tables';

/** A typing indicator lasts this long unless the client says again that the person types. */
const TYPING_SECONDS = 8;

/** This connection (tab or device) became idle or active again. */
export const setIdle = spacetimedb.reducer({ idle: t.bool() }, (ctx, { idle }) => {
  requireMember(ctx);
  const open =
    ctx.connectionId === null ? null : ctx.db.connection.connectionId.find(ctx.connectionId);
  if (open === null) throw new SenderError('Only a live connection can be idle or active.');
  if (open.idle !== idle) ctx.db.connection.connectionId.update({ ...open, idle });
  refreshPresence(ctx.db, ctx.sender, ctx.timestamp);
});

/** Hidden presence shows friends nothing: not online, not last seen, not typing. */
export const setPresenceHidden = spacetimedb.reducer({ hidden: t.bool() }, (ctx, { hidden }) => {
  requireMember(ctx);
  const settings = ctx.db.accountSettings.identity.find(ctx.sender);
  if (settings === null) {
    ctx.db.accountSettings.insert({ identity: ctx.sender, hidePresence: hidden });
  } else if (settings.hidePresence !== hidden) {
    ctx.db.accountSettings.identity.update({ ...settings, hidePresence: hidden });
  }
});

/**
 * The member is typing a comment on `postId`; call again every few seconds
 * while typing. Refused while muted, as the comment would be. A member has at
 * most one expiry pending: a refresh only moves the typing row's end, and the
 * expiry, when it fires early, schedules itself again for that end.
 */
export const startTyping = spacetimedb.reducer({ postId: t.u64() }, (ctx, { postId }) => {
  requireUnmutedMember(ctx);
  requireVisiblePost(ctx.db, ctx.sender, postId);
  const expiresAt = secondsAfter(ctx.timestamp, TYPING_SECONDS);
  const row = { identity: ctx.sender, postId, expiresAt };
  if (ctx.db.typing.identity.find(ctx.sender) === null) ctx.db.typing.insert(row);
  else ctx.db.typing.identity.update(row);
  if (!hasPendingExpiry(ctx.db, ctx.sender)) scheduleExpiry(ctx.db, ctx.sender, expiresAt);
});

export const stopTyping = spacetimedb.reducer((ctx) => {
  requireMember(ctx);
  ctx.db.typing.identity.delete(ctx.sender);
});

/** Run by the scheduler: clears a typing row its client stopped refreshing. */
export const expireTyping = spacetimedb.reducer(
  { onSchedule: typingExpiry },
  { expiry: typingExpiry.rowType },
  (ctx, { expiry }) => {
    if (!sameIdentity(ctx.sender, ctx.databaseIdentity)) {
      throw new SenderError('Only the scheduler expires typing indicators.');
    }
    const row = ctx.db.typing.identity.find(expiry.identity);
    if (row === null) return;
    if (isBefore(ctx.timestamp, row.expiresAt)) scheduleExpiry(ctx.db, row.identity, row.expiresAt);
    else ctx.db.typing.identity.delete(expiry.identity);
  },
);

/**
 * Whether an expiry is scheduled for `identity`. A scan (the table has no
 * index on identity), but a short one: at most one row per member who typed
 * in the last few seconds.
 */
function hasPendingExpiry(db: WriteDb, identity: Identity): boolean {
  for (const pending of db.typingExpiry.iter()) {
    if (sameIdentity(pending.identity, identity)) return true;
  }
  return false;
}

function scheduleExpiry(db: WriteDb, identity: Identity, at: Timestamp): void {
  db.typingExpiry.insert({
    scheduledId: 0n,
    scheduledAt: ScheduleAt.time(at.microsSinceUnixEpoch),
    identity,
  });
}
