import { describe, expect, it } from 'vitest';
import { bsatnToJson } from '../sats/sats-json.js';
import type { ViewSchema } from '../schema/module-schema.js';
import { runViewQuery } from './run-view-query.js';
import { SqlError } from './sql-error.js';
import { ALICE, fixtureSchema, seed } from './testing/fixture-schema.js';
import { setup } from './testing/sql-harness.js';
import type { SqlTestStore } from './testing/sql-test-store.js';

const usersRowType = fixtureSchema().tables[0]!.rowType;
const postsRowType = fixtureSchema().tables[1]!.rowType;

function view(
  name: string,
  rowType: ViewSchema['rowType'],
  extra: Partial<ViewSchema> = {},
): ViewSchema {
  return {
    id: 0,
    name,
    perSender: false,
    isPublic: true,
    params: { elements: [] },
    returnType: { tag: 'Array', value: { tag: 'Product', value: rowType } },
    rowType,
    ...extra,
  };
}

const VIEWS = [
  view('active_users', usersRowType),
  view('my_posts', postsRowType, { id: 0, perSender: true, isPublic: false }),
  view('posts_by', postsRowType, {
    id: 1,
    params: { elements: [{ name: 'author', algebraicType: { tag: 'U32' } }] },
  }),
];

/** Stands in for the database calling the view: `active_users` runs a query, `my_posts` returns posts 10 and 11. */
function viewRows(store: SqlTestStore, name: string): readonly Uint8Array[] {
  if (name === 'active_users')
    return runViewQuery(
      'SELECT * FROM "users" WHERE "users"."active" = TRUE',
      store.schema,
      store.committed,
    );
  if (name === 'my_posts') return store.rows('posts').slice(0, 2);
  throw new Error(`unexpected view ${name}`);
}

function json(store: SqlTestStore, tableName: string, rows: readonly Uint8Array[]): unknown[] {
  const rowType = store.table(tableName).rowType;
  return rows.map((r) =>
    bsatnToJson({ tag: 'Product', value: rowType }, store.schema.typespace, r),
  );
}

describe('runViewQuery', () => {
  it('runs a query-builder view query over tables, private ones included', () => {
    const { store } = setup();
    const rows = runViewQuery(
      'SELECT * FROM "secrets" WHERE "secrets"."id" = 1',
      store.schema,
      store.committed,
    );
    expect(json(store, 'secrets', rows)).toEqual([[1, 'psst']]);
  });

  it('returns the right-hand rows of a semijoin', () => {
    const { store } = setup();
    const rows = runViewQuery(
      'SELECT "posts".* FROM "users" JOIN "posts" ON "users"."id" = "posts"."author" WHERE ("users"."name" = \'carol\')',
      store.schema,
      store.committed,
      postsRowType,
    );
    expect(json(store, 'posts', rows)).toEqual([[12n, 3, 'carol here', '00ff']]);
  });

  it('accepts the declared (camelCase) column names query builders write', () => {
    const { store } = setup();
    seed(store, 'profiles', [[['0xb2'], 'Alice']]);
    const rows = runViewQuery(
      `SELECT * FROM "profiles" WHERE "profiles"."ownerId" = 0x${ALICE.toString(16).padStart(64, '0')}`,
      store.schema,
      store.committed,
    );
    expect(json(store, 'profiles', rows)).toEqual([[['0xb2'], 'Alice']]);
  });

  it.each([
    ['SELECT * FROM users LIMIT 1', 'Unsupported: SELECT * FROM users LIMIT 1'],
    [
      'SELECT name FROM users',
      'Column projections are not supported in subscriptions; Subscriptions must return a table type',
    ],
    [
      'SELECT COUNT(*) AS n FROM users',
      'Column projections are not supported in subscriptions; Subscriptions must return a table type',
    ],
    [
      'SELECT * FROM users WHERE owner = :sender',
      'parameterized SQL is not supported for view materialization yet',
    ],
    ['DELETE FROM users', 'Unsupported: Non-SELECT queries'],
    ['SELECT * FROM active_users', 'view definition cannot read from other views'],
    [
      'SELECT * FROM posts',
      'query returns `(id: U64, author: U32, title: String, body: Array<U8>)` but view expects `(id: U32, name: String, age: U8, score: F64, owner: (__identity__: U256), active: Bool, joined: (__timestamp_micros_since_unix_epoch__: I64), nick: (some: String | none: ()))`',
    ],
  ])('rejects %j', (query, message) => {
    const { store } = setup({ views: VIEWS });
    expect(() => runViewQuery(query, store.schema, store.committed, usersRowType)).toThrow(
      SqlError,
    );
    expect(() => runViewQuery(query, store.schema, store.committed, usersRowType)).toThrow(message);
  });
});

describe('executeSql over views', () => {
  it('reads a view like a table, filters, joins and counts it', () => {
    const { rows } = setup({ views: VIEWS, viewRows });
    expect(rows('select name from active_users')).toEqual([['alice'], ['carol']]);
    expect(rows('select name from active_users where age > 30')).toEqual([['carol']]);
    expect(rows('select count(*) as n from active_users')).toEqual([[2n]]);
    expect(rows('select p.title from active_users u join posts p on u.id = p.author')).toEqual([
      ['hello'],
      ['again'],
      ['carol here'],
    ]);
  });

  it('keeps private views to the owner and never writes to a view', () => {
    const { rows, fail } = setup({ views: VIEWS, viewRows });
    expect(rows('select id from my_posts')).toEqual([[10n], [11n]]);
    expect(fail('select id from my_posts', ALICE).message).toBe(
      'no such table: `my_posts`. If the table exists, it may be marked private.',
    );
    expect(fail('delete from active_users').message).toBe(
      '`active_users` is a view; DML on views is not supported',
    );
    expect(fail('insert into active_users (id) values (1)').message).toBe(
      '`active_users` is a view; DML on views is not supported',
    );
  });

  it('refuses views it cannot materialise', () => {
    expect(setup({ views: VIEWS, viewRows }).fail('select * from posts_by').message).toBe(
      '`posts_by` is a view; spacetime-host does not run SQL over views yet',
    );
    expect(setup({ views: VIEWS }).fail('select * from active_users').message).toBe(
      '`active_users` is a view; spacetime-host does not run SQL over views yet',
    );
  });
});
