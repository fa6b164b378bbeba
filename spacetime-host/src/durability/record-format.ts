import type { BinaryWriter } from 'spacetimedb';
import type { TxChanges } from '../datastore/datastore.js';
import { byteView } from './byte-view.js';
import { crc32c } from './crc32c.js';
import { encodeTxChanges, MIN_TX_CHANGES_LEN } from './tx-changes-codec.js';

/**
 * A commit-log record is `[u32 length][u32 crc32c][payload]`, little-endian,
 * where `length` counts the payload only and the CRC covers the payload.
 */
export const RECORD_HEADER_LEN = 8;
export const MIN_RECORD_LEN = RECORD_HEADER_LEN + MIN_TX_CHANGES_LEN;
/** A length field above this is damage, not data (a record is one transaction). */
export const MAX_PAYLOAD_LEN = 1 << 30;

/**
 * Appends one framed record for `changes` to `writer` and returns its length.
 * On an encoding error the writer is left as it was.
 */
export function writeRecord(writer: BinaryWriter, changes: TxChanges): number {
  const start = writer.offset;
  try {
    writer.expandBuffer(RECORD_HEADER_LEN);
    writer.offset += RECORD_HEADER_LEN;
    encodeTxChanges(writer, changes);
  } catch (error) {
    writer.offset = start;
    throw error;
  }
  const end = writer.offset;
  const payloadLen = end - start - RECORD_HEADER_LEN;
  const view = writer.view;
  view.setUint32(start, payloadLen, true);
  view.setUint32(start + 4, crc32c(byteView(view.buffer), start + RECORD_HEADER_LEN, end), true);
  return end - start;
}

/** The txOffset of the record whose header starts at `at` (first field of the payload). */
export function peekTxOffset(view: DataView, at: number): bigint {
  return view.getBigUint64(at + RECORD_HEADER_LEN, true);
}
