// Publishing a new version of a module under connected clients, through the
// official SDK, as SpacetimeDB's update_module does it: an update whose plan
// keeps clients swaps the module under their sessions (same connection,
// subscriptions kept, views recomputed by the new module); one whose plan
// disconnects all users runs the new module's client_disconnected for each,
// then closes their sessions; deleting the database closes them too.
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/database/database.js';
import { eventually } from '../support/eventually.js';
import { useTempDirs } from '../support/temp-dirs.js';
import {
  BOARD,
  type BoardBindings,
  type BoardClient,
  boardBundle,
  loadBoardBindings,
  publishBoard,
  subscribeBoard,
} from './support/notice-board.js';
import { connectRaw, type RawClient } from './support/raw-client.js';
import {
  OWNER,
  type RealtimeTestServer,
  type StartOptions,
  startRealtimeServer,
} from './support/realtime-test-server.js';

const tempDir = useTempDirs();
const open: (() => unknown)[] = [];
afterEach(async () => {
  for (const close of open.splice(0).reverse()) await close();
});

let bindings: Promise<BoardBindings> | undefined;
async function board(): Promise<BoardBindings> {
  bindings ??= tempDir().then(loadBoardBindings);
  return bindings;
}

/**
 * A host with version 1 of the notice board published. Its sweeper of sessions
 * whose database is gone runs every few milliseconds, so it would see any
 * moment of an update in which a session looks abandoned.
 */
async function server(
  options: StartOptions = { realtime: { pingIntervalMs: 5, idleTimeoutMs: 10_000 } },
): Promise<RealtimeTestServer> {
  const started = await startRealtimeServer(await tempDir(), options);
  open.push(() => started.close());
  await publishBoard(started, 'v1');
  return started;
}

async function client(s: RealtimeTestServer): Promise<BoardClient> {
  const connected = await (await board()).connect(s.url);
  open.push(() => connected.conn.disconnect());
  return connected;
}

async function raw(s: RealtimeTestServer): Promise<RawClient> {
  const connected = await connectRaw(s.url, BOARD);
  open.push(() => connected.socket.terminate());
  await connected.next('InitialConnection');
  return connected;
}

const boardDatabase = (s: RealtimeTestServer) => s.host.find(BOARD) as Database;

interface Visit {
  readonly connection: string;
  readonly event: string;
  readonly version: string;
}

/** The lifecycle reducers' trace, read by the owner over SQL. */
async function visits(s: RealtimeTestServer, of?: BoardClient): Promise<Visit[]> {
  const [result] = await boardDatabase(s).sql('SELECT connection, event, version FROM visit', {
    identity: OWNER,
    connectionId: 0n,
  });
  const all = (result!.rows as [string, string, string][]).map(([connection, event, version]) => ({
    connection,
    event,
    version,
  }));
  return of === undefined
    ? all
    : all.filter((visit) => visit.connection === of.conn.connectionId.toHexString());
}

const ALL_QUERIES = [
  'SELECT * FROM notice',
  'SELECT * FROM short_notices',
  'SELECT * FROM my_notices',
];

