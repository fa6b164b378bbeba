import type { AlgebraicType } from './algebraic-type.js';
import { bsatnFixedSize, compileSkipper, type Skipper } from './bsatn-skipper.js';
import type { Typespace } from './typespace.js';

/**
 * Returns the byte offset of each of the chosen columns (in the order they
 * were chosen) within a row already known to be valid. The returned array is
 * reused by the next call.
 */
export interface ColumnLocator {
  (row: Uint8Array): readonly number[];
  /** Set when every index column sits at a constant offset. */
  readonly fixedOffsets?: readonly number[];
}

export function compileColumnLocator(
  columnTypes: readonly AlgebraicType[],
  columns: readonly number[],
  typespace: Typespace,
): ColumnLocator {
  const last = Math.max(...columns);
  const sizes = columnTypes.slice(0, last).map((ty) => bsatnFixedSize(ty, typespace));
  const constant: number[] = [];
  let at = 0;
  for (let c = 0; c <= last; c++) {
    constant.push(at);
    const size = sizes[c];
    if (c < last && size === undefined) break;
    at += size ?? 0;
  }
  if (constant.length === last + 1) {
    const fixedOffsets = columns.map((c) => constant[c]!);
    return Object.assign(() => fixedOffsets, { fixedOffsets });
  }
  const skippers: (Skipper | undefined)[] = columnTypes
    .slice(0, last)
    .map((ty, c) => (sizes[c] === undefined ? compileSkipper(ty, typespace) : undefined));
  const starts = new Array<number>(last + 1).fill(0);
  const out = new Array<number>(columns.length).fill(0);
  return (row) => {
    let offset = 0;
    for (let c = 0; c <= last; c++) {
      starts[c] = offset;
      if (c < last) offset = skippers[c] ? skippers[c]!(row, offset) : offset + sizes[c]!;
    }
    for (let i = 0; i < columns.length; i++) out[i] = starts[columns[i]!]!;
    return out;
  };
}
