// Media in the account export and in the account deletion: the export lists
// the person's items; deleting the account removes rows, quota and files and
// queues remove_media before delete_user; a deletion that fails leaves every
// row and file as it was.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteAccount } from '../../src/accounts/account/delete-account.js';
import type { PersonalDataSource } from '../../src/accounts/account/personal-data.js';
import { DEFAULT_MEDIA_LIMITS } from '../../src/media/media-limits.js';
import { mediaPersonalData } from '../../src/media/media-personal-data.js';
import type { MediaServiceDeps } from '../../src/media/media-service-deps.js';
import { Semaphore } from '../../src/media/semaphore.js';
import { uploadMedia } from '../../src/media/upload-media.js';
import { LocalMediaStorage } from '../../src/storage/local-media-storage.js';
import { audioClip, png } from './support/make-media.js';
import { silentLogger } from './support/media-test-app.js';
import {
  createTestUser,
  databaseKinds,
  openTestDatabase,
  type TestDatabase,
} from './support/test-database.js';

const BASE = 'http://kith.test/media';
const processing = new Semaphore(DEFAULT_MEDIA_LIMITS.processingConcurrency);

describe.each(databaseKinds())('media as personal data on %s', (kind) => {
  let database: TestDatabase;
  let mediaDir: string;
  let deps: MediaServiceDeps;
  let source: PersonalDataSource;
  let wakes = 0;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    mediaDir = await mkdtemp(path.join(tmpdir(), 'kith-media-personal-'));
    deps = {
      db: database.db,
      storage: new LocalMediaStorage({ dir: mediaDir, publicBaseUrl: BASE }),
      limits: DEFAULT_MEDIA_LIMITS,
      logger: silentLogger,
      onModuleCallQueued: () => {
        wakes++;
      },
    };
    source = mediaPersonalData(deps);
  });
  afterAll(async () => {
    await database?.close();
    await rm(mediaDir, { recursive: true, force: true });
  });

  const filesOf = async (mediaId: string) => readdir(path.join(mediaDir, mediaId)).catch(() => []);
  const outbox = () =>
    database.db.selectFrom('moduleOutbox').select(['reducer', 'args']).orderBy('id').execute();
  const clearOutbox = () => database.db.deleteFrom('moduleOutbox').execute();

  it('lists every item of the person, and only theirs, in the export', async () => {
    const ana = await createTestUser(database.db, 'ana');
    const other = await createTestUser(database.db, 'other');
    const photo = await uploadMedia(deps, processing, ana, await png());
    const clip = await uploadMedia(deps, processing, ana, await audioClip('opus', 1));
    await uploadMedia(deps, processing, other, await png());
    const exported = (await source.collect(database.db, ana)) as {
      usedBytes: number;
      quotaBytes: number;
      items: { id: string; kind: string; url: string; createdAt: string }[];
    };
    expect(exported.items.map((item) => [item.id, item.kind])).toEqual([
      [photo.id, 'image'],
      [clip.id, 'audio'],
    ]);
    expect(exported.items[0]?.url).toBe(photo.url);
    expect(exported.items[0]?.createdAt).toBe(photo.createdAt.toISOString());
    expect(exported.usedBytes).toBeGreaterThanOrEqual(photo.byteSize + clip.byteSize);
    expect(exported.quotaBytes).toBe(DEFAULT_MEDIA_LIMITS.quotaBytes);
    expect(await source.collect(database.db, other)).toMatchObject({ items: [{ kind: 'image' }] });
  });

  it('removes files, rows and quota with the account, queuing remove_media before delete_user', async () => {
    const bea = await createTestUser(database.db, 'bea');
    const first = await uploadMedia(deps, processing, bea, await png());
    const second = await uploadMedia(deps, processing, bea, await png(32, 32));
    expect(await filesOf(first.id)).toEqual(['image.png', 'thumbnail.webp']);
    await clearOutbox();
    wakes = 0;

    expect(await deleteAccount(database.db, bea, [source])).toBe(true);

    expect(await filesOf(first.id)).toEqual([]);
    expect(await filesOf(second.id)).toEqual([]);
    expect(
      await database.db.selectFrom('media').select('id').where('ownerUserId', '=', bea).execute(),
    ).toEqual([]);
    expect(
      await database.db.selectFrom('mediaUsage').selectAll().where('userId', '=', bea).execute(),
    ).toEqual([]);
    expect(await outbox()).toEqual([
      { reducer: 'remove_media', args: [first.id] },
      { reducer: 'remove_media', args: [second.id] },
      { reducer: 'delete_user', args: [bea] },
    ]);
    expect(wakes).toBe(1);
  });

  it('leaves every row and file in place when the deletion fails after the media were erased', async () => {
    const cyd = await createTestUser(database.db, 'cyd');
    const photo = await uploadMedia(deps, processing, cyd, await png());
    await clearOutbox();
    const failing: PersonalDataSource = {
      name: 'failing',
      collect: async () => null,
      erase: async () => {
        throw new Error('another feature could not erase its part');
      },
    };

    await expect(deleteAccount(database.db, cyd, [source, failing])).rejects.toThrow(
      /could not erase/,
    );

    expect(await filesOf(photo.id)).toEqual(['image.png', 'thumbnail.webp']);
    expect(
      await database.db.selectFrom('media').select('id').where('ownerUserId', '=', cyd).execute(),
    ).toEqual([{ id: photo.id }]);
    expect(
      await database.db
        .selectFrom('users')
        .select('username')
        .where('id', '=', cyd)
        .executeTakeFirst(),
    ).toEqual({ username: 'cyd' });
    expect(await outbox()).toEqual([]);
  });

  it('deletes nothing and queues nothing for an account that is already gone', async () => {
    const dee = await createTestUser(database.db, 'dee');
    await database.db.deleteFrom('users').where('id', '=', dee).execute();
    await clearOutbox();
    expect(await deleteAccount(database.db, dee, [source])).toBe(false);
    expect(await outbox()).toEqual([]);
  });
});
