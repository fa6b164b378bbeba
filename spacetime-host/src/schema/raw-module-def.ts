import { type AlgebraicType, type ProductType, Ty } from '../sats/algebraic-type.js';
import { BsatnError } from '../sats/bsatn-error.js';
import { decodeBsatnValue } from '../sats/bsatn-value.js';
import { ModuleDefError } from './module-def-error.js';

/*
 * The wire format of `RawModuleDef` V10, as SpacetimeDB and the `spacetimedb`
 * package (src/lib/autogen/types.ts, not exported) define it. Field and
 * variant order is the format; the decoded shapes follow the library's
 * conventions (options are `T | undefined`, sums are `{ tag, value }`).
 */

type Variant<Tag extends string, Value = Record<string, never>> = { tag: Tag; value: Value };

export interface NameMapping {
  sourceName: string;
  canonicalName: string;
}

export type ExplicitNameEntry =
  | Variant<'Table', NameMapping>
  | Variant<'Function', NameMapping>
  | Variant<'Index', NameMapping>;

export type RawIndexAlgorithm =
  | Variant<'BTree', number[]>
  | Variant<'Hash', number[]>
  | Variant<'Direct', number>;

export interface RawIndexDefV10 {
  sourceName: string | undefined;
  accessorName: string | undefined;
  algorithm: RawIndexAlgorithm;
}

export interface RawConstraintDefV10 {
  sourceName: string | undefined;
  data: Variant<'Unique', { columns: number[] }>;
}

export interface RawSequenceDefV10 {
  sourceName: string | undefined;
  column: number;
  start: bigint | undefined;
  minValue: bigint | undefined;
  maxValue: bigint | undefined;
  increment: bigint;
}

export interface RawTableDefV10 {
  sourceName: string;
  productTypeRef: number;
  primaryKey: number[];
  indexes: RawIndexDefV10[];
  constraints: RawConstraintDefV10[];
  sequences: RawSequenceDefV10[];
  tableType: Variant<'System' | 'User'>;
  tableAccess: Variant<'Public' | 'Private'>;
  defaultValues: { colId: number; value: Uint8Array }[];
  isEvent: boolean;
}

export type FunctionVisibility = Variant<'Private' | 'ClientCallable'>;

export interface RawReducerDefV10 {
  sourceName: string;
  params: ProductType;
  visibility: FunctionVisibility;
  okReturnType: AlgebraicType;
  errReturnType: AlgebraicType;
}

export interface RawProcedureDefV10 {
  sourceName: string;
  params: ProductType;
  returnType: AlgebraicType;
  visibility: FunctionVisibility;
}

export interface RawViewDefV10 {
  sourceName: string;
  index: number;
  isPublic: boolean;
  isAnonymous: boolean;
  params: ProductType;
  returnType: AlgebraicType;
}

export interface RawScheduleDefV10 {
  sourceName: string | undefined;
  tableName: string;
  scheduleAtCol: number;
  functionName: string;
}

export type LifecycleKind = 'Init' | 'OnConnect' | 'OnDisconnect';

export interface RawLifeCycleReducerDefV10 {
  lifecycleSpec: Variant<LifecycleKind>;
  functionName: string;
}

export interface RawTypeDefV10 {
  sourceName: { scope: string[]; sourceName: string };
  ty: number;
  customOrdering: boolean;
}

export type RawModuleDefV10Section =
  | Variant<'Typespace', { types: AlgebraicType[] }>
  | Variant<'Types', RawTypeDefV10[]>
  | Variant<'Tables', RawTableDefV10[]>
  | Variant<'Reducers', RawReducerDefV10[]>
  | Variant<'Procedures', RawProcedureDefV10[]>
  | Variant<'Views', RawViewDefV10[]>
  | Variant<'Schedules', RawScheduleDefV10[]>
  | Variant<'LifeCycleReducers', RawLifeCycleReducerDefV10[]>
  | Variant<'RowLevelSecurity', { sql: string }[]>
  | Variant<'CaseConversionPolicy', Variant<'None' | 'SnakeCase'>>
  | Variant<'ExplicitNames', { entries: ExplicitNameEntry[] }>
  | Variant<'HttpHandlers', { sourceName: string }[]>
  | Variant<'HttpRoutes', { handlerFunction: string; method: unknown; path: string }[]>
  | Variant<'ViewPrimaryKeys', { viewSourceName: string; columns: string[] }[]>
  | Variant<'Submodules', { namespace: string; module: RawModuleDefV10 }[]>;

export interface RawModuleDefV10 {
  sections: RawModuleDefV10Section[];
}

/** Indices into RAW_DEF_TYPESPACE, so the self-referential types can use Refs. */
const R = {
  AlgebraicType: 0,
  ProductType: 1,
  SumType: 2,
  ModuleDefV10: 3,
} as const;

const unit = Ty.product();
const str = Ty.String;
const optStr = Ty.option(Ty.String);
const u16s = Ty.array(Ty.U16);
const simpleEnum = (...names: string[]) => Ty.sum(Object.fromEntries(names.map((n) => [n, unit])));
const nameMapping = Ty.product({ sourceName: str, canonicalName: str });
const visibility = simpleEnum('Private', 'ClientCallable');
const httpMethod = Ty.sum({
  ...Object.fromEntries(
    ['Get', 'Head', 'Post', 'Put', 'Delete', 'Connect', 'Options', 'Trace', 'Patch'].map((n) => [
      n,
      unit,
    ]),
  ),
  Extension: str,
});

