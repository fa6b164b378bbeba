// Ampersounds: a member names one of their audio uploads; admins approve or
// reject it; only approved sounds resolve for others.
import { isValidSoundName, SOUND_NAME_MAX_LENGTH } from '@kith/shared/names';
import { SenderError, t } from 'spacetimedb/server';
import { requireAdmin } from '../auth/admin';
import { requireMember, requireUnmutedMember } from '../auth/member';
import type { ReducerContext, Sound } from '../context';
import { audit } from '../domain/audit';
import { sameIdentity } from '../domain/identities';
import { requireReason } from '../domain/moderation-reason';
import { takeToken } from '../domain/rate-limits';
import spacetimedb from '../schema';

export const createSound = spacetimedb.reducer(
  { mediaId: t.string(), name: t.string() },
  (ctx, { mediaId, name }) => {
    const me = requireUnmutedMember(ctx);
    if (!isValidSoundName(name)) {
      throw new SenderError(
        `A sound name is 2–${SOUND_NAME_MAX_LENGTH} of a-z, 0-9, _ and inner -; got "${name}".`,
      );
    }
    const clip = ctx.db.media.mediaId.find(mediaId);
    if (clip === null || clip.ownerUserId !== me.userId) {
      throw new SenderError(`You have no uploaded media ${mediaId}.`);
    }
    if (clip.kind !== 'audio') throw new SenderError('A sound must be an audio clip.');
    if (ctx.db.sound.mediaId.find(mediaId) !== null) {
      throw new SenderError('This clip is already a sound.');
    }
    if (!ctx.db.sound.ownerName.filter([ctx.sender, name]).next().done) {
      throw new SenderError(`You already have a sound named "${name}".`);
    }
    takeToken(ctx, 'post');
    ctx.db.sound.insert({
      id: 0n,
      ownerId: ctx.sender,
      name,
      mediaId,
      status: 'pending',
      createdAt: ctx.timestamp,
      reviewedBy: undefined,
      reviewedAt: undefined,
      reviewNote: '',
    });
  },
);

export const deleteSound = spacetimedb.reducer({ soundId: t.u64() }, (ctx, { soundId }) => {
  requireMember(ctx);
  const found = ctx.db.sound.id.find(soundId);
  if (found === null || !sameIdentity(found.ownerId, ctx.sender)) {
    throw new SenderError(`You have no sound ${soundId}.`);
  }
  ctx.db.sound.id.delete(soundId);
});

export const approveSound = spacetimedb.reducer(
  { soundId: t.u64(), note: t.string() },
  (ctx, { soundId, note }) => {
    requireAdmin(ctx);
    review(ctx, requireSound(ctx, soundId), 'approved', note);
  },
);

export const rejectSound = spacetimedb.reducer(
  { soundId: t.u64(), reason: t.string() },
  (ctx, { soundId, reason }) => {
    requireAdmin(ctx);
    requireReason(reason);
    review(ctx, requireSound(ctx, soundId), 'rejected', reason);
  },
);

function requireSound(ctx: ReducerContext, soundId: bigint): Sound {
  const found = ctx.db.sound.id.find(soundId);
  if (found === null) throw new SenderError(`There is no sound ${soundId}.`);
  return found;
}

function review(ctx: ReducerContext, target: Sound, status: string, note: string): void {
  if (target.status === status) throw new SenderError(`Sound ${target.id} is already ${status}.`);
  ctx.db.sound.id.update({
    ...target,
    status,
    reviewedBy: ctx.sender,
    reviewedAt: ctx.timestamp,
    reviewNote: note,
  });
  const owner = ctx.db.account.identity.find(target.ownerId);
  audit(ctx, {
    action: status === 'approved' ? 'approve_sound' : 'reject_sound',
    targetKind: 'sound',
    targetId: String(target.id),
    reason: note,
    detail: `&${owner?.username ?? '?'}.${target.name}`,
  });
}
