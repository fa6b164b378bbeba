import { BinaryReader, type BinaryWriter } from 'spacetimedb';
import type { TableChanges, TxChanges } from '../datastore/datastore.js';
import { byteView } from './byte-view.js';

/**
 * BSATN of `TxChanges`, the payload of a commit-log record:
 * `{ txOffset: u64, timestamp: i64, tables: Vec<{ tableId: u32, tableName: String,
 * inserts: Vec<Vec<u8>>, deletes: Vec<Vec<u8>> }> }`.
 */

/** Smallest possible payload: txOffset + timestamp + an empty table list. */
export const MIN_TX_CHANGES_LEN = 8 + 8 + 4;

const utf8 = new TextEncoder();
// Table names repeat in every record; encoding each once saves an allocation
// per table per transaction. Bounded so odd callers cannot grow it forever.
const nameCache = new Map<string, Uint8Array>();
const NAME_CACHE_LIMIT = 4096;

function encodedName(name: string): Uint8Array {
  let bytes = nameCache.get(name);
  if (bytes === undefined) {
    bytes = utf8.encode(name);
    if (nameCache.size < NAME_CACHE_LIMIT) nameCache.set(name, bytes);
  }
  return bytes;
}

/**
 * Appends the BSATN of `changes` at the writer's current offset. This runs
 * once per committed transaction, so it sizes the record first, grows the
 * buffer once, and writes through one DataView instead of a method call (and
 * bounds check) per field.
 */
export function encodeTxChanges(writer: BinaryWriter, changes: TxChanges): void {
  const tables = changes.tables;
  const names = new Array<Uint8Array>(tables.length);
  let size = MIN_TX_CHANGES_LEN;
  for (let t = 0; t < tables.length; t++) {
    const table = tables[t]!;
    const name = encodedName(table.tableName);
    names[t] = name;
    size += 4 + 4 + name.length + rowsSize(table.inserts) + rowsSize(table.deletes);
  }
  writer.expandBuffer(size);
  const view = writer.view;
  const bytes = byteView(view.buffer);
  let at = writer.offset;
  view.setBigUint64(at, changes.txOffset, true);
  view.setBigInt64(at + 8, changes.timestamp, true);
  view.setUint32(at + 16, tables.length, true);
  at += 20;
  for (let t = 0; t < tables.length; t++) {
    const table = tables[t]!;
    const name = names[t]!;
    view.setUint32(at, table.tableId, true);
    view.setUint32(at + 4, name.length, true);
    bytes.set(name, at + 8);
    at = writeRows(view, bytes, at + 8 + name.length, table.inserts);
    at = writeRows(view, bytes, at, table.deletes);
  }
  writer.offset = at;
}

function rowsSize(rows: readonly Uint8Array[]): number {
  let size = 4 + 4 * rows.length;
  for (let r = 0; r < rows.length; r++) size += rows[r]!.length;
  return size;
}

function writeRows(view: DataView, bytes: Uint8Array, at: number, rows: readonly Uint8Array[]) {
  view.setUint32(at, rows.length, true);
  let pos = at + 4;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    const length = row.length;
    view.setUint32(pos, length, true);
    pos += 4;
    // Rows are mostly a few dozen bytes, where a loop beats the call into `set`.
    if (length <= 32) for (let i = 0; i < length; i++) bytes[pos + i] = row[i]!;
    else bytes.set(row, pos);
    pos += length;
  }
  return pos;
}

/**
 * Decodes one payload. Rows are copies, so the datastore may keep them without
 * pinning the (large) buffer the payload was read from. Throws `RangeError` on
 * truncated or trailing bytes.
 */
export function decodeTxChanges(payload: Uint8Array): TxChanges {
  const reader = new BinaryReader(payload);
  const txOffset = reader.readU64();
  const timestamp = reader.readI64();
  const tableCount = reader.readU32();
  const tables: TableChanges[] = [];
  for (let t = 0; t < tableCount; t++) {
    const tableId = reader.readU32();
    const tableName = reader.readString();
    const inserts = readRows(reader);
    const deletes = readRows(reader);
    tables.push({ tableId, tableName, inserts, deletes });
  }
  if (reader.remaining !== 0) {
    throw new RangeError(`${reader.remaining} unexpected trailing byte(s) after TxChanges`);
  }
  return { txOffset, timestamp, tables };
}

function readRows(reader: BinaryReader): Uint8Array[] {
  const count = reader.readU32();
  // Each row needs at least its u32 length; rejects absurd counts before allocating.
  if (count * 4 > reader.remaining) {
    throw new RangeError(`row count ${count} exceeds the ${reader.remaining} remaining bytes`);
  }
  const rows = new Array<Uint8Array>(count);
  for (let r = 0; r < count; r++) rows[r] = reader.readUInt8Array();
  return rows;
}
