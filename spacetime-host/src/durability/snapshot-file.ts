import { open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { BinaryReader } from 'spacetimedb';
import type { DatastoreState } from '../datastore/datastore.js';
import { ChunkedFileWriter } from './chunked-file-writer.js';
import { crc32c } from './crc32c.js';
import { SnapshotCorruptError } from './durability-error.js';
import { fsyncDir, numberedFileName, SNAPSHOT_SUFFIX, TEMP_SUFFIX } from './durability-files.js';
import { writeFully } from './log-file.js';

/**
 * A snapshot file is a 24-byte header — `KITHSNAP`, u32 version, u32 CRC-32C
 * of the body, u64 body length — then the body in BSATN:
 * `{ moduleHash: String, txOffset: u64, tables: Vec<{ tableName: String,
 * rows: Vec<Vec<u8>> }>, sequences: Vec<{ key: String, next: i128 }> }`.
 */
const MAGIC = new TextEncoder().encode('KITHSNAP');
const VERSION = 1;
const HEADER_LEN = 24;

export interface SnapshotContents {
  readonly state: DatastoreState;
  readonly moduleHash: string;
}

/**
 * Writes `<txOffset>.snapshot` atomically: into a temp file, synced, renamed
 * over the final name, then the directory synced. A crash leaves either the
 * old set of snapshots or the new one, never a half-written file under a
 * final name. Returns the final path.
 */
export async function writeSnapshotFile(
  dir: string,
  { state, moduleHash }: SnapshotContents,
): Promise<string> {
  const finalPath = path.join(dir, numberedFileName(state.txOffset, SNAPSHOT_SUFFIX));
  const tempPath = finalPath + TEMP_SUFFIX;
  const file = await open(tempPath, 'w');
  try {
    const out = new ChunkedFileWriter(file, HEADER_LEN);
    const w = out.writer;
    w.writeString(moduleHash);
    w.writeU64(state.txOffset);
    w.writeU32(state.tables.length);
    for (const table of state.tables) {
      w.writeString(table.tableName);
      w.writeU32(table.rows.length);
      for (const row of table.rows) {
        w.writeUInt8Array(row);
        await out.maybeFlush();
      }
    }
    const sequences = Object.entries(state.sequences);
    w.writeU32(sequences.length);
    for (const [key, next] of sequences) {
      w.writeString(key);
      w.writeI128(next);
    }
    const body = await out.finish();
    await writeFully(file, snapshotHeader(body.crc, body.length), 0);
    await file.sync();
  } catch (error) {
    await file.close().catch(() => {});
    await rm(tempPath, { force: true });
    throw error;
  }
  await file.close();
  await rename(tempPath, finalPath);
  await fsyncDir(dir);
  return finalPath;
}

function snapshotHeader(crc: number, bodyLength: number): Uint8Array {
  const header = new Uint8Array(HEADER_LEN);
  const view = new DataView(header.buffer);
  header.set(MAGIC, 0);
  view.setUint32(8, VERSION, true);
  view.setUint32(12, crc, true);
  view.setBigUint64(16, BigInt(bodyLength), true);
  return header;
}

/**
 * Reads and verifies a snapshot written for `expectedTxOffset` (its file
 * name). Throws `SnapshotCorruptError` when anything does not check out;
 * I/O errors propagate as they are.
 */
export async function readSnapshotFile(
  filePath: string,
  expectedTxOffset: bigint,
): Promise<SnapshotContents> {
  const bytes = await readFile(filePath);
  const corrupt = (why: string) => new SnapshotCorruptError(`snapshot ${filePath}: ${why}`);
  if (bytes.length < HEADER_LEN || !MAGIC.every((b, i) => bytes[i] === b)) {
    throw corrupt('not a snapshot file (bad header)');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(8, true);
  if (version !== VERSION) throw corrupt(`unsupported version ${version}`);
  const bodyLength = view.getBigUint64(16, true);
  if (bodyLength !== BigInt(bytes.length - HEADER_LEN)) {
    throw corrupt(`body is ${bytes.length - HEADER_LEN} bytes, header says ${bodyLength}`);
  }
  if (crc32c(bytes, HEADER_LEN) !== view.getUint32(12, true)) throw corrupt('CRC mismatch');
  let contents: SnapshotContents;
  try {
    contents = decodeBody(bytes.subarray(HEADER_LEN));
  } catch (error) {
    throw corrupt(`undecodable body: ${(error as Error).message}`);
  }
  if (contents.state.txOffset !== expectedTxOffset) {
    throw corrupt(`holds txOffset ${contents.state.txOffset}, not ${expectedTxOffset}`);
  }
  return contents;
}

function decodeBody(body: Uint8Array): SnapshotContents {
  const r = new BinaryReader(body);
  const moduleHash = r.readString();
  const txOffset = r.readU64();
  const tableCount = r.readU32();
  const tables: { tableName: string; rows: Uint8Array[] }[] = [];
  for (let t = 0; t < tableCount; t++) {
    const tableName = r.readString();
    const rowCount = r.readU32();
    if (rowCount * 4 > r.remaining) throw new RangeError(`row count ${rowCount} is impossible`);
    const rows = new Array<Uint8Array>(rowCount);
    for (let i = 0; i < rowCount; i++) rows[i] = r.readUInt8Array();
    tables.push({ tableName, rows });
  }
  const sequenceCount = r.readU32();
  const sequences: [string, bigint][] = [];
  for (let s = 0; s < sequenceCount; s++) sequences.push([r.readString(), r.readI128()]);
  if (r.remaining !== 0) throw new RangeError(`${r.remaining} trailing byte(s)`);
  return { moduleHash, state: { txOffset, tables, sequences: Object.fromEntries(sequences) } };
}
