import { describe, expect, it } from 'vitest';
import { ALICE, OWNER, seed } from './testing/fixture-schema.js';
import { ALICE_HEX, setup } from './testing/sql-harness.js';

describe('executeSql: SELECT', () => {
  it('returns whole rows in SATS-JSON bare form with the table schema', () => {
    const { run } = setup();
    const result = run('SELECT * FROM users WHERE id = 1');
    expect(result.rows).toEqual([
      [1, 'alice', 30, 1.5, ['0xb2'], true, [1_700_000_000_000_000n], [0, 'al']],
    ]);
    expect(result.schema.elements.map((e) => e.name)).toEqual([
      'id',
      'name',
      'age',
      'score',
      'owner',
      'active',
      'joined',
      'nick',
    ]);
    expect(result.schema.elements[4]!.algebraicType).toEqual({
      tag: 'Product',
      value: { elements: [{ name: '__identity__', algebraicType: { tag: 'U256' } }] },
    });
    expect(result.stats).toEqual({ rowsInserted: 0, rowsDeleted: 0, rowsUpdated: 0 });
    expect(result.totalDurationMicros).toBeGreaterThanOrEqual(0);
  });

  it('projects columns under their aliases', () => {
    const { run } = setup();
    const result = run('select name, u.age as years from users as u where u.id = 2');
    expect(result.rows).toEqual([['bob', 25]]);
    expect(result.schema).toEqual({
      elements: [
        { name: 'name', algebraicType: { tag: 'String' } },
        { name: 'years', algebraicType: { tag: 'U8' } },
      ],
    });
  });

  it('filters with every comparison, AND, OR and parentheses', () => {
    const { rows } = setup();
    const ids = (where: string) =>
      rows(`select id from users where ${where}`)
        .map((r) => (r as number[])[0])
        .sort();
    expect(ids('age > 25')).toEqual([1, 3]);
    expect(ids('age >= 25')).toEqual([1, 2, 3]);
    expect(ids('age < 30')).toEqual([2]);
    expect(ids('age <= 30')).toEqual([1, 2]);
    expect(ids('age <> 30')).toEqual([2, 3]);
    expect(ids('age != 30')).toEqual([2, 3]);
    expect(ids('30 < age')).toEqual([3]);
    expect(ids("name = 'bob' or (active = true and age > 31)")).toEqual([2, 3]);
    expect(ids('active')).toEqual([1, 3]);
    expect(ids('true')).toEqual([1, 2, 3]);
    expect(ids('false')).toEqual([]);
    expect(ids('score < 0.5e1 and score > -1')).toEqual([1, 2]);
  });

  it('reads literals of every comparable type', () => {
    const { rows } = setup();
    const ids = (where: string) =>
      rows(`select id from users where ${where}`)
        .map((r) => (r as number[])[0])
        .sort();
    expect(ids(`owner = ${ALICE_HEX}`)).toEqual([1, 3]);
    expect(ids(`owner = X'${ALICE_HEX.slice(2)}'`)).toEqual([1, 3]);
    expect(ids(`owner = '${ALICE_HEX.slice(2)}'`)).toEqual([1, 3]);
    expect(ids("joined = '2023-11-14T22:13:20Z'")).toEqual([1]);
    expect(ids("joined > '2023-11-14 23:13:20+01:00'")).toEqual([3]);
    expect(ids('age = 3e1')).toEqual([1]);
    expect(ids("age = '25'")).toEqual([2]);
    expect(rows('select title from posts where body = 0xCAFE')).toEqual([['hello']]);
    expect(rows("select title from posts where body = ''")).toEqual([['again']]);
    expect(rows('select title from posts where id = 12')).toEqual([['carol here']]);
  });

  it('compares :sender with identity columns', () => {
    const { rows } = setup();
    expect(rows('select id from users where owner = :sender', ALICE)).toEqual([[1], [3]]);
    expect(rows('select id from users where :sender = owner', OWNER)).toEqual([[2]]);
  });

  it('uses a unique index for equality, a btree for ranges, and scans otherwise', () => {
    const { store, rows } = setup();
    const reads = (query: string) => {
      store.calls.length = 0;
      rows(query);
      return store.calls.filter((c) => c !== 'rowCount');
    };
    expect(reads('select * from users where id = 2')).toEqual(['point']);
    expect(reads('select * from users where age > 26 and age <= 35')).toEqual(['range']);
    expect(reads('select * from posts where id = 11')).toEqual(['point']);
    expect(reads("select * from users where name = 'bob'")).toEqual(['scan']);
    expect(reads('select * from users where id = 2 or id = 3')).toEqual(['scan']);
    expect(reads('select * from scores where player = 1 and level >= 2')).toEqual(['range']);
    expect(rows('select points from scores where player = 1 and level >= 2')).toEqual([
      [250n],
      [-5n],
    ]);
    expect(rows('select points from scores where player = 1 and level > 1 and level < 3')).toEqual([
      [250n],
    ]);
    expect(rows('select points from scores where level = 1 and player = 2')).toEqual([[7n]]);
  });

  it('joins tables, using an index on the joined column', () => {
    const { store, rows, run } = setup();
    store.calls.length = 0;
    const result = run(
      'select u.name, p.title from users u join posts p on u.id = p.author where u.active = true',
    );
    expect(result.rows).toEqual([
      ['alice', 'hello'],
      ['alice', 'again'],
      ['carol', 'carol here'],
    ]);
    expect(store.calls.filter((c) => c === 'point')).toHaveLength(2);
    expect(
      rows("select p.* from users u join posts p on p.author = u.id where u.name = 'carol'"),
    ).toEqual([[12n, 3, 'carol here', '00ff']]);
    expect(rows('select u.id from users u join posts p where p.id = 10').length).toBe(3);
    expect(
      rows(
        'select a.name as x, b.name as y from users a join users b on a.owner = b.owner where a.id < b.id',
      ),
    ).toEqual([['alice', 'carol']]);
    expect(
      rows(
        'select u.name, s.points from users u join posts p on u.id = p.author join scores s on s.player = p.author where s.level = 3',
      ),
    ).toEqual([
      ['alice', -5n],
      ['alice', -5n],
    ]);
  });

  it('limits and counts', () => {
    const { rows, run } = setup();
    expect(rows('select * from scores limit 2')).toHaveLength(2);
    expect(rows('select * from scores limit 0')).toEqual([]);
    expect(rows('select * from scores limit 1e1')).toHaveLength(4);
    const count = run('select count(*) as n from scores');
    expect(count.rows).toEqual([[4n]]);
    expect(count.schema).toEqual({ elements: [{ name: 'n', algebraicType: { tag: 'U64' } }] });
    expect(rows('select count(*) as n from scores where player = 1')).toEqual([[3n]]);
    expect(rows('select count(*) as n from scores where player = 9')).toEqual([[0n]]);
    expect(rows('select count(*) as n from users u join posts p on u.id = p.author')).toEqual([
      [3n],
    ]);
    expect(rows('select count(*) as n from scores limit 0')).toEqual([]);
  });

  it('hides private tables from everyone but the owner', () => {
    const { rows, fail } = setup();
    expect(rows('select * from secrets')).toEqual([[1, 'psst']]);
    expect(fail('select * from secrets', ALICE).message).toBe(
      'no such table: `secrets`. If the table exists, it may be marked private.',
    );
    expect(fail('select u.* from users u join secrets s on u.id = s.id', ALICE).kind).toBe('type');
  });

  it.each([
    ['select * from nope', 'no such table: `nope`. If the table exists, it may be marked private.'],
    ['select nope from users', '`nope` is not in scope'],
    ['select * from users as u where users.id = 1', '`users` is not in scope'],
    [
      'select * from users u join posts p on u.id = p.author',
      'SELECT * is not supported for joins',
    ],
    ['select u.* from users u join users u', 'Duplicate name `u`'],
    ['select name, age as name from users', 'Duplicate name `name`'],
    ['select a.name, b.name from users a join users b on a.id = b.id', 'Duplicate name `name`'],
    [
      'select * from users where id = 1.5',
      'The literal expression `1.5` cannot be parsed as type `U32`',
    ],
    [
      'select * from users where age = 256',
      'The literal expression `256` cannot be parsed as type `U8`',
    ],
    [
      'select * from users where age = -1',
      'The literal expression `-1` cannot be parsed as type `U8`',
    ],
    [
      "select * from users where id = 'one'",
      'The literal expression `one` cannot be parsed as type `U32`',
    ],
    ['select * from users where id = true', 'Unexpected type: (expected) Bool != U32 (inferred)'],
    ['select * from users where id', 'Unexpected type: (expected) U32 != Bool (inferred)'],
    ['select * from users where id = name', 'Unexpected type: (expected) String != U32 (inferred)'],
    ['select * from users where 1 = 1', 'Cannot resolve type for literal expression'],
    [
      'select * from users where owner = 0x12',
      'The literal expression `12` cannot be parsed as type `(__identity__: U256)`',
    ],
    [
      "select * from users where joined = 'yesterday'",
      'The literal expression `yesterday` cannot be parsed as type `(__timestamp_micros_since_unix_epoch__: I64)`',
    ],
    [
      "select * from users where nick = 'al'",
      'The literal expression `al` cannot be parsed as type `(some: String | none: ())`',
    ],
    [
      'select * from users u join users v on u.nick = v.nick',
      'Invalid binary operator `=` for type `(some: String | none: ())`',
    ],
    [
      'select * from kinds where tags = tags',
      'Invalid binary operator `=` for type `Array<String>`',
    ],
    [
      'select * from kinds where dur = dur',
      'Invalid binary operator `=` for type `(__time_duration_micros__: I64)`',
    ],
    [
      'select * from posts where author = :sender',
      'Unexpected type: (expected) (__identity__: U256) != U32 (inferred)',
    ],
    [
      'select * from users limit 1.5',
      'The literal expression `1.5` cannot be parsed as type `U64`',
    ],
  ])('rejects %j', (query, message) => {
    const error = setup().fail(query);
    expect(error.message).toBe(message);
  });
});

