// Every reducer checks who calls it before anything else: a table of each
// reducer with well-formed arguments, called by someone it must refuse.

import { reducers } from '@kith/shared/module-bindings';
import { describe, expect, it } from 'vitest';
import { testUser } from './support/kith-issuer.js';
import { useSharedKith } from './support/shared-kith.js';

const kith = useSharedKith();

const someone = { __identity__: `0x${'c2'.padEnd(64, '0')}` };

// One plain member and one admin for the whole file (a new user id under a
// username already taken would be refused at connection).
const plain = testUser('plain');
const boss = testUser('boss', { roles: ['admin'] });

/** Reducers only members may call, with arguments of the right shape. */
const MEMBER_REDUCERS: [string, unknown[]][] = [
  ['update_profile', ['Name', '', '', []]],
  ['forget_former_usernames', []],
  ['set_profile_media', ['avatar', '']],
  ['send_friend_request', [someone]],
  ['cancel_friend_request', [someone]],
  ['accept_friend_request', [someone]],
  ['reject_friend_request', [someone]],
  ['unfriend', [someone]],
  ['block_account', [someone]],
  ['unblock_account', [someone]],
  ['create_post', ['hi', [], 'public']],
  ['edit_post', [1, 'hi', []]],
  ['set_post_visibility', [1, 'public']],
  ['delete_post', [1]],
  ['restore_post', [1]],
  ['pin_post', [1]],
  ['unpin_post', []],
  ['create_comment', [1, 0, 'hi']],
  ['edit_comment', [1, 'hi']],
  ['delete_comment', [1]],
  ['restore_comment', [1]],
  ['react_to_post', [1, 'like']],
  ['remove_post_reaction', [1]],
  ['react_to_comment', [1, 'like']],
  ['remove_comment_reaction', [1]],
  ['mark_notification_read', [1]],
  ['mark_all_notifications_read', []],
  ['set_idle', [true]],
  ['set_presence_hidden', [true]],
  ['start_typing', [1]],
  ['stop_typing', []],
  ['create_sound', ['m', 'boom']],
  ['delete_sound', [1]],
  ['report_content', ['post', '1', 'why']],
];

const ADMIN_REDUCERS: [string, unknown[]][] = [
  ['resolve_report', [1, 'dismissed', 'note']],
  ['remove_post', [1, 'why']],
  ['remove_comment', [1, 'why']],
  ['ban_account', ['nobody_here', 'why']],
  ['unban_account', ['nobody_here', 'why']],
  ['mute_account', ['nobody_here', 5, 'why']],
  ['unmute_account', ['nobody_here', 'why']],
  ['approve_sound', [1, '']],
  ['reject_sound', [1, 'why']],
];

const OWNER_REDUCERS: [string, unknown[]][] = [
  ['configure_auth', ['http://issuer.example', 'kith']],
  ['grant_admin', ['nobody_here']],
  ['revoke_admin', ['nobody_here']],
  ['set_rate_limit', ['post', 5, 5]],
];

const SERVICE_REDUCERS: [string, unknown[]][] = [
  [
    'register_media',
    ['m', 'u', 'image', 'image/png', 1, 1, 1, 0, 'x', 'http://m.example/a', 'http://m.example/b'],
  ],
  ['remove_media', ['m']],
  ['delete_user', ['u']],
  ['rename_user', ['u', 'someone']],
];

describe('authorization', () => {
  it.each(MEMBER_REDUCERS)('%s refuses callers without an account', async (reducer, args) => {
    const service = await kith.server.issuer.serviceToken();
    const refused = await kith.server.call(service, reducer, args);
    expect(refused.text).toMatch('Only Kith members can do this: sign in first.');
  });

  it.each(ADMIN_REDUCERS)('%s refuses members', async (reducer, args) => {
    const member = await kith.server.issuer.memberToken(plain);
    const refused = await kith.server.call(member, reducer, args);
    expect(refused.text).toMatch('Only admins may do this.');
  });

  it.each(OWNER_REDUCERS)('%s refuses admins', async (reducer, args) => {
    const admin = await kith.server.issuer.memberToken(boss);
    const refused = await kith.server.call(admin, reducer, args);
    expect(refused.text).toMatch('Only the database owner may do this.');
  });

  it.each(SERVICE_REDUCERS)('%s refuses members, admins and the owner', async (reducer, args) => {
    const admin = await kith.server.issuer.memberToken(boss);
    for (const token of [admin, kith.server.ownerToken]) {
      const refused = await kith.server.call(token, reducer, args);
      expect(refused.text).toMatch('Only the Kith API may call this reducer.');
    }
  });

  it('covers every reducer clients can call', () => {
    const covered = new Set(
      [...MEMBER_REDUCERS, ...ADMIN_REDUCERS, ...OWNER_REDUCERS, ...SERVICE_REDUCERS].map(
        ([name]) => name,
      ),
    );
    const callable = Object.values(reducers).map((reducer) => reducer.name);
    expect(callable.filter((name) => !covered.has(name))).toEqual([]);
  });
});
