// Subscribes once to every view the member app reads, through
// spacetimedb/solid's useTable: each is a store that follows the module live.
// Posts, their counts, comments and comment counts come from three views each
// (public_*: public posts; friend_*: friends' friends-only posts; my_*: one's
// own posts that are not public), media from two (public_media and
// visible_media); each is joined here into one list.
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
    friendPosts: useTable(() => tables.friendPost),
    myPosts: useTable(() => tables.myPost),
    publicPostStats: useTable(() => tables.publicPostStats),
    friendPostStats: useTable(() => tables.friendPostStats),
    myPostStats: useTable(() => tables.myPostStats),
    postRevisions: useTable(() => tables.myPostRevision),
    publicComments: useTable(() => tables.publicComment),
    friendComments: useTable(() => tables.friendComment),
    myComments: useTable(() => tables.myComment),
    publicCommentStats: useTable(() => tables.publicCommentStats),
    friendCommentStats: useTable(() => tables.friendCommentStats),
    myCommentStats: useTable(() => tables.myCommentStats),
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
  const view = <R>(subscription: readonly [readonly R[], () => boolean]) => subscription[0];
  const posts = joined(
    [view(subscribed.publicPosts), view(subscribed.friendPosts), view(subscribed.myPosts)],
    (row) => row.id,
  );
  const postStats = joined(
    [
      view(subscribed.publicPostStats),
      view(subscribed.friendPostStats),
      view(subscribed.myPostStats),
    ],
    (row) => row.postId,
  );
  const comments = joined(
    [view(subscribed.publicComments), view(subscribed.friendComments), view(subscribed.myComments)],
    (row) => row.id,
  );
  const commentStats = joined(
    [
      view(subscribed.publicCommentStats),
      view(subscribed.friendCommentStats),
      view(subscribed.myCommentStats),
    ],
    (row) => row.commentId,
  );
  const media = joined(
    [view(subscribed.publicMedia), view(subscribed.otherMedia)],
    (row) => row.mediaId,
  );
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