describe('executeSql: literals of every scalar type', () => {
  const row = [
    -128,
    -32768,
    -2147483648,
    -9223372036854775808n,
    65535,
    18446744073709551615n,
    -(2n ** 127n),
    2n ** 128n - 1n,
    '-0x3e8',
    '0xff',
    0.1,
    [0xaan],
    [0x67e5504410b1426f9247bb680e5fe0c8n],
    [5n],
    ['a', 'b'],
  ];

  it.each([
    'i8 = -128',
    'i16 = -32768',
    'i32 = -2147483648',
    'i64 = -9223372036854775808',
    'u16 = 65535',
    'u64 = 18446744073709551615',
    'i128 = -170141183460469231731687303715884105728',
    'u128 = 340282366920938463463374607431768211455',
    'i256 = -1e3',
    'u256 = 255',
    'f32 = 0.1',
    'conn = 0x000000000000000000000000000000aa',
    "uid = '67e55044-10b1-426f-9247-bb680e5fe0c8'",
    "uid = '{67E55044-10B1-426F-9247-BB680E5FE0C8}'",
    'uid = 0x67e5504410b1426f9247bb680e5fe0c8',
  ])('finds the row where %s', (where) => {
    const { store, rows } = setup();
    seed(store, 'kinds', [row]);
    expect(rows(`select * from kinds where ${where}`)).toEqual([row]);
    const other = where.replace(/=/, '<>');
    expect(rows(`select * from kinds where ${other}`)).toEqual([]);
  });
});
