import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.js';
import { useTempDirs } from '../support/temp-dirs.js';
import { readUser, stringArg, u32Args } from './support/chat-values.js';
import { connectRaw, type RawClient } from './support/raw-client.js';
import {
  chatBundle,
  DB_NAME,
  OWNER,
  type RealtimeTestServer,
  startRealtimeServer,
} from './support/realtime-test-server.js';
import { connectSdk, type SdkClient, subscribeSdk } from './support/sdk-client.js';

const tempDir = useTempDirs();
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function server(
  options: Parameters<typeof startRealtimeServer>[1],
): Promise<RealtimeTestServer> {
  const started = await startRealtimeServer(await tempDir(), options);
  cleanup.push(() => started.close());
  return started;
}

async function raw(s: RealtimeTestServer): Promise<RawClient> {
  const client = await connectRaw(s.url, DB_NAME);
  cleanup.push(() => client.socket.terminate());
  await client.next('InitialConnection');
  return client;
}

async function sdk(s: RealtimeTestServer): Promise<SdkClient> {
  const client = await connectSdk(s.url, DB_NAME);
  cleanup.push(() => client.conn.disconnect());
  return client;
}

/** Stops reading from the socket: the kernel buffers fill and the server's writes back up; pings go unanswered. */
function stopReading(client: RawClient): void {
  (client.socket as unknown as { _socket: Socket })._socket.pause();
}

const identityOf = (client: RawClient) => {
  const first = client.messages[0];
  if (first?.tag !== 'InitialConnection') throw new Error('no InitialConnection');
  return first.identity;
};

/** Whether the database has the user offline: clientDisconnected ran for it. */
function isOffline(s: RealtimeTestServer, identity: bigint): boolean {
  const committed = s.database().datastore.committed;
  const rows = committed.scan(committed.tableIdFromName('user')).map(readUser);
  return rows.some((u) => u.identity === identity && !u.online);
}

describe('liveness', () => {
  it('drops a client that stops reading once its backlog passes the limit; others get everything', async () => {
    const s = await server({ realtime: { maxOutgoingBytes: 4 * 1024 * 1024 } });
    const slow = await raw(s);
    const fast = await sdk(s);
    for (const c of [slow]) {
      c.send({
        tag: 'Subscribe',
        requestId: 1,
        querySetId: 1,
        queryStrings: ['SELECT * FROM blob'],
      });
      await c.next('SubscribeApplied');
    }
    await subscribeSdk(fast, ['SELECT * FROM blob']);
    stopReading(slow);
    const writer = await raw(s);
    let inserted = 0;
    // 256 KiB per transaction until the slow client is gone (bounded, in case it never is).
    for (let i = 0; i < 400 && s.realtime.connectionCount() === 3; i++) {
      writer.send({
        tag: 'CallReducer',
        requestId: i,
        flags: 0,
        reducer: 'add_blobs',
        args: u32Args(4, 65536),
      });
      await writer.next('ReducerResult', (m) => m.requestId === i);
      inserted += 4;
    }
    await eventually(() => expect(s.realtime.connectionCount()).toBe(2));
    await eventually(() => expect(isOffline(s, identityOf(slow))).toBe(true));
    await eventually(() => expect(Number(fast.conn.db.blob.count())).toBe(inserted));
    await fast.conn.reducers.sendMessage({ text: 'still fine' });
    expect(s.errors).toEqual([]);
  });

  it('drops a client that answers no pings after the idle timeout, and keeps a healthy one', async () => {
    const s = await server({ realtime: { pingIntervalMs: 20, idleTimeoutMs: 200 } });
    const healthy = await sdk(s);
    const silent = await raw(s);
    stopReading(silent);
    await eventually(() => expect(isOffline(s, identityOf(silent))).toBe(true));
    await eventually(() => expect(s.realtime.connectionCount()).toBe(1));
    // The healthy client answered every ping meanwhile and is still served.
    await healthy.conn.reducers.setName({ name: 'awake' });
    expect(healthy.conn.isActive).toBe(true);
  });

  it('keeps sessions through a compatible update and closes them with "module exited" when the database is deleted', async () => {
    const s = await server({ realtime: { pingIntervalMs: 20, idleTimeoutMs: 10_000 } });
    const session = await raw(s);
    session.send({
      tag: 'CallReducer',
      requestId: 1,
      flags: 0,
      reducer: 'send_message',
      args: stringArg('kept'),
    });
    await session.next('ReducerResult');
    // The same schema under a new module hash: the new module takes the session over,
    // as SpacetimeDB's hot swap does (test/realtime/module-update.test.ts has the rest).
    await s.host.publish({
      program: `${await chatBundle()}\n// v2\n`,
      name: DB_NAME,
      publisher: OWNER,
      clear: false,
    });
    session.send({ tag: 'OneOffQuery', requestId: 2, queryString: 'SELECT * FROM message' });
    const result = await session.next('OneOffQueryResult');
    expect(result.result.tag === 'ok' && result.result.value.tables[0]!.rows).toHaveLength(1);

    await s.host.delete(s.database(), OWNER);
    expect(await session.closed).toEqual({ code: 1001, reason: 'module exited' });
    await eventually(() => expect(s.realtime.connectionCount()).toBe(0));
    expect(s.errors).toEqual([]);
  });

  it('runs clientDisconnected when the server shuts down', async () => {
    const s = await startRealtimeServer(await tempDir());
    const client = await raw(s);
    client.send({
      tag: 'CallReducer',
      requestId: 1,
      flags: 0,
      reducer: 'set_name',
      args: stringArg('bye'),
    });
    await client.next('ReducerResult');
    await s.realtime.close();
    expect((await client.closed).code).toBe(1001);
    expect(isOffline(s, identityOf(client))).toBe(true);
    await s.close();
  });
});
