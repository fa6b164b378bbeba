import { crc32c } from './crc32c.js';
import {
  MAX_PAYLOAD_LEN,
  MIN_RECORD_LEN,
  peekTxOffset,
  RECORD_HEADER_LEN,
} from './record-format.js';
import { SEGMENT_HEADER_LEN } from './segment-header.js';
import { MIN_TX_CHANGES_LEN } from './tx-changes-codec.js';

/** What a walk over one segment's records found (its header already checked). */
export interface SegmentScan {
  readonly records: number;
  readonly lastTxOffset: bigint | undefined;
  /** Byte position just past the last good record. */
  readonly validEnd: number;
  readonly damage: SegmentDamage | undefined;
}

export interface SegmentDamage {
  /** Byte position of the first bad record. */
  readonly at: number;
  readonly reason: string;
  /**
   * The record is intact (CRC matches) but carries the wrong txOffset: a
   * writer bug, never a torn write, so it is never dropped as a tail.
   */
  readonly misnumbered: boolean;
  /**
   * Byte position of a well-formed record found after the damage, if any:
   * evidence that the damage is in the middle of the log, not a torn tail.
   */
  readonly validRecordAfter: number | undefined;
}

/**
 * Walks the records of a segment whose first record must carry
 * `firstTxOffset` and each next one the following offset. A record is good
 * when its length fits the file, its CRC matches and its offset is the
 * expected one; the walk stops at the first record that is not.
 */
export function scanSegment(bytes: Uint8Array, firstTxOffset: bigint): SegmentScan {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = SEGMENT_HEADER_LEN;
  let expected = firstTxOffset;
  let records = 0;
  while (at < bytes.length) {
    const problem = checkRecord(bytes, view, at, expected);
    if (problem !== undefined) {
      const damage: SegmentDamage = {
        at,
        reason: problem.reason,
        misnumbered: problem.misnumbered,
        validRecordAfter: findRecordAfter(bytes, view, at, expected),
      };
      return {
        records,
        lastTxOffset: records > 0 ? expected - 1n : undefined,
        validEnd: at,
        damage,
      };
    }
    at += RECORD_HEADER_LEN + view.getUint32(at, true);
    expected++;
    records++;
  }
  return {
    records,
    lastTxOffset: records > 0 ? expected - 1n : undefined,
    validEnd: at,
    damage: undefined,
  };
}

interface RecordProblem {
  readonly reason: string;
  readonly misnumbered: boolean;
}

const unreadable = (reason: string): RecordProblem => ({ reason, misnumbered: false });

/** Why the record at `at` is not good, or undefined when it is. */
function checkRecord(
  bytes: Uint8Array,
  view: DataView,
  at: number,
  expected: bigint,
): RecordProblem | undefined {
  const remaining = bytes.length - at;
  if (remaining < RECORD_HEADER_LEN)
    return unreadable(`short record header (${remaining} byte(s))`);
  const length = view.getUint32(at, true);
  if (length < MIN_TX_CHANGES_LEN || length > MAX_PAYLOAD_LEN) {
    return unreadable(`bad record length ${length}`);
  }
  if (length > remaining - RECORD_HEADER_LEN) {
    return unreadable(`record length ${length} runs past the end of the file`);
  }
  const stored = view.getUint32(at + 4, true);
  const actual = crc32c(bytes, at + RECORD_HEADER_LEN, at + RECORD_HEADER_LEN + length);
  if (stored !== actual) return unreadable('CRC mismatch');
  const txOffset = peekTxOffset(view, at);
  if (txOffset !== expected) {
    return { reason: `record holds txOffset ${txOffset}, expected ${expected}`, misnumbered: true };
  }
  return undefined;
}

/**
 * Looks past damage at `damagedAt` for any well-formed record with a later
 * offset. Its length field may itself be damaged, so this tries every byte
 * position; cheap filters (plausible length, plausible offset) run before the
 * CRC, so a zero-filled or random tail costs little.
 */
function findRecordAfter(
  bytes: Uint8Array,
  view: DataView,
  damagedAt: number,
  expected: bigint,
): number | undefined {
  // Offsets can only advance by one per record, which bounds any plausible one.
  const maxOffset = expected + BigInt(Math.ceil((bytes.length - damagedAt) / MIN_RECORD_LEN));
  for (let q = damagedAt + 1; q + MIN_RECORD_LEN <= bytes.length; q++) {
    const length = view.getUint32(q, true);
    if (length < MIN_TX_CHANGES_LEN || length > bytes.length - q - RECORD_HEADER_LEN) continue;
    const txOffset = peekTxOffset(view, q);
    if (txOffset < expected || txOffset > maxOffset) continue;
    const end = q + RECORD_HEADER_LEN + length;
    if (view.getUint32(q + 4, true) === crc32c(bytes, q + RECORD_HEADER_LEN, end)) return q;
  }
  return undefined;
}
