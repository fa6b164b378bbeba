import { open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { TxChanges } from '../datastore/datastore.js';
import type { LogTail } from './commit-log-writer.js';
import { CommitLogCorruptError } from './durability-error.js';
import {
  fsyncDir,
  listNumberedFiles,
  type NumberedFile,
  SEGMENT_SUFFIX,
} from './durability-files.js';
import { peekTxOffset, RECORD_HEADER_LEN } from './record-format.js';
import { checkSegmentHeader, SEGMENT_HEADER_LEN } from './segment-header.js';
import { type SegmentScan, scanSegment } from './segment-scan.js';
import { decodeTxChanges } from './tx-changes-codec.js';

/**
 * Without a snapshot, replay must start at the very first transaction. The
 * datastore numbers transactions from 0 or 1 (its txOffset is 0 before the
 * first), so a log starting later has lost its head.
 */
const LATEST_FIRST_TX_OFFSET = 1n;

/** The checked commit log: what to replay and where appending resumes. */
export interface LogRecovery {
  readonly segments: readonly ReplaySegment[];
  readonly tail: LogTail;
  readonly droppedTornTail: boolean;
}

export interface ReplaySegment {
  readonly path: string;
  /** Records end here; bytes appended later are not part of the recovery. */
  readonly validEnd: number;
}

interface ScannedSegment {
  readonly file: NumberedFile;
  readonly scan: SegmentScan;
}

/**
 * Validates every segment that may hold transactions after `afterTxOffset`
 * (a snapshot's offset; undefined replays the whole log): headers, CRCs and
 * contiguous offsets. A damaged trailing record is dropped by truncating the
 * last segment; damage anywhere else, or a gap no snapshot covers, throws
 * `CommitLogCorruptError`. Nothing is modified unless the whole check passes.
 */
export async function recoverLog(
  dir: string,
  afterTxOffset: bigint | undefined,
): Promise<LogRecovery> {
  const files = await listNumberedFiles(dir, SEGMENT_SUFFIX);
  const start = firstNeededSegment(files, afterTxOffset);
  const scanned: ScannedSegment[] = [];
  const toDelete: string[] = [];
  let truncateTail: ScannedSegment | undefined;
  let droppedTornTail = false;
  let previousLast: bigint | undefined;

  for (let i = start; i < files.length; i++) {
    const file = files[i]!;
    const isLast = i === files.length - 1;
    const bytes = await readFile(file.path);
    const header = checkSegmentHeader(bytes);
    if (!header.ok) {
      if (!(isLast && header.incomplete)) throw corrupt(file.path, header.reason);
      // Creating this segment was cut short by a crash: it never held a synced record.
      toDelete.push(file.path);
      droppedTornTail = true;
      continue;
    }
    const scan = scanSegment(bytes, file.txOffset);
    if (scan.damage !== undefined) {
      const { at, reason, misnumbered, validRecordAfter } = scan.damage;
      if (misnumbered || !isLast || validRecordAfter !== undefined) {
        const after =
          validRecordAfter === undefined
            ? ''
            : `, yet a valid record follows at byte ${validRecordAfter}`;
        const where = isLast ? '' : ' (not the last segment)';
        throw corrupt(
          file.path,
          `damaged record at byte ${at}${where}: ${reason}${after}; refusing to skip committed transactions`,
        );
      }
      droppedTornTail = true;
      if (scan.records > 0) truncateTail = { file, scan };
    }
    if (scan.records === 0) {
      toDelete.push(file.path);
      continue;
    }
    checkContinuity(file, previousLast, afterTxOffset);
    previousLast = scan.lastTxOffset;
    scanned.push({ file, scan });
  }

  if (truncateTail !== undefined)
    await truncate(truncateTail.file.path, truncateTail.scan.validEnd);
  for (const filePath of toDelete) await rm(filePath);
  if (toDelete.length > 0) await fsyncDir(dir);

  // Every file after the last one with records was deleted above, so it is the tail.
  const last = scanned.at(-1);
  const highest = maxDefined(last?.scan.lastTxOffset, afterTxOffset);
  return {
    segments: scanned.map(({ file, scan }) => ({ path: file.path, validEnd: scan.validEnd })),
    tail: {
      segment: last && {
        firstTxOffset: last.file.txOffset,
        lastTxOffset: last.scan.lastTxOffset!,
        size: last.scan.validEnd,
      },
      nextTxOffset: highest === undefined ? undefined : highest + 1n,
    },
    droppedTornTail,
  };
}

/** Index of the segment holding `afterTxOffset + 1` (earlier ones are covered by the snapshot). */
function firstNeededSegment(files: readonly NumberedFile[], afterTxOffset: bigint | undefined) {
  if (afterTxOffset === undefined) return 0;
  let start = 0;
  files.forEach((file, i) => {
    if (file.txOffset <= afterTxOffset + 1n) start = i;
  });
  return start;
}

function checkContinuity(
  file: NumberedFile,
  previousLast: bigint | undefined,
  after: bigint | undefined,
) {
  const first = file.txOffset;
  if (previousLast !== undefined && first <= previousLast) {
    throw corrupt(
      file.path,
      `starts at txOffset ${first}, but the previous segment reaches ${previousLast}`,
    );
  }
  // A gap is harmless when the snapshot already holds the missing transactions.
  const covered = after === undefined ? LATEST_FIRST_TX_OFFSET : after + 1n;
  const expected = previousLast === undefined ? covered : previousLast + 1n;
  if (first > expected && first > covered) {
    const cover =
      after === undefined
        ? 'there is no valid snapshot to cover them'
        : `the snapshot at txOffset ${after} does not cover them`;
    throw corrupt(file.path, `transactions ${expected}..${first - 1n} are missing and ${cover}`);
  }
}

async function truncate(filePath: string, length: number): Promise<void> {
  const file = await open(filePath, 'r+');
  try {
    await file.truncate(length);
    await file.datasync();
  } finally {
    await file.close();
  }
}

/**
 * The transactions after `afterTxOffset`, decoded one segment at a time so
 * memory holds at most one segment's bytes.
 */
export async function* replayLog(
  recovery: LogRecovery,
  afterTxOffset: bigint | undefined,
): AsyncGenerator<TxChanges> {
  for (const segment of recovery.segments) {
    const bytes = await readFile(segment.path);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let at = SEGMENT_HEADER_LEN;
    while (at < segment.validEnd) {
      const length = view.getUint32(at, true);
      const end = at + RECORD_HEADER_LEN + length;
      if (afterTxOffset === undefined || peekTxOffset(view, at) > afterTxOffset) {
        yield decodeRecord(segment.path, at, bytes.subarray(at + RECORD_HEADER_LEN, end));
      }
      at = end;
    }
  }
}

function decodeRecord(filePath: string, at: number, payload: Uint8Array): TxChanges {
  try {
    return decodeTxChanges(payload);
  } catch (error) {
    // The CRC matched, so the bytes are what was written: a format bug, not damage.
    throw corrupt(filePath, `record at byte ${at} does not decode: ${(error as Error).message}`);
  }
}

function corrupt(filePath: string, why: string): CommitLogCorruptError {
  return new CommitLogCorruptError(
    `commit log segment ${path.basename(filePath)} (${filePath}): ${why}`,
  );
}

function maxDefined(a: bigint | undefined, b: bigint | undefined): bigint | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a > b ? a : b;
}
