import { beforeAll, describe, expect, it, vi } from 'vitest';
import { decodeModuleSchema } from './build-module-schema.js';
import { ModuleDefError } from './module-def-error.js';
import type { ModuleSchema } from './module-schema.js';
import { describeModule, type Loose, loadServerLibrary } from './testing/library-module.js';

vi.mock('spacetime:sys@2.0', async () => (await import('./testing/library-module.js')).sysMock);
vi.mock('spacetime:sys@2.1', () => ({}));

let lib: Loose;
beforeAll(async () => {
  lib = await loadServerLibrary();
});

function transferModule(): ModuleSchema {
  const { schema, table, t } = lib;
  const accounts = table!(
    { public: true },
    { id: t!.u32!().primaryKey!().index!('hash'), balance: t!.i64!() },
  );
  const spacetimedb = schema!({ accounts });
  const seed = spacetimedb.reducer!({ n: t!.u32!(), initialBalance: t!.i64!() }, () => {});
  const transfer = spacetimedb.reducer!(
    { from: t!.u32!(), to: t!.u32!(), amount: t!.i64!() },
    () => {},
  );
  return decodeModuleSchema(describeModule(spacetimedb, { seed, transfer }));
}

describe('decodeModuleSchema on the transfer module', () => {
  it('resolves the accounts table, its hash primary key and columns', () => {
    const schema = transferModule();
    expect(schema.tables).toHaveLength(1);
    const [accounts] = schema.tables;
    expect(accounts).toMatchObject({
      tableId: 0,
      name: 'accounts',
      sourceName: 'accounts',
      primaryKey: 0,
      isPublic: true,
      isEvent: false,
      uniqueConstraints: [[0]],
      sequences: [],
    });
    expect(accounts!.columns.map((c) => [c.name, c.type.tag])).toEqual([
      ['id', 'U32'],
      ['balance', 'I64'],
    ]);
    expect(accounts!.indexes).toEqual([
      {
        indexId: 0,
        tableId: 0,
        name: 'accounts_id_idx_hash',
        sourceName: 'accounts_id_idx_hash',
        accessorName: 'id',
        algorithm: 'hash',
        columns: [0],
        unique: true,
      },
    ]);
  });

  it('numbers reducers in declaration order', () => {
    const schema = transferModule();
    expect(schema.reducers.map((r) => [r.id, r.name, r.clientCallable])).toEqual([
      [0, 'seed', true],
      [1, 'transfer', true],
    ]);
    expect(schema.reducers[1]!.params.elements.map((e) => e.name)).toEqual([
      'from',
      'to',
      'amount',
    ]);
    expect(schema.lifecycle).toEqual({});
  });
});

