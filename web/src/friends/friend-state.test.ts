import { describe, expect, it } from 'vitest';
import { type FriendState, friendState, type GraphFacts } from './friend-state';

const facts: GraphFacts = {
  myHex: 'me',
  isFriend: (hex) => hex === 'ana',
  hasBlocked: (hex) => hex === 'troll',
  sentTo: new Set(['bob', 'troll']),
  receivedFrom: new Set(['cat', 'ana']),
};

describe('friend state', () => {
  it.each<[string, FriendState]>([
    ['me', 'self'],
    ['ana', 'friends'],
    ['bob', 'request-sent'],
    ['cat', 'request-received'],
    ['troll', 'blocked'],
    ['dan', 'strangers'],
  ])('%s is %s', (hex, state) => {
    expect(friendState(facts, hex)).toBe(state);
  });
});
