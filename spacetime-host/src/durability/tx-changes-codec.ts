import { BinaryReader, type BinaryWriter } from 'spacetimedb';
import type { TableChanges, TxChanges } from '../datastore/datastore.js';

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

/** Appends the BSATN of `changes` at the writer's current offset. */
export function encodeTxChanges(writer: BinaryWriter, changes: TxChanges): void {
  writer.writeU64(changes.txOffset);
  writer.writeI64(changes.timestamp);
  const tables = changes.tables;
  writer.writeU32(tables.length);
  for (let t = 0; t < tables.length; t++) {
    const table = tables[t]!;
    writer.writeU32(table.tableId);
    writer.writeUInt8Array(encodedName(table.tableName));
    writeRows(writer, table.inserts);
    writeRows(writer, table.deletes);
  }
}

function writeRows(writer: BinaryWriter, rows: readonly Uint8Array[]): void {
  writer.writeU32(rows.length);
  for (let r = 0; r < rows.length; r++) writer.writeUInt8Array(rows[r]!);
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
