// An upload, end to end: the API stores the photo, the drainer registers it
// with the module, and a client subscribed through the official SDK sees it
// appear with URLs it can load; deleting it removes it from the module too.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMedia, type Media } from '../../src/media/create-media.js';
import { deleteUserMedia } from '../../src/media/delete-media.js';
import { mediaConfigFrom } from '../../src/media/media-settings.js';
import { createOutboxDrainer } from '../../src/module-client/create-outbox-drainer.js';
import type { OutboxDrainer } from '../../src/module-client/outbox-drainer.js';
import { createOidc, type Oidc } from '../../src/oidc/create-oidc.js';
import { jpegWithGps, png } from '../media/support/make-media.js';
import {
  signedInUser,
  silentLogger,
  type TestUser,
  testApp,
} from '../media/support/media-test-app.js';
import { openTestDatabase, type TestDatabase } from '../media/support/test-database.js';
import { type ContractHost, DATABASE, startContractHost } from './support/contract-host.js';
import { connectWithToken, type SdkSession } from './support/sdk-connect.js';

const PUBLIC_URL = 'http://kith.test';

describe('an uploaded photo reaches the module', () => {
  let database: TestDatabase;
  let dataDir: string;
  let oidc: Oidc;
  let media: Media;
  let drainer: OutboxDrainer;
  let host: ContractHost;
  let issuerServer: { close(): Promise<void>; url: string };
  let app: ReturnType<typeof testApp>;
  let alice: TestUser;
  let watcher: SdkSession;

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    dataDir = await mkdtemp(path.join(tmpdir(), 'kith-e2e-'));
    // The issuer must be reachable by the host: serve the OIDC routes on a real port.
    const { createServer } = await import('node:http');
    const { getRequestListener } = await import('@hono/node-server');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const issuerUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    oidc = await createOidc({
      config: { signingKeys: undefined, keyRotationDays: 30 },
      dataDir,
      publicUrl: issuerUrl,
    });
    server.on('request', getRequestListener(testApp(database.db, oidc.routes).fetch));
    issuerServer = {
      url: issuerUrl,
      close: () => {
        server.closeAllConnections();
        return new Promise((resolve) => server.close(() => resolve()));
      },
    };
    host = await startContractHost(path.join(dataDir, 'stdb'), issuerUrl);
    drainer = createOutboxDrainer({
      db: database.db,
      databaseKind: 'pglite',
      spacetimeUrl: host.url,
      spacetimeDatabase: DATABASE,
      tokens: oidc.tokens,
      logger: silentLogger,
    });
    drainer.start();
    const config = mediaConfigFrom(
      {
        MEDIA_IMAGE_MAX_MB: 5,
        MEDIA_AUDIO_MAX_MB: 2,
        MEDIA_CLIP_MAX_SECONDS: 10,
        MEDIA_QUOTA_MB: 50,
        S3_BUCKET: undefined,
        S3_ENDPOINT: undefined,
        S3_REGION: undefined,
        S3_ACCESS_KEY_ID: undefined,
        S3_SECRET_ACCESS_KEY: undefined,
        S3_PUBLIC_BASE_URL: undefined,
      },
      { dataDir, publicUrl: PUBLIC_URL },
    );
    media = createMedia({
      config,
      db: database.db,
      logger: silentLogger,
      onModuleCallQueued: () => drainer.wake(),
    });
    app = testApp(database.db, media.routes);
    alice = await signedInUser(database.db, 'alice');
    watcher = await connectWithToken(
      host.url,
      DATABASE,
      (await oidc.tokens.issueIdToken({ id: alice.id, username: 'alice', isAdmin: false })).token,
    );
    await new Promise<void>((resolve, reject) =>
      watcher.conn
        .subscriptionBuilder()
        .onApplied(() => resolve())
        .onError((ctx) => reject(ctx.event))
        .subscribe(['SELECT * FROM media']),
    );
  });

  afterAll(async () => {
    watcher?.conn.disconnect();
    await drainer?.stop();
    await host?.close();
    await issuerServer?.close();
    media?.close();
    await database?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const upload = async (bytes: Buffer, name: string, type: string) => {
    const body = new FormData();
    body.append('file', new Blob([bytes], { type }), name);
    const response = await app.request('/v1/media', {
      method: 'POST',
      body,
      headers: { authorization: alice.authorization },
    });
    expect(response.status).toBe(201);
    return (await response.json()) as {
      id: string;
      url: string;
      thumbnailUrl: string;
      placeholder: string;
    };
  };

  /** Resolves with the row once the subscribed client holds it. */
  const seenByClient = (id: string) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const existing = [...watcher.conn.db.media.iter()].find((row) => row.media_id === id);
      if (existing) return resolve(existing);
      watcher.conn.db.media.onInsert((_ctx, row) => {
        if (row.media_id === id) resolve(row);
      });
    });

  it('registers the stored photo, which a subscribed client sees appear', async () => {
    const uploaded = await upload(await jpegWithGps(), 'IMG.JPG', 'image/jpeg');
    const row = await seenByClient(uploaded.id);
    expect(row).toMatchObject({
      owner_user_id: alice.id,
      kind: 'image',
      content_type: 'image/jpeg',
      width: 80,
      height: 120,
      duration_ms: 0,
      placeholder: uploaded.placeholder,
      url: `${PUBLIC_URL}/media/${uploaded.id}/image.jpg`,
      thumbnail_url: uploaded.thumbnailUrl,
    });
    // The URL the module holds is one the API serves.
    expect((await app.request(`/media/${uploaded.id}/image.jpg`)).status).toBe(200);
  });

  it('removes every media item of a deleted account from storage and from the module', async () => {
    const uploaded = await upload(await png(), 'a.png', 'image/png');
    await seenByClient(uploaded.id);
    const removed = new Promise<void>((resolve) => {
      watcher.conn.db.media.onDelete((_ctx, row) => {
        if (row.media_id === uploaded.id) resolve();
      });
    });
    expect(await deleteUserMedia(media.deps, alice.id)).toBe(2);
    await removed;
    expect((await app.request(`/media/${uploaded.id}/image.png`)).status).toBe(404);
    expect(await database.db.selectFrom('media').selectAll().execute()).toEqual([]);
    expect(await database.db.selectFrom('mediaUsage').select('usedBytes').execute()).toEqual([
      { usedBytes: 0 },
    ]);
  });
});
