import { describe, expect, it } from 'vitest';
import { sqlResultsToJson } from './sql-result-json.js';
import { ALICE, OWNER } from './testing/fixture-schema.js';
import { setup } from './testing/sql-harness.js';

const NOT_AUTHORIZED = `Caller ${ALICE.toString(16).padStart(64, '0')} is not authorized to run SQL DML statements`;

describe('executeSql: INSERT', () => {
  it('inserts several rows and reports how many', () => {
    const { run, rows } = setup();
    const result = run(
      "INSERT INTO posts (id, author, title, body) VALUES (20, 2, 'bob''s', 0xBEEF), (21, 2, 'two', X'')",
    );
    expect(result.stats).toEqual({ rowsInserted: 2, rowsDeleted: 0, rowsUpdated: 0 });
    expect(result.rows).toEqual([]);
    expect(result.schema).toEqual({ elements: [] });
    expect(rows('select * from posts where author = 2')).toEqual([
      [20n, 2, "bob's", 'beef'],
      [21n, 2, 'two', ''],
    ]);
  });

  it('matches the column list by name', () => {
    const { run, rows } = setup();
    run("insert into posts (title, body, author, id) values ('reordered', X'', 3, 30)");
    expect(rows('select * from posts where id = 30')).toEqual([[30n, 3, 'reordered', '']]);
  });

  it('does not count a row that is already there', () => {
    const { run } = setup();
    expect(
      run('insert into scores (player, level, points) values (1, 1, 100)').stats.rowsInserted,
    ).toBe(0);
  });

  it('changes nothing when one row breaks a unique constraint', () => {
    const { run, fail, store } = setup();
    const before = store.rows('posts');
    const error = fail(
      "insert into posts (id, author, title, body) values (40, 1, 'new', 0x), (10, 1, 'dup', 0x)",
    );
    expect(error.kind).toBe('execution');
    expect(error.message).toMatch(/unique/i);
    expect(store.rows('posts')).toEqual(before);
    expect(run('select count(*) as n from posts where id = 40').rows).toEqual([[0n]]);
  });

  it.each([
    [
      "insert into posts (id, author, title, body) values (1, 2, 'x', '')",
      'Unexpected type: (expected) String != Array<U8> (inferred)',
    ],
    [
      "insert into posts values (1, 2, 'x', '')",
      'The number of fields (0) in the INSERT does not match the number of columns (4) of the table `posts`',
    ],
    [
      "insert into posts (id, author, title) values (1, 2, 'x')",
      'The number of fields (3) in the INSERT does not match the number of columns (4) of the table `posts`',
    ],
    [
      "insert into posts (id, author, title, body) values (1, 2, 'x')",
      'Inserting a row with 3 values into `posts` which has 4 fields',
    ],
    [
      "insert into posts (id, author, title, nope) values (1, 2, 'x', '')",
      '`posts` does not have a field `nope`',
    ],
    ["insert into posts (id, id, title, body) values (1, 2, 'x', '')", 'Duplicate name `id`'],
    [
      "insert into posts (id, author, title, body) values ('1', 2, 'x', '')",
      'Unexpected type: (expected) String != U64 (inferred)',
    ],
    [
      "insert into posts (id, author, title, body) values (1, 2, true, '')",
      'Unexpected type: (expected) Bool != String (inferred)',
    ],
    [
      "insert into posts (id, author, title, body) values (1, -2, 'x', '')",
      'The literal expression `-2` cannot be parsed as type `U32`',
    ],
    [
      "insert into posts (id, author, title, body) values (1, 2, 'x', 0xABC)",
      'The literal expression `ABC` cannot be parsed as type `Array<U8>`',
    ],
    [
      "insert into users (id, name, age, score, owner, active, joined, nick) values (9, 'x', 1, 1, 0x00, true, 0, 'n')",
      'The literal expression `00` cannot be parsed as type `(__identity__: U256)`',
    ],
    [
      'insert into nope (a) values (1)',
      'no such table: `nope`. If the table exists, it may be marked private.',
    ],
  ])('rejects %j', (query, message) => {
    const { fail, store } = setup();
    const before = store.rows('posts');
    expect(fail(query).message).toBe(message);
    expect(store.rows('posts')).toEqual(before);
  });
});

