import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishSdkModule, type SdkDatabase } from '../support/sdk-database.js';
import { useTempDirs } from '../support/temp-dirs.js';

// One database for the whole file: every test uses its own tables or keys.
const tempDir = useTempDirs();
let sdk: SdkDatabase;
beforeAll(async () => {
  sdk = await publishSdkModule(await tempDir());
});
afterAll(async () => {
  await sdk.host.close();
});

const identity = (hex: string) => ({ __identity__: hex });
const connection = (id: bigint) => ({ __connection_id__: id });
const timestamp = (micros: bigint) => ({ __timestamp_micros_since_unix_epoch__: micros });
const duration = (micros: bigint) => ({ __time_duration_micros__: micros });
const uuid = (value: bigint) => ({ __uuid__: value });

const primitives = {
  a: 255,
  b: 65535,
  c: 4294967295,
  d: 18446744073709551615n,
  e: 2n ** 128n - 1n,
  f: `0x${'f'.repeat(64)}`,
  g: -128,
  h: -32768,
  i: -2147483648,
  j: -(2n ** 63n),
  k: -(2n ** 127n),
  l: `-0x8${'0'.repeat(63)}`,
  m: true,
  n: 1.5,
  o: -0.125,
  p: 'héllo ✓',
  q: identity(`0xc200${'1'.repeat(60)}`),
  r: connection(2n ** 127n + 5n),
  s: timestamp(-1_000_000n),
  t: duration(86_400_000_000n),
  u: uuid(0x0190_0000_0000_7000_8000_0000_0000_0001n),
};

describe('values of every type', () => {
  it('stores every primitive and special type in its own column, with a generated id', async () => {
    const outcome = await sdk.call('insert_every_primitive', {
      value: primitives,
      bytes: [0, 1, 254, 255],
    });
    expect(outcome.status).toBe('committed');
    expect(sdk.rows('every_primitive')).toEqual([
      sdk.row('every_primitive', { row_id: 1n, ...primitives, bytes: [0, 1, 254, 255] }),
    ]);
    expect(sdk.events().find(([kind]) => kind === 'row_id')).toEqual(['row_id', '1']);
  });

  it('stores arrays, options, results, sums and nested products', async () => {
    const vecs = Object.fromEntries(
      Object.entries(primitives).map(([field, value]) => [field, [value, value]]),
    );
    const nested = {
      primitive: primitives,
      shapes: [
        { circle: 2.5 },
        { rect: { w: 3, h: 4 } },
        { label: '' },
        { points: [-1, 0, 1] },
        { tint: { blue: [] } },
        { empty: [] },
      ],
      grid: [['a', 'b'], [], ['c']],
      maybe: { some: [{ some: 1 }, { none: [] }, { some: -1 }] },
      unit: {},
    };
    const args = {
      primitives,
      vecs,
      nested,
      maybe_i32: { some: 42 },
      maybe_string: { none: [] },
      maybe_identity: { some: identity('0x7') },
      // Not `err`: spacetimedb 2.10.1 serializes a result's err with the ok type's serializer.
      outcome: { ok: -5 },
    };
    expect((await sdk.call('insert_container', args)).status).toBe('committed');
    // Column names are canonical (snake_case, so `maybe_i32` is `maybe_i_32`), as SpacetimeDB stores them.
    const { maybe_i32, ...rest } = args;
    const expected = sdk.row('containers', { id: 1, maybe_i_32: maybe_i32, ...rest });
    expect(sdk.json('containers')).toEqual([sdk.decode('containers', expected)]);
    expect(sdk.rows('containers')).toEqual([expected]);
  });

  it('stores sums as columns and deletes them through an enum-keyed btree index', async () => {
    for (const [color, shape] of [
      ['red', { circle: 1 }],
      ['green', { label: 'g' }],
      ['red', { empty: [] }],
    ] as const) {
      await sdk.call('insert_shape', { color: { [color]: [] }, shape });
    }
    expect(sdk.rows('shapes')).toHaveLength(3);
    await sdk.call('delete_shapes_of_color', { color: { red: [] } });
    expect(sdk.rows('shapes')).toEqual([
      sdk.row('shapes', { id: 2, color: { green: [] }, shape: { label: 'g' }, unit: {} }),
    ]);
  });
});

/** Two keys of each keyed table's key type. */
const KEYS: Record<string, [unknown, unknown]> = {
  pk_u8: [0, 255],
  pk_i16: [-300, 300],
  pk_u64: [18446744073709551615n, 1n],
  pk_i128: [-(2n ** 127n), 5n],
  pk_u256: [`0x${'f'.repeat(64)}`, '0x1'],
  pk_i256: [`-0x8${'0'.repeat(63)}`, '0x2'],
  pk_bool: [false, true],
  pk_string: ['alpha', 'béta'],
  pk_identity: [identity('0x1'), identity(`0xc200${'a'.repeat(60)}`)],
  pk_connection_id: [connection(1n), connection(2n ** 127n)],
  pk_uuid: [uuid(1n), uuid(2n ** 127n)],
  pk_timestamp: [timestamp(-1n), timestamp(1_700_000_000_000_000n)],
  pk_color: [{ red: [] }, { blue: [] }],
  unique_u32: [0, 4294967295],
  unique_i64: [-1n, 2n ** 62n],
  unique_string: ['', 'x'],
  unique_identity: [identity('0x2'), identity('0x3')],
};

