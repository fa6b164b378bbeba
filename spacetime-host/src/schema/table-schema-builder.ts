import type { AlgebraicType, ProductType } from '../sats/algebraic-type.js';
import { BsatnError } from '../sats/bsatn-error.js';
import { checkBsatn, compileSkipper } from '../sats/bsatn-skipper.js';
import { resolveType, resolveTypeDeep, type Typespace } from '../sats/typespace.js';
import type {
  ColumnSchema,
  IndexAlgorithm,
  IndexSchema,
  SequenceSchema,
  TableSchema,
} from './module-schema.js';
import type { NameResolver } from './name-resolver.js';
import type { RawIndexDefV10, RawSequenceDefV10, RawTableDefV10 } from './raw-module-def.js';
import { asProduct, isInteger } from './special-types.js';

const I128_MAX = (1n << 127n) - 1n;

export interface TableContext {
  readonly tableId: number;
  /** The typespace after case conversion (what the database stores). */
  readonly typespace: Typespace;
  /** The typespace as declared, which still carries the accessor names. */
  readonly declared: Typespace;
  readonly names: NameResolver;
  /** Returns the next global index id. */
  readonly nextIndexId: () => number;
}

/** Validates one RawTableDefV10 as crates/schema validate/v10.rs does and builds its schema. */
export function buildTableSchema(raw: RawTableDefV10, ctx: TableContext): TableSchema | undefined {
  const { names } = ctx;
  const converted = asProduct(ctx.typespace.types[raw.productTypeRef]);
  const declared = asProduct(ctx.declared.types[raw.productTypeRef]);
  if (!converted || !declared) {
    names.error(
      `table \`${raw.sourceName}\`: type Ref(${raw.productTypeRef}) is not a product type`,
    );
    return undefined;
  }
  const tableName = names.table(raw.sourceName);
  if (raw.tableType.tag !== 'System' && tableName.startsWith('st_')) {
    names.error(
      `table name \`${tableName}\` is reserved: names starting with st_ are system tables`,
    );
  }
  names.claim(raw.sourceName);
  if (tableName !== raw.sourceName) names.claim(tableName);

  const where = `table \`${tableName}\``;
  const columns = buildColumns(raw, converted, declared, ctx, where);
  if (!columns) return undefined;
  const columnLabel = (c: number) => converted.elements[c]?.name ?? `col_${c}`;
  const validColumns = (cols: readonly number[], what: string): boolean => {
    const bad = cols.filter((c) => c >= columns.length);
    if (bad.length > 0)
      names.error(`${where}: ${what} refers to missing column(s) ${bad.join(', ')}`);
    if (new Set(cols).size !== cols.length) names.error(`${where}: ${what} repeats a column`);
    return bad.length === 0;
  };

  const uniqueConstraints: number[][] = [];
  for (const constraint of raw.constraints) {
    const cols = constraint.data.value.columns;
    const name = `${tableName}_${cols.map(columnLabel).join('_')}_key`;
    names.claim(name);
    if (validColumns(cols, `unique constraint \`${name}\``))
      uniqueConstraints.push([...cols].sort((a, b) => a - b));
  }
  const isUnique = (cols: readonly number[]) => {
    const sorted = [...cols].sort((a, b) => a - b).join(',');
    return uniqueConstraints.some((u) => u.join(',') === sorted);
  };

  const indexes: IndexSchema[] = [];
  for (const rawIndex of raw.indexes) {
    const index = buildIndex(
      rawIndex,
      tableName,
      columnLabel,
      columns,
      ctx,
      validColumns,
      isUnique,
    );
    if (index) indexes.push(index);
  }
  for (const u of uniqueConstraints) {
    const key = u.join(',');
    if (!indexes.some((i) => [...i.columns].sort((a, b) => a - b).join(',') === key)) {
      names.error(
        `${where}: unique constraint on column(s) ${u.map(columnLabel).join(', ')} has no index`,
      );
    }
  }

  let primaryKey: number | undefined;
  if (raw.primaryKey.length > 1)
    names.error(`${where}: a table can have only one primary key column`);
  else if (raw.primaryKey.length === 1) {
    primaryKey = raw.primaryKey[0]!;
    if (!validColumns([primaryKey], 'the primary key')) primaryKey = undefined;
    else if (!isUnique([primaryKey])) {
      names.error(
        `${where}: primary key column \`${columnLabel(primaryKey)}\` has no unique constraint`,
      );
    }
  }

  const sequences: SequenceSchema[] = [];
  for (const rawSequence of raw.sequences) {
    const sequence = buildSequence(rawSequence, tableName, columnLabel, columns, ctx, sequences);
    if (sequence) sequences.push(sequence);
  }

  return {
    tableId: ctx.tableId,
    name: tableName,
    sourceName: raw.sourceName,
    accessorName: raw.sourceName,
    rowType: { elements: columns.map((c) => ({ name: c.name, algebraicType: c.type })) },
    columns,
    ...(primaryKey === undefined ? {} : { primaryKey }),
    indexes,
    uniqueConstraints,
    sequences,
    isPublic: raw.tableAccess.tag === 'Public',
    isEvent: raw.isEvent,
  };
}

