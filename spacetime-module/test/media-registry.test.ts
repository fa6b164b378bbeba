// The media registry's service reducers: only the API's service token may
// call them, each validates its arguments, and each is idempotent.
import { describe, expect, it } from 'vitest';
import { testUser } from './support/kith-issuer.js';
import { audioArgs, imageArgs, registerArgs } from './support/media-args.js';
import { useKithServers } from './support/use-kith.js';

const kith = useKithServers();

describe('register_media', () => {
  it('registers an image and an audio clip for their owner', async () => {
    const server = await kith();
    const service = await server.issuer.serviceToken();
    const image = imageArgs('user-1');
    const clip = audioArgs('user-1');
    expect(await server.call(service, 'register_media', registerArgs(image))).toMatchObject({
      ok: true,
    });
    expect(await server.call(service, 'register_media', registerArgs(clip))).toMatchObject({
      ok: true,
    });
    const rows = await server.sql(server.ownerToken, 'SELECT * FROM media');
    expect(rows).toHaveLength(2);
    expect(rows.find((row) => row.media_id === image.mediaId)).toMatchObject({
      owner_user_id: 'user-1',
      kind: 'image',
      width: 800,
      height: 600,
      url: image.url,
      thumbnail_url: image.thumbnailUrl,
    });
  });

  it('is a no-op the second time with the same owner, and refused for another owner', async () => {
    const server = await kith();
    const service = await server.issuer.serviceToken();
    const image = imageArgs('user-1');
    await server.call(service, 'register_media', registerArgs(image));
    const again = await server.call(service, 'register_media', registerArgs(image));
    expect(again.ok).toBe(true);
    const stolen = await server.call(
      service,
      'register_media',
      registerArgs({ ...image, ownerUserId: 'user-2' }),
    );
    expect(stolen.status).toBe(530);
    expect(stolen.text).toMatch(/already registered to another user/);
    const rows = await server.sql(server.ownerToken, 'SELECT * FROM media');
    expect(rows.map((row) => row.owner_user_id)).toEqual(['user-1']);
  });

  it('refuses members, admins and the owner', async () => {
    const server = await kith();
    const member = await server.issuer.memberToken(testUser('ana'));
    const admin = await server.issuer.memberToken(testUser('boss', { roles: ['admin'] }));
    for (const token of [member, admin, server.ownerToken]) {
      const refused = await server.call(token, 'register_media', registerArgs(imageArgs('u')));
      expect(refused.status).toBe(530);
      expect(refused.text).toMatch(/Only the Kith API may call this reducer/);
    }
    expect(await server.sql(server.ownerToken, 'SELECT * FROM media')).toEqual([]);
  });

  it.each([
    ['an empty media id', imageArgs('u', { mediaId: '' }), /media_id must be/],
    ['a media id with a slash', imageArgs('u', { mediaId: 'a/b' }), /media_id must be/],
    ['an empty owner', imageArgs(''), /owner_user_id must not be empty/],
    ['an unknown kind', imageArgs('u', { kind: 'video' }), /kind must be one of image, audio/],
    ['a mismatched type', imageArgs('u', { contentType: 'audio/ogg' }), /does not fit kind image/],
    ['zero bytes', imageArgs('u', { byteSize: 0 }), /byte_size must be more than 0/],
    ['a relative url', imageArgs('u', { url: '/media/x' }), /url must be an absolute/],
    ['an image without size', imageArgs('u', { width: 0 }), /needs its width and height/],
    ['an image with a duration', imageArgs('u', { durationMs: 5 }), /duration_ms 0/],
    ['an image without blurhash', imageArgs('u', { placeholder: '' }), /placeholder/],
    ['an image without thumbnail', imageArgs('u', { thumbnailUrl: '' }), /thumbnail_url/],
    ['audio with a size', audioArgs('u', { width: 10 }), /Audio has width and height 0/],
    ['audio without duration', audioArgs('u', { durationMs: 0 }), /needs its duration_ms/],
    ['audio with a thumbnail', audioArgs('u', { thumbnailUrl: 'http://x.example/t' }), /no/],
  ])('refuses %s', async (_name, media, message) => {
    const server = await kith();
    const refused = await server.call(
      await server.issuer.serviceToken(),
      'register_media',
      registerArgs(media),
    );
    expect(refused.status).toBe(530);
    expect(refused.text).toMatch(message);
  });
});

