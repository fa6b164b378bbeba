import type { AlgebraicType, ProductType } from './algebraic-type.js';
import { BsatnError } from './bsatn-error.js';
import { type ColumnLocator, compileColumnLocator } from './column-locator.js';
import { decodeKeyRange, type IndexRangeBytes, type KeyRange } from './index-key-range.js';
import { compileKeyEncoder, type KeyEncoder } from './key-encoder.js';
import { sharedKeyWriter } from './key-writer.js';
import { type NumberKeyReader, numberKeyReader } from './number-key.js';
import { EMPTY_TYPESPACE, resolveType, type Typespace } from './typespace.js';
import { wideIntKey } from './wide-int-key.js';

/**
 * An index key. Two keys of one index are equal exactly when SpacetimeDB's
 * `AlgebraicValue`s are, and `codec.compare` orders them as its `Ord` does.
 * Single small-integer columns use plain numbers (fast Map keys); other keys
 * are strings of order-preserving code units.
 */
export type IndexKey = string | number;

export type { IndexRangeBytes, KeyRange };

export interface IndexKeyCodec {
  /** `number`: every key is a number; `string`: every key a string; `mixed`: 64-bit ints. */
  readonly kind: 'number' | 'string' | 'mixed';
  readonly compare: (a: IndexKey, b: IndexKey) => number;
  /** The key of a row that is already known to be valid BSATN of the row type. */
  fromRow(row: Uint8Array): IndexKey;
  /** The key from the concatenated BSATN of the key columns; validates exactly. */
  fromKeyBytes(bytes: Uint8Array): IndexKey;
  /** Bounds from `datastore_index_scan_range_bsatn` arguments; validates them. */
  range(args: IndexRangeBytes): KeyRange;
}

export function compareStringKeys(a: IndexKey, b: IndexKey): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareNumberKeys(a: IndexKey, b: IndexKey): number {
  return (a as number) - (b as number);
}

/**
 * Large 64-bit values are strings starting with U+0000 (below every number)
 * or U+0001 (above every number); see number-key.ts.
 */
export function compareMixedKeys(a: IndexKey, b: IndexKey): number {
  if (typeof a === 'number') {
    if (typeof b === 'number') return a - b;
    return b.charCodeAt(0) === 0 ? 1 : -1;
  }
  if (typeof b === 'number') return a.charCodeAt(0) === 0 ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Compiles the key functions of an index on `columns` of `rowType`. As in
 * SpacetimeDB, a single column of product type is keyed by its fields, so
 * range scans may take a prefix of them.
 */
export function compileIndexKey(
  rowType: ProductType,
  columns: readonly number[],
  typespace: Typespace = EMPTY_TYPESPACE,
): IndexKeyCodec {
  if (columns.length === 0) throw new RangeError('an index needs at least one column');
  const columnTypes = rowType.elements.map((e) => resolveType(e.algebraicType, typespace));
  const keyColumnTypes = columns.map((c) => {
    const ty = columnTypes[c];
    if (ty === undefined) throw new RangeError(`index column ${c} is not in the row type`);
    return ty;
  });
  const single = keyColumnTypes.length === 1 ? keyColumnTypes[0]! : undefined;
  const elems: AlgebraicType[] =
    single?.tag === 'Product'
      ? single.value.elements.map((e) => resolveType(e.algebraicType, typespace))
      : keyColumnTypes;

  const locate = compileColumnLocator(columnTypes, columns, typespace);
  const numberReader = elems.length === 1 ? numberKeyReader(elems[0]!, typespace) : undefined;
  if (numberReader) return numberCodec(numberReader, locate);
  const wide = elems.length === 1 ? WIDE_INTS[elems[0]!.tag] : undefined;
  const wideFromRow = wide && locate.fixedOffsets ? wideIntKey(wide.size, wide.signed) : undefined;
  const wideOffset = locate.fixedOffsets?.[0] ?? 0;

  const columnEncoders = keyColumnTypes.map((ty, i) =>
    compileKeyEncoder(ty, typespace, i === keyColumnTypes.length - 1),
  );
  const inner = elems.map((ty) => compileKeyEncoder(ty, typespace, false));
  const finalEncoder =
    elems.length > 0 ? compileKeyEncoder(elems[elems.length - 1]!, typespace, true) : undefined;
  const elemEncoder = (i: number): KeyEncoder =>
    i === elems.length - 1 ? finalEncoder! : inner[i]!;
  const w = sharedKeyWriter;

  return {
    kind: 'string',
    compare: compareStringKeys,
    fromRow(row) {
      if (wideFromRow) return wideFromRow(row, wideOffset);
      const offsets = locate(row);
      w.reset();
      for (let i = 0; i < columnEncoders.length; i++) columnEncoders[i]!(row, offsets[i]!, w);
      return w.toKey();
    },
    fromKeyBytes(bytes) {
      w.reset();
      let at = 0;
      for (let i = 0; i < elems.length; i++) at = elemEncoder(i)(bytes, at, w);
      if (at !== bytes.length) throw trailing(bytes.length - at);
      return w.toKey();
    },
    range(args) {
      return decodeKeyRange(args, elems.length, (i, bytes, start) => {
        w.reset();
        const end = elemEncoder(i)(bytes, start, w);
        return { end, units: w.toKey() };
      });
    },
  };
}

function numberCodec(reader: NumberKeyReader, locate: ColumnLocator): IndexKeyCodec {
  const fixedOffset = locate.fixedOffsets?.[0];
  const read = reader.read;
  return {
    kind: reader.mixed ? 'mixed' : 'number',
    compare: reader.mixed ? compareMixedKeys : compareNumberKeys,
    fromRow:
      fixedOffset !== undefined
        ? (row) => read(row, fixedOffset)
        : (row) => read(row, locate(row)[0]!),
    fromKeyBytes(bytes) {
      if (bytes.length !== reader.size) {
        throw new BsatnError(`index key is ${bytes.length} byte(s), expected ${reader.size}`);
      }
      return reader.readChecked(bytes, 0);
    },
    range(args) {
      return decodeKeyRange(args, 1, (_i, bytes, start) => {
        if (start + reader.size > bytes.length) {
          throw new BsatnError(`range bound is shorter than ${reader.size} byte(s)`);
        }
        return { end: start + reader.size, units: reader.readChecked(bytes, start) };
      });
    },
  };
}

const WIDE_INTS: Readonly<Record<string, { size: 16 | 32; signed: boolean }>> = {
  U128: { size: 16, signed: false },
  I128: { size: 16, signed: true },
  U256: { size: 32, signed: false },
  I256: { size: 32, signed: true },
};

function trailing(count: number): BsatnError {
  return new BsatnError(`${count} trailing byte(s) after the index key`);
}
