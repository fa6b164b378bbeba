// Ampersounds: a member names an audio upload; it resolves for others only
// once an admin approved it.
import { describe, expect, it } from 'vitest';
import { loadableMedia, rows } from './support/cache.js';
import { ADMIN_VIEWS, MEMBER_VIEWS } from './support/kith-client.js';
import { audioArgs, imageArgs, registerMedia } from './support/media-args.js';
import { useSharedKith } from './support/shared-kith.js';
import type { Member } from './support/use-kith.js';

const kith = useSharedKith();
const ADMIN = { roles: ['admin'], views: [...MEMBER_VIEWS, ...ADMIN_VIEWS] };

const soundNames = (member: Member, owner: Member) =>
  rows(member, 'visibleSound')
    .filter((s) => s.ownerId.isEqual(owner.identity))
    .map((s) => `${s.name}:${s.status}`);

describe('create_sound and review', () => {
  it('is pending for its owner and the admins, then resolves for everyone once approved', async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    const boss = await kith.member('boss', ADMIN);
    const clip = await registerMedia(kith.server, audioArgs(ana.user.userId));
    await ana.conn.reducers.createSound({ mediaId: clip, name: 'airhorn' });
    expect(soundNames(ana, ana)).toEqual(['airhorn:pending']);
    await bob.settle();
    await boss.settle();
    expect(soundNames(bob, ana)).toEqual([]);
    const queued = rows(boss, 'adminSound').find((s) => s.mediaId === clip)!;
    expect(queued.status).toBe('pending');
    expect(loadableMedia(boss).map((m) => m.mediaId)).toContain(clip);
    await boss.conn.reducers.approveSound({ soundId: queued.id, note: '' });
    await bob.settle();
    expect(soundNames(bob, ana)).toEqual(['airhorn:approved']);
    expect(loadableMedia(bob).map((m) => m.mediaId)).toContain(clip);
    await boss.conn.reducers.rejectSound({ soundId: queued.id, reason: 'too loud' });
    await bob.settle();
    expect(soundNames(bob, ana)).toEqual([]);
    expect(rows(ana, 'visibleSound').find((s) => s.id === queued.id)).toMatchObject({
      status: 'rejected',
      reviewNote: 'too loud',
    });
    expect(rows(boss, 'adminAuditLog').map((e) => e.detail)).toContain(`&${ana.username}.airhorn`);
  });

  it.each([
    ['a bad name', 'Air Horn', 'A sound name is 2–32 of a-z, 0-9, _ and inner -; got "Air Horn".'],
    ['a one-letter name', 'a', 'A sound name is 2–32'],
  ])('refuses %s', async (_what, name, message) => {
    const ana = await kith.member('ana');
    const clip = await registerMedia(kith.server, audioArgs(ana.user.userId));
    await expect(ana.conn.reducers.createSound({ mediaId: clip, name })).rejects.toThrow(message);
  });

  it('refuses an image, someone else’s clip, a clip twice and a name twice', async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    const image = await registerMedia(kith.server, imageArgs(ana.user.userId));
    await expect(ana.conn.reducers.createSound({ mediaId: image, name: 'pic' })).rejects.toThrow(
      'A sound must be an audio clip.',
    );
    const bobs = await registerMedia(kith.server, audioArgs(bob.user.userId));
    await expect(ana.conn.reducers.createSound({ mediaId: bobs, name: 'stolen' })).rejects.toThrow(
      `You have no uploaded media ${bobs}.`,
    );
    const clip = await registerMedia(kith.server, audioArgs(ana.user.userId));
    await ana.conn.reducers.createSound({ mediaId: clip, name: 'boom' });
    await expect(ana.conn.reducers.createSound({ mediaId: clip, name: 'boom2' })).rejects.toThrow(
      'This clip is already a sound.',
    );
    const other = await registerMedia(kith.server, audioArgs(ana.user.userId));
    await expect(ana.conn.reducers.createSound({ mediaId: other, name: 'boom' })).rejects.toThrow(
      'You already have a sound named "boom".',
    );
  });

  it('review is the admins’, and rejecting needs a reason', async () => {
    const ana = await kith.member('ana');
    const boss = await kith.member('boss', ADMIN);
    const clip = await registerMedia(kith.server, audioArgs(ana.user.userId));
    await ana.conn.reducers.createSound({ mediaId: clip, name: 'mine' });
    const own = rows(ana, 'visibleSound').find((s) => s.ownerId.isEqual(ana.identity))!;
    await expect(ana.conn.reducers.approveSound({ soundId: own.id, note: '' })).rejects.toThrow(
      'Only admins may do this.',
    );
    await expect(boss.conn.reducers.rejectSound({ soundId: own.id, reason: '' })).rejects.toThrow(
      'The reason must not be empty.',
    );
    await expect(boss.conn.reducers.approveSound({ soundId: 999_999n, note: '' })).rejects.toThrow(
      'There is no sound 999999.',
    );
    await boss.conn.reducers.approveSound({ soundId: own.id, note: '' });
    await expect(boss.conn.reducers.approveSound({ soundId: own.id, note: '' })).rejects.toThrow(
      `Sound ${own.id} is already approved.`,
    );
  });

  it('delete_sound removes your own sound only', async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    const clip = await registerMedia(kith.server, audioArgs(ana.user.userId));
    await ana.conn.reducers.createSound({ mediaId: clip, name: 'gone' });
    const own = rows(ana, 'visibleSound').find((s) => s.ownerId.isEqual(ana.identity))!;
    await expect(bob.conn.reducers.deleteSound({ soundId: own.id })).rejects.toThrow(
      `You have no sound ${own.id}.`,
    );
    await ana.conn.reducers.deleteSound({ soundId: own.id });
    expect(soundNames(ana, ana)).toEqual([]);
  });
});
