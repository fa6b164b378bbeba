// The posts a feed lists: those not deleted, and the person's own deleted
// ones for a short while, so a deletion can be undone where it happened.
import type { Post } from '../live/live-rows';
import type { FeedItem } from './feed-window';

const UNDO_WINDOW_MICROS = 60n * 60n * 1_000_000n;

export interface PostItem extends FeedItem {
  readonly post: Post;
}

export function feedItems(
  posts: readonly Post[],
  myHex: string | undefined,
  nowMicros: bigint,
): PostItem[] {
  const out: PostItem[] = [];
  for (const post of posts) {
    const authorHex = post.authorId.toHexString();
    const deletedAt = post.deletedAt?.microsSinceUnixEpoch;
    if (
      deletedAt !== undefined &&
      (authorHex !== myHex || nowMicros - deletedAt > UNDO_WINDOW_MICROS)
    ) {
      continue;
    }
    out.push({ id: post.id, authorHex, createdAt: post.createdAt.microsSinceUnixEpoch, post });
  }
  return out;
}
