import { describe, expect, it } from 'vitest';
import {
  NO_ARGS,
  readMessage,
  readString,
  readUser,
  stringArg,
  u32Args,
} from './support/chat-values.js';
import { persistent, tablesOf, useRawSessions } from './support/raw-sessions.js';
import { DB_NAME } from './support/realtime-test-server.js';

const { server, raw } = useRawSessions();

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