describe('executeSql: UPDATE and DELETE', () => {
  it('updates the matching rows, reading them all before writing', () => {
    const { run, rows } = setup();
    const result = run('update scores set points = 0, level = 9 where player = 1 and level >= 2');
    expect(result.stats).toEqual({ rowsInserted: 0, rowsDeleted: 0, rowsUpdated: 2 });
    expect(rows('select level, points from scores where player = 1')).toEqual([
      [1, 100n],
      [9, 0n],
    ]);
    expect(run('update scores set points = 1 where player = 42').stats.rowsUpdated).toBe(0);
  });

  it('rolls the whole update back when a new row breaks a unique constraint', () => {
    const { fail, store } = setup();
    const before = store.rows('posts');
    expect(fail('update posts set id = 10 where author = 1').message).toMatch(/unique/i);
    expect(store.rows('posts')).toEqual(before);
  });

  it('deletes the matching rows, or all of them', () => {
    const { run, rows } = setup();
    expect(run('delete from scores where points < 50').stats).toEqual({
      rowsInserted: 0,
      rowsDeleted: 2,
      rowsUpdated: 0,
    });
    expect(rows('select points from scores')).toEqual([[100n], [250n]]);
    expect(run('delete from scores where player = 7').stats.rowsDeleted).toBe(0);
    expect(run('delete from scores').stats.rowsDeleted).toBe(2);
    expect(rows('select * from scores')).toEqual([]);
  });

  it.each([
    ['update scores set nope = 1', '`scores` does not have a field `nope`'],
    ["update scores set points = 'x'", 'Unexpected type: (expected) String != I64 (inferred)'],
    ['update scores set points = 1 where nope = 2', '`nope` is not in scope'],
    [
      'delete from scores where points = 1.5',
      'The literal expression `1.5` cannot be parsed as type `I64`',
    ],
    ['delete from nope', 'no such table: `nope`. If the table exists, it may be marked private.'],
  ])('rejects %j', (query, message) => {
    expect(setup().fail(query).message).toBe(message);
  });
});

describe('executeSql: authorization', () => {
  it('lets only the owner run DML, after checking the statement', () => {
    const { fail, store } = setup();
    const before = store.rows('scores');
    const denied = fail('delete from scores', ALICE);
    expect(denied.kind).toBe('unauthorized');
    expect(denied.message).toBe(NOT_AUTHORIZED);
    expect(fail('insert into scores (player, level, points) values (5, 5, 5)', ALICE).message).toBe(
      NOT_AUTHORIZED,
    );
    expect(fail('update scores set points = 0', ALICE).message).toBe(NOT_AUTHORIZED);
    expect(fail('update scores set nope = 0', ALICE).message).toBe(
      '`scores` does not have a field `nope`',
    );
    expect(fail('delete from secrets', ALICE).message).toMatch(/^no such table: `secrets`/);
    expect(store.rows('scores')).toEqual(before);
  });
});

describe('executeSql: SET and SHOW', () => {
  it('stores row_limit, shows it, and applies it to everyone but the owner', () => {
    const { run, rows, fail, vars } = setup();
    expect(rows('show row_limit')).toEqual([]);
    run('SET row_limit = 2');
    expect(vars.get('row_limit')).toBe(2n);
    const shown = run('SHOW row_limit');
    expect(shown.rows).toEqual([[[8, 2n]]]);
    expect(shown.schema.elements[0]!.name).toBe('value');
    expect(fail('select * from scores', ALICE).message).toBe(
      'Estimated cardinality (4 rows) exceeds limit (2 rows)',
    );
    expect(rows('select * from scores', OWNER)).toHaveLength(4);
    expect(rows('select * from users where id = 1', ALICE)).toHaveLength(1);
  });

  it.each([
    ['set row_limit = 5', NOT_AUTHORIZED, ALICE],
    ['set other = 5', 'other is not a valid system variable', OWNER],
    ['show other', 'other is not a valid system variable', OWNER],
    ["set row_limit = 'a'", 'Unexpected type: (expected) U64 != String (inferred)', OWNER],
    ['set row_limit = -1', 'The literal expression `-1` cannot be parsed as type `U64`', OWNER],
  ])('rejects %j', (query, message, caller) => {
    expect(setup().fail(query, caller).message).toBe(message);
  });
});

describe('sqlResultsToJson', () => {
  it('writes the /sql response body as SpacetimeDB does', () => {
    const { run } = setup();
    const result = run('select id, name from users where id = 1');
    expect(sqlResultsToJson([{ ...result, totalDurationMicros: 7 }])).toBe(
      '[{"schema":{"elements":[{"name":{"some":"id"},"algebraic_type":{"U32":[]}},' +
        '{"name":{"some":"name"},"algebraic_type":{"String":[]}}]},"rows":[[1,"alice"]],' +
        '"total_duration_micros":7,"stats":{"rows_inserted":0,"rows_deleted":0,"rows_updated":0}}]',
    );
    const big = run('select points from scores where player = 2');
    expect(sqlResultsToJson([big])).toContain('"rows":[[7]]');
  });
});
