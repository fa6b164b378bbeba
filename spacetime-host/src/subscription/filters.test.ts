import { describe, expect, it } from 'vitest';
import { ClientCache } from './testing/client-cache.js';
import { EngineFixture } from './testing/engine-fixture.js';
import { ALICE } from './testing/test-schema.js';

const identity = (n: string) => [`0x${n.padStart(64, '0')}`];
const hex32 = (n: string) => `0x${n.padStart(64, '0')}`;
/** 256-bit integers are hex strings in SATS-JSON, with a sign. */
const x = (n: bigint) => (n < 0n ? `-0x${(-n).toString(16)}` : `0x${n.toString(16)}`);

// id, b, i8, u8, i16, u16, i32, u32, i64, u64, i128, u128, i256, u256, f32, f64, s, who, conn, at, dur, uid, raw
const ROWS = [
  [
    1,
    true,
    -1,
    0,
    -300,
    0,
    -70000,
    0,
    -5n,
    0n,
    -5n,
    0n,
    x(-5n),
    x(0n),
    -1.5,
    -0.25,
    'apple',
    identity('b2'),
    [1n],
    [1_600_000_000_000_000n],
    [0n],
    [1n],
    'cafe',
  ],
  [
    2,
    false,
    0,
    1,
    0,
    1,
    0,
    1,
    0n,
    1n,
    0n,
    1n,
    x(0n),
    x(1n),
    0,
    0,
    'banana',
    identity('c3'),
    [2n],
    [1_700_000_000_000_000n],
    [5n],
    [2n],
    '',
  ],
  [
    3,
    true,
    127,
    255,
    300,
    65535,
    70000,
    4294967295,
    9007199254740993n,
    2n ** 64n - 1n,
    2n ** 100n,
    2n ** 127n,
    x(2n ** 200n),
    x(2n ** 255n),
    2.5,
    1e300,
    'cherry',
    identity('b2'),
    [3n],
    [1_800_000_000_000_000n],
    [10n],
    [3n],
    '00ff',
  ],
  [
    4,
    false,
    -128,
    200,
    -32768,
    500,
    -2147483648,
    100,
    -(2n ** 63n),
    100n,
    -(2n ** 127n),
    100n,
    x(-(2n ** 255n)),
    x(100n),
    100.5,
    -1e300,
    'Äpfel',
    identity('a1'),
    [4n],
    [0n],
    [0n],
    [4n],
    'ffff',
  ],
];

/** Row 2 with every column moved, so the update crosses most filters. */
const ROW_2_CHANGED = [
  2,
  true,
  5,
  7,
  -1,
  9,
  -1,
  2,
  7n,
  7n,
  7n,
  7n,
  x(7n),
  x(7n),
  -1.5,
  5,
  'zebra',
  identity('b2'),
  [9n],
  [1_900_000_000_000_000n],
  [1n],
  [3n],
  'cafe',
];