describe('an update that keeps clients', () => {
  it('keeps a subscribed session: same connection, its rows, the new reducers and the new view definition', async () => {
    const s = await server();
    const alice = await client(s);
    const bob = await client(s);
    await subscribeBoard(alice, ALL_QUERIES);
    await alice.conn.reducers.post({ text: 'hi' });
    await alice.conn.reducers.post({ text: 'hello world' });
    await bob.conn.reducers.post({ text: 'bob says' });
    await eventually(() => expect(alice.texts('notice')).toHaveLength(3));
    // Version 1: short means five characters or fewer.
    expect(alice.texts('shortNotices')).toEqual(['hi']);
    expect(alice.texts('myNotices')).toEqual(['hello world', 'hi']);
    // `announce` does not exist yet.
    await expect(alice.conn.reducers.announce({ text: 'early' })).rejects.toThrow();
    const connectionId = alice.conn.connectionId.toHexString();

    expect(await publishBoard(s, 'v2')).toMatchObject({ op: 'updated' });

    // The view's new definition (ten characters or fewer) reaches the open session.
    await eventually(() => expect(alice.texts('shortNotices')).toEqual(['bob says', 'hi']));
    expect(alice.texts('notice')).toEqual(['bob says', 'hello world', 'hi']);
    expect(alice.texts('myNotices')).toEqual(['hello world', 'hi']);
    expect(alice.conn.isActive).toBe(true);
    expect(alice.conn.connectionId.toHexString()).toBe(connectionId);

    // A reducer only version 2 has, called by another client, reaches alice's subscription.
    await bob.conn.reducers.announce({ text: 'lunch' });
    await eventually(() => expect(alice.texts('notice')).toContain('ANNOUNCEMENT lunch'));
    // Alice's own calls run version 2's code on the same connection.
    await alice.conn.reducers.post({ text: 'yo' });
    await alice.conn.reducers.announce({ text: 'tea' });
    expect(alice.texts('notice')).toEqual([
      'ANNOUNCEMENT lunch',
      'ANNOUNCEMENT tea',
      'bob says',
      'hello world',
      'hi',
      'yo (v2)',
    ]);
    expect(alice.texts('myNotices')).toEqual(['ANNOUNCEMENT tea', 'hello world', 'hi', 'yo (v2)']);
    expect(alice.texts('shortNotices')).toEqual(['bob says', 'hi', 'yo (v2)']);

    // client_connected ran once, under version 1; nothing was disconnected.
    expect(await visits(s)).toEqual([
      { connection: connectionId, event: 'connected', version: 'v1' },
      { connection: bob.conn.connectionId.toHexString(), event: 'connected', version: 'v1' },
    ]);
    expect(s.realtime.connectionCount()).toBe(2);

    // Leaving now runs version 2's client_disconnected, once.
    alice.conn.disconnect();
    await alice.disconnected;
    await eventually(() => expect(s.realtime.connectionCount()).toBe(1));
    expect(await visits(s, alice)).toEqual([
      { connection: connectionId, event: 'connected', version: 'v1' },
      { connection: connectionId, event: 'disconnected', version: 'v2' },
    ]);
    expect(s.errors).toEqual([]);
  });

  it('sends nothing to a session whose rows the update does not change, and keeps it served', async () => {
    const s = await server();
    const watcher = await raw(s);
    watcher.send({
      tag: 'Subscribe',
      requestId: 1,
      querySetId: 1,
      queryStrings: ['SELECT * FROM notice', 'SELECT * FROM my_notices'],
    });
    await watcher.next('SubscribeApplied');
    const before = watcher.messages.length;

    await publishBoard(s, 'v2');
    // A one-off query answered after the update proves every update message came before it.
    watcher.send({ tag: 'OneOffQuery', requestId: 2, queryString: 'SELECT * FROM tag' });
    await watcher.next('OneOffQueryResult');
    expect(watcher.messages.slice(before).map((m) => m.tag)).toEqual(['OneOffQueryResult']);

    // The kept subscription hears version 2's transactions.
    const poster = await client(s);
    await poster.conn.reducers.announce({ text: 'x' });
    const update = await watcher.next('TransactionUpdate');
    expect(update.querySets.map((q) => q.querySetId)).toEqual([1]);
    expect(s.errors).toEqual([]);
  });

  it('serves sessions from before and after an update together, through a second update', async () => {
    const s = await server();
    const early = await client(s);
    await subscribeBoard(early, ['SELECT * FROM short_notices']);
    await publishBoard(s, 'v2');
    const late = await client(s);
    await subscribeBoard(late, ['SELECT * FROM short_notices']);
    await late.conn.reducers.post({ text: 'four' });
    await eventually(() => expect(early.texts('shortNotices')).toEqual(['four (v2)']));
    // The same schema under a new module hash: an update that changes no rows.
    await s.host.publish({
      program: `${await boardBundle('v2')}\n// rebuilt\n`,
      name: BOARD,
      publisher: OWNER,
      clear: false,
    });
    await early.conn.reducers.post({ text: 'ok' });
    await eventually(() => expect(late.texts('shortNotices')).toEqual(['four (v2)', 'ok (v2)']));
    expect(early.texts('shortNotices')).toEqual(['four (v2)', 'ok (v2)']);
    expect([early.conn.isActive, late.conn.isActive]).toEqual([true, true]);
    // One subscription engine per module version: the late client joined the moved one.
    expect(s.engines).toHaveLength(3);
    expect(s.errors).toEqual([]);
  });

  it('disconnects users when it removes a table, even an empty one', async () => {
    const s = await server();
    await publishBoard(s, 'v2');
    const alice = await client(s);
    // Back to version 1: the `tag` table goes, a DisconnectAllUsers step in SpacetimeDB's plan.
    await publishBoard(s, 'v1');
    await alice.disconnected;
    expect((await visits(s, alice)).map((v) => `${v.event} ${v.version}`)).toEqual([
      'connected v2',
      'disconnected v1',
    ]);
  });
});

