import { afterEach, describe, expect, it } from 'vitest';
import { identityToHex } from '../../src/auth/identity.js';
import type { ServerMessage } from '../../src/protocol/server-message.js';
import { V2_PROTOCOL, V3_PROTOCOL } from '../../src/protocol/ws-protocol.js';
import { eventually } from '../support/eventually.js';
import { useTempDirs } from '../support/temp-dirs.js';
import {
  NO_ARGS,
  readMessage,
  readString,
  readUser,
  stringArg,
  u32Args,
} from './support/chat-values.js';
import {
  connectRaw,
  HttpRefusal,
  type RawClient,
  type RawClientOptions,
} from './support/raw-client.js';
import {
  DB_NAME,
  type RealtimeTestServer,
  startRealtimeServer,
} from './support/realtime-test-server.js';

const tempDir = useTempDirs();
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function server(
  options: Parameters<typeof startRealtimeServer>[1] = {},
): Promise<RealtimeTestServer> {
  const started = await startRealtimeServer(await tempDir(), options);
  cleanup.push(() => started.close());
  return started;
}

async function raw(s: RealtimeTestServer, options: RawClientOptions = {}): Promise<RawClient> {
  const client = await connectRaw(s.url, DB_NAME, options);
  cleanup.push(() => client.socket.terminate());
  await client.next('InitialConnection');
  return client;
}

type Of<T extends ServerMessage['tag']> = Extract<ServerMessage, { tag: T }>;
const tablesOf = (update: { querySets: Of<'TransactionUpdate'>['querySets'] }) =>
  update.querySets.flatMap((q) => q.tables.map((t) => t.tableName));
const persistent = (table: Of<'TransactionUpdate'>['querySets'][number]['tables'][number]) => {
  const rows = table.rows[0]!;
  if (rows.tag !== 'PersistentTable') throw new Error('expected persistent rows');
  return rows;
};

describe('the subscribe route', () => {
  it('prefers v3, speaks v2 when only v2 is offered, and refuses v1 with 400', async () => {
    const s = await server();
    expect((await raw(s)).protocol).toBe(V3_PROTOCOL);
    expect((await raw(s, { protocols: [V2_PROTOCOL] })).protocol).toBe(V2_PROTOCOL);
    const refusal = await connectRaw(s.url, DB_NAME, { protocols: ['v1.bsatn.spacetimedb'] }).catch(
      (e) => e,
    );
    expect(refusal).toBeInstanceOf(HttpRefusal);
    expect(refusal).toMatchObject({ status: 400 });
  });

  it('gives an anonymous client a new identity in InitialConnection and in the handshake headers', async () => {
    const s = await server();
    const client = await raw(s);
    const first = client.messages[0];
    if (first?.tag !== 'InitialConnection') throw new Error('expected InitialConnection first');
    expect(client.upgradeHeaders['spacetime-identity']).toBe(identityToHex(first.identity));
    expect(client.upgradeHeaders['spacetime-identity-token']).toBe(first.token);
    expect((await s.auth.verify(first.token)).identity).toBe(first.identity);
    expect(first.connectionId).not.toBe(0n);
  });

  it('starts with InitialConnection: the token identity, the requested connection id, the same token', async () => {
    const s = await server();
    const { token, identity } = await s.auth.issueNewIdentity();
    const connectionId = 0x0123456789abcdef0123456789abcdefn;
    const client = await raw(s, {
      token,
      query: { connection_id: connectionId.toString(16).padStart(32, '0') },
    });
    expect(client.messages[0]).toEqual({ tag: 'InitialConnection', identity, connectionId, token });
  });

  it.each([
    [{ compression: 'Zip' }, 400, /unknown variant `Zip`/],
    [{ connection_id: '0'.repeat(32) }, 400, /all-zeros ConnectionId is reserved/],
    [{ connection_id: 'xyz' }, 400, /expected 32 hex digits/],
    [{ confirmed: 'yes' }, 400, /not `true` or `false`/],
    [{ token: 'a.b.c' }, 401, /Invalid token/],
  ])('refuses %o with %i before upgrading', async (query, status, body) => {
    const s = await server();
    const refusal = await connectRaw(s.url, DB_NAME, { query }).catch((e) => e);
    expect(refusal).toBeInstanceOf(HttpRefusal);
    expect(refusal.status).toBe(status);
    // A refused upgrade carries no body; the same request without the upgrade shows why.
    const response = await fetch(
      `${s.url}/v1/database/${DB_NAME}/subscribe?${new URLSearchParams(query)}`,
    );
    expect(response.status).toBe(status);
    expect(await response.text()).toMatch(body);
  });

  it('refuses with 403 when clientConnected throws, and 404 for an unknown database', async () => {
    const s = await server();
    const { token } = await s.auth.issueNewIdentity();
    const client = await raw(s, { token });
    client.send({ tag: 'CallReducer', requestId: 1, flags: 0, reducer: 'ban_me', args: NO_ARGS });
    await client.next('ReducerResult');
    client.socket.close();
    await client.closed;
    await expect(connectRaw(s.url, DB_NAME, { token })).rejects.toMatchObject({ status: 403 });
    await expect(connectRaw(s.url, 'nowhere')).rejects.toMatchObject({ status: 404 });
  });

  it('answers a plain GET (no upgrade) with 400', async () => {
    const s = await server();
    const response = await fetch(`${s.url}/v1/database/${DB_NAME}/subscribe`);
    expect(response.status).toBe(400);
    expect(await response.text()).toBe("`Upgrade` header did not include 'websocket'");
  });
});

