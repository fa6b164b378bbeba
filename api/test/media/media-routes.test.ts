import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RATE_LIMITS } from '../../src/accounts/throttling/rate-limit-rules.js';
import { DEFAULT_MEDIA_LIMITS, type MediaLimits } from '../../src/media/media-limits.js';
import { createMediaRoutes } from '../../src/media/media-routes.js';
import type { MediaServiceDeps } from '../../src/media/media-service-deps.js';
import { Semaphore } from '../../src/media/semaphore.js';
import { createLocalMediaRoutes } from '../../src/media/serve-local-media-routes.js';
import { LocalMediaStorage } from '../../src/storage/local-media-storage.js';
import { audioClip, jpegWithGps, png, SECRET_TAG } from './support/make-media.js';
import { signedInUser, silentLogger, type TestUser, testApp } from './support/media-test-app.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from './support/test-database.js';

const BASE = 'http://kith.test';

const LIMITS: MediaLimits = {
  ...DEFAULT_MEDIA_LIMITS,
  imageMaxBytes: 2 * 1024 * 1024,
  audioMaxBytes: 1024 * 1024,
  audio: { ...DEFAULT_MEDIA_LIMITS.audio, maxDurationMs: 4000 },
  quotaBytes: 10 * 1024 * 1024,
};

function form(...files: [Buffer, string, string][]): FormData {
  const data = new FormData();
  for (const [bytes, name, type] of files) data.append('file', new Blob([bytes], { type }), name);
  return data;
}