describe('keys of every kind', () => {
  it.each(Object.entries(KEYS))(
    '%s: inserts, updates through its key, deletes and refuses duplicates',
    async (table, [k1, k2]) => {
      const insert = sdk.reducerName(`insert_${table}`);
      const update = sdk.reducerName(`update_${table}`);
      const remove = sdk.reducerName(`delete_${table}`);
      expect((await sdk.call(insert, { key: k1, data: 1 })).status).toBe('committed');
      expect((await sdk.call(insert, { key: k2, data: 2 })).status).toBe('committed');
      expect((await sdk.call(update, { key: k1, data: 10 })).status).toBe('committed');
      expect((await sdk.call(remove, { key: k2 })).status).toBe('committed');
      const duplicate = await sdk.call(insert, { key: k1, data: 99 });
      expect(duplicate).toMatchObject({ status: 'internal-error' });
      expect(duplicate.status !== 'committed' && duplicate.message).toMatch(/^UniqueAlreadyExists/);
      // Inserting a row identical to a present one is accepted and changes nothing.
      expect((await sdk.call(insert, { key: k1, data: 10 })).status).toBe('committed');
      expect(sdk.rows(table)).toEqual([sdk.row(table, { key: k1, data: 10 })]);
    },
  );
});

describe('non-unique and multi-column indexes', () => {
  it('finds, counts and deletes through btree ranges and hash points', async () => {
    for (const [player, team, points] of [
      [1, 'red', 10n],
      [2, 'red', 20n],
      [3, 'blue', 30n],
      [5, 'blue', 50n],
    ] as const) {
      await sdk.call('insert_score', { player, team, points });
    }
    await sdk.call('count_scores', { team: 'red', min: 2 });
    expect(sdk.events().filter(([kind]) => kind === 'counts')).toEqual([['counts', '2 2']]);
    await sdk.call('delete_players', { from: 1, to: 3 });
    expect(
      sdk
        .json('scores')
        .map((row) => (row as unknown[])[0])
        .sort(),
    ).toEqual([3, 5]);
    await sdk.call('delete_team', { team: 'blue' });
    expect(sdk.rows('scores')).toEqual([]);
  });

  it('scans a two-column index by full key, by prefix and by prefix plus range', async () => {
    for (const [x, y, label] of [
      [1, 1, 'a'],
      [1, 2, 'b'],
      [1, 3, 'c'],
      [2, 1, 'd'],
      [-1, 2, 'e'],
    ] as const) {
      await sdk.call('insert_cell', { x, y, label });
    }
    await sdk.call('find_cells', { x: 1, y: 2, y_to: 3 });
    expect(sdk.events().filter(([kind]) => kind === 'cells')).toEqual([['cells', 'b|a,b,c|b,c']]);
    await sdk.call('delete_column', { x: 1 });
    expect(
      sdk
        .json('cells')
        .map((row) => (row as unknown[])[2])
        .sort(),
    ).toEqual(['d', 'e']);
  });
});

describe('failed reducers leave nothing behind', () => {
  it('rolls back the writes of a reducer that throws SenderError', async () => {
    const outcome = await sdk.call('insert_then_refuse', { player: 7 });
    expect(outcome).toMatchObject({ status: 'failed', message: 'player 7 is not welcome' });
    expect(sdk.rows('scores')).toEqual([]);
  });

  it('rolls back the writes of a reducer that crashes, and logs its stack with module frames only', async () => {
    const outcome = await sdk.call('insert_then_crash', { player: 8 });
    expect(outcome).toMatchObject({ status: 'internal-error', message: 'Error: something broke' });
    expect(sdk.rows('scores')).toEqual([]);
    const log = sdk.db.logs().findLast((l) => l.function === 'insert_then_crash');
    expect(log?.level).toBe('panic');
    expect(log?.message).toMatch(
      /^Error: something broke\n\s+at insert_then_crash \(spacetimedb_module:\d+:\d+\)/,
    );
    expect(log?.message).not.toMatch(/\.ts:\d+/);
  });

  it('rolls back a reducer that violates a primary key', async () => {
    const outcome = await sdk.call('insert_duplicate_pk', { key: 77 });
    expect(outcome.status !== 'committed' && outcome.message).toBe(
      'UniqueAlreadyExists: Value with given unique identifier already exists',
    );
    expect(sdk.json('pk_u8').some((row) => (row as unknown[])[0] === 77)).toBe(false);
  });
});