describe('subscriptions and calls', () => {
  it('applies a query set, then streams other clients’ transactions; the caller gets its update in ReducerResult', async () => {
    const s = await server();
    const alice = await raw(s);
    const bob = await raw(s);
    for (const c of [alice, bob]) {
      c.send({
        tag: 'Subscribe',
        requestId: 1,
        querySetId: 7,
        queryStrings: ['SELECT * FROM message', 'SELECT * FROM user'],
      });
    }
    const applied = await bob.next('SubscribeApplied');
    expect(applied.querySetId).toBe(7);
    const bobUsers = applied.rows.tables.find((t) => t.table === 'user')!.rows.map(readUser);
    expect(bobUsers.every((u) => u.online)).toBe(true);
    await alice.next('SubscribeApplied');

    alice.send({
      tag: 'CallReducer',
      requestId: 42,
      flags: 0,
      reducer: 'send_message',
      args: stringArg('hi bob'),
    });
    const result = await alice.next('ReducerResult');
    expect(result.requestId).toBe(42);
    if (result.result.tag !== 'Ok') throw new Error(`expected Ok, got ${result.result.tag}`);
    const own = result.result.transactionUpdate;
    expect(own.querySets.map((q) => q.querySetId)).toEqual([7]);
    expect(persistent(own.querySets[0]!.tables[0]!).inserts.map(readMessage)).toMatchObject([
      { text: 'hi bob' },
    ]);

    const seen = await bob.next('TransactionUpdate');
    expect(tablesOf(seen)).toEqual(['message']);
    expect(persistent(seen.querySets[0]!.tables[0]!).inserts.map(readMessage)).toMatchObject([
      { text: 'hi bob' },
    ]);
    // The caller does not also get the transaction as a TransactionUpdate.
    expect(alice.messages.filter((m) => m.tag === 'TransactionUpdate')).toEqual([]);
  });

  it('sends transactions from HTTP calls and SQL DML to subscribers', async () => {
    const s = await server();
    const watcher = await raw(s);
    watcher.send({
      tag: 'Subscribe',
      requestId: 1,
      querySetId: 1,
      queryStrings: ['SELECT * FROM message'],
    });
    await watcher.next('SubscribeApplied');
    const caller = await s.auth.issueNewIdentity();
    const call = await fetch(`${s.url}/v1/database/${DB_NAME}/call/send_message`, {
      method: 'POST',
      headers: { authorization: `Bearer ${caller.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(['over http']),
    });
    expect(call.status).toBe(200);
    const update = await watcher.next('TransactionUpdate');
    expect(persistent(update.querySets[0]!.tables[0]!).inserts.map(readMessage)).toMatchObject([
      { text: 'over http' },
    ]);

    await s
      .database()
      .sql('DELETE FROM message', { identity: s.database().owner, connectionId: 0n });
    const deleted = await watcher.next('TransactionUpdate', (m) =>
      m.querySets.some((q) => q.tables.some((t) => persistent(t).deletes.length > 0)),
    );
    expect(persistent(deleted.querySets[0]!.tables[0]!).deletes.map(readMessage)).toMatchObject([
      { text: 'over http' },
    ]);
  });

  it('answers every reducer outcome', async () => {
    const s = await server();
    const client = await raw(s);
    client.send({
      tag: 'CallReducer',
      requestId: 1,
      flags: 0,
      reducer: 'send_message',
      args: stringArg(''),
    });
    client.send({ tag: 'CallReducer', requestId: 2, flags: 0, reducer: 'crash', args: NO_ARGS });
    client.send({ tag: 'CallReducer', requestId: 3, flags: 0, reducer: 'nope', args: NO_ARGS });
    client.send({ tag: 'CallReducer', requestId: 4, flags: 0, reducer: 'noop', args: NO_ARGS });
    client.send({
      tag: 'CallReducer',
      requestId: 5,
      flags: 0,
      reducer: 'send_message',
      args: u32Args(1),
    });
    client.send({
      tag: 'CallReducer',
      requestId: 6,
      flags: 0,
      reducer: 'client_connected',
      args: NO_ARGS,
    });
    const outcome = async (requestId: number) =>
      (await client.next('ReducerResult', (m) => m.requestId === requestId)).result;
    const err = await outcome(1);
    expect(err.tag === 'Err' && readString(err.error)).toBe('Messages must not be empty');
    expect(await outcome(2)).toMatchObject({
      tag: 'InternalError',
      message: expect.stringContaining('the reducer crashed'),
    });
    expect(await outcome(3)).toEqual({ tag: 'InternalError', message: 'no such reducer' });
    expect(await outcome(4)).toEqual({
      tag: 'Ok',
      retValue: new Uint8Array(0),
      transactionUpdate: { querySets: [] },
    });
    expect(await outcome(5)).toMatchObject({
      tag: 'InternalError',
      message: expect.stringContaining('invalid arguments'),
    });
    expect(await outcome(6)).toEqual({
      tag: 'InternalError',
      message: "can't directly call special OnConnect lifecycle reducer",
    });
  });

  it('calls procedures: their value, their commits, and an unknown one', async () => {
    const s = await server();
    const client = await raw(s);
    client.send({
      tag: 'Subscribe',
      requestId: 1,
      querySetId: 1,
      queryStrings: ['SELECT * FROM message'],
    });
    await client.next('SubscribeApplied');
    client.send({
      tag: 'CallProcedure',
      requestId: 2,
      flags: 0,
      procedure: 'add',
      args: u32Args(40, 2),
    });
    client.send({
      tag: 'CallProcedure',
      requestId: 3,
      flags: 0,
      procedure: 'post_counted',
      args: stringArg('from a procedure'),
    });
    client.send({
      tag: 'CallProcedure',
      requestId: 4,
      flags: 0,
      procedure: 'missing',
      args: NO_ARGS,
    });
    const added = await client.next('ProcedureResult', (m) => m.requestId === 2);
    expect(added.status).toEqual({ tag: 'Returned', value: u32Args(42) });
    const posted = await client.next('ProcedureResult', (m) => m.requestId === 3);
    expect(posted.status).toEqual({
      tag: 'Returned',
      value: new Uint8Array([1, 0, 0, 0, 0, 0, 0, 0]),
    });
    // The procedure's transaction reached the caller as an ordinary update, before its result.
    const update = client.messages.findIndex((m) => m.tag === 'TransactionUpdate');
    expect(update).toBeGreaterThan(-1);
    expect(update).toBeLessThan(client.messages.indexOf(posted));
    const missing = await client.next('ProcedureResult', (m) => m.requestId === 4);
    expect(missing).toMatchObject({
      status: { tag: 'InternalError', message: 'No such procedure' },
      timestamp: 0n,
    });
  });

  it('runs one-off queries, refusing private tables and bad SQL', async () => {
    const s = await server();
    const client = await raw(s);
    client.send({ tag: 'OneOffQuery', requestId: 1, queryString: 'SELECT * FROM user' });
    client.send({ tag: 'OneOffQuery', requestId: 2, queryString: 'SELECT * FROM banned' });
    client.send({ tag: 'OneOffQuery', requestId: 3, queryString: 'SELEC nonsense' });
    const ok = await client.next('OneOffQueryResult', (m) => m.requestId === 1);
    if (ok.result.tag !== 'ok') throw new Error(ok.result.value);
    expect(ok.result.value.tables[0]!.table).toBe('user');
    expect(ok.result.value.tables[0]!.rows.map(readUser)).toHaveLength(1);
    const hidden = await client.next('OneOffQueryResult', (m) => m.requestId === 2);
    expect(hidden.result).toMatchObject({ tag: 'err', value: expect.stringContaining('private') });
    const bad = await client.next('OneOffQueryResult', (m) => m.requestId === 3);
    expect(bad.result.tag).toBe('err');
  });

  it('unsubscribes with or without the dropped rows, and reports unknown or invalid query sets', async () => {
    const s = await server();
    const client = await raw(s);
    client.send({
      tag: 'Subscribe',
      requestId: 1,
      querySetId: 1,
      queryStrings: ['SELECT * FROM user'],
    });
    client.send({
      tag: 'Subscribe',
      requestId: 2,
      querySetId: 2,
      queryStrings: ['SELECT * FROM user'],
    });
    client.send({
      tag: 'Subscribe',
      requestId: 3,
      querySetId: 3,
      queryStrings: ['SELECT * FROM nowhere'],
    });
    await client.next('SubscribeApplied', (m) => m.querySetId === 2);
    expect(await client.next('SubscriptionError')).toMatchObject({ requestId: 3, querySetId: 3 });

    client.send({ tag: 'Unsubscribe', requestId: 4, querySetId: 1, flags: 'SendDroppedRows' });
    client.send({ tag: 'Unsubscribe', requestId: 5, querySetId: 2, flags: 'Default' });
    client.send({ tag: 'Unsubscribe', requestId: 6, querySetId: 99, flags: 'Default' });
    const dropped = await client.next('UnsubscribeApplied', (m) => m.requestId === 4);
    expect(dropped.rows?.tables.map((t) => [t.table, t.rows.length])).toEqual([['user', 1]]);
    const plain = await client.next('UnsubscribeApplied', (m) => m.requestId === 5);
    expect(plain.rows).toBeUndefined();
    expect(await client.next('SubscriptionError', (m) => m.requestId === 6)).toMatchObject({
      querySetId: 99,
    });

    // Nothing is streamed for the dropped query sets.
    client.send({
      tag: 'CallReducer',
      requestId: 7,
      flags: 0,
      reducer: 'set_name',
      args: stringArg('x'),
    });
    expect(await client.next('ReducerResult', (m) => m.requestId === 7)).toMatchObject({
      result: { tag: 'Ok', transactionUpdate: { querySets: [] } },
    });
  });

  it('sends event-table rows as EventTable updates', async () => {
    const s = await server();
    const listener = await raw(s);
    const emitter = await raw(s);
    listener.send({
      tag: 'Subscribe',
      requestId: 1,
      querySetId: 1,
      queryStrings: ['SELECT * FROM ping'],
    });
    await listener.next('SubscribeApplied');
    emitter.send({
      tag: 'CallReducer',
      requestId: 1,
      flags: 0,
      reducer: 'emit_ping',
      args: stringArg('boop'),
    });
    const update = await listener.next('TransactionUpdate');
    const rows = update.querySets[0]!.tables[0]!.rows[0]!;
    expect(rows.tag).toBe('EventTable');
    expect(rows.tag === 'EventTable' && rows.events.map(readString)).toEqual(['boop']);
  });
});

describe('framing', () => {
  it('answers a v3 frame of several messages with one frame of several replies', async () => {
    const s = await server();
    const client = await raw(s);
    const { encodeClientMessage } = await import('../../src/protocol/encode-client-message.js');
    const a = encodeClientMessage({
      tag: 'Subscribe',
      requestId: 1,
      querySetId: 1,
      queryStrings: ['SELECT * FROM user'],
    });
    const b = encodeClientMessage({
      tag: 'Subscribe',
      requestId: 2,
      querySetId: 2,
      queryStrings: ['SELECT * FROM blob'],
    });
    const framesBefore = client.frames.length;
    client.sendBytes(new Uint8Array([...a, ...b]));
    await client.next('SubscribeApplied', (m) => m.querySetId === 2);
    expect(client.frames.length - framesBefore).toBe(1);
  });

  it.each([
    ['Gzip', 2],
    ['Brotli', 1],
  ])(
    'compresses large frames with %s (tag %i) and leaves small ones alone',
    async (compression, tag) => {
      const s = await server();
      const client = await raw(s, { query: { compression } });
      expect(client.frames[0]![0]).toBe(0);
      client.send({
        tag: 'CallReducer',
        requestId: 1,
        flags: 0,
        reducer: 'add_blobs',
        args: u32Args(4, 2000),
      });
      await client.next('ReducerResult');
      client.send({
        tag: 'Subscribe',
        requestId: 2,
        querySetId: 1,
        queryStrings: ['SELECT * FROM blob'],
      });
      const applied = await client.next('SubscribeApplied');
      expect(applied.rows.tables[0]!.rows).toHaveLength(4);
      expect(client.frames.at(-1)![0]).toBe(tag);
    },
  );
});

describe('misbehaving clients', () => {
  const CASES: [string, (c: RawClient) => void, number, RegExp][] = [
    [
      'an unknown message tag',
      (c) => c.sendBytes(new Uint8Array([9, 1, 2, 3])),
      1011,
      /unknown client message tag 9/,
    ],
    [
      'a truncated message',
      (c) => c.sendBytes(new Uint8Array([3, 1])),
      1011,
      /unexpected end of message/,
    ],
    [
      'an empty frame',
      (c) => c.sendBytes(new Uint8Array(0)),
      1011,
      /at least one message|unexpected end/,
    ],
    ['a text frame', (c) => c.socket.send('hello'), 1011, /does not support text messages/],
    [
      'a reducer flag other than 0',
      (c) => c.sendBytes(new Uint8Array([3, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0])),
      1011,
      /invalid call reducer flag 5/,
    ],
    // `ws` closes with 1009 (message too big) itself, without a reason text.
    ['a frame over the size limit', (c) => c.sendBytes(new Uint8Array(4096)), 1009, /^$/],
  ];

  it.each(CASES)(
    'closes the connection on %s, runs clientDisconnected, and keeps serving others',
    async (_what, misbehave, code, reason) => {
      const s = await server({ realtime: { maxIncomingBytes: 1024 } });
      const bystander = await raw(s);
      bystander.send({
        tag: 'Subscribe',
        requestId: 1,
        querySetId: 1,
        queryStrings: ['SELECT * FROM user'],
      });
      await bystander.next('SubscribeApplied');
      const offender = await raw(s);
      const offenderId = (offender.messages[0] as Of<'InitialConnection'>).identity;
      misbehave(offender);
      const closed = await offender.closed;
      expect(closed.code).toBe(code);
      expect(closed.reason).toMatch(reason);
      await eventually(() => {
        const offline = bystander.messages
          .filter((m): m is Of<'TransactionUpdate'> => m.tag === 'TransactionUpdate')
          .flatMap((m) =>
            m.querySets.flatMap((q) =>
              q.tables.flatMap((t) => persistent(t).inserts.map(readUser)),
            ),
          )
          .find((u) => u.identity === offenderId && !u.online);
        expect(offline).toBeDefined();
      });
      bystander.send({
        tag: 'CallReducer',
        requestId: 2,
        flags: 0,
        reducer: 'set_name',
        args: stringArg('still here'),
      });
      expect((await bystander.next('ReducerResult')).result.tag).toBe('Ok');
      expect(s.errors).toEqual([]);
      expect(identityToHex(offenderId)).toMatch(/^c200/);
    },
  );
});
