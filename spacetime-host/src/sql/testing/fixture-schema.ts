// Test support: a module schema with one table per kind of SQL test, built by
// hand so SQL tests do not depend on the schema decoder.

import { type AlgebraicType, Ty } from '../../sats/algebraic-type.js';
import { jsonToBsatn } from '../../sats/sats-json-encode.js';
import type {
  IndexAlgorithm,
  ModuleSchema,
  TableSchema,
  ViewSchema,
} from '../../schema/module-schema.js';
import type { SqlTestStore } from './sql-test-store.js';

export const identityType = Ty.product({ __identity__: Ty.U256 });
export const connectionIdType = Ty.product({ __connection_id__: Ty.U128 });
export const timestampType = Ty.product({ __timestamp_micros_since_unix_epoch__: Ty.I64 });
export const durationType = Ty.product({ __time_duration_micros__: Ty.I64 });
export const uuidType = Ty.product({ __uuid__: Ty.U128 });
export const bytesType = Ty.array(Ty.U8);

interface IndexSpec {
  readonly columns: readonly string[];
  readonly algorithm: IndexAlgorithm;
  readonly unique?: boolean;
}

interface TableSpec {
  readonly name: string;
  readonly columns: Readonly<Record<string, AlgebraicType>>;
  readonly isPublic?: boolean;
  readonly indexes?: readonly IndexSpec[];
}

export function buildSchema(
  specs: readonly TableSpec[],
  types: readonly AlgebraicType[] = [],
  views: readonly ViewSchema[] = [],
): ModuleSchema {
  let nextIndexId = 0;
  const tables = specs.map((spec, tableId): TableSchema => {
    const names = Object.keys(spec.columns);
    const colId = (name: string) => {
      const id = names.indexOf(name);
      if (id < 0) throw new Error(`no column ${name} in ${spec.name}`);
      return id;
    };
    const indexes = (spec.indexes ?? []).map((index) => ({
      indexId: nextIndexId++,
      tableId,
      name: `${spec.name}_${index.columns.join('_')}_idx_${index.algorithm}`,
      sourceName: `${spec.name}_${index.columns.join('_')}_idx_${index.algorithm}`,
      algorithm: index.algorithm,
      columns: index.columns.map(colId),
      unique: index.unique ?? false,
    }));
    return {
      tableId,
      name: spec.name,
      sourceName: spec.name,
      rowType: { elements: names.map((name) => ({ name, algebraicType: spec.columns[name]! })) },
      columns: names.map((name, i) => ({ colId: i, name, type: spec.columns[name]! })),
      indexes,
      uniqueConstraints: indexes.filter((i) => i.unique).map((i) => i.columns),
      sequences: [],
      isPublic: spec.isPublic ?? true,
      isEvent: false,
    };
  });
  return { typespace: { types }, tables, reducers: [], procedures: [], views, lifecycle: {} };
}

/** Inserts rows given as SATS-JSON arrays, straight into the committed state. */
export function seed(store: SqlTestStore, tableName: string, rows: readonly unknown[]): void {
  const table = store.table(tableName);
  const rowType: AlgebraicType = { tag: 'Product', value: table.rowType };
  store.write((tx) => {
    for (const row of rows)
      tx.insert(table.tableId, jsonToBsatn(rowType, store.schema.typespace, row));
  });
}

export const OWNER = 0xa1n;
export const ALICE = 0xb2n;

/**
 * `users`, `posts`, `secrets` (private), `scores` (two-column btree), `kinds`
 * (every scalar type) and `profiles` (snake_case columns); `views` are added
 * as given.
 */
export function fixtureSchema(views: readonly ViewSchema[] = []): ModuleSchema {
  return buildSchema(
    [
      {
        name: 'users',
        columns: {
          id: Ty.U32,
          name: Ty.String,
          age: Ty.U8,
          score: Ty.F64,
          owner: identityType,
          active: Ty.Bool,
          joined: timestampType,
          nick: Ty.option(Ty.String),
        },
        indexes: [
          { columns: ['id'], algorithm: 'btree', unique: true },
          { columns: ['age'], algorithm: 'btree' },
        ],
      },
      {
        name: 'posts',
        columns: { id: Ty.U64, author: Ty.U32, title: Ty.String, body: bytesType },
        indexes: [
          { columns: ['id'], algorithm: 'hash', unique: true },
          { columns: ['author'], algorithm: 'btree' },
        ],
      },
      {
        name: 'secrets',
        columns: { id: Ty.U32, note: Ty.String },
        isPublic: false,
        indexes: [{ columns: ['id'], algorithm: 'btree', unique: true }],
      },
      {
        name: 'scores',
        columns: { player: Ty.U32, level: Ty.U16, points: Ty.I64 },
        indexes: [{ columns: ['player', 'level'], algorithm: 'btree' }],
      },
      {
        name: 'kinds',
        columns: {
          i8: Ty.I8,
          i16: Ty.I16,
          i32: Ty.I32,
          i64: Ty.I64,
          u16: Ty.U16,
          u64: Ty.U64,
          i128: Ty.I128,
          u128: Ty.U128,
          i256: Ty.I256,
          u256: Ty.U256,
          f32: Ty.F32,
          conn: connectionIdType,
          uid: uuidType,
          dur: durationType,
          tags: Ty.array(Ty.String),
        },
      },
      {
        name: 'profiles',
        columns: { owner_id: identityType, display_name: Ty.String },
      },
    ],
    [],
    views,
  );
}