describe('decodeModuleSchema on a richer module', () => {
  function richModule(): ModuleSchema {
    const { schema, table, t, SenderError: _ } = lib;
    const userProfiles = table!(
      {
        public: false,
        indexes: [
          { accessor: 'byOwnerAndTime', algorithm: 'btree', columns: ['ownerId', 'createdAt'] },
          { accessor: 'named', name: 'profiles_by_nick', algorithm: 'hash', columns: ['nickName'] },
        ],
      },
      {
        profileId: t!.u64!().primaryKey!().autoInc!(),
        ownerId: t!.identity!(),
        createdAt: t!.timestamp!(),
        nickName: t!.string!().unique!(),
        level: t!.u8!().index!('btree'),
      },
    );
    const tickTimer = table!(
      { name: 'tick_timer_explicit', scheduled: (): Loose => tick },
      { scheduledId: t!.u64!().primaryKey!().autoInc!(), scheduledAt: t!.scheduleAt!() },
    );
    const spacetimedb = schema!({ userProfiles, tickTimer });
    const tick = spacetimedb.reducer!({ timer: tickTimer.rowType! }, () => {});
    const init = spacetimedb.init!(() => {});
    const onConnect = spacetimedb.clientConnected!(() => {});
    const setNickName = spacetimedb.reducer!({ nickName: t!.string!() }, () => {});
    return decodeModuleSchema(
      describeModule(spacetimedb, { tickTimerReducer: tick, init, onConnect, setNickName }),
    );
  }

  it('applies snake_case and explicit names to tables, columns and indexes', () => {
    const schema = richModule();
    const [profiles, timer] = schema.tables;
    expect(profiles!.name).toBe('user_profiles');
    expect(profiles!.sourceName).toBe('userProfiles');
    expect(profiles!.isPublic).toBe(false);
    expect(profiles!.columns.map((c) => c.name)).toEqual([
      'profile_id',
      'owner_id',
      'created_at',
      'nick_name',
      'level',
    ]);
    expect(
      profiles!.indexes.map((i) => [
        i.indexId,
        i.name,
        i.sourceName,
        i.algorithm,
        i.columns,
        i.unique,
      ]),
    ).toEqual([
      [
        0,
        'user_profiles_profile_id_idx_btree',
        'userProfiles_profileId_idx_btree',
        'btree',
        [0],
        true,
      ],
      [
        1,
        'user_profiles_nick_name_idx_btree',
        'userProfiles_nickName_idx_btree',
        'btree',
        [3],
        true,
      ],
      [2, 'user_profiles_level_idx_btree', 'userProfiles_level_idx_btree', 'btree', [4], false],
      [
        3,
        'user_profiles_owner_id_created_at_idx_btree',
        'userProfiles_ownerId_createdAt_idx_btree',
        'btree',
        [1, 2],
        false,
      ],
      [4, 'profiles_by_nick', 'userProfiles_nickName_idx_hash', 'hash', [3], true],
    ]);
    expect(timer!.name).toBe('tick_timer_explicit');
    expect(timer!.indexes[0]!.indexId).toBe(5);
  });

  it('resolves sequences, special column types and schedules', () => {
    const schema = richModule();
    const [profiles, timer] = schema.tables;
    expect(profiles!.sequences).toEqual([
      { colId: 0, start: 1n, min: 1n, max: (1n << 127n) - 1n, increment: 1n },
    ]);
    expect(profiles!.columns[1]!.type).toMatchObject({
      tag: 'Product',
      value: { elements: [{ name: '__identity__', algebraicType: { tag: 'U256' } }] },
    });
    const tickId = schema.reducers.findIndex((r) => r.name === 'tick_timer_reducer');
    expect(timer!.schedule).toEqual({ reducerId: tickId, scheduledAtColumn: 1, idColumn: 0 });
    expect(schema.reducers[tickId]!.clientCallable).toBe(false);
    expect(timer!.columns[1]!.type.tag).toBe('Sum');
  });

  it('marks lifecycle reducers and makes them private', () => {
    const schema = richModule();
    const init = schema.reducers.findIndex((r) => r.name === 'init');
    const connect = schema.reducers.findIndex((r) => r.name === 'on_connect');
    expect(schema.lifecycle).toEqual({ init, onConnect: connect });
    expect(schema.reducers[init]).toMatchObject({ lifecycle: 'init', clientCallable: false });
    expect(schema.reducers.find((r) => r.name === 'set_nick_name')!.clientCallable).toBe(true);
  });
});

describe('decodeModuleSchema rejects', () => {
  // The SDK names a table's row type after the table, PascalCase.
  function primitivesModule(objectName: string): Uint8Array {
    const { schema, table, t } = lib;
    const value = t!.object!(objectName, { a: t!.u8!(), b: t!.string!() });
    const everyPrimitive = table!(
      { name: 'every_primitive', public: true },
      { id: t!.u32!().primaryKey!(), value },
    );
    return describeModule(schema!({ everyPrimitive }));
  }

  it('a table whose row type has the name of another type, and accepts it renamed', () => {
    expect(() => decodeModuleSchema(primitivesModule('EveryPrimitive'))).toThrow(
      'name `EveryPrimitive` is used for multiple types',
    );
    expect(() => decodeModuleSchema(primitivesModule('every_primitive'))).toThrow(
      'name `EveryPrimitive` is used for multiple types',
    );
    const schema = decodeModuleSchema(primitivesModule('PrimitiveValues'));
    expect(schema.tables.map((table) => table.name)).toEqual(['every_primitive']);
  });

  it('unsupported versions and garbage', () => {
    expect(() => decodeModuleSchema(Uint8Array.of(1))).toThrow(
      /unsupported module definition version V9/,
    );
    expect(() => decodeModuleSchema(Uint8Array.of(0))).toThrow(/V8BackCompat/);
    expect(() => decodeModuleSchema(Uint8Array.of())).toThrow(ModuleDefError);
    expect(() => decodeModuleSchema(Uint8Array.of(2, 5, 0, 0, 0))).toThrow(/not valid BSATN/);
  });
});
