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
    const mentioned = db.account.username.find(name);
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
