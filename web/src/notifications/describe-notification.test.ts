import { describe, expect, it } from 'vitest';
import {
  actorsPhrase,
  describeNotification,
  type NotificationFacts,
  notificationHref,
} from './describe-notification';

const facts = (over: Partial<NotificationFacts>): NotificationFacts => ({
  kind: 'reaction',
  actorNames: ['Ana'],
  actorCount: 1,
  postId: 7n,
  commentId: 0n,
  firstActorUsername: 'ana',
  ...over,
});

describe('notifications in words', () => {
  it.each<[string[], number, string]>([
    [['Ana'], 1, 'Ana'],
    [['Ana', 'Bob'], 2, 'Ana and Bob'],
    [['Ana', 'Bob', 'Cat'], 5, 'Ana and 4 others'],
    [[], 1, 'Someone'],
  ])('names %j (%i in all) as %j', (names, count, phrase) => {
    expect(actorsPhrase(names, count)).toBe(phrase);
  });

  // [kind, actor names, comment id (0: on the post), words, where it leads]; post 7.
  it.each<[string, string[], number, string, string]>([
    ['friend_request', ['Ana'], 0, 'Ana sent you a friend request', '/friends'],
    ['friend_request', ['Ana', 'Bob'], 0, 'Ana and Bob sent you friend requests', '/friends'],
    ['friend_accepted', ['Ana'], 0, 'Ana accepted your friend request', '/u/ana'],
    [
      'comment',
      ['Ana', 'Bob', 'Cat'],
      4,
      'Ana and 2 others commented on your post',
      '/post/7#comments',
    ],
    ['reply', ['Ana'], 9, 'Ana replied to your comment', '/post/7#comments'],
    ['reaction', ['Ana'], 0, 'Ana reacted to your post', '/post/7'],
    ['reaction', ['Ana'], 3, 'Ana reacted to your comment', '/post/7#comments'],
    ['mention', ['Ana'], 0, 'Ana mentioned you in a post', '/post/7'],
    ['mention', ['Ana'], 2, 'Ana mentioned you in a comment', '/post/7#comments'],
  ])('%s by %j (comment %i) reads %j and leads to %s', (kind, names, commentId, words, href) => {
    const shown = facts({
      kind,
      actorNames: names,
      actorCount: names.length,
      commentId: BigInt(commentId),
    });
    expect(describeNotification(shown)).toBe(words);
    expect(notificationHref(shown)).toBe(href);
  });

  it('still says something for a kind it does not know', () => {
    expect(describeNotification(facts({ kind: 'new_kind' }))).toBe(
      'Ana did something that involves you',
    );
  });
});
