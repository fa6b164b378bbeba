// Lookups over the live views, kept as memos so that a component asking for
// one post, one account or one count re-renders only when that changes.
import { type Accessor, createMemo } from 'solid-js';
import type {
  Account,
  AccountSettings,
  Comment,
  CommentStats,
  FriendRequest,
  Media,
  Post,
  PostStats,
  Presence,
  Sound,
  Typing,
} from './live-rows';
import type { LiveTables } from './live-tables';

export interface LiveData {
  readonly tables: LiveTables;
  /** The signed-in member's account, once the module has sent it. */
  readonly me: Accessor<Account | undefined>;
  readonly myHex: Accessor<string | undefined>;
  readonly settings: Accessor<AccountSettings | undefined>;
  account(hex: string): Account | undefined;
  accountNamed(username: string): Account | undefined;
  /** The member who went by `username` before renaming, while nobody else holds it. */
  formerlyNamed(username: string): Account | undefined;
  post(id: bigint): Post | undefined;
  postStats(id: bigint): PostStats | undefined;
  media(id: string): Media | undefined;
  commentsOn(postId: bigint): readonly Comment[];
  comment(id: bigint): Comment | undefined;
  commentStats(id: bigint): CommentStats | undefined;
  /** The kind of the member's own reaction on a post (commentId 0) or a comment. */
  myReaction(postId: bigint, commentId: bigint): string | undefined;
  presence(hex: string): Presence | undefined;
  typingOn(postId: bigint): readonly Typing[];
  isFriend(hex: string): boolean;
  readonly friendHexes: Accessor<readonly string[]>;
  /**
   * The friends of a friend of yours (you among them), or, for anyone else,
   * the friends you have in common: the module sends only your friends' lists.
   */
  friendsOf(hex: string): readonly string[];
  readonly incomingRequests: Accessor<readonly FriendRequest[]>;
  readonly outgoingRequests: Accessor<readonly FriendRequest[]>;
  hasBlocked(hex: string): boolean;
  /** An approved sound of `ownerHex` (or any of the member's own), by name. */
  sound(ownerHex: string, name: string): Sound | undefined;
  readonly unreadCount: Accessor<number>;
  /** When the member's mute ends, while muted. */
  readonly mutedUntil: Accessor<Date | undefined>;
}

const hexOf = (identity: { toHexString(): string }) => identity.toHexString();

function indexBy<T, K>(rows: Accessor<readonly T[]>, key: (row: T) => K): Accessor<Map<K, T>> {
  return createMemo(() => new Map(rows().map((row) => [key(row), row] as const)));
}

function groupBy<T, K>(rows: Accessor<readonly T[]>, key: (row: T) => K): Accessor<Map<K, T[]>> {
  return createMemo(() => {
    const groups = new Map<K, T[]>();
    for (const row of rows()) {
      const k = key(row);
      const group = groups.get(k);
      if (group === undefined) groups.set(k, [row]);
      else group.push(row);
    }
    return groups;
  });
}

export function createLiveData(tables: LiveTables): LiveData {
  const me = createMemo(() => tables.myAccount[0]);
  const myHex = createMemo(() => {
    const mine = me();
    return mine === undefined ? undefined : hexOf(mine.identity);
  });
  const accounts = indexBy(
    () => tables.accounts,
    (row) => hexOf(row.identity),
  );
  const usernames = indexBy(
    () => tables.accounts,
    (row) => row.username,
  );
  const formerUsernames = indexBy(
    () => tables.formerUsernames,
    (row) => row.username,
  );
  const posts = indexBy(
    () => tables.posts,
    (row) => row.id,
  );
  const postStats = indexBy(
    () => tables.postStats,
    (row) => row.postId,
  );
  const media = indexBy(
    () => tables.media,
    (row) => row.mediaId,
  );
  const comments = indexBy(
    () => tables.comments,
    (row) => row.id,
  );
  const commentsByPost = groupBy(
    () => tables.comments,
    (row) => row.postId,
  );
  const commentStats = indexBy(
    () => tables.commentStats,
    (row) => row.commentId,
  );
  const myReactions = createMemo(() => {
    const mine = myHex();
    const out = new Map<string, string>();
    for (const row of tables.reactions) {
      if (hexOf(row.reactorId) === mine) out.set(`${row.postId}:${row.commentId}`, row.kind);
    }
    return out;
  });
  const presence = indexBy(
    () => tables.presence,
    (row) => hexOf(row.identity),
  );
  const typingByPost = groupBy(
    () => tables.typing,
    (row) => row.postId,
  );
  const friendHexes = createMemo(() => tables.friendships.map((row) => hexOf(row.friendId)));
  const friendSet = createMemo(() => new Set(friendHexes()));
  const theirFriends = createMemo(() => {
    const lists = new Map<string, string[]>();
    for (const row of tables.friendFriendships) {
      const owner = hexOf(row.ownerId);
      const list = lists.get(owner) ?? [];
      list.push(hexOf(row.friendId));
      lists.set(owner, list);
    }
    return lists;
  });
  const incomingRequests = createMemo(() =>
    tables.friendRequests.filter((row) => hexOf(row.recipientId) === myHex()),
  );
  const outgoingRequests = createMemo(() =>
    tables.friendRequests.filter((row) => hexOf(row.senderId) === myHex()),
  );
  const blocked = createMemo(() => new Set(tables.blocks.map((row) => hexOf(row.blockedId))));
  const sounds = createMemo(() => {
    const out = new Map<string, Sound>();
    for (const row of tables.sounds) {
      const owner = hexOf(row.ownerId);
      if (row.status === 'approved' || owner === myHex()) out.set(`${owner}.${row.name}`, row);
    }
    return out;
  });
  const unreadCount = createMemo(() => tables.notifications.filter((row) => !row.read).length);
  const mutedUntil = createMemo(() => {
    const row = tables.mutes[0];
    if (row === undefined) return undefined;
    const until = row.until.toDate();
    return until.getTime() > Date.now() ? until : undefined;
  });
  return {
    tables,
    me,
    myHex,
    settings: () => tables.mySettings[0],
    account: (hex) => accounts().get(hex),
    accountNamed: (username) => usernames().get(username.toLowerCase()),
    formerlyNamed: (username) => {
      const former = formerUsernames().get(username.toLowerCase());
      return former === undefined ? undefined : accounts().get(hexOf(former.identity));
    },
    post: (id) => posts().get(id),
    postStats: (id) => postStats().get(id),
    media: (id) => media().get(id),
    commentsOn: (postId) => commentsByPost().get(postId) ?? [],
    comment: (id) => comments().get(id),
    commentStats: (id) => commentStats().get(id),
    myReaction: (postId, commentId) => myReactions().get(`${postId}:${commentId}`),
    presence: (hex) => presence().get(hex),
    typingOn: (postId) => typingByPost().get(postId) ?? [],
    isFriend: (hex) => friendSet().has(hex),
    friendHexes,
    friendsOf: (hex) => {
      const me = myHex();
      if (hex === me) return friendHexes();
      if (friendSet().has(hex))
        return [...(me === undefined ? [] : [me]), ...(theirFriends().get(hex) ?? [])];
      return friendHexes().filter((friend) => theirFriends().get(friend)?.includes(hex));
    },
    incomingRequests,
    outgoingRequests,
    hasBlocked: (hex) => blocked().has(hex),
    sound: (ownerHex, name) => sounds().get(`${ownerHex}.${name}`),
    unreadCount,
    mutedUntil,
  };
}
