import { describe, expect, it } from 'vitest';
import type { ServerMessage } from '../protocol/server-message.js';
import { runViewQuery } from '../sql/run-view-query.js';
import { SubscriptionEngine } from '../subscription/subscription-engine.js';
import { caller, EngineFixture, testViews } from '../subscription/testing/engine-fixture.js';
import { ALICE, OWNER, testSchema } from '../subscription/testing/test-schema.js';
import type { ViewRunner } from '../subscription/view-materializations.js';
import { carrySubscriptions } from './carry-subscriptions.js';

const alice = [1, 'alice', 30, ['0xb2'], true];
const bob = [2, 'bob', 12, ['0xc3'], false];
const carol = [3, 'carol', 45, ['0xb2'], true];

/** The module after the update: `adults` now means 40 and over, `my_user` throws. */
const updatedViews: ViewRunner = (name, sender, tx) => {
  if (name === 'adults') {
    return runViewQuery('SELECT * FROM users WHERE age >= 40', testSchema(), tx);
  }
  if (name === 'my_user') throw new Error('my_user is broken in v2');
  return testViews(name, sender, tx);
};

function setUp() {
  const f = new EngineFixture();
  f.commit((w) => {
    w.insert('users', alice);
    w.insert('users', bob);
    w.insert('users', carol);
  });
  const next = new SubscriptionEngine({
    schema: f.schema,
    datastore: f.datastore,
    owner: OWNER,
    views: updatedViews,
  });
  return { f, next };
}

/** The messages with their rows as JSON, so the test reads like the rows it means. */
function readable(f: EngineFixture, messages: readonly ServerMessage[]) {
  return messages.map((message) => {
    if (message.tag !== 'TransactionUpdate') return message;
    return {
      tag: message.tag,
      querySets: message.querySets.map((set) => ({
        querySetId: set.querySetId,
        tables: set.tables.map((table) => ({
          table: table.tableName,
          rows: table.rows.map((rows) =>
            rows.tag === 'PersistentTable'
              ? {
                  inserts: f.json(table.tableName, rows.inserts),
                  deletes: f.json(table.tableName, rows.deletes),
                }
              : rows,
          ),
        })),
      })),
    };
  });
}

describe('carrySubscriptions', () => {
  it('moves every query set to the new engine and sends only what the new module changed', () => {
    const { f, next } = setUp();
    f.subscribe('c1', ALICE, 1, ['SELECT * FROM users WHERE active = true']);
    f.subscribe('c1', ALICE, 2, ['SELECT * FROM adults']);
    const messages = carrySubscriptions(f.engine, next, { key: 'c1', caller: caller(ALICE) });
    // The table query's rows did not change; the view lost alice under its new definition.
    expect(readable(f, messages)).toEqual([
      {
        tag: 'TransactionUpdate',
        querySets: [
          {
            querySetId: 2,
            tables: [{ table: 'adults', rows: [{ inserts: [], deletes: [alice] }] }],
          },
        ],
      },
    ]);
    expect(f.engine.querySets('c1')).toEqual([]);
    expect(f.engine.activeQueries).toBe(0);
    expect(next.querySets('c1')).toEqual([
      { querySetId: 1, queries: ['SELECT * FROM users WHERE active = true'] },
      { querySetId: 2, queries: ['SELECT * FROM adults'] },
    ]);

    // Later commits reach the connection through the new engine, under the new definition.
    const dave = [4, 'dave', 41, ['0xc3'], true];
    const result = next.onCommit(f.commitOnly((w) => w.insert('users', dave)));
    expect(f.readable(result)).toEqual({
      c1: {
        1: { users: [{ inserts: [dave], deletes: [] }] },
        2: { adults: [{ inserts: [dave], deletes: [] }] },
      },
    });
  });

  it('sends nothing for a connection whose rows are the same under the new module', () => {
    const { f, next } = setUp();
    f.subscribe('c1', ALICE, 1, [
      'SELECT * FROM users',
      "SELECT * FROM adults WHERE name = 'carol'",
    ]);
    expect(carrySubscriptions(f.engine, next, { key: 'c1', caller: caller(ALICE) })).toEqual([]);
    expect(next.querySets('c1')).toHaveLength(1);
  });

  it('counts rows as bags: a row two queries of the set returned is deleted twice', () => {
    const { f, next } = setUp();
    f.subscribe('c1', ALICE, 7, ['SELECT * FROM adults', 'SELECT * FROM adults WHERE age < 40']);
    const [update] = readable(
      f,
      carrySubscriptions(f.engine, next, { key: 'c1', caller: caller(ALICE) }),
    );
    expect(update).toEqual({
      tag: 'TransactionUpdate',
      querySets: [
        {
          querySetId: 7,
          tables: [{ table: 'adults', rows: [{ inserts: [], deletes: [alice, alice] }] }],
        },
      ],
    });
  });

  it('ends a query set whose view now throws with a SubscriptionError, and keeps the others', () => {
    const { f, next } = setUp();
    f.subscribe('c1', ALICE, 1, ['SELECT * FROM my_user']);
    f.subscribe('c1', ALICE, 2, ['SELECT * FROM users WHERE id = 2']);
    const messages = carrySubscriptions(f.engine, next, { key: 'c1', caller: caller(ALICE) });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ tag: 'SubscriptionError', querySetId: 1 });
    expect(messages[0]).not.toHaveProperty('requestId');
    expect((messages[0] as { error: string }).error).toContain('my_user is broken in v2');
    expect(next.querySets('c1')).toEqual([
      { querySetId: 2, queries: ['SELECT * FROM users WHERE id = 2'] },
    ]);
  });

  it('carries `SELECT * FROM *` as the tables it covered when it was subscribed', () => {
    const { f, next } = setUp();
    f.subscribe('c1', OWNER, 1, ['SELECT * FROM *']);
    const covered = f.engine.querySets('c1')[0]!.queries;
    expect(covered).toContain('SELECT * FROM "users"');
    expect(covered).toContain('SELECT * FROM "secrets"');
    expect(covered).not.toContain('SELECT * FROM "pings"');
    expect(carrySubscriptions(f.engine, next, { key: 'c1', caller: caller(OWNER) })).toEqual([]);
    expect(next.querySets('c1')[0]!.queries).toEqual(covered);
  });

  it('leaves other connections where they are', () => {
    const { f, next } = setUp();
    f.subscribe('c1', ALICE, 1, ['SELECT * FROM users']);
    f.subscribe('c2', ALICE, 1, ['SELECT * FROM users']);
    carrySubscriptions(f.engine, next, { key: 'c1', caller: caller(ALICE) });
    expect(f.engine.querySets('c2')).toHaveLength(1);
    expect(next.querySets('c2')).toEqual([]);
  });
});
