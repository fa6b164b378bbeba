import { describe, expect, it } from 'vitest';
import type { TxChanges } from '../datastore/datastore.js';
import type { ServerMessage } from '../protocol/server-message.js';
import type { CommitUpdates, QuerySetUpdate } from '../subscription/query-set-update.js';
import { DatabaseHub, type HubConnection } from './database-hub.js';
import type { RealtimeDatabase, RealtimeSwap, SubscriptionPort } from './subscription-port.js';

type Listener = (changes: TxChanges, durable: Promise<void>) => void;

function fakeDatabase() {
  const listeners = new Set<Listener>();
  const swapListeners = new Set<(swap: RealtimeSwap) => void>();
  const database = {
    onSwap(listener: (swap: RealtimeSwap) => void) {
      swapListeners.add(listener);
      return () => swapListeners.delete(listener);
    },
    schema: {
      tables: [
        { name: 'note', isEvent: false },
        { name: 'ping', isEvent: true },
      ],
    },
    onCommit(listener: Listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  } as unknown as RealtimeDatabase;
  const commit = (timestamp: bigint, durable = Promise.resolve()) => {
    for (const listener of listeners) listener({ txOffset: 1n, timestamp, tables: [] }, durable);
  };
  const swapTo = (successor: RealtimeDatabase, disconnectsClients = false) => {
    for (const listener of swapListeners) listener({ successor, disconnectsClients });
  };
  return { database, listeners, commit, swapTo };
}

function fakeEngine(next: () => CommitUpdates): SubscriptionPort {
  return {
    subscribe: () => [],
    unsubscribe: () => [],
    dropConnection: () => {},
    querySets: () => [],
    onCommit: next,
    oneOffQuery: () => ({ tableName: 'note', rows: [] }),
  };
}

class FakeConnection implements HubConnection {
  readonly sent: ServerMessage[] = [];
  readonly caller = { identity: 1n, connectionId: 1n };
  failed: string | undefined;
  exited = false;
  constructor(readonly key: string) {}
  sendCommitted(message: ServerMessage): void {
    this.sent.push(message);
  }
  fail(reason: string): void {
    this.failed = reason;
  }
  moduleExited(): void {
    this.exited = true;
  }
}

function hubOver(
  database: RealtimeDatabase,
  engine: SubscriptionPort,
  logError: (message: string, error: unknown) => void = () => {},
): DatabaseHub {
  return new DatabaseHub(database, { engines: () => engine, logError });
}

const row = (n: number) => new Uint8Array([n]);
const noteUpdate = (querySetId: number, n: number): QuerySetUpdate => ({
  querySetId,
  tables: [{ tableName: 'note', rows: [{ kind: 'persistent', inserts: [row(n)], deletes: [] }] }],
});
const only = (updates: [string, QuerySetUpdate[]][]): CommitUpdates => ({
  updates: new Map(updates),
  failures: [],
});
const NONE = only([]);
const transactionOf = (update: QuerySetUpdate) => ({
  querySets: [
    {
      querySetId: update.querySetId,
      tables: update.tables.map((table) => ({
        tableName: table.tableName,
        rows: table.rows.map((rows) =>
          rows.kind === 'persistent'
            ? { tag: 'PersistentTable', inserts: rows.inserts, deletes: rows.deletes }
            : { tag: 'EventTable', events: rows.events },
        ),
      })),
    },
  ],
});

describe('DatabaseHub', () => {
  it('listens to commits only while it has connections', () => {
    const { database, listeners } = fakeDatabase();
    const hub = hubOver(
      database,
      fakeEngine(() => NONE),
    );
    const a = new FakeConnection('a');
    expect(listeners.size).toBe(0);
    hub.add(a);
    hub.add(new FakeConnection('b'));
    expect(listeners.size).toBe(1);
    hub.remove(a);
    expect(listeners.size).toBe(1);
    hub.remove(new FakeConnection('b'));
    // A different connection object under the same key is not the one registered.
    expect(listeners.size).toBe(1);
  });

  it('sends each affected connection its TransactionUpdate, event rows as EventTable rows', () => {
    const { database, commit } = fakeDatabase();
    const updates = only([
      ['a', [noteUpdate(1, 7)]],
      [
        'b',
        [
          {
            querySetId: 2,
            tables: [{ tableName: 'ping', rows: [{ kind: 'event', events: [row(9)] }] }],
          },
        ],
      ],
    ]);
    const hub = hubOver(
      database,
      fakeEngine(() => updates),
    );
    const [a, b, c] = [new FakeConnection('a'), new FakeConnection('b'), new FakeConnection('c')];
    for (const connection of [a, b, c]) hub.add(connection);
    commit(5n);
    expect(a.sent).toEqual([
      {
        tag: 'TransactionUpdate',
        querySets: [
          {
            querySetId: 1,
            tables: [
              {
                tableName: 'note',
                rows: [{ tag: 'PersistentTable', inserts: [row(7)], deletes: [] }],
              },
            ],
          },
        ],
      },
    ]);
    expect(b.sent).toEqual([
      {
        tag: 'TransactionUpdate',
        querySets: [
          {
            querySetId: 2,
            tables: [{ tableName: 'ping', rows: [{ tag: 'EventTable', events: [row(9)] }] }],
          },
        ],
      },
    ]);
    expect(c.sent).toEqual([]);
  });

  it("holds the caller's share back for its ReducerResult, with the transaction's timestamp", () => {
    const { database, commit } = fakeDatabase();
    const hub = hubOver(
      database,
      fakeEngine(() =>
        only([
          ['a', [noteUpdate(1, 1)]],
          ['b', [noteUpdate(3, 1)]],
        ]),
      ),
    );
    const [a, b] = [new FakeConnection('a'), new FakeConnection('b')];
    hub.add(a);
    hub.add(b);
    const { result, committed } = hub.asCaller(a, () => {
      commit(42n);
      return 'ran';
    });
    expect(result).toBe('ran');
    expect(committed?.timestamp).toBe(42n);
    expect(committed?.update.querySets.map((q) => q.querySetId)).toEqual([1]);
    expect(a.sent).toEqual([]);
    expect(b.sent).toHaveLength(1);
    // Outside the call, the same connection gets ordinary updates again.
    commit(43n);
    expect(a.sent).toHaveLength(1);
  });

  it('reports a commit with nothing for the caller as an empty update, and no commit as none', () => {
    const { database, commit } = fakeDatabase();
    const hub = hubOver(
      database,
      fakeEngine(() => NONE),
    );
    const a = new FakeConnection('a');
    hub.add(a);
    expect(hub.asCaller(a, () => commit(1n)).committed?.update).toEqual({ querySets: [] });
    expect(hub.asCaller(a, () => undefined).committed).toBeUndefined();
  });

  it('sends a failed query set as SubscriptionError without a request id, before the update', () => {
    const { database, commit } = fakeDatabase();
    const hub = hubOver(
      database,
      fakeEngine(() => ({
        updates: new Map([['a', [noteUpdate(5, 2)]]]),
        failures: [{ connectionKey: 'a', querySetId: 4, message: 'view failed' }],
      })),
    );
    const a = new FakeConnection('a');
    hub.add(a);
    commit(1n);
    expect(a.sent.map((m) => m.tag)).toEqual(['SubscriptionError', 'TransactionUpdate']);
    expect(a.sent[0]).toEqual({ tag: 'SubscriptionError', querySetId: 4, error: 'view failed' });
  });

  it('ends every connection when the engine cannot evaluate a transaction', () => {
    const { database, commit } = fakeDatabase();
    const logged: unknown[] = [];
    const hub = hubOver(
      database,
      fakeEngine(() => {
        throw new Error('bug');
      }),
      (_message, error) => logged.push(error),
    );
    const [a, b] = [new FakeConnection('a'), new FakeConnection('b')];
    hub.add(a);
    hub.add(b);
    commit(1n);
    expect([a.failed, b.failed]).toEqual([
      'subscription evaluation failed',
      'subscription evaluation failed',
    ]);
    expect(logged).toHaveLength(1);
  });

  it('follows an update that keeps clients to the successor: its commits, a new engine, the moved rows', () => {
    const v1 = fakeDatabase();
    const v2 = fakeDatabase();
    const moved: RealtimeDatabase[] = [];
    const carried: string[] = [];
    const oldEngine: SubscriptionPort = {
      ...fakeEngine(() => only([['a', [noteUpdate(1, 1)]]])),
      querySets: (key) => (key === 'a' ? [{ querySetId: 1, queries: ['SELECT * FROM note'] }] : []),
      unsubscribe: () => [{ tableName: 'note', rows: [row(1)] }],
    };
    const newEngine: SubscriptionPort = {
      ...fakeEngine(() => only([['a', [noteUpdate(1, 3)]]])),
      subscribe: (key, caller, querySetId, queries) => {
        carried.push(`${key} ${caller.connectionId} ${querySetId} ${queries.join()}`);
        return [{ tableName: 'note', rows: [row(1), row(2)] }];
      },
    };
    const engines = [oldEngine, newEngine];
    const hub = new DatabaseHub(v1.database, {
      engines: () => engines.shift()!,
      logError: () => {},
      onMoved: (database) => moved.push(database),
    });
    const [a, b] = [new FakeConnection('a'), new FakeConnection('b')];
    hub.add(a);
    hub.add(b);
    v1.swapTo(v2.database);
    expect(hub.database).toBe(v2.database);
    expect(hub.engine).toBe(newEngine);
    expect(moved).toEqual([v2.database]);
    expect(carried).toEqual(['a 1 1 SELECT * FROM note']);
    expect(a.sent).toEqual([{ tag: 'TransactionUpdate', ...transactionOf(noteUpdate(1, 2)) }]);
    expect(b.sent).toEqual([]);
    expect([v1.listeners.size, v2.listeners.size]).toEqual([0, 1]);
    v2.commit(9n);
    expect(a.sent.at(-1)).toEqual({ tag: 'TransactionUpdate', ...transactionOf(noteUpdate(1, 3)) });
    expect([a.exited, b.exited]).toEqual([false, false]);
  });

  it('ends every session when the update disconnects clients, and stays with the old database', () => {
    const v1 = fakeDatabase();
    const v2 = fakeDatabase();
    const hub = hubOver(
      v1.database,
      fakeEngine(() => NONE),
    );
    const [a, b] = [new FakeConnection('a'), new FakeConnection('b')];
    hub.add(a);
    hub.add(b);
    v1.swapTo(v2.database, true);
    expect([a.exited, b.exited]).toEqual([true, true]);
    expect(hub.database).toBe(v1.database);
    expect(v2.listeners.size).toBe(0);
    expect(a.sent).toEqual([]);
  });

  it('tracks the latest durability promise for replies read from the committed state', () => {
    const { database, commit } = fakeDatabase();
    const hub = hubOver(
      database,
      fakeEngine(() => NONE),
    );
    hub.add(new FakeConnection('a'));
    const durable = new Promise<void>(() => {});
    commit(1n, durable);
    expect(hub.latestDurable).toBe(durable);
  });
});