describe.each(databaseKinds())('media routes on %s', (kind) => {
  let database: TestDatabase;
  let mediaDir: string;
  let app: ReturnType<typeof testApp>;
  let deps: MediaServiceDeps;
  let alice: TestUser;
  let bob: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    mediaDir = await mkdtemp(path.join(tmpdir(), 'kith-media-routes-'));
    const storage = new LocalMediaStorage({ dir: mediaDir, publicBaseUrl: `${BASE}/media` });
    deps = { db: database.db, storage, limits: LIMITS, logger: silentLogger };
    app = testApp(database.db, createMediaRoutes(deps), createLocalMediaRoutes(storage));
    alice = await signedInUser(database.db, 'alice');
    bob = await signedInUser(database.db, 'bob');
    admin = await signedInUser(database.db, 'root', 'admin');
  });

  afterAll(async () => {
    await database?.close();
    await rm(mediaDir, { recursive: true, force: true });
  });

  const upload = (
    user: TestUser | undefined,
    body: FormData | string | Buffer,
    headers: Record<string, string> = {},
  ) =>
    app.request('/v1/media', {
      method: 'POST',
      body,
      headers: { ...(user ? { authorization: user.authorization } : {}), ...headers },
    });

  /** GETs a public URL through the app. */
  const fetchPublic = (url: string, headers: Record<string, string> = {}) =>
    app.request(url.slice(BASE.length), { headers });

  async function expectError(response: Response, status: number, code: string, reason?: string) {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    const body = (await response.json()) as {
      error: { code: string; message: string; details?: { reason?: string } };
    };
    expect(body.error.code).toBe(code);
    expect(body.error.message.length).toBeGreaterThan(5);
    if (reason !== undefined) expect(body.error.details?.reason).toBe(reason);
    return body.error;
  }

  const mediaCount = async (user: TestUser) =>
    (
      await database.db
        .selectFrom('media')
        .select('id')
        .where('ownerUserId', '=', user.id)
        .execute()
    ).length;

  const outbox = () =>
    database.db.selectFrom('moduleOutbox').select(['reducer', 'args']).orderBy('id').execute();

  it('stores a phone photo upright without its GPS, registers it and serves it for good', async () => {
    const before = (await outbox()).length;
    const response = await upload(
      alice,
      form([await jpegWithGps(120, 80), 'IMG_0001.JPG', 'image/jpeg']),
    );
    expect(response.status).toBe(201);
    const media = (await response.json()) as Record<string, unknown> & {
      id: string;
      url: string;
      thumbnailUrl: string;
    };
    expect(media).toMatchObject({
      kind: 'image',
      contentType: 'image/jpeg',
      width: 80,
      height: 120,
      durationMs: 0,
      trimmed: false,
    });
    expect(media.url).toBe(`${BASE}/media/${media.id}/image.jpg`);
    expect(media.thumbnailUrl).toBe(`${BASE}/media/${media.id}/thumbnail.webp`);

    const served = await fetchPublic(media.url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    // Browsers keep it; shared caches must not, or it would outlive its deletion there.
    expect(served.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    const bytes = Buffer.from(await served.arrayBuffer());
    expect(bytes.includes(SECRET_TAG)).toBe(false);
    expect((await sharp(bytes).metadata()).exif).toBeUndefined();
    expect(Number(served.headers.get('content-length'))).toBe(bytes.length);

    const thumb = await fetchPublic(media.thumbnailUrl);
    expect(thumb.headers.get('content-type')).toBe('image/webp');
    expect((await sharp(Buffer.from(await thumb.arrayBuffer())).metadata()).format).toBe('webp');

    const queued = await outbox();
    expect(queued.length).toBe(before + 1);
    expect(queued.at(-1)).toEqual({
      reducer: 'register_media',
      args: [
        media.id,
        alice.id,
        'image',
        'image/jpeg',
        media.byteSize,
        80,
        120,
        0,
        media.placeholder,
        media.url,
        media.thumbnailUrl,
      ],
    });
  });

  it('answers ETag revalidation with 304 and a byte range with 206', async () => {
    const media = (await (
      await upload(alice, form([await png(), 'a.png', 'image/png']))
    ).json()) as { url: string };
    const whole = await fetchPublic(media.url);
    const etag = whole.headers.get('etag')!;
    const size = Number(whole.headers.get('content-length'));
    expect((await fetchPublic(media.url, { 'if-none-match': etag })).status).toBe(304);
    const part = await fetchPublic(media.url, { range: 'bytes=1-4' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 1-4/${size}`);
    expect((await part.arrayBuffer()).byteLength).toBe(4);
    const past = await fetchPublic(media.url, { range: `bytes=${size + 10}-` });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${size}`);
    const head = await app.request(media.url.slice(BASE.length), { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(size));
    expect(head.headers.get('content-type')).toBe('image/png');
  });

  it('cuts a long clip to the limit and says so', async () => {
    const response = await upload(
      alice,
      form([await audioClip('mp3', 9), 'long.mp3', 'audio/mpeg']),
    );
    expect(response.status).toBe(201);
    const media = (await response.json()) as {
      kind: string;
      durationMs: number;
      trimmed: boolean;
      thumbnailUrl: string;
      url: string;
    };
    expect(media).toMatchObject({ kind: 'audio', trimmed: true, thumbnailUrl: '' });
    expect(media.durationMs).toBeGreaterThan(3900);
    expect(media.durationMs).toBeLessThan(4100);
    expect((await fetchPublic(media.url)).headers.get('content-type')).toBe('audio/mpeg');
  });

  it('refuses an upload without a session', async () => {
    await expectError(
      await upload(undefined, form([await png(), 'a.png', 'image/png'])),
      401,
      'unauthenticated',
    );
  });

  it('refuses a forged or expired bearer token', async () => {
    const response = await upload(undefined, form([await png(), 'a.png', 'image/png']), {
      authorization: 'Bearer forgedforgedforgedforgedforged',
    });
    await expectError(response, 401, 'invalid_token');
  });

  it('refuses a body that is not multipart', async () => {
    await expectError(
      await upload(alice, await png(), { 'content-type': 'image/png' }),
      415,
      'unsupported_media_type',
    );
    await expectError(
      await upload(alice, JSON.stringify({ file: 'x' }), { 'content-type': 'application/json' }),
      415,
      'unsupported_media_type',
    );
  });

  it('refuses a broken multipart body with 400', async () => {
    const response = await upload(alice, '--nope\r\ngarbage', {
      'content-type': 'multipart/form-data; boundary=something-else',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      'invalid_request',
    );
  });

  it('refuses a form with no file, with an empty file, or with two files', async () => {
    const noFile = new FormData();
    noFile.append('caption', 'hello');
    await expectError(await upload(alice, noFile), 400, 'invalid_request');
    await expectError(
      await upload(alice, form([Buffer.alloc(0), 'empty.png', 'image/png'])),
      400,
      'invalid_request',
    );
    const two = form([await png(), 'a.png', 'image/png'], [await png(), 'b.png', 'image/png']);
    await expectError(await upload(alice, two), 400, 'invalid_request');
  });

  it('refuses a text file that claims to be a JPEG by its name and type', async () => {
    const response = await upload(
      alice,
      form([Buffer.from('<script>alert(1)</script>'), 'cat.jpg', 'image/jpeg']),
    );
    await expectError(response, 415, 'unsupported_media_type', 'unsupported_media_type');
  });

  it('refuses bytes that start like a JPEG but do not decode, with 422', async () => {
    const real = await jpegWithGps();
    const forged = Buffer.concat([real.subarray(0, 20), Buffer.alloc(5000, 0x55)]);
    await expectError(
      await upload(alice, form([forged, 'x.jpg', 'image/jpeg'])),
      422,
      'invalid_media',
      'invalid_image',
    );
  });

  it('refuses a WAV header with no samples after it, with 422', async () => {
    const wav = await audioClip('wav', 1);
    await expectError(
      await upload(alice, form([wav.subarray(0, 44), 'empty.wav', 'audio/wav'])),
      422,
      'invalid_media',
      'invalid_audio',
    );
  });

  it('refuses an audio file over the audio limit, and a body over the upload limit', async () => {
    const bigWav = await audioClip('wav', 14); // ~1.2 MB, over the 1 MB audio limit
    await expectError(
      await upload(alice, form([bigWav, 'big.wav', 'audio/wav'])),
      413,
      'payload_too_large',
      'file_too_large',
    );
    const huge = Buffer.alloc(LIMITS.imageMaxBytes + 200 * 1024, 1);
    await expectError(
      await upload(alice, form([huge, 'huge.png', 'image/png'])),
      413,
      'payload_too_large',
    );
  });

  it('refuses an oversized body sent without a length, while it streams', async () => {
    const chunk = new Uint8Array(256 * 1024);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0)
          controller.enqueue(
            new TextEncoder().encode(
              '--b\r\nContent-Disposition: form-data; name="file"; filename="x.png"\r\n\r\n',
            ),
          );
        sent += chunk.length;
        if (sent > LIMITS.imageMaxBytes * 2) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const response = await app.request('/v1/media', {
      method: 'POST',
      body: stream,
      headers: {
        authorization: alice.authorization,
        'content-type': 'multipart/form-data; boundary=b',
      },
      duplex: 'half',
    } as RequestInit);
    await expectError(response, 413, 'payload_too_large');
    expect(sent).toBeLessThan(LIMITS.imageMaxBytes * 2);
  });

  it('lets a member delete only their own media, and an admin anyone’s', async () => {
    const media = (await (
      await upload(alice, form([await png(), 'a.png', 'image/png']))
    ).json()) as { id: string; url: string };
    const del = (user: TestUser) =>
      app.request(`/v1/media/${media.id}`, {
        method: 'DELETE',
        headers: { authorization: user.authorization },
      });
    await expectError(await del(bob), 404, 'not_found');
    expect((await fetchPublic(media.url)).status).toBe(200);
    expect((await del(admin)).status).toBe(204);
    expect((await fetchPublic(media.url)).status).toBe(404);
    expect((await outbox()).at(-1)).toEqual({ reducer: 'remove_media', args: [media.id] });
    await expectError(await del(alice), 404, 'not_found');
  });

  it('refuses a media id that is not a UUID, and paths that try to leave the media folder', async () => {
    await expectError(
      await app.request('/v1/media/not-a-uuid', {
        method: 'DELETE',
        headers: { authorization: alice.authorization },
      }),
      400,
      'invalid_request',
    );
    for (const probe of [
      '/media/..%2F..%2Fetc/passwd',
      '/media/%2e%2e/%2e%2e',
      `/media/${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}/..%2Fx.jpg`,
    ]) {
      const response = await app.request(probe);
      expect([400, 404]).toContain(response.status);
      expect(response.headers.get('content-type')).toMatch(/application\/json/);
    }
  });

  it('keeps each user within the quota, also when uploads race', async () => {
    const carol = await signedInUser(database.db, 'carol');
    const image = await png(300, 300);
    const first = (await (await upload(carol, form([image, 'a.png', 'image/png']))).json()) as {
      id: string;
    };
    const usage = async () =>
      (await (
        await app.request('/v1/media/usage', { headers: { authorization: carol.authorization } })
      ).json()) as {
        usedBytes: number;
        quotaBytes: number;
      };
    const perUpload = (await usage()).usedBytes;
    expect(perUpload).toBeGreaterThan(0);
    // Room for exactly two more.
    await database.db
      .updateTable('mediaUsage')
      .set({ usedBytes: LIMITS.quotaBytes - 2 * perUpload })
      .where('userId', '=', carol.id)
      .execute();
    const responses = await Promise.all(
      Array.from({ length: 6 }, () => upload(carol, form([image, 'a.png', 'image/png']))),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 201, 413, 413, 413, 413]);
    const refused = responses.find((r) => r.status === 413)!;
    await expectError(refused, 413, 'quota_exceeded', 'quota_exceeded');
    expect((await usage()).usedBytes).toBeLessThanOrEqual(LIMITS.quotaBytes);
    const rows = await database.db
      .selectFrom('media')
      .select('id')
      .where('ownerUserId', '=', carol.id)
      .execute();
    expect(rows.length).toBe(3);
    // Refused uploads left no files behind.
    const folders = new Set(await readdir(mediaDir));
    for (const row of rows) expect(folders.has(row.id)).toBe(true);
    expect(first.id).toBeDefined();
    const allRows = await database.db.selectFrom('media').select('id').execute();
    expect(folders.size).toBe(allRows.length);
  });

  it('limits each person’s uploads and deletions, answering 429 with Retry-After in words', async () => {
    const limited = testApp(
      database.db,
      createMediaRoutes(deps, {
        rateLimits: {
          upload: { bucket: 'media-upload', limit: 2, windowSeconds: 600 },
          delete: { bucket: 'media-delete', limit: 1, windowSeconds: 600 },
        },
      }),
    );
    const dave = await signedInUser(database.db, 'dave');
    const erin = await signedInUser(database.db, 'erin');
    const post = async (user: TestUser) =>
      limited.request('/v1/media', {
        method: 'POST',
        body: form([await png(), 'a.png', 'image/png']),
        headers: { authorization: user.authorization },
      });
    const first = (await (await post(dave)).json()) as { id: string };
    const second = (await (await post(dave)).json()) as { id: string };
    const refused = await post(dave);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(600);
    const error = await expectError(refused, 429, 'rate_limited');
    expect(error.message).toMatch(
      /^You can upload at most 2 files in 10 minutes\. Try again in \d+ (seconds?|minutes?)\.$/,
    );
    expect(error.details).toEqual({ retryAfterSeconds: retryAfter });
    expect(await mediaCount(dave)).toBe(2);
    // The count is each person's own.
    expect((await post(erin)).status).toBe(201);

    const del = (id: string) =>
      limited.request(`/v1/media/${id}`, {
        method: 'DELETE',
        headers: { authorization: dave.authorization },
      });
    expect((await del(first.id)).status).toBe(204);
    const refusedDeletion = await del(second.id);
    expect(refusedDeletion.headers.get('retry-after')).not.toBeNull();
    const deletionError = await expectError(refusedDeletion, 429, 'rate_limited');
    expect(deletionError.message).toMatch(/^You can delete at most 1 item in 10 minutes\./);
    expect(await mediaCount(dave)).toBe(1);
  });

  it('applies the default limits of rate-limit-rules.ts', async () => {
    const frank = await signedInUser(database.db, 'frank');
    // As if frank had just used up his uploads and deletions.
    await database.db
      .insertInto('rateLimits')
      .values([
        {
          bucket: RATE_LIMITS.mediaUpload.bucket,
          key: `user:${frank.id}`,
          windowStartedAt: sql<Date>`now()`,
          hits: RATE_LIMITS.mediaUpload.limit,
        },
        {
          bucket: RATE_LIMITS.mediaDelete.bucket,
          key: `user:${frank.id}`,
          windowStartedAt: sql<Date>`now()`,
          hits: RATE_LIMITS.mediaDelete.limit,
        },
      ])
      .execute();
    await expectError(
      await upload(frank, form([await png(), 'a.png', 'image/png'])),
      429,
      'rate_limited',
    );
    const deletion = await app.request(`/v1/media/${crypto.randomUUID()}`, {
      method: 'DELETE',
      headers: { authorization: frank.authorization },
    });
    await expectError(deletion, 429, 'rate_limited');
    expect(await mediaCount(frank)).toBe(0);
  });

  it('processes only so many uploads at once, queueing the others rather than refusing them', async () => {
    const processing = new Semaphore(1);
    const queued = testApp(database.db, createMediaRoutes(deps, { processing }));
    const gina = await signedInUser(database.db, 'gina');
    let finishOther!: () => void;
    const other = processing.run(() => new Promise<void>((resolve) => (finishOther = resolve)));
    const pending = queued.request('/v1/media', {
      method: 'POST',
      body: form([await png(), 'a.png', 'image/png']),
      headers: { authorization: gina.authorization },
    });
    await vi.waitFor(() => expect(processing.waiting).toBe(1), { timeout: 10_000 });
    expect(await mediaCount(gina)).toBe(0);
    finishOther();
    await other;
    expect((await pending).status).toBe(201);
    expect(processing.waiting).toBe(0);
    expect(await mediaCount(gina)).toBe(1);
  });

  it('drops a queued upload whose sender gave up, storing nothing', async () => {
    const processing = new Semaphore(1);
    const queued = testApp(database.db, createMediaRoutes(deps, { processing }));
    const hana = await signedInUser(database.db, 'hana');
    let finishOther!: () => void;
    const other = processing.run(() => new Promise<void>((resolve) => (finishOther = resolve)));
    const cancel = new AbortController();
    const pending = queued.request('/v1/media', {
      method: 'POST',
      body: form([await png(), 'a.png', 'image/png']),
      headers: { authorization: hana.authorization },
      signal: cancel.signal,
    });
    await vi.waitFor(() => expect(processing.waiting).toBe(1), { timeout: 10_000 });
    cancel.abort();
    finishOther();
    await other;
    await expectError(await pending, 400, 'invalid_request');
    expect(await mediaCount(hana)).toBe(0);
  });
});