function buildColumns(
  raw: RawTableDefV10,
  converted: ProductType,
  declared: ProductType,
  ctx: TableContext,
  where: string,
): ColumnSchema[] | undefined {
  const { names } = ctx;
  const defaults = new Map<number, Uint8Array>();
  for (const d of raw.defaultValues) {
    if (d.colId >= converted.elements.length)
      names.error(`${where}: default value for missing column ${d.colId}`);
    else defaults.set(d.colId, d.value);
  }
  const seen = new Set<string>();
  let ok = true;
  const columns = declared.elements.map((element, colId): ColumnSchema => {
    if (element.name === undefined) {
      names.error(`${where}: column ${colId} has no name`);
      ok = false;
    }
    const name = names.plain(element.name ?? `col_${colId}`);
    if (seen.has(name)) names.error(`${where}: duplicate column \`${name}\``);
    seen.add(name);
    let type: AlgebraicType = { tag: 'Product', value: { elements: [] } };
    try {
      type = resolveTypeDeep(converted.elements[colId]!.algebraicType, ctx.typespace);
    } catch (error) {
      names.error(`${where}: column \`${name}\`: ${(error as Error).message}`);
      ok = false;
    }
    const defaultValue = defaults.get(colId);
    if (defaultValue !== undefined && ok) {
      try {
        checkBsatn(compileSkipper(type), defaultValue);
      } catch (error) {
        if (!(error instanceof BsatnError)) throw error;
        names.error(`${where}: default value of column \`${name}\` is malformed: ${error.message}`);
      }
    }
    return defaultValue === undefined ? { colId, name, type } : { colId, name, type, defaultValue };
  });
  return ok ? columns : undefined;
}

function buildIndex(
  raw: RawIndexDefV10,
  tableName: string,
  columnLabel: (c: number) => string,
  columns: readonly ColumnSchema[],
  ctx: TableContext,
  validColumns: (cols: readonly number[], what: string) => boolean,
  isUnique: (cols: readonly number[]) => boolean,
): IndexSchema | undefined {
  const { names } = ctx;
  if (raw.sourceName === undefined) {
    names.error(`table \`${tableName}\`: an index has no source name`);
    return undefined;
  }
  names.claim(raw.sourceName);
  const algorithm: IndexAlgorithm =
    raw.algorithm.tag === 'BTree' ? 'btree' : raw.algorithm.tag === 'Hash' ? 'hash' : 'direct';
  const cols = raw.algorithm.tag === 'Direct' ? [raw.algorithm.value] : raw.algorithm.value;
  const name =
    names.explicitIndex(raw.sourceName) ??
    `${tableName}_${cols.map(columnLabel).join('_')}_idx_${algorithm}`;
  if (name !== raw.sourceName) names.claim(name);
  if (cols.length === 0) {
    names.error(`index \`${name}\` has no columns`);
    return undefined;
  }
  if (!validColumns(cols, `index \`${name}\``)) return undefined;
  if (algorithm === 'direct' && !isDirectIndexable(columns[cols[0]!]!.type)) {
    names.error(`direct index \`${name}\` needs a u8, u16, u32, u64 or simple enum column`);
  }
  return {
    indexId: ctx.nextIndexId(),
    tableId: ctx.tableId,
    name,
    sourceName: raw.sourceName,
    ...(raw.accessorName === undefined ? {} : { accessorName: raw.accessorName }),
    algorithm,
    columns: [...cols],
    unique: isUnique(cols),
  };
}

function isDirectIndexable(ty: AlgebraicType): boolean {
  if (['U8', 'U16', 'U32', 'U64'].includes(ty.tag)) return true;
  return (
    ty.tag === 'Sum' &&
    ty.value.variants.every(
      (v) => v.algebraicType.tag === 'Product' && v.algebraicType.value.elements.length === 0,
    )
  );
}

function buildSequence(
  raw: RawSequenceDefV10,
  tableName: string,
  columnLabel: (c: number) => string,
  columns: readonly ColumnSchema[],
  ctx: TableContext,
  previous: readonly SequenceSchema[],
): SequenceSchema | undefined {
  const { names } = ctx;
  const name = raw.sourceName ?? `${tableName}_${columnLabel(raw.column)}_seq`;
  names.claim(name);
  const column = columns[raw.column];
  if (!column) {
    names.error(`sequence \`${name}\` refers to missing column ${raw.column}`);
    return undefined;
  }
  if (!isInteger(resolveType(column.type, ctx.typespace))) {
    names.error(`sequence \`${name}\`: column \`${column.name}\` is not an integer type`);
    return undefined;
  }
  if (previous.some((s) => s.colId === raw.column)) {
    names.error(`column \`${column.name}\` of table \`${tableName}\` has more than one sequence`);
    return undefined;
  }
  const start = raw.start ?? 1n;
  const min = raw.minValue ?? 1n;
  const max = raw.maxValue ?? I128_MAX;
  const inOrder = (lo: bigint | undefined, hi: bigint | undefined) =>
    lo === undefined || hi === undefined || lo <= hi;
  if (
    !inOrder(raw.minValue, raw.start) ||
    !inOrder(raw.start, raw.maxValue) ||
    !inOrder(raw.minValue, raw.maxValue)
  ) {
    names.error(`sequence \`${name}\`: needs min <= start <= max`);
    return undefined;
  }
  const span = max - min;
  const magnitude = raw.increment < 0n ? -raw.increment : raw.increment;
  if (raw.increment === 0n || max <= min || start < min || start > max || magnitude >= span) {
    names.error(`sequence \`${name}\`: increment must be non-zero and smaller than max - min`);
    return undefined;
  }
  return { colId: raw.column, start, min, max, increment: raw.increment };
}
