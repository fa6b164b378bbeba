// The drainer against the Kith module itself (spacetime-module/, published to
// the local host as `kith`): the service token is accepted, registrations and
// removals land in its media registry, and what it refuses is set aside.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboxDrainer } from '../../src/module-client/create-outbox-drainer.js';
import type { OutboxDrainer } from '../../src/module-client/outbox-drainer.js';
import { enqueueModuleCall } from '../../src/module-outbox/enqueue-module-call.js';
import { silentLogger } from '../media/support/media-test-app.js';
import { openTestDatabase, type TestDatabase } from '../media/support/test-database.js';
import { type ServedIssuer, serveOidcIssuer } from '../oidc/support/serve-oidc-issuer.js';
import {
  type ContractHost,
  DATABASE,
  KITH_MODULE,
  startContractHost,
} from './support/contract-host.js';

describe('module calls delivered to the Kith module', () => {
  let database: TestDatabase;
  let issuer: ServedIssuer;
  let host: ContractHost;
  let dataDir: string;
  let drainer: OutboxDrainer;

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    issuer = await serveOidcIssuer(database.db);
    dataDir = await mkdtemp(path.join(tmpdir(), 'kith-real-module-'));
    host = await startContractHost(dataDir, issuer.url, 0, KITH_MODULE);
    drainer = createOutboxDrainer({
      db: database.db,
      databaseKind: 'pglite',
      spacetimeUrl: host.url,
      spacetimeDatabase: DATABASE,
      tokens: issuer.tokens,
      logger: silentLogger,
    });
  });

  afterAll(async () => {
    await host?.close();
    await issuer?.close();
    await database?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const owner = randomUUID();
  const image = (id: string, ownerUserId = owner) =>
    [
      id,
      ownerUserId,
      'image',
      'image/webp',
      2048,
      800,
      600,
      0,
      'LEHV6nWB2yk8pyo0adR*.7kCMdnj',
      `https://kith.test/media/${id}/image.webp`,
      `https://kith.test/media/${id}/thumbnail.webp`,
    ] as const;
  const clip = (id: string) =>
    [
      id,
      owner,
      'audio',
      'audio/ogg',
      4096,
      0,
      0,
      2500,
      '',
      `https://kith.test/media/${id}/audio.ogg`,
      '',
    ] as const;
  const registry = async () =>
    (await host.sql('SELECT * FROM media')).map((row) => row.media_id ?? row.mediaId);

  it('registers images and clips, idempotently, and removes them', async () => {
    const photo = randomUUID();
    const sound = randomUUID();
    await enqueueModuleCall(database.db, 'register_media', image(photo));
    await enqueueModuleCall(database.db, 'register_media', image(photo));
    await enqueueModuleCall(database.db, 'register_media', clip(sound));
    expect(await drainer.drainOnce()).toMatchObject({ delivered: 3, refused: 0 });
    expect((await registry()).sort()).toEqual([photo, sound].sort());
    await enqueueModuleCall(database.db, 'remove_media', [photo]);
    await enqueueModuleCall(database.db, 'remove_media', [photo]);
    expect(await drainer.drainOnce()).toMatchObject({ delivered: 2, refused: 0 });
    expect(await registry()).toEqual([sound]);
  });

  it('sets aside a registration the module refuses, keeping its reason', async () => {
    const taken = randomUUID();
    await enqueueModuleCall(database.db, 'register_media', image(taken));
    await drainer.drainOnce();
    await enqueueModuleCall(database.db, 'register_media', image(taken, randomUUID()));
    expect(await drainer.drainOnce()).toMatchObject({ delivered: 0, refused: 1 });
    const [failure] = await database.db.selectFrom('moduleCallFailures').selectAll().execute();
    expect(failure?.error).toMatch(/^register_media: 530 .*already registered to another user/);
  });
});