/** Each query with the ids of the rows (of the four above) it returns. */
const CASES: readonly (readonly [string, readonly number[]])[] = [
  ['b = true', [1, 3]],
  ['b <> true', [2, 4]],
  ['b != false', [1, 3]],
  ['i8 < 0', [1, 4]],
  ['i8 = -1', [1]],
  ['i8 >= 0', [2, 3]],
  ['0 > i8', [1, 4]],
  ['u8 > 1', [3, 4]],
  ['u8 <= 1', [1, 2]],
  ['i16 = -32768', [4]],
  ['i16 > -300', [2, 3]],
  ['u16 != 0', [2, 3, 4]],
  ['i32 < -70000', [4]],
  ['i32 >= 0', [2, 3]],
  ['u32 = 4294967295', [3]],
  ['u32 < 100', [1, 2]],
  ['i64 > 9007199254740992', [3]],
  ['i64 < -5', [4]],
  ['i64 = -5', [1]],
  ['u64 = 18446744073709551615', [3]],
  ['u64 >= 1', [2, 3, 4]],
  ['i128 > 1000000000000000000000', [3]],
  ['i128 < -5', [4]],
  ['u128 = 170141183460469231731687303715884105728', [3]],
  ['i256 < 0', [1, 4]],
  ['i256 > 1e40', [3]],
  ['u256 >= 100', [3, 4]],
  ['u256 = 1', [2]],
  ['f32 > 0', [3, 4]],
  ['f32 = -1.5', [1]],
  ['f32 <= 0', [1, 2]],
  ['f64 < 0', [1, 4]],
  ['f64 = 0', [2]],
  ['f64 >= 1e300', [3]],
  ["s = 'banana'", [2]],
  ["s > 'b'", [2, 3, 4]],
  ["s < 'banana'", [1]],
  [`who = ${hex32('b2')}`, [1, 3]],
  [`who <> ${hex32('a1')}`, [1, 2, 3]],
  ['who = :sender', [1, 3]],
  [':sender = who', [1, 3]],
  [`conn = 0x${'2'.padStart(32, '0')}`, [2]],
  ["at > '2023-01-01T00:00:00Z'", [2, 3]],
  ["at <= '2020-09-13T12:26:40Z'", [1, 4]],
  ["uid = '00000000-0000-0000-0000-000000000003'", [3]],
  ['raw = 0xcafe', [1]],
  ["raw > X'00'", [1, 3, 4]],
  ['i8 < 0 AND u8 = 0', [1]],
  ['u8 = 1 OR u8 = 200', [2, 4]],
  ["(b = true OR i8 = 0) AND s <> 'apple'", [2, 3]],
  ["s = 'apple' OR i64 < 0", [1, 4]],
  ['kinds.id = 2 OR kinds.id = 3 OR kinds.id = 9', [2, 3]],
  ['true', [1, 2, 3, 4]],
];

const sql = (where: string) => `SELECT * FROM kinds WHERE ${where}`;

describe('filters of every operator and column type', () => {
  it.each(CASES)('WHERE %s', (where, ids) => {
    const f = new EngineFixture();
    f.commit((w) => {
      for (const row of ROWS) w.insert('kinds', row);
    });
    const [result] = f.engine.subscribe('c', { identity: ALICE, connectionId: 1n }, 1, [
      sql(where),
    ]);
    expect(f.json('kinds', result!.rows).map((r) => (r as unknown[])[0])).toEqual(ids);
  });

  it('keeps every filtered subscription equal to a fresh evaluation, commit by commit', () => {
    const f = new EngineFixture();
    const caches = CASES.map(([where], i) => {
      const cache = new ClientCache('c', i);
      cache.applied(
        f.engine.subscribe('c', { identity: ALICE, connectionId: 1n }, i, [sql(where)]),
      );
      return cache;
    });
    const check = (write: Parameters<EngineFixture['commit']>[0]) => {
      const result = f.commit(write);
      CASES.forEach(([where], i) => {
        caches[i]!.update(result);
        const fresh = f.engine.subscribe('oracle', { identity: ALICE, connectionId: 2n }, i, [
          sql(where),
        ]);
        f.engine.unsubscribe('oracle', i, false);
        caches[i]!.expectToEqual(fresh);
      });
    };
    check((w) => {
      w.insert('kinds', ROWS[0]);
      w.insert('kinds', ROWS[1]);
    });
    check((w) => {
      w.insert('kinds', ROWS[2]);
      w.insert('kinds', ROWS[3]);
    });
    check((w) => {
      w.update('kinds', ROW_2_CHANGED);
      w.delete('kinds', ROWS[2]);
    });
    check((w) => {
      w.update('kinds', ROWS[1]);
      w.insert('kinds', ROWS[2]);
    });
    // Back to the four rows: each cache holds exactly the rows its query returns.
    CASES.forEach(([, ids], i) => {
      const held = f.engine.unsubscribe('c', i);
      const heldIds = held.flatMap((t) => f.json('kinds', t.rows).map((r) => (r as unknown[])[0]));
      expect(heldIds.sort()).toEqual([...ids].sort());
      caches[i]!.dropped(held);
      caches[i]!.expectToEqual([]);
    });
    expect(f.engine.activeQueries).toBe(0);
  });
});
