// Subscribes once to every view the member app reads, through
// spacetimedb/solid's useTable: each is a store that follows the module live.
import { tables } from '@kith/shared/module-bindings';
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
    posts: useTable(() => tables.visiblePost),
    postStats: useTable(() => tables.visiblePostStats),
    postRevisions: useTable(() => tables.myPostRevision),
    comments: useTable(() => tables.visibleComment),
    commentStats: useTable(() => tables.visibleCommentStats),
    reactions: useTable(() => tables.visibleReaction),
    media: useTable(() => tables.visibleMedia),
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
  return {
    myAccount: subscribed.myAccount[0],
    mySettings: subscribed.mySettings[0],
    accounts: subscribed.accounts[0],
    posts: subscribed.posts[0],
    postStats: subscribed.postStats[0],
    postRevisions: subscribed.postRevisions[0],
    comments: subscribed.comments[0],
    commentStats: subscribed.commentStats[0],
    reactions: subscribed.reactions[0],
    media: subscribed.media[0],
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
