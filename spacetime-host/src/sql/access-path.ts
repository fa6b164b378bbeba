import type { RangeArgs, ReadTx } from '../datastore/datastore.js';
import type { IndexSchema, TableSchema } from '../schema/module-schema.js';
import type { BinOp } from './ast.js';
import type { Tuple } from './compile-expr.js';
import { type Scalar, type ScalarCodec, scalarCodec } from './scalar.js';
import type { FieldRef, TypedExpr } from './typed.js';

/**
 * How one table of a query is read: all rows, one key of an index, a range of
 * a btree index, or (for a joined table) the index entries matching a column
 * of a row bound earlier. Every filter is still evaluated on the rows read, so
 * an access path only narrows what is read, never what is returned.
 */
export type Access =
  | { readonly kind: 'scan' }
  | { readonly kind: 'point'; readonly index: IndexSchema; readonly key: Uint8Array }
  | { readonly kind: 'range'; readonly index: IndexSchema; readonly range: RangeArgs }
  | { readonly kind: 'lookup'; readonly index: IndexSchema; readonly from: FieldRef };

/** `column op constant`, with the constant on the right. */
interface Sarg {
  readonly col: number;
  readonly op: BinOp;
  readonly value: Scalar;
  readonly bytes: Uint8Array;
  readonly codec: ScalarCodec;
}

const FLIPPED: Readonly<Record<BinOp, BinOp>> = {
  '=': '=',
  '<>': '<>',
  '<': '>',
  '>': '<',
  '<=': '>=',
  '>=': '<=',
};

const INCLUDED = 0;
const EXCLUDED = 1;
const UNBOUNDED = 2;

/** Picks the narrowest way to read table `rel` given the filter's conjuncts and its join condition. */
export function chooseAccess(
  rel: number,
  table: TableSchema,
  filters: readonly TypedExpr[],
  join?: readonly [FieldRef, FieldRef],
): Access {
  const sargs = filters.flatMap((f) => toSarg(rel, f));
  const equal = new Map<number, Sarg>();
  for (const s of sargs) if (s.op === '=' && !equal.has(s.col)) equal.set(s.col, s);

  const points = table.indexes
    .filter((index) => index.columns.every((c) => equal.has(c)))
    .sort((a, b) => Number(b.unique) - Number(a.unique) || b.columns.length - a.columns.length);
  const point = points[0];
  if (point)
    return {
      kind: 'point',
      index: point,
      key: concat(point.columns.map((c) => equal.get(c)!.bytes)),
    };

  const lookup = join && lookupAccess(rel, table, join);
  if (lookup) return lookup;

  let best: { index: IndexSchema; prefix: number; bounded: boolean } | undefined;
  for (const index of table.indexes) {
    if (index.algorithm !== 'btree') continue;
    let prefix = 0;
    while (prefix < index.columns.length && equal.has(index.columns[prefix]!)) prefix++;
    const next = index.columns[prefix];
    const bounded =
      next !== undefined && sargs.some((s) => s.col === next && s.op !== '=' && s.op !== '<>');
    if (prefix === 0 && !bounded) continue;
    if (!best || prefix + Number(bounded) > best.prefix + Number(best.bounded))
      best = { index, prefix, bounded };
  }
  if (!best) return { kind: 'scan' };
  const { index, prefix } = best;
  const prefixBytes = concat(index.columns.slice(0, prefix).map((c) => equal.get(c)!.bytes));
  const rangeCol = index.columns[prefix];
  const onRange = sargs.filter((s) => s.col === rangeCol);
  const lower = tightest(
    onRange.filter((s) => s.op === '>' || s.op === '>='),
    1,
  );
  const upper = tightest(
    onRange.filter((s) => s.op === '<' || s.op === '<='),
    -1,
  );
  return { kind: 'range', index, range: rangeArgs(prefixBytes, prefix, lower, upper) };
}

/** Reads the rows an access path selects; a lookup keys on the bound row's column bytes. */
export function fetchRows(
  tx: ReadTx,
  table: TableSchema,
  access: Access,
  tuple: Tuple,
): Uint8Array[] {
  switch (access.kind) {
    case 'scan':
      return tx.scan(table.tableId);
    case 'point':
      return tx.indexScanPoint(access.index.indexId, access.key);
    case 'range':
      return tx.indexScanRange(access.index.indexId, access.range);
    case 'lookup': {
      const key = tuple[access.from.rel]!.column(access.from.col);
      if (access.index.columns.length === 1) return tx.indexScanPoint(access.index.indexId, key);
      return tx.indexScanRange(access.index.indexId, rangeArgs(key, 1, undefined, undefined));
    }
  }
}

function toSarg(rel: number, expr: TypedExpr): Sarg[] {
  if (expr.kind !== 'cmp' || expr.op === '<>') return [];
  const { left, right } = expr;
  const codec = scalarCodec(expr.operandType);
  if (!codec) return [];
  if (left.kind === 'field' && left.rel === rel && right.kind === 'value') {
    return [
      { col: left.col, op: expr.op, value: right.value, bytes: codec.encode(right.value), codec },
    ];
  }
  if (right.kind === 'field' && right.rel === rel && left.kind === 'value') {
    const op = FLIPPED[expr.op];
    return [{ col: right.col, op, value: left.value, bytes: codec.encode(left.value), codec }];
  }
  return [];
}

/** An index on the joined column: a one-column index, or a btree whose first column it is. */
function lookupAccess(
  rel: number,
  table: TableSchema,
  [a, b]: readonly [FieldRef, FieldRef],
): Access | undefined {
  const [mine, other] = a.rel === rel ? [a, b] : [b, a];
  if (mine.rel !== rel || other.rel >= rel) return undefined;
  const exact = table.indexes.find((i) => i.columns.length === 1 && i.columns[0] === mine.col);
  const prefix = table.indexes.find((i) => i.algorithm === 'btree' && i.columns[0] === mine.col);
  const index = exact ?? prefix;
  return index && { kind: 'lookup', index, from: other };
}

/** The highest lower bound (`direction` 1) or lowest upper bound (-1); exclusive wins a tie. */
function tightest(bounds: readonly Sarg[], direction: 1 | -1): Sarg | undefined {
  let best: Sarg | undefined;
  for (const s of bounds) {
    if (best === undefined) {
      best = s;
      continue;
    }
    const order = best.codec.compare(s.value, best.value) * direction;
    if (order > 0 || (order === 0 && (s.op === '<' || s.op === '>'))) best = s;
  }
  return best;
}

/** `[prefix | start | end]`, each bound a tag (0 included, 1 excluded, 2 unbounded) and its value. */
function rangeArgs(prefix: Uint8Array, prefixElems: number, lower?: Sarg, upper?: Sarg): RangeArgs {
  const bound = (s: Sarg | undefined) =>
    s === undefined
      ? Uint8Array.of(UNBOUNDED)
      : concat([Uint8Array.of(s.op === '<=' || s.op === '>=' ? INCLUDED : EXCLUDED), s.bytes]);
  const start = bound(lower);
  const end = bound(upper);
  return {
    buf: concat([prefix, start, end]),
    prefixLen: prefix.length,
    prefixElems,
    rstartLen: start.length,
    rendLen: end.length,
  };
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  return parts.length === 1 ? parts[0]! : new Uint8Array(Buffer.concat(parts));
}
