// Notifying the people a post or a comment mentions, when they may see it.
import { mentionedUsernames } from '@kith/shared/tokenizer';
import type { Identity, Post, Timestamp, WriteDb } from '../context';
import { notify } from './notifications';
import { canSeePost } from './visibility';

/** At most this many people are notified per text, so a mention list cannot spam the network. */
export const MENTION_NOTIFICATIONS_MAX = 20;

export interface MentionSource {
  readonly text: string;
  /** Text of the version before an edit: people it already mentioned are not told again. */
  readonly previousText?: string;
  readonly actorId: Identity;
  readonly post: Post;
  readonly groupKey: string;
  readonly commentId?: bigint;
}

export function notifyMentions(db: WriteDb, source: MentionSource, now: Timestamp): void {
  const already = new Set(mentionedUsernames(source.previousText ?? ''));
  const names = mentionedUsernames(source.text).filter((name) => !already.has(name));
  for (const name of names.slice(0, MENTION_NOTIFICATIONS_MAX)) {
    const mentioned = accountKnownAs(db, name);
    if (mentioned === null || !canSeePost(db, mentioned.identity, source.post)) continue;
    notify(
      db,
      {
        recipientId: mentioned.identity,
        actorId: source.actorId,
        kind: 'mention',
        groupKey: source.groupKey,
        postId: source.post.id,
        ...(source.commentId === undefined ? {} : { commentId: source.commentId }),
      },
      now,
    );
  }
}

/** Whoever holds `username` now, or else whoever gave it up by renaming. */
function accountKnownAs(db: WriteDb, username: string) {
  const holder = db.account.username.find(username);
  if (holder !== null) return holder;
  const former = db.formerUsername.username.find(username);
  return former === null ? null : db.account.identity.find(former.identity);
}
