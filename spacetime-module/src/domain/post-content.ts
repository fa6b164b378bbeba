// Checking what a post is made of: its text and the media its author owns.
import { POST_MEDIA_MAX_COUNT, POST_TEXT_MAX_LENGTH } from '@kith/shared/limits';
import { SenderError } from 'spacetimedb/server';
import type { Account, ReadDb } from '../context';
import { requireLength } from './validation';

/** A post says something: text, media, or both; media must be the author's own uploads. */
export function requirePostContent(
  db: ReadDb,
  author: Account,
  text: string,
  mediaIds: readonly string[],
): void {
  requireLength(text, 'A post', 0, POST_TEXT_MAX_LENGTH);
  if (text.trim().length === 0 && mediaIds.length === 0) {
    throw new SenderError('A post needs text or media.');
  }
  if (mediaIds.length > POST_MEDIA_MAX_COUNT) {
    throw new SenderError(`A post has at most ${POST_MEDIA_MAX_COUNT} media items.`);
  }
  if (new Set(mediaIds).size !== mediaIds.length) {
    throw new SenderError('A post lists each media item once.');
  }
  for (const mediaId of mediaIds) {
    const item = db.media.mediaId.find(mediaId);
    if (item === null || item.ownerUserId !== author.userId) {
      throw new SenderError(`You have no uploaded media ${mediaId}.`);
    }
  }
}