const PRIMITIVE_TAGS = [
  'String',
  'Bool',
  'I8',
  'U8',
  'I16',
  'U16',
  'I32',
  'U32',
  'I64',
  'U64',
  'I128',
  'U128',
  'I256',
  'U256',
  'F32',
  'F64',
] as const;

const algebraicType = Ty.sum({
  Ref: Ty.U32,
  Sum: Ty.ref(R.SumType),
  Product: Ty.ref(R.ProductType),
  Array: Ty.ref(R.AlgebraicType),
  ...Object.fromEntries(PRIMITIVE_TAGS.map((tag) => [tag, unit])),
});

const productType = Ty.product({
  elements: Ty.array(Ty.product({ name: optStr, algebraicType: Ty.ref(R.AlgebraicType) })),
});
const sumType = Ty.product({
  variants: Ty.array(Ty.product({ name: optStr, algebraicType: Ty.ref(R.AlgebraicType) })),
});

const tableDef = Ty.product({
  sourceName: str,
  productTypeRef: Ty.U32,
  primaryKey: u16s,
  indexes: Ty.array(
    Ty.product({
      sourceName: optStr,
      accessorName: optStr,
      algorithm: Ty.sum({ BTree: u16s, Hash: u16s, Direct: Ty.U16 }),
    }),
  ),
  constraints: Ty.array(
    Ty.product({ sourceName: optStr, data: Ty.sum({ Unique: Ty.product({ columns: u16s }) }) }),
  ),
  sequences: Ty.array(
    Ty.product({
      sourceName: optStr,
      column: Ty.U16,
      start: Ty.option(Ty.I128),
      minValue: Ty.option(Ty.I128),
      maxValue: Ty.option(Ty.I128),
      increment: Ty.I128,
    }),
  ),
  tableType: simpleEnum('System', 'User'),
  tableAccess: simpleEnum('Public', 'Private'),
  defaultValues: Ty.array(Ty.product({ colId: Ty.U16, value: Ty.array(Ty.U8) })),
  isEvent: Ty.Bool,
});

const section = Ty.sum({
  Typespace: Ty.product({ types: Ty.array(Ty.ref(R.AlgebraicType)) }),
  Types: Ty.array(
    Ty.product({
      sourceName: Ty.product({ scope: Ty.array(str), sourceName: str }),
      ty: Ty.U32,
      customOrdering: Ty.Bool,
    }),
  ),
  Tables: Ty.array(tableDef),
  Reducers: Ty.array(
    Ty.product({
      sourceName: str,
      params: Ty.ref(R.ProductType),
      visibility,
      okReturnType: Ty.ref(R.AlgebraicType),
      errReturnType: Ty.ref(R.AlgebraicType),
    }),
  ),
  Procedures: Ty.array(
    Ty.product({
      sourceName: str,
      params: Ty.ref(R.ProductType),
      returnType: Ty.ref(R.AlgebraicType),
      visibility,
    }),
  ),
  Views: Ty.array(
    Ty.product({
      sourceName: str,
      index: Ty.U32,
      isPublic: Ty.Bool,
      isAnonymous: Ty.Bool,
      params: Ty.ref(R.ProductType),
      returnType: Ty.ref(R.AlgebraicType),
    }),
  ),
  Schedules: Ty.array(
    Ty.product({ sourceName: optStr, tableName: str, scheduleAtCol: Ty.U16, functionName: str }),
  ),
  LifeCycleReducers: Ty.array(
    Ty.product({
      lifecycleSpec: simpleEnum('Init', 'OnConnect', 'OnDisconnect'),
      functionName: str,
    }),
  ),
  RowLevelSecurity: Ty.array(Ty.product({ sql: str })),
  CaseConversionPolicy: simpleEnum('None', 'SnakeCase'),
  ExplicitNames: Ty.product({
    entries: Ty.array(Ty.sum({ Table: nameMapping, Function: nameMapping, Index: nameMapping })),
  }),
  HttpHandlers: Ty.array(Ty.product({ sourceName: str })),
  HttpRoutes: Ty.array(
    Ty.product({
      handlerFunction: str,
      method: Ty.sum({ Any: unit, Method: httpMethod }),
      path: str,
    }),
  ),
  ViewPrimaryKeys: Ty.array(Ty.product({ viewSourceName: str, columns: Ty.array(str) })),
  Submodules: Ty.array(Ty.product({ namespace: str, module: Ty.ref(R.ModuleDefV10) })),
});

const RAW_DEF_TYPESPACE = {
  types: [algebraicType, productType, sumType, Ty.product({ sections: Ty.array(section) })],
};

const VERSION_NAMES = ['V8BackCompat', 'V9', 'V10'];

/**
 * Decodes the BSATN `RawModuleDef` that `__describe_module__` returns.
 * Only V10 (what spacetimedb 2.x modules emit) is supported.
 */
export function decodeRawModuleDef(bytes: Uint8Array): RawModuleDefV10 {
  if (bytes.length === 0) throw new ModuleDefError(['the module definition is empty']);
  const version = bytes[0]!;
  if (version !== 2) {
    const name = VERSION_NAMES[version] ?? `unknown version tag ${version}`;
    throw new ModuleDefError([
      `unsupported module definition version ${name}; only V10 is supported`,
    ]);
  }
  try {
    return decodeBsatnValue(
      Ty.ref(R.ModuleDefV10),
      RAW_DEF_TYPESPACE,
      bytes.subarray(1),
    ) as RawModuleDefV10;
  } catch (error) {
    if (error instanceof BsatnError) {
      throw new ModuleDefError([`the module definition is not valid BSATN: ${error.message}`]);
    }
    throw error;
  }
}
