// Friend lists: your friends' friendships reach you (a friend's profile lists
// their friends; anyone else's shows the friends you have in common), minus
// anyone in a block with you; nobody else's list reaches you.
import { describe, expect, it } from 'vitest';
import { eventually } from '../../spacetime-host/test/support/eventually.js';
import { rows } from './support/cache.js';
import { useSharedKith } from './support/shared-kith.js';
import { befriend, type Member } from './support/use-kith.js';

const kith = useSharedKith();

/** What `viewer` holds of others' friendships, as owner→friend usernames. */
function edges(viewer: Member, names: Map<string, string>): string[] {
  return rows(viewer, 'friendFriendship')
    .map(
      (row) => `${names.get(row.ownerId.toHexString())}→${names.get(row.friendId.toHexString())}`,
    )
    .sort();
}

describe('friend_friendship', () => {
  it("serves your friends' friend lists, without you and without people in a block with you", async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    const cat = await kith.member('cat');
    const dan = await kith.member('dan');
    const eve = await kith.member('eve');
    const names = new Map(
      [ana, bob, cat, dan, eve].map((m) => [m.identity.toHexString(), m.username.split('_')[0]!]),
    );
    await befriend(ana, bob);
    await befriend(bob, cat);
    await befriend(bob, dan);
    await dan.conn.reducers.blockAccount({ target: ana.identity });
    await ana.settle();
    await cat.settle();
    await eve.settle();
    expect(edges(ana, names)).toEqual(['bob→cat']);
    // Cat is Bob's friend, not Ana's: Bob's list reaches Cat, Ana's does not.
    expect(edges(cat, names)).toEqual(['bob→ana', 'bob→dan']);
    expect(edges(eve, names)).toEqual([]);

    // Live: a new friendship of a friend arrives, an unfriending leaves.
    await befriend(bob, eve);
    await eventually(() => expect(edges(ana, names)).toEqual(['bob→cat', 'bob→eve']));
    await bob.conn.reducers.unfriend({ friend: cat.identity });
    await eventually(() => expect(edges(ana, names)).toEqual(['bob→eve']));
    // Once Ana and Bob are no longer friends, Bob's list is gone for her.
    await ana.conn.reducers.unfriend({ friend: bob.identity });
    await eventually(() => expect(edges(ana, names)).toEqual([]));
  });
});
