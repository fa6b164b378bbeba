// Subscribes once to every view the member app reads, through
// spacetimedb/solid's useTable: each is a store that follows the module live.
// Posts, their counts, comments, comment counts and media come from two
// views each (public_* and circle_*), joined here into one list.
import { tables } from '@kith/shared/module-bindings';
import { type Accessor, createMemo } from 'solid-js';
import { useTable } from 'spacetimedb/solid';
import type {
  Account,
  AccountSettings,
  Block,
  Comment,
  CommentStats,
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

export interface LiveTables {
  readonly myAccount: readonly Account[];
  readonly mySettings: readonly AccountSettings[];
  readonly accounts: readonly Account[];
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
  readonly friendRequests: readonly FriendRequest[];
  readonly blocks: readonly Block[];
  readonly notifications: readonly Notification[];
  readonly mutes: readonly Mute[];
  readonly reports: readonly Report[];
  /** True once every view has delivered its first rows on the current connection. */
  readonly ready: () => boolean;
}

export function useLiveTables(): LiveTables {
  const subscribed = {
    myAccount: useTable(() => tables.myAccount),
    mySettings: useTable(() => tables.mySettings),
    accounts: useTable(() => tables.visibleAccount),
    publicPosts: useTable(() => tables.publicPost),
    circlePosts: useTable(() => tables.circlePost),
    publicPostStats: useTable(() => tables.publicPostStats),
    circlePostStats: useTable(() => tables.circlePostStats),
    postRevisions: useTable(() => tables.myPostRevision),
    publicComments: useTable(() => tables.publicComment),
    circleComments: useTable(() => tables.circleComment),
    publicCommentStats: useTable(() => tables.publicCommentStats),
    circleCommentStats: useTable(() => tables.circleCommentStats),
    reactions: useTable(() => tables.visibleReaction),
    publicMedia: useTable(() => tables.publicMedia),
    otherMedia: useTable(() => tables.visibleMedia),
    presence: useTable(() => tables.visiblePresence),
    typing: useTable(() => tables.visibleTyping),
    sounds: useTable(() => tables.visibleSound),
    friendships: useTable(() => tables.myFriendship),
    friendRequests: useTable(() => tables.myFriendRequest),
    blocks: useTable(() => tables.myBlock),
    notifications: useTable(() => tables.myNotification),
    mutes: useTable(() => tables.myMute),
    reports: useTable(() => tables.myReport),
  };
  const all = Object.values(subscribed);
  const posts = joined(subscribed.publicPosts[0], subscribed.circlePosts[0], (row) => row.id);
  const postStats = joined(
    subscribed.publicPostStats[0],
    subscribed.circlePostStats[0],
    (row) => row.postId,
  );
  const comments = joined(
    subscribed.publicComments[0],
    subscribed.circleComments[0],
    (row) => row.id,
  );
  const commentStats = joined(
    subscribed.publicCommentStats[0],
    subscribed.circleCommentStats[0],
    (row) => row.commentId,
  );
  const media = joined(subscribed.publicMedia[0], subscribed.otherMedia[0], (row) => row.mediaId);
  return {
    myAccount: subscribed.myAccount[0],
    mySettings: subscribed.mySettings[0],
    accounts: subscribed.accounts[0],
    get posts() {
      return posts();
    },
    get postStats() {
      return postStats();
    },
    postRevisions: subscribed.postRevisions[0],
    get comments() {
      return comments();
    },
    get commentStats() {
      return commentStats();
    },
    reactions: subscribed.reactions[0],
    get media() {
      return media();
    },
    presence: subscribed.presence[0],
    typing: subscribed.typing[0],
    sounds: subscribed.sounds[0],
    friendships: subscribed.friendships[0],
    friendRequests: subscribed.friendRequests[0],
    blocks: subscribed.blocks[0],
    notifications: subscribed.notifications[0],
    mutes: subscribed.mutes[0],
    reports: subscribed.reports[0],
    ready: () => all.every(([, isReady]) => isReady()),
  };
}

/**
 * The rows of two views as one list, each key once. A row moving between the
 * views (a post made public) is briefly in both while the transaction's
 * updates apply one view after the other; the later view's row wins.
 */
function joined<T, K>(
  first: readonly T[],
  second: readonly T[],
  key: (row: T) => K,
): Accessor<readonly T[]> {
  return createMemo(() => {
    const byKey = new Map<K, T>();
    for (const row of first) byKey.set(key(row), row);
    for (const row of second) byKey.set(key(row), row);
    return [...byKey.values()];
  });
}
