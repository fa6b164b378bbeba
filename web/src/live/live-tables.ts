// Subscribes once to every view the member app reads (useView: each is a
// store that follows the module live, and says when the server refused it).
// Posts, their counts, comments and comment counts come from three views each
// (public_*: public posts; friend_*: friends' friends-only posts; my_*: one's
// own posts that are not public), media from two (public_media and
// visible_media); each is joined here into one list.
import { type Accessor, createMemo } from 'solid-js';
import type { SubscriptionFailure } from '../connection/subscription-failure';
import type {
  Account,
  AccountSettings,
  Block,
  Comment,
  CommentStats,
  FormerUsername,
  FriendRequest,
  Friendship,
  Media,
  Mute,
  Notification,
  Post,
  PostRevision,
  PostStats,
  Presence,
  Reaction,
  Report,
  Sound,
  Typing,
} from './live-rows';
import { failuresOf, retryFailed, useView, type ViewSubscription } from './view-subscription';

export interface LiveTables {
  readonly myAccount: readonly Account[];
  readonly mySettings: readonly AccountSettings[];
  readonly accounts: readonly Account[];
  /** Names members gave up by renaming, so that old links still find them. */
  readonly formerUsernames: readonly FormerUsername[];
  readonly posts: readonly Post[];
  readonly postStats: readonly PostStats[];
  readonly postRevisions: readonly PostRevision[];
  readonly comments: readonly Comment[];
  readonly commentStats: readonly CommentStats[];
  readonly reactions: readonly Reaction[];
  readonly media: readonly Media[];
  readonly presence: readonly Presence[];
  readonly typing: readonly Typing[];
  readonly sounds: readonly Sound[];
  readonly friendships: readonly Friendship[];
  /** Your friends' friendships (not with you, nor with anyone in a block with you). */
  readonly friendFriendships: readonly Friendship[];
  readonly friendRequests: readonly FriendRequest[];
  readonly blocks: readonly Block[];
  readonly notifications: readonly Notification[];
  readonly mutes: readonly Mute[];
  readonly reports: readonly Report[];
  /**
   * True once every view has delivered its first rows on the current
   * connection, or failed: one refused view (said in the banner) must not
   * hold back the screens that wait for the rest.
   */
  readonly ready: () => boolean;
  /** The views the server refused on the current connection, and why. */
  readonly failures: Accessor<readonly SubscriptionFailure[]>;
  /** Subscribes again to the views that failed; the others keep their rows. */
  retryFailed(): void;
}

export function useLiveTables(): LiveTables {
  const subscribed = {
    myAccount: useView('myAccount'),
    mySettings: useView('mySettings'),
    accounts: useView('visibleAccount'),
    formerUsernames: useView('visibleFormerUsername'),
    publicPosts: useView('publicPost'),
    friendPosts: useView('friendPost'),
    myPosts: useView('myPost'),
    publicPostStats: useView('publicPostStats'),
    friendPostStats: useView('friendPostStats'),
    myPostStats: useView('myPostStats'),
    postRevisions: useView('myPostRevision'),
    publicComments: useView('publicComment'),
    friendComments: useView('friendComment'),
    myComments: useView('myComment'),
    publicCommentStats: useView('publicCommentStats'),
    friendCommentStats: useView('friendCommentStats'),
    myCommentStats: useView('myCommentStats'),
    reactions: useView('visibleReaction'),
    publicMedia: useView('publicMedia'),
    otherMedia: useView('visibleMedia'),
    presence: useView('visiblePresence'),
    typing: useView('visibleTyping'),
    sounds: useView('visibleSound'),
    friendships: useView('myFriendship'),
    friendFriendships: useView('friendFriendship'),
    friendRequests: useView('myFriendRequest'),
    blocks: useView('myBlock'),
    notifications: useView('myNotification'),
    mutes: useView('myMute'),
    reports: useView('myReport'),
  };
  const all: readonly ViewSubscription<unknown>[] = Object.values(subscribed);
  const posts = joined(
    [subscribed.publicPosts.rows, subscribed.friendPosts.rows, subscribed.myPosts.rows],
    (row) => row.id,
  );
  const postStats = joined(
    [subscribed.publicPostStats.rows, subscribed.friendPostStats.rows, subscribed.myPostStats.rows],
    (row) => row.postId,
  );
  const comments = joined(
    [subscribed.publicComments.rows, subscribed.friendComments.rows, subscribed.myComments.rows],
    (row) => row.id,
  );
  const commentStats = joined(
    [
      subscribed.publicCommentStats.rows,
      subscribed.friendCommentStats.rows,
      subscribed.myCommentStats.rows,
    ],
    (row) => row.commentId,
  );
  const media = joined(
    [subscribed.publicMedia.rows, subscribed.otherMedia.rows],
    (row) => row.mediaId,
  );
  const failures = failuresOf(all);
  return {
    myAccount: subscribed.myAccount.rows,
    mySettings: subscribed.mySettings.rows,
    accounts: subscribed.accounts.rows,
    formerUsernames: subscribed.formerUsernames.rows,
    get posts() {
      return posts();
    },
    get postStats() {
      return postStats();
    },
    postRevisions: subscribed.postRevisions.rows,
    get comments() {
      return comments();
    },
    get commentStats() {
      return commentStats();
    },
    reactions: subscribed.reactions.rows,
    get media() {
      return media();
    },
    presence: subscribed.presence.rows,
    typing: subscribed.typing.rows,
    sounds: subscribed.sounds.rows,
    friendships: subscribed.friendships.rows,
    friendFriendships: subscribed.friendFriendships.rows,
    friendRequests: subscribed.friendRequests.rows,
    blocks: subscribed.blocks.rows,
    notifications: subscribed.notifications.rows,
    mutes: subscribed.mutes.rows,
    reports: subscribed.reports.rows,
    ready: () =>
      all.every((subscription) => subscription.ready() || subscription.failure() !== undefined),
    failures,
    retryFailed: () => retryFailed(all),
  };
}

/**
 * The rows of several views as one list, each key once. A row moving between
 * views (a post made public) is briefly in two while the transaction's
 * updates apply one view after the other; the later view's row wins.
 */
function joined<T, K>(
  sources: readonly (readonly T[])[],
  key: (row: T) => K,
): Accessor<readonly T[]> {
  return createMemo(() => {
    const byKey = new Map<K, T>();
    for (const source of sources) for (const row of source) byKey.set(key(row), row);
    return [...byKey.values()];
  });
}
