import { describe, expect, it } from 'vitest';
import type { TxChanges } from '../datastore/datastore.js';
import type { ServerMessage } from '../protocol/server-message.js';
import type { CommitUpdates, QuerySetUpdate } from '../subscription/query-set-update.js';
import { DatabaseHub, type HubConnection } from './database-hub.js';
import type { RealtimeDatabase, SubscriptionPort } from './subscription-port.js';

type Listener = (changes: TxChanges, durable: Promise<void>) => void;

function fakeDatabase() {
  const listeners = new Set<Listener>();
  const database = {
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
  return { database, listeners, commit };
}

function fakeEngine(next: () => CommitUpdates): SubscriptionPort {
  return {
    subscribe: () => [],
    unsubscribe: () => [],
    dropConnection: () => {},
    onCommit: next,
    oneOffQuery: () => ({ tableName: 'note', rows: [] }),
  };
}

class FakeConnection implements HubConnection {
  readonly sent: ServerMessage[] = [];
  failed: string | undefined;
  constructor(readonly key: string) {}
  sendCommitted(message: ServerMessage): void {
    this.sent.push(message);
  }
  fail(reason: string): void {
    this.failed = reason;
  }
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

describe('DatabaseHub', () => {
  it('listens to commits only while it has connections', () => {
    const { database, listeners } = fakeDatabase();
    const hub = new DatabaseHub(
      database,
      fakeEngine(() => NONE),
      () => {},
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
    const hub = new DatabaseHub(
      database,
      fakeEngine(() => updates),
      () => {},
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
    const hub = new DatabaseHub(
      database,
      fakeEngine(() =>
        only([
          ['a', [noteUpdate(1, 1)]],
          ['b', [noteUpdate(3, 1)]],
        ]),
      ),
      () => {},
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
    const hub = new DatabaseHub(
      database,
      fakeEngine(() => NONE),
      () => {},
    );
    const a = new FakeConnection('a');
    hub.add(a);
    expect(hub.asCaller(a, () => commit(1n)).committed?.update).toEqual({ querySets: [] });
    expect(hub.asCaller(a, () => undefined).committed).toBeUndefined();
  });

  it('sends a failed query set as SubscriptionError without a request id, before the update', () => {
    const { database, commit } = fakeDatabase();
    const hub = new DatabaseHub(
      database,
      fakeEngine(() => ({
        updates: new Map([['a', [noteUpdate(5, 2)]]]),
        failures: [{ connectionKey: 'a', querySetId: 4, message: 'view failed' }],
      })),
      () => {},
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
    const hub = new DatabaseHub(
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

  it('tracks the latest durability promise for replies read from the committed state', () => {
    const { database, commit } = fakeDatabase();
    const hub = new DatabaseHub(
      database,
      fakeEngine(() => NONE),
      () => {},
    );
    hub.add(new FakeConnection('a'));
    const durable = new Promise<void>(() => {});
    commit(1n, durable);
    expect(hub.latestDurable).toBe(durable);
  });
});
