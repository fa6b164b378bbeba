// The outbox drainer against the real local SpacetimeDB host running the
// contract fixture module: calls are delivered over HTTP with the service
// token, survive the module being down, keep their order, and a call the
// module refuses is set aside with its answer.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { advisoryDrainLock, inProcessDrainLock } from '../../src/module-client/drain-lock.js';
import { OutboxDrainer } from '../../src/module-client/outbox-drainer.js';
import { createReducerCaller } from '../../src/module-client/reducer-caller.js';
import { ServiceTokenSource } from '../../src/module-client/service-token-source.js';
import { enqueueModuleCall } from '../../src/module-outbox/enqueue-module-call.js';
import type { ModuleReducerArgs } from '../../src/module-outbox/module-reducers.js';
import { silentLogger } from '../media/support/media-test-app.js';
import {
  createTestUser,
  databaseKinds,
  openTestDatabase,
  type TestDatabase,
} from '../media/support/test-database.js';
import { type ServedIssuer, serveOidcIssuer } from '../oidc/support/serve-oidc-issuer.js';
import { type ContractHost, freePort, startContractHost } from './support/contract-host.js';

/** Polls until `check` passes; the limit only decides when to give up. */
async function eventually<T>(check: () => Promise<T>, giveUpAfterMs = 15_000): Promise<T> {
  const deadline = Date.now() + giveUpAfterMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

function registration(mediaId: string, owner: string): ModuleReducerArgs['register_media'] {
  return [
    mediaId,
    owner,
    'image',
    'image/jpeg',
    1234,
    640,
    480,
    0,
    'LEHV6nWB2yk8pyo0adR*.7kCMdnj',
    `https://kith.test/media/${mediaId}/image.jpg`,
    `https://kith.test/media/${mediaId}/thumbnail.webp`,
  ];
}

describe.each(databaseKinds())('module outbox drainer on %s', (kind) => {
  let database: TestDatabase;
  let issuer: ServedIssuer;
  let dataDir: string;
  let port: number;
  let host: ContractHost | undefined;
  let owner: string;
  const drainers: OutboxDrainer[] = [];

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    issuer = await serveOidcIssuer(database.db);
    dataDir = await mkdtemp(path.join(tmpdir(), 'kith-drainer-'));
    port = await freePort();
    owner = await createTestUser(database.db, 'olga');
  });

  afterEach(async () => {
    for (const drainer of drainers.splice(0)) await drainer.stop();
  });

  afterAll(async () => {
    await host?.close();
    await issuer?.close();
    await database?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  function drainer(tokens = issuer.tokens): OutboxDrainer {
    const source = new ServiceTokenSource(() => tokens.issueServiceToken());
    const created = new OutboxDrainer({
      db: database.db,
      call: createReducerCaller({
        baseUrl: `http://127.0.0.1:${port}`,
        database: 'kith',
        token: () => source.token(),
        timeoutMs: 5000,
      }),
      lock: kind === 'postgres' ? advisoryDrainLock(database.db) : inProcessDrainLock(),
      logger: silentLogger,
      retryDelays: { firstMs: 50, maxMs: 400 },
      pollIntervalMs: 200,
    });
    drainers.push(created);
    return created;
  }

  const enqueue = <R extends keyof ModuleReducerArgs>(reducer: R, args: ModuleReducerArgs[R]) =>
    enqueueModuleCall(database.db, reducer, args);
  const outbox = () => database.db.selectFrom('moduleOutbox').selectAll().orderBy('id').execute();
  const registered = async () => (host ? await host.sql('SELECT * FROM media') : []);

  it('keeps calls queued while the module is down, then delivers them once it is up', async () => {
    const first = randomUUID();
    const gone = randomUUID();
    await enqueue('register_media', registration(first, owner));
    await enqueue('register_media', registration(gone, owner));
    await enqueue('remove_media', [gone]);

    const report = await drainer().drainOnce();
    expect(report.delivered).toBe(0);
    expect(report.blockedUntil).toBeDefined();
    const waiting = await outbox();
    expect(waiting).toHaveLength(3);
    expect(waiting[0]!.attempts).toBe(1);
    expect(waiting[0]!.lastError).toMatch(new RegExp(`127\\.0\\.0\\.1:${port}`));
    expect(waiting[0]!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() - 1000);
    // Only the head was tried: nothing behind it may overtake it.
    expect(waiting[1]!.attempts).toBe(0);

    const running = drainer();
    running.start();
    host = await startContractHost(dataDir, issuer.url, port);
    await eventually(async () => expect(await outbox()).toHaveLength(0));
    const rows = await registered();
    expect(rows.map((row) => row.media_id)).toEqual([first]);
    expect(rows[0]).toMatchObject({
      owner_user_id: owner,
      kind: 'image',
      content_type: 'image/jpeg',
      width: 640,
      height: 480,
      url: `https://kith.test/media/${first}/image.jpg`,
    });
  });

  it('delivers a repeated registration as the no-op it is', async () => {
    const id = randomUUID();
    await enqueue('register_media', registration(id, owner));
    await enqueue('register_media', registration(id, owner));
    const report = await drainer().drainOnce();
    expect(report.delivered).toBe(2);
    expect((await registered()).filter((row) => row.media_id === id)).toHaveLength(1);
  });

  it('sets aside a call the module refuses, with its answer, and goes on with the rest', async () => {
    const taken = randomUUID();
    const next = randomUUID();
    await enqueue('register_media', registration(taken, owner));
    await drainer().drainOnce();
    await enqueue('register_media', registration(taken, randomUUID()));
    await enqueue('register_media', registration(next, owner));
    const report = await drainer().drainOnce();
    expect(report).toMatchObject({ delivered: 1, refused: 1 });
    expect(await outbox()).toHaveLength(0);
    const failures = await database.db.selectFrom('moduleCallFailures').selectAll().execute();
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ reducer: 'register_media', attempts: 1 });
    expect(failures[0]!.error).toMatch(/530 .*belongs to someone else/);
    expect((failures[0]!.args as unknown[])[0]).toBe(taken);
    expect((await registered()).some((row) => row.media_id === next)).toBe(true);
  });

  it('retries, not discards, a call made with a token the module does not trust', async () => {
    const stranger = await serveOidcIssuer(database.db);
    try {
      await enqueue('delete_user', [owner]);
      const report = await drainer(stranger.tokens).drainOnce();
      expect(report.delivered).toBe(0);
      const [row] = await outbox();
      expect(row!.lastError).toMatch(/^delete_user: 403/);
      expect(await database.db.selectFrom('moduleCallFailures').selectAll().execute()).toHaveLength(
        1,
      );
      // With the right token it goes through.
      await database.db
        .updateTable('moduleOutbox')
        .set({ nextAttemptAt: new Date(0) })
        .execute();
      expect((await drainer().drainOnce()).delivered).toBe(1);
      expect(await host!.sql('SELECT * FROM deleted_user')).toEqual([{ user_id: owner }]);
    } finally {
      await stranger.close();
    }
  });

  it('delivers at once when woken after a call is queued', async () => {
    const running = drainer();
    running.start();
    const id = randomUUID();
    await enqueue('register_media', registration(id, owner));
    running.wake();
    await eventually(async () =>
      expect((await registered()).some((row) => row.media_id === id)).toBe(true),
    );
  });
});
