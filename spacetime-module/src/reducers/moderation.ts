// Admin actions: remove content, ban and unban, mute for a while. Each one is
// written to the audit log with who, what, when and why.
import { ScheduleAt, SenderError, t } from 'spacetimedb/server';
import { isAdmin, requireAdmin } from '../auth/admin';
import { requireAccountNamed } from '../auth/member';
import { isOwner } from '../auth/module-config';
import type { ReducerContext } from '../context';
import { audit } from '../domain/audit';
import { deleteCommentInThread } from '../domain/comment-removal';
import { forgetDeletedComment } from '../domain/deleted-comments';
import { sameIdentity } from '../domain/identities';
import { excerpt, requireReason } from '../domain/moderation-reason';
import { purgePost } from '../domain/post-removal';
import { refreshPresence } from '../domain/presence';
import { closeReportsAbout } from '../domain/report-resolution';
import { isBefore, secondsAfter } from '../domain/time';
import spacetimedb from '../schema';
import { muteExpiry } from '../tables/moderation-tables';

/** A mute lasts at most a year; a longer one is a ban. */
const MUTE_MINUTES_MAX = 365 * 24 * 60;

export const removePost = spacetimedb.reducer(
  { postId: t.u64(), reason: t.string() },
  (ctx, { postId, reason }) => {
    requireAdmin(ctx);
    requireReason(reason);
    const target = ctx.db.post.id.find(postId);
    if (target === null) throw new SenderError(`There is no post ${postId}.`);
    const author = ctx.db.account.identity.find(target.authorId);
    purgePost(ctx.db, target);
    closeReportsAbout(ctx, 'post', String(postId), reason);
    audit(ctx, {
      action: 'remove_post',
      targetKind: 'post',
      targetId: String(postId),
      reason,
      detail: `by @${author?.username ?? '?'}: ${excerpt(target.text)}`,
    });
  },
);

export const removeComment = spacetimedb.reducer(
  { commentId: t.u64(), reason: t.string() },
  (ctx, { commentId, reason }) => {
    requireAdmin(ctx);
    requireReason(reason);
    const found = ctx.db.comment.id.find(commentId);
    const live = found !== null && found.deletedAt === undefined ? found : null;
    // A comment its author deleted can still come back: removing it drops the
    // text kept for a restore, so that it cannot.
    const saved = ctx.db.deletedComment.commentId.find(commentId);
    const target = live ?? saved;
    if (target === null) throw new SenderError(`There is no comment ${commentId}.`);
    const author = ctx.db.account.identity.find(target.authorId);
    if (live !== null) deleteCommentInThread(ctx.db, live, ctx.timestamp);
    forgetDeletedComment(ctx.db, commentId);
    closeReportsAbout(ctx, 'comment', String(commentId), reason);
    audit(ctx, {
      action: 'remove_comment',
      targetKind: 'comment',
      targetId: String(commentId),
      reason,
      detail: `by @${author?.username ?? '?'} on post ${target.postId}: ${excerpt(target.text)}`,
    });
  },
);

/**
 * A banned account cannot connect or act, and its views turn empty at once.
 * (A module cannot close a socket: its open connections stay, seeing nothing
 * and refused everything, until they drop; they cannot come back.)
 */
export const banAccount = spacetimedb.reducer(
  { username: t.string(), reason: t.string() },
  (ctx, { username, reason }) => {
    requireAdmin(ctx);
    requireReason(reason);
    const target = requireAccountNamed(ctx.db, username);
    if (sameIdentity(target.identity, ctx.sender))
      throw new SenderError('You cannot ban yourself.');
    if (isAdmin(ctx.db, target.identity) && !isOwner(ctx.db, ctx.sender)) {
      throw new SenderError(`${username} is an admin: only the owner can ban an admin.`);
    }
    if (ctx.db.ban.identity.find(target.identity) !== null) {
      throw new SenderError(`${username} is already banned.`);
    }
    ctx.db.ban.insert({
      identity: target.identity,
      reason,
      bannedBy: ctx.sender,
      bannedAt: ctx.timestamp,
    });
    endSessions(ctx, target.identity);
    closeReportsAbout(ctx, 'account', target.identity.toHexString(), reason);
    audit(ctx, { action: 'ban', targetKind: 'account', targetId: username, reason });
  },
);

