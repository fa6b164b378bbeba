// Profiles: name, bio, pronouns, links, avatar and banner from own images.
import { BIO_MAX_LENGTH, PROFILE_LINKS_MAX_COUNT } from '@kith/shared/limits';
import { describe, expect, it } from 'vitest';
import { eventually } from '../../spacetime-host/test/support/eventually.js';
import { loadableMedia, rows } from './support/cache.js';
import { audioArgs, imageArgs, registerMedia } from './support/media-args.js';
import { useSharedKith } from './support/shared-kith.js';

const kith = useSharedKith();

describe('update_profile', () => {
  it('changes what every member sees of you', async () => {
    const ana = await kith.member('ana', { displayName: 'Ana' });
    const bob = await kith.member('bob');
    expect(rows(ana, 'myAccount')[0]?.displayName).toBe('Ana');
    await ana.conn.reducers.updateProfile({
      displayName: 'Ana Lima',
      bio: 'Hello <script>',
      pronouns: 'she/her',
      links: ['https://ana.example'],
    });
    await eventually(() =>
      expect(rows(bob, 'visibleAccount').find((a) => a.username === ana.username)).toMatchObject({
        displayName: 'Ana Lima',
        bio: 'Hello <script>',
        pronouns: 'she/her',
        links: ['https://ana.example'],
      }),
    );
  });

  it.each([
    ['an empty name', { displayName: ' ' }, 'Your display name must not be empty.'],
    ['a long bio', { bio: 'x'.repeat(BIO_MAX_LENGTH + 1) }, 'Your bio is too long'],
    ['a long pronoun', { pronouns: 'x'.repeat(31) }, 'Your pronouns is too long'],
    [
      'too many links',
      { links: Array.from({ length: PROFILE_LINKS_MAX_COUNT + 1 }, () => 'https://x.example') },
      `A profile has at most ${PROFILE_LINKS_MAX_COUNT} links.`,
    ],
    [
      'a script link',
      { links: ['javascript:alert(1)'] },
      'Each link must be an absolute http(s) URL',
    ],
  ])('refuses %s', async (_what, change, message) => {
    const ana = await kith.member('ana');
    await expect(
      ana.conn.reducers.updateProfile({
        displayName: 'Ana',
        bio: '',
        pronouns: '',
        links: [],
        ...change,
      }),
    ).rejects.toThrow(message);
  });
});

describe('set_profile_media', () => {
  it('sets and clears the avatar and banner from your own images', async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    const avatar = await registerMedia(kith.server, imageArgs(ana.user.userId));
    const banner = await registerMedia(kith.server, imageArgs(ana.user.userId));
    await ana.conn.reducers.setProfileMedia({ slot: 'avatar', mediaId: avatar });
    await ana.conn.reducers.setProfileMedia({ slot: 'banner', mediaId: banner });
    expect(rows(ana, 'myAccount')[0]).toMatchObject({
      avatarMediaId: avatar,
      bannerMediaId: banner,
    });
    await eventually(() =>
      expect(loadableMedia(bob).map((m) => m.mediaId)).toEqual(
        expect.arrayContaining([avatar, banner]),
      ),
    );
    await ana.conn.reducers.setProfileMedia({ slot: 'banner', mediaId: '' });
    expect(rows(ana, 'myAccount')[0]?.bannerMediaId).toBeUndefined();
  });

  it('refuses someone else’s image, audio and unknown slots', async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    const bobs = await registerMedia(kith.server, imageArgs(bob.user.userId));
    const clip = await registerMedia(kith.server, audioArgs(ana.user.userId));
    await expect(
      ana.conn.reducers.setProfileMedia({ slot: 'avatar', mediaId: bobs }),
    ).rejects.toThrow(`You have no uploaded media ${bobs}.`);
    await expect(
      ana.conn.reducers.setProfileMedia({ slot: 'avatar', mediaId: clip }),
    ).rejects.toThrow('Your avatar must be an image.');
    await expect(ana.conn.reducers.setProfileMedia({ slot: 'cover', mediaId: '' })).rejects.toThrow(
      'The slot must be one of avatar, banner; got "cover".',
    );
  });
});
