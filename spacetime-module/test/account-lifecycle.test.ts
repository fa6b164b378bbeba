// An account follows the API's decisions even against tokens issued before
// them: a deleted user stays deleted, and a rename made before the first
// connection is the name the account starts with.
import { describe, expect, it } from 'vitest';
import { rows } from './support/cache.js';
import { MEMBER_VIEWS } from './support/kith-client.js';
import { testUser } from './support/kith-issuer.js';
import { useSharedKith } from './support/shared-kith.js';

const kith = useSharedKith();

async function service(reducer: string, args: unknown[]) {
  return kith.server.call(await kith.server.issuer.serviceToken(), reducer, args);
}

describe('a deleted user', () => {
  it('cannot come back with a token issued before the deletion', async () => {
    const ana = await kith.member('gone');
    const bob = await kith.member('bob');
    expect((await service('delete_user', [ana.user.userId])).ok).toBe(true);
    await bob.settle();
    expect(rows(bob, 'visibleAccount').map((a) => a.username)).not.toContain(ana.username);

    // Another tab or device reconnects with the token it still holds. (The SDK
    // reports a refused connection without its reason; a call shows it.)
    await expect(kith.client(ana.token, MEMBER_VIEWS)).rejects.toThrow();
    const call = await kith.server.call(ana.token, 'create_post', ['back', [], 'public']);
    expect(call.text).toMatch('This account was deleted.');
    await bob.settle();
    expect(rows(bob, 'visibleAccount').map((a) => a.username)).not.toContain(ana.username);

    // The name is free for the next person the API gives it to.
    const next = testUser(ana.username);
    const newcomer = await kith.client(await kith.server.issuer.memberToken(next), MEMBER_VIEWS);
    expect(rows(newcomer, 'myAccount').map((a) => a.username)).toEqual([ana.username]);
  });

  it('who never connected cannot connect after the deletion, and a repeat is harmless', async () => {
    const never = testUser('never_came');
    const token = await kith.server.issuer.memberToken(never);
    expect((await service('delete_user', [never.userId])).ok).toBe(true);
    expect((await service('delete_user', [never.userId])).ok).toBe(true);
    await expect(kith.client(token, MEMBER_VIEWS)).rejects.toThrow();
    expect((await kith.server.call(token, 'stop_typing', [])).text).toMatch(
      'This account was deleted.',
    );
  });
});

describe('a rename before the first connection', () => {
  it('is the name the account starts with, whatever the older token says', async () => {
    const user = testUser('early_name');
    const oldToken = await kith.server.issuer.memberToken(user);
    expect((await service('rename_user', [user.userId, 'later_name'])).ok).toBe(true);
    expect((await service('rename_user', [user.userId, 'latest_name'])).ok).toBe(true);
    const member = await kith.client(oldToken, MEMBER_VIEWS);
    expect(rows(member, 'myAccount').map((a) => a.username)).toEqual(['latest_name']);
    // The display name still comes from the token.
    expect(rows(member, 'myAccount')[0]?.displayName).toBe('early_name');

    // The old name is free: someone the API gives it to can connect with it.
    const other = testUser('early_name');
    const taker = await kith.client(await kith.server.issuer.memberToken(other), MEMBER_VIEWS);
    expect(rows(taker, 'myAccount').map((a) => a.username)).toEqual(['early_name']);
  });

  it('takes the name from whoever gave it up, before the first connection', async () => {
    const ana = await kith.member('ana');
    const watcher = await kith.member('eve');
    const given = ana.username;
    expect((await service('rename_user', [ana.user.userId, `${given}_q`.slice(0, 20)])).ok).toBe(
      true,
    );
    await watcher.settle();
    expect(rows(watcher, 'visibleFormerUsername').map((row) => row.username)).toContain(given);
    const newcomer = testUser('someone_new');
    expect((await service('rename_user', [newcomer.userId, given])).ok).toBe(true);
    await watcher.settle();
    expect(rows(watcher, 'visibleFormerUsername').map((row) => row.username)).not.toContain(given);
  });

  it('of a user who was then deleted waits for nobody', async () => {
    const user = testUser('brief_name');
    expect((await service('delete_user', [user.userId])).ok).toBe(true);
    expect((await service('rename_user', [user.userId, 'brief_two'])).ok).toBe(true);
    const other = testUser('brief_two');
    const taker = await kith.client(await kith.server.issuer.memberToken(other), MEMBER_VIEWS);
    expect(rows(taker, 'myAccount').map((a) => a.username)).toEqual(['brief_two']);
  });
});
