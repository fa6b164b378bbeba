// A member's profile: name, bio, pronouns, links, avatar and banner.
import {
  BIO_MAX_LENGTH,
  DISPLAY_NAME_MAX_LENGTH,
  PROFILE_LINK_MAX_LENGTH,
  PROFILE_LINKS_MAX_COUNT,
  PRONOUNS_MAX_LENGTH,
} from '@kith/shared/limits';
import { SenderError, t } from 'spacetimedb/server';
import { requireMember, requireUnmutedMember } from '../auth/member';
import type { Account } from '../context';
import { takeToken } from '../domain/rate-limits';
import {
  requireHttpUrl,
  requireLength,
  requireOneOf,
  requireWrittenText,
} from '../domain/validation';
import spacetimedb from '../schema';

const PROFILE_MEDIA_SLOTS = ['avatar', 'banner'] as const;

export const updateProfile = spacetimedb.reducer(
  { displayName: t.string(), bio: t.string(), pronouns: t.string(), links: t.array(t.string()) },
  (ctx, { displayName, bio, pronouns, links }) => {
    const me = requireMember(ctx);
    requireWrittenText(displayName, 'Your display name', DISPLAY_NAME_MAX_LENGTH);
    requireLength(bio, 'Your bio', 0, BIO_MAX_LENGTH);
    requireLength(pronouns, 'Your pronouns', 0, PRONOUNS_MAX_LENGTH);
    if (links.length > PROFILE_LINKS_MAX_COUNT) {
      throw new SenderError(`A profile has at most ${PROFILE_LINKS_MAX_COUNT} links.`);
    }
    for (const link of links) requireHttpUrl(link, 'Each link', PROFILE_LINK_MAX_LENGTH);
    const next = { displayName, bio, pronouns, links };
    if (sameProfile(me, next)) return;
    if (!onlyTakesAway(me, next)) requireUnmutedMember(ctx);
    takeToken(ctx, 'profile');
    ctx.db.account.identity.update({ ...me, ...next });
  },
);

interface ProfileText {
  readonly displayName: string;
  readonly bio: string;
  readonly pronouns: string;
  readonly links: readonly string[];
}

function sameProfile(me: Account, next: ProfileText): boolean {
  return (
    me.displayName === next.displayName &&
    me.bio === next.bio &&
    me.pronouns === next.pronouns &&
    me.links.length === next.links.length &&
    me.links.every((link, i) => link === next.links[i])
  );
}

/**
 * True when the change only removes what the profile shows (clears the bio or
 * pronouns, drops links): a muted member may still take things down.
 */
function onlyTakesAway(me: Account, next: ProfileText): boolean {
  return (
    me.displayName === next.displayName &&
    (next.bio === me.bio || next.bio === '') &&
    (next.pronouns === me.pronouns || next.pronouns === '') &&
    next.links.every((link) => me.links.includes(link))
  );
}

/** Sets the avatar or banner to an image the member uploaded; an empty id clears it. */
export const setProfileMedia = spacetimedb.reducer(
  { slot: t.string(), mediaId: t.string() },
  (ctx, { slot, mediaId }) => {
    const me = requireMember(ctx);
    const which = requireOneOf(slot, PROFILE_MEDIA_SLOTS, 'The slot');
    if (mediaId !== '') {
      const image = ctx.db.media.mediaId.find(mediaId);
      if (image === null || image.ownerUserId !== me.userId) {
        throw new SenderError(`You have no uploaded media ${mediaId}.`);
      }
      if (image.kind !== 'image') throw new SenderError(`Your ${which} must be an image.`);
    }
    const value = mediaId === '' ? undefined : mediaId;
    if ((which === 'avatar' ? me.avatarMediaId : me.bannerMediaId) === value) return;
    // Clearing takes a picture down, which a muted member may still do.
    if (value !== undefined) requireUnmutedMember(ctx);
    takeToken(ctx, 'profile');
    ctx.db.account.identity.update(
      which === 'avatar' ? { ...me, avatarMediaId: value } : { ...me, bannerMediaId: value },
    );
  },
);
