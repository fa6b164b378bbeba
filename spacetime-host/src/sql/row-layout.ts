import type { AlgebraicType } from '../sats/algebraic-type.js';
import { PRIMITIVE_SIZES } from '../sats/primitive-sizes.js';
import { resolveType, type Typespace } from '../sats/typespace.js';
import type { TableSchema } from '../schema/module-schema.js';
import type { Scalar, ScalarCodec } from './scalar.js';

/** Returns the offset just past the value that starts at `offset`; rows from the datastore are trusted. */
type Skip = (view: DataView, offset: number) => number;

/** Where each column of a table's BSATN rows starts, so SQL reads only the columns it needs. */
export class RowLayout {
  private readonly skips: readonly Skip[];

  constructor(table: TableSchema, typespace: Typespace) {
    this.skips = table.columns.map((c) => compileSkip(c.type, typespace));
  }

  /** `offsets[i]` is where column i starts; `offsets[columns]` is the row's length. */
  offsets(row: Uint8Array): Int32Array {
    const view = new DataView(row.buffer, row.byteOffset, row.byteLength);
    const offsets = new Int32Array(this.skips.length + 1);
    let offset = 0;
    for (let i = 0; i < this.skips.length; i++) {
      offsets[i] = offset;
      offset = this.skips[i]!(view, offset);
    }
    offsets[this.skips.length] = offset;
    return offsets;
  }
}

/** One row being looked at by a query: its bytes, with columns sliced and decoded on demand. */
export class BoundRow {
  private offsetsCache?: Int32Array;
  private readonly values: (Scalar | undefined)[] = [];

  constructor(
    readonly bytes: Uint8Array,
    private readonly layout: RowLayout,
  ) {}

  column(col: number): Uint8Array {
    this.offsetsCache ??= this.layout.offsets(this.bytes);
    return this.bytes.subarray(this.offsetsCache[col], this.offsetsCache[col + 1]);
  }

  value(col: number, codec: ScalarCodec): Scalar {
    let value = this.values[col];
    if (value === undefined) {
      value = codec.decode(this.column(col));
      this.values[col] = value;
    }
    return value;
  }
}

function compileSkip(type: AlgebraicType, typespace: Typespace, depth = 0): Skip {
  const ty = resolveType(type, typespace);
  const fixed = PRIMITIVE_SIZES[ty.tag];
  if (fixed !== undefined) return (_, offset) => offset + fixed;
  switch (ty.tag) {
    case 'String':
      return (view, offset) => offset + 4 + view.getUint32(offset, true);
    case 'Array': {
      const elementSize = PRIMITIVE_SIZES[resolveType(ty.value, typespace).tag];
      if (elementSize !== undefined) {
        return (view, offset) => offset + 4 + view.getUint32(offset, true) * elementSize;
      }
      const skipElement = lazySkip(ty.value, typespace, depth);
      return (view, offset) => {
        const length = view.getUint32(offset, true);
        let at = offset + 4;
        for (let i = 0; i < length; i++) at = skipElement(view, at);
        return at;
      };
    }
    case 'Product': {
      const elements = ty.value.elements.map((e) => lazySkip(e.algebraicType, typespace, depth));
      return (view, offset) => {
        let at = offset;
        for (const skip of elements) at = skip(view, at);
        return at;
      };
    }
    case 'Sum': {
      const variants = ty.value.variants.map((v) => lazySkip(v.algebraicType, typespace, depth));
      return (view, offset) => variants[view.getUint8(offset)]!(view, offset + 1);
    }
    default:
      throw new Error(`no BSATN layout for type ${ty.tag}`);
  }
}

/** Recursive types (a Ref back to itself) compile their inner skipper on first use. */
function lazySkip(type: AlgebraicType, typespace: Typespace, depth: number): Skip {
  if (type.tag !== 'Ref' || depth < 32) return compileSkip(type, typespace, depth + 1);
  let skip: Skip | undefined;
  return (view, offset) => {
    skip ??= compileSkip(type, typespace, 0);
    return skip(view, offset);
  };
}
