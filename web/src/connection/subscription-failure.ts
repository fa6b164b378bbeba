// A view the server refused to serve, and how the person is told: which part
// of Kith is missing and why, in plain words (the server's own message goes
// to the console).

export interface SubscriptionFailure {
  /** The view's name in the bindings (`myNotification`). */
  readonly view: string;
  /** The server's message. */
  readonly reason: string;
}

export interface FailureWords {
  /** "your feed", "your feed and your notifications". */
  readonly what: string;
  /** Why, for a person. */
  readonly why: string;
}

const PART_OF_KITH: Readonly<Record<string, string>> = {
  myAccount: 'your account',
  mySettings: 'your account',
  myMute: 'your account',
  myReport: 'your reports',
  visibleAccount: 'the people here',
  visibleFormerUsername: 'links to old usernames',
  adminAccount: 'the people here',
  publicPost: 'your feed',
  friendPost: 'your feed',
  myPost: 'your feed',
  publicPostStats: 'your feed',
  friendPostStats: 'your feed',
  myPostStats: 'your feed',
  myPostRevision: 'your feed',
  publicComment: 'comments',
  friendComment: 'comments',
  myComment: 'comments',
  publicCommentStats: 'comments',
  friendCommentStats: 'comments',
  myCommentStats: 'comments',
  myDeletedComment: 'your deleted comments',
  visibleReaction: 'reactions',
  publicMedia: 'photos and videos',
  visibleMedia: 'photos and videos',
  visiblePresence: 'who is online',
  visibleTyping: 'who is typing',
  visibleSound: 'ampersounds',
  myFriendship: 'your friends',
  friendFriendship: "your friends' friends",
  myFriendRequest: 'your friend requests',
  myBlock: 'the people you blocked',
  myNotification: 'your notifications',
  adminReport: 'the reports queue',
  adminReportedPost: 'the reports queue',
  adminReportedComment: 'the reports queue',
  adminSound: 'the sounds to review',
  adminBan: 'the bans',
  adminMute: 'the mutes',
  adminAuditLog: 'the audit log',
};

/**
 * The realtime server's words for a view it does not have (or no longer
 * shows): this page was built for another version of the module.
 */
const UNKNOWN_VIEW = /no such table|marked private/i;

export function describeFailures(failures: readonly SubscriptionFailure[]): FailureWords {
  const parts = [
    ...new Set(failures.map((failure) => PART_OF_KITH[failure.view] ?? 'part of Kith')),
  ];
  const outdated = failures.some((failure) => UNKNOWN_VIEW.test(failure.reason));
  return {
    what: listInWords(parts),
    why: outdated
      ? 'this page is older or newer than Kith’s server. Reload the page.'
      : 'Kith’s server ran into a problem preparing it.',
  };
}

/** "a", "a and b", "a, b and c". */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