export const unbanAccount = spacetimedb.reducer(
  { username: t.string(), reason: t.string() },
  (ctx, { username, reason }) => {
    requireAdmin(ctx);
    requireReason(reason);
    const target = requireAccountNamed(ctx.db, username);
    if (!ctx.db.ban.identity.delete(target.identity)) {
      throw new SenderError(`${username} is not banned.`);
    }
    audit(ctx, { action: 'unban', targetKind: 'account', targetId: username, reason });
  },
);

export const muteAccount = spacetimedb.reducer(
  { username: t.string(), minutes: t.u32(), reason: t.string() },
  (ctx, { username, minutes, reason }) => {
    requireAdmin(ctx);
    requireReason(reason);
    if (minutes < 1 || minutes > MUTE_MINUTES_MAX) {
      throw new SenderError(`A mute lasts 1 to ${MUTE_MINUTES_MAX} minutes; ban for longer.`);
    }
    const target = requireAccountNamed(ctx.db, username);
    if (isAdmin(ctx.db, target.identity) && !isOwner(ctx.db, ctx.sender)) {
      throw new SenderError(`${username} is an admin: only the owner can mute an admin.`);
    }
    const until = secondsAfterMinutes(ctx, minutes);
    const row = {
      identity: target.identity,
      reason,
      mutedBy: ctx.sender,
      mutedAt: ctx.timestamp,
      until,
    };
    if (ctx.db.mute.identity.find(target.identity) === null) ctx.db.mute.insert(row);
    else ctx.db.mute.identity.update(row);
    ctx.db.muteExpiry.insert({
      scheduledId: 0n,
      scheduledAt: ScheduleAt.time(until.microsSinceUnixEpoch),
      identity: target.identity,
    });
    audit(ctx, {
      action: 'mute',
      targetKind: 'account',
      targetId: username,
      reason,
      detail: `until ${until.toISOString()}`,
    });
  },
);

export const unmuteAccount = spacetimedb.reducer(
  { username: t.string(), reason: t.string() },
  (ctx, { username, reason }) => {
    requireAdmin(ctx);
    requireReason(reason);
    const target = requireAccountNamed(ctx.db, username);
    if (!ctx.db.mute.identity.delete(target.identity)) {
      throw new SenderError(`${username} is not muted.`);
    }
    audit(ctx, { action: 'unmute', targetKind: 'account', targetId: username, reason });
  },
);

/**
 * Run by the scheduler when a mute's period is over: the mute ends, unless it
 * was renewed for longer since (its own expiry comes later) or lifted already.
 */
export const expireMute = spacetimedb.reducer(
  { onSchedule: muteExpiry },
  { expiry: muteExpiry.rowType },
  (ctx, { expiry }) => {
    if (!sameIdentity(ctx.sender, ctx.databaseIdentity)) {
      throw new SenderError('Only the scheduler ends mutes.');
    }
    const row = ctx.db.mute.identity.find(expiry.identity);
    if (row !== null && !isBefore(ctx.timestamp, row.until)) {
      ctx.db.mute.identity.delete(expiry.identity);
    }
  },
);

function secondsAfterMinutes(ctx: ReducerContext, minutes: number) {
  return secondsAfter(ctx.timestamp, minutes * 60);
}

/** Presence and typing end with the ban; the account shows offline. */
function endSessions(ctx: ReducerContext, identity: ReducerContext['sender']): void {
  for (const row of [...ctx.db.connection.identity.filter(identity)]) {
    ctx.db.connection.connectionId.delete(row.connectionId);
  }
  refreshPresence(ctx.db, identity, ctx.timestamp);
}
