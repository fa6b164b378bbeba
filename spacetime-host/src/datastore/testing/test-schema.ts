// Test support: compact builders for ModuleSchemas and rows in datastore tests.
import type { AlgebraicType } from '../../sats/algebraic-type.js';
import { bsatn, type TestValue } from '../../sats/testing/algebraic-values.js';
import type {
  IndexAlgorithm,
  ModuleSchema,
  SequenceSchema,
  TableSchema,
} from '../../schema/module-schema.js';

export interface TableSpec {
  name: string;
  columns: [name: string, type: AlgebraicType][];
  /** `[algorithm, columns, unique]`; names follow SpacetimeDB's `<table>_<cols>_idx_<algo>`. */
  indexes?: [IndexAlgorithm, number[], boolean][];
  primaryKey?: number;
  sequences?: (Partial<SequenceSchema> & { colId: number })[];
  /** BSATN default values by column id (for columns a migration adds). */
  defaults?: Record<number, Uint8Array>;
}

export function moduleSchema(...specs: TableSpec[]): ModuleSchema {
  let nextIndexId = 0;
  const tables = specs.map((spec, tableId): TableSchema => {
    const columnName = (c: number) => spec.columns[c]![0];
    const indexes = (spec.indexes ?? []).map(([algorithm, columns, unique]) => {
      const name = `${spec.name}_${columns.map(columnName).join('_')}_idx_${algorithm}`;
      return {
        indexId: nextIndexId++,
        tableId,
        name,
        sourceName: `${name}_source`,
        algorithm,
        columns,
        unique,
      };
    });
    return {
      tableId,
      name: spec.name,
      sourceName: `${spec.name}Source`,
      accessorName: `${spec.name}Source`,
      rowType: { elements: spec.columns.map(([name, algebraicType]) => ({ name, algebraicType })) },
      columns: spec.columns.map(([name, type], colId) => {
        const defaultValue = spec.defaults?.[colId];
        return defaultValue === undefined
          ? { colId, name, type }
          : { colId, name, type, defaultValue };
      }),
      ...(spec.primaryKey === undefined ? {} : { primaryKey: spec.primaryKey }),
      indexes,
      uniqueConstraints: indexes.filter((i) => i.unique).map((i) => [...i.columns]),
      sequences: (spec.sequences ?? []).map((s) => ({
        start: 1n,
        min: 1n,
        max: (1n << 127n) - 1n,
        increment: 1n,
        ...s,
      })),
      isPublic: true,
      isEvent: false,
    };
  });
  return {
    typespace: { types: [] },
    tables,
    reducers: [],
    procedures: [],
    views: [],
    lifecycle: {},
  };
}

/** Encodes a row of `table` from test values (see sats/testing/algebraic-values.ts). */
export function row(schema: ModuleSchema, tableId: number, ...values: TestValue[]): Uint8Array {
  return bsatn({ tag: 'Product', value: schema.tables[tableId]!.rowType }, values);
}

/** BSATN of `Vec<row>`, as `datastore_delete_all_by_eq_bsatn` receives it. */
export function rowVec(...rows: Uint8Array[]): Uint8Array {
  const total = rows.reduce((n, r) => n + r.length, 4);
  const out = new Uint8Array(total);
  new DataView(out.buffer).setUint32(0, rows.length, true);
  let at = 4;
  for (const r of rows) {
    out.set(r, at);
    at += r.length;
  }
  return out;
}

/** Range arguments `[prefix | rstart | rend]`; bounds are `[tag, valueBytes?]`. */
export function rangeArgs(
  prefix: Uint8Array,
  prefixElems: number,
  start: [0 | 1 | 2, Uint8Array?],
  end?: [0 | 1 | 2, Uint8Array?],
) {
  const bound = ([tag, value]: [number, Uint8Array?]) => [tag, ...(value ?? [])];
  const rstart = bound(start);
  const rend = end ? bound(end) : [];
  return {
    buf: Uint8Array.from([...prefix, ...rstart, ...rend]),
    prefixLen: prefix.length,
    prefixElems,
    rstartLen: rstart.length,
    rendLen: rend.length,
  };
}
