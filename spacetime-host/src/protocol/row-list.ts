import type { BinaryWriter } from 'spacetimedb';
import type { MessageReader } from './message-reader.js';
import { ProtocolError } from './protocol-error.js';

/** How a `BsatnRowList` says where its rows start: one fixed size, or each row's offset. */
export type RowSizeHint =
  | { readonly tag: 'FixedSize'; readonly size: number }
  | { readonly tag: 'RowOffsets'; readonly offsets: readonly number[] };

const MAX_FIXED_SIZE = 0xffff;

/**
 * Writes SpacetimeDB's `BsatnRowList`: a `RowSizeHint` then the rows' bytes
 * back to back. Rows of one non-zero length (u16) use `FixedSize`, as
 * SpacetimeDB does for fixed-layout tables; anything else lists offsets.
 */
export function writeRowList(writer: BinaryWriter, rows: readonly Uint8Array[]): void {
  let total = 0;
  const first = rows[0]?.length ?? 0;
  let fixed = rows.length > 0 && first > 0 && first <= MAX_FIXED_SIZE;
  for (const row of rows) {
    total += row.length;
    if (row.length !== first) fixed = false;
  }
  writer.expandBuffer(1 + 4 + 8 * rows.length + 4 + total);
  if (fixed) {
    writer.writeU8(0);
    writer.writeU16(first);
  } else {
    writer.writeU8(1);
    writer.writeU32(rows.length);
    let offset = 0;
    for (const row of rows) {
      // A u64, written as two u32 halves: offsets never reach 2^32 and this avoids a BigInt per row.
      writer.writeU32(offset);
      writer.writeU32(0);
      offset += row.length;
    }
  }
  writer.writeU32(total);
  for (const row of rows) writer.writeBytes(row);
}

/** Reads a `BsatnRowList` into its rows (views into the frame), checking the hint against the data. */
export function readRowList(reader: MessageReader): Uint8Array[] {
  const hint = readSizeHint(reader);
  const data = reader.bytesField('rows_data');
  if (hint.tag === 'FixedSize') {
    if (hint.size === 0) throw new ProtocolError('FixedSize row size hint of 0');
    if (data.length % hint.size !== 0) {
      throw new ProtocolError(`${data.length} bytes of rows is not a multiple of ${hint.size}`);
    }
    const rows: Uint8Array[] = [];
    for (let start = 0; start < data.length; start += hint.size) {
      rows.push(data.subarray(start, start + hint.size));
    }
    return rows;
  }
  const { offsets } = hint;
  return offsets.map((start, i) => {
    const end = offsets[i + 1] ?? data.length;
    if (start > end || end > data.length || (i === 0 && start !== 0)) {
      throw new ProtocolError(`row offsets ${offsets.join(',')} do not fit ${data.length} bytes`);
    }
    return data.subarray(start, end);
  });
}

/** The size hint alone, for checking which form an encoder chose. */
export function readSizeHint(reader: MessageReader): RowSizeHint {
  const tag = reader.u8();
  if (tag === 0) return { tag: 'FixedSize', size: reader.u16() };
  if (tag !== 1) throw new ProtocolError(`unknown row size hint tag ${tag}`);
  const count = reader.arrayLength(8, 'row offsets');
  const offsets: number[] = [];
  for (let i = 0; i < count; i++) offsets.push(Number(reader.u64()));
  return { tag: 'RowOffsets', offsets };
}
