// Hand-built ModuleSchemas for modules whose RawModuleDef is not real (probe
// modules) or for tests that must not depend on the schema decoder.
import type { AlgebraicType } from '../../src/sats/algebraic-type.js';
import type {
  FunctionSchema,
  IndexSchema,
  ModuleSchema,
  ReducerSchema,
  ScheduleSchema,
  TableSchema,
  ViewSchema,
} from '../../src/schema/module-schema.js';

export type Column = readonly [name: string, type: AlgebraicType];

export const U32: AlgebraicType = { tag: 'U32' };
export const U64: AlgebraicType = { tag: 'U64' };
export const I64: AlgebraicType = { tag: 'I64' };
export const STRING: AlgebraicType = { tag: 'String' };
const I64_PRODUCT = (name: string): AlgebraicType => ({
  tag: 'Product',
  value: { elements: [{ name, algebraicType: I64 }] },
});
export const SCHEDULE_AT: AlgebraicType = {
  tag: 'Sum',
  value: {
    variants: [
      { name: 'Interval', algebraicType: I64_PRODUCT('__time_duration_micros__') },
      { name: 'Time', algebraicType: I64_PRODUCT('__timestamp_micros_since_unix_epoch__') },
    ],
  },
};

const product = (columns: readonly Column[]) => ({
  elements: columns.map(([name, algebraicType]) => ({ name, algebraicType })),
});

export interface TableSpec {
  readonly name: string;
  readonly columns: readonly Column[];
  /** Each index: its name, columns and whether it is unique. */
  readonly indexes?: readonly {
    name: string;
    columns: number[];
    unique: boolean;
    algorithm?: 'btree' | 'hash';
  }[];
  readonly schedule?: ScheduleSchema;
}

export interface SchemaSpec {
  readonly tables?: readonly TableSpec[];
  readonly reducers?: readonly {
    name: string;
    params?: readonly Column[];
    lifecycle?: ReducerSchema['lifecycle'];
    private?: boolean;
  }[];
  readonly procedures?: readonly {
    name: string;
    params?: readonly Column[];
    returnType?: AlgebraicType;
  }[];
  readonly views?: readonly {
    name: string;
    perSender: boolean;
    row: readonly Column[];
    params?: readonly Column[];
  }[];
}

export function buildSchema(spec: SchemaSpec): ModuleSchema {
  let nextIndexId = 0;
  const tables: TableSchema[] = (spec.tables ?? []).map((t, tableId) => ({
    tableId,
    name: t.name,
    sourceName: t.name,
    rowType: product(t.columns),
    columns: t.columns.map(([name, type], colId) => ({ colId, name, type })),
    indexes: (t.indexes ?? []).map(
      (i): IndexSchema => ({
        indexId: nextIndexId++,
        tableId,
        name: i.name,
        sourceName: i.name,
        algorithm: i.algorithm ?? 'btree',
        columns: i.columns,
        unique: i.unique,
      }),
    ),
    uniqueConstraints: (t.indexes ?? []).filter((i) => i.unique).map((i) => i.columns),
    sequences: [],
    isPublic: true,
    isEvent: false,
    ...(t.schedule && { schedule: t.schedule }),
  }));
  const reducers: ReducerSchema[] = (spec.reducers ?? []).map((r, id) => ({
    id,
    name: r.name,
    params: product(r.params ?? []),
    clientCallable: !r.private && r.lifecycle === undefined,
    ...(r.lifecycle && { lifecycle: r.lifecycle }),
  }));
  const procedures: FunctionSchema[] = (spec.procedures ?? []).map((p, id) => ({
    id,
    name: p.name,
    params: product(p.params ?? []),
    returnType: p.returnType ?? { tag: 'Product', value: { elements: [] } },
    clientCallable: true,
  }));
  const kindCounts = { sender: 0, anonymous: 0 };
  const views: ViewSchema[] = (spec.views ?? []).map((v) => ({
    // As the schema decoder numbers them: by position among views of the same kind.
    id: v.perSender ? kindCounts.sender++ : kindCounts.anonymous++,
    name: v.name,
    perSender: v.perSender,
    isPublic: true,
    params: product(v.params ?? []),
    returnType: { tag: 'Array', value: { tag: 'Product', value: product(v.row) } },
    rowType: product(v.row),
  }));
  const lifecycleOf = (kind: NonNullable<ReducerSchema['lifecycle']>) => {
    const index = reducers.findIndex((r) => r.lifecycle === kind);
    return index < 0 ? undefined : index;
  };
  return {
    typespace: { types: [] },
    tables,
    reducers,
    procedures,
    views,
    lifecycle: {
      ...(lifecycleOf('init') !== undefined && { init: lifecycleOf('init') }),
      ...(lifecycleOf('onConnect') !== undefined && { onConnect: lifecycleOf('onConnect') }),
      ...(lifecycleOf('onDisconnect') !== undefined && {
        onDisconnect: lifecycleOf('onDisconnect'),
      }),
    },
  };
}