describe('an update that disconnects users', () => {
  it("runs the new module's client_disconnected for each client, then closes the sessions with 1001", async () => {
    const s = await server();
    const alice = await client(s);
    await subscribeBoard(alice, ALL_QUERIES);
    await alice.conn.reducers.post({ text: 'kept' });
    const watcher = await raw(s);

    // Version 3 adds a column: SpacetimeDB's plan has a DisconnectAllUsers step.
    expect(await publishBoard(s, 'v3')).toMatchObject({ op: 'updated' });
    expect(await watcher.closed).toEqual({ code: 1001, reason: 'module exited' });
    await alice.disconnected;
    expect(alice.conn.isActive).toBe(false);
    await eventually(() => expect(s.realtime.connectionCount()).toBe(0));

    const connectionId = alice.conn.connectionId.toHexString();
    expect(await visits(s, alice)).toEqual([
      { connection: connectionId, event: 'connected', version: 'v1' },
      { connection: connectionId, event: 'disconnected', version: 'v3' },
    ]);
    const byVersion = (await visits(s)).map((v) => `${v.event} ${v.version}`);
    expect(byVersion).toEqual([
      'connected v1',
      'connected v1',
      'disconnected v3',
      'disconnected v3',
    ]);

    // The data was kept, and clients reconnect to version 3.
    const [notices] = await boardDatabase(s).sql('SELECT text, pinned FROM notice', {
      identity: OWNER,
      connectionId: 0n,
    });
    expect(notices!.rows).toEqual([['kept', false]]);
    const again = await raw(s);
    expect((await visits(s)).at(-1)).toMatchObject({ event: 'connected', version: 'v3' });
    again.send({ tag: 'OneOffQuery', requestId: 1, queryString: 'SELECT * FROM notice' });
    const result = await again.next('OneOffQueryResult');
    expect(result.result.tag === 'ok' && result.result.value.tables[0]!.rows).toHaveLength(1);
    expect(s.errors).toEqual([]);
  });
});

describe('deleting the database', () => {
  it('closes its sessions with 1001 "module exited"', async () => {
    const s = await server();
    const alice = await client(s);
    await subscribeBoard(alice, ['SELECT * FROM notice']);
    const watcher = await raw(s);
    await s.host.delete(boardDatabase(s), OWNER);
    expect(await watcher.closed).toEqual({ code: 1001, reason: 'module exited' });
    await alice.disconnected;
    await eventually(() => expect(s.realtime.connectionCount()).toBe(0));
    expect(s.errors).toEqual([]);
  });
});