describe('remove_media', () => {
  it('removes the row, and is a no-op when it is absent', async () => {
    const server = await kith();
    const service = await server.issuer.serviceToken();
    const image = imageArgs('user-1');
    await server.call(service, 'register_media', registerArgs(image));
    expect(await server.call(service, 'remove_media', [image.mediaId])).toMatchObject({ ok: true });
    expect(await server.call(service, 'remove_media', [image.mediaId])).toMatchObject({ ok: true });
    expect(await server.sql(server.ownerToken, 'SELECT * FROM media')).toEqual([]);
  });

  it('refuses members', async () => {
    const server = await kith();
    const service = await server.issuer.serviceToken();
    const image = imageArgs('user-1');
    await server.call(service, 'register_media', registerArgs(image));
    const member = await server.issuer.memberToken(testUser('ana', { userId: 'user-1' }));
    const refused = await server.call(member, 'remove_media', [image.mediaId]);
    expect(refused.text).toMatch(/Only the Kith API/);
    expect(await server.sql(server.ownerToken, 'SELECT * FROM media')).toHaveLength(1);
  });
});

describe('delete_user and rename_user', () => {
  it('delete_user removes the account and its media; twice is a no-op', async () => {
    const server = await kith();
    const service = await server.issuer.serviceToken();
    const ana = testUser('ana');
    await server.call(await server.issuer.memberToken(ana), 'remove_media', ['x']);
    await server.call(service, 'register_media', registerArgs(imageArgs(ana.userId)));
    expect(await server.sql(server.ownerToken, 'SELECT * FROM account')).toHaveLength(1);
    expect(await server.call(service, 'delete_user', [ana.userId])).toMatchObject({ ok: true });
    expect(await server.call(service, 'delete_user', [ana.userId])).toMatchObject({ ok: true });
    expect(await server.sql(server.ownerToken, 'SELECT * FROM account')).toEqual([]);
    expect(await server.sql(server.ownerToken, 'SELECT * FROM media')).toEqual([]);
    expect(await server.sql(server.ownerToken, 'SELECT * FROM account_settings')).toEqual([]);
  });

  it('rename_user renames, refuses a name still held, and refuses members', async () => {
    const server = await kith();
    const service = await server.issuer.serviceToken();
    const ana = testUser('ana');
    const bob = testUser('bob');
    await server.call(await server.issuer.memberToken(ana), 'remove_media', ['x']);
    await server.call(await server.issuer.memberToken(bob), 'remove_media', ['x']);
    expect(await server.call(service, 'rename_user', [ana.userId, 'ana_l'])).toMatchObject({
      ok: true,
    });
    expect(await server.call(service, 'rename_user', [ana.userId, 'ana_l'])).toMatchObject({
      ok: true,
    });
    const taken = await server.call(service, 'rename_user', [bob.userId, 'ana_l']);
    expect(taken.text).toMatch(/still held by another account/);
    const bad = await server.call(service, 'rename_user', [bob.userId, 'No Way']);
    expect(bad.text).toMatch(/is not a Kith username/);
    const member = await server.call(await server.issuer.memberToken(bob), 'rename_user', [
      bob.userId,
      'bobby',
    ]);
    expect(member.text).toMatch(/Only the Kith API/);
    const names = await server.sql(server.ownerToken, 'SELECT username FROM account');
    expect(names.map((row) => row.username).sort()).toEqual(['ana_l', 'bob']);
  });
});
