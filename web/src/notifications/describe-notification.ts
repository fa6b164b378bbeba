// A notification in words ("Ana and 2 others reacted to your post") and where
// it leads. The module groups events by their group key while unread; this
// names the group.

export interface NotificationFacts {
  readonly kind: string;
  /** Names of the most recent actors, most recent first. */
  readonly actorNames: readonly string[];
  readonly actorCount: number;
  readonly postId: bigint;
  readonly commentId: bigint;
  /** The most recent actor's username, for notifications about a person. */
  readonly firstActorUsername: string | undefined;
}

export function actorsPhrase(names: readonly string[], count: number): string {
  const first = names[0] ?? 'Someone';
  if (count <= 1) return first;
  if (count === 2) return `${first} and ${names[1] ?? 'someone else'}`;
  return `${first} and ${count - 1} others`;
}

export function describeNotification(facts: NotificationFacts): string {
  const who = actorsPhrase(facts.actorNames, facts.actorCount);
  const onComment = facts.commentId !== 0n;
  switch (facts.kind) {
    case 'friend_request':
      return facts.actorCount > 1
        ? `${who} sent you friend requests`
        : `${who} sent you a friend request`;
    case 'friend_accepted':
      return `${who} accepted your friend request`;
    case 'comment':
      return `${who} commented on your post`;
    case 'reply':
      return `${who} replied to your comment`;
    case 'reaction':
      return `${who} reacted to your ${onComment ? 'comment' : 'post'}`;
    case 'mention':
      return `${who} mentioned you in a ${onComment ? 'comment' : 'post'}`;
    default:
      return `${who} did something that involves you`;
  }
}

export function notificationHref(facts: NotificationFacts): string {
  switch (facts.kind) {
    case 'friend_request':
      return '/friends';
    case 'friend_accepted':
      return facts.firstActorUsername === undefined ? '/friends' : `/u/${facts.firstActorUsername}`;
    default:
      if (facts.postId === 0n) return '/notifications';
      return facts.commentId === 0n ? `/post/${facts.postId}` : `/post/${facts.postId}#comments`;
  }
}
