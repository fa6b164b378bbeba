import path from 'node:path';
import { BinaryWriter } from 'spacetimedb';
import type { TxChanges } from '../datastore/datastore.js';
import {
  DurabilityClosedError,
  DurabilityFailedError,
  DurabilityUsageError,
} from './durability-error.js';
import { fsyncDir, numberedFileName, SEGMENT_SUFFIX } from './durability-files.js';
import { type LogFile, type OpenLogFile, writeFully } from './log-file.js';
import { writeRecord } from './record-format.js';
import { SEGMENT_HEADER_LEN, segmentHeader } from './segment-header.js';

/** Where the log left off, as recovery found it. */
export interface LogTail {
  /** The last segment on disk, appended to while it has room and the offsets continue it. */
  readonly segment?: {
    readonly firstTxOffset: bigint;
    readonly lastTxOffset: bigint;
    readonly size: number;
  };
  /** The offset the next append must carry; undefined when nothing was ever recorded. */
  readonly nextTxOffset?: bigint;
}

export interface CommitLogWriterOptions {
  readonly dir: string;
  readonly maxSegmentBytes: number;
  readonly openFile: OpenLogFile;
}

/** Counters for tests and benchmarks. */
export interface CommitLogStats {
  readonly appends: number;
  readonly writes: number;
  readonly syncs: number;
}

/**
 * Appends made while a write is in flight (or before the next turn of the
 * event loop) are encoded straight into one buffer and share one write and one
 * fdatasync. Every append in a batch gets the batch's promise.
 */
interface Batch {
  readonly writer: BinaryWriter;
  /** First txOffset of a new segment this batch opens, if it opens one. */
  readonly opensSegment: bigint | undefined;
  readonly done: Promise<void>;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

const BATCH_BUFFER_BYTES = 64 * 1024;
/** A batch buffer that grew past this in a burst is dropped rather than kept. */
const MAX_RECYCLED_BUFFER_BYTES = 4 * 1024 * 1024;

/**
 * The commit log's write side: group commit, segment rotation and fail-stop.
 * Records reach the disk in append order; a write or sync error fails every
 * pending append and every later one, because after it nobody knows what the
 * file holds.
 */
export class CommitLogWriter {
  private readonly queue: Batch[] = [];
  /** The batch new appends join; never one whose write has started. */
  private accepting: Batch | undefined;
  private spareWriters: BinaryWriter[] = [];
  private scheduled = false;
  private draining = false;
  private failure: DurabilityFailedError | undefined;
  private closed = false;
  private counters = { appends: 0, writes: 0, syncs: 0 };

  // What the queued batches will have made of the log once written.
  private nextTxOffset: bigint | undefined;
  private plannedSegmentBytes: number;
  /**
   * The offset that may continue the segment appends go to; any other offset
   * (e.g. after a snapshot ahead of the log) opens a new segment, so each
   * segment stays a contiguous run. Undefined when there is no segment yet.
   */
  private segmentContinuesAt: bigint | undefined;

  // What is on disk.
  private file: LogFile | undefined;
  private fileSize: number;
  private fileSegment: bigint | undefined;

  constructor(
    private readonly options: CommitLogWriterOptions,
    tail: LogTail,
  ) {
    this.nextTxOffset = tail.nextTxOffset;
    this.fileSegment = tail.segment?.firstTxOffset;
    this.fileSize = tail.segment?.size ?? 0;
    this.plannedSegmentBytes = this.fileSize;
    this.segmentContinuesAt = tail.segment && tail.segment.lastTxOffset + 1n;
  }

  get stats(): CommitLogStats {
    return { ...this.counters };
  }

  /** Bytes encoded but not yet synced: what a producer outrunning the disk costs in memory. */
  get pendingBytes(): number {
    let total = 0;
    for (const batch of this.queue) total += batch.writer.offset;
    return total;
  }

  /** First txOffset of the segment appends go to; segments from it on must be kept. */
  get activeSegment(): bigint | undefined {
    return this.fileSegment;
  }

  append(changes: TxChanges): Promise<void> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (this.closed) return Promise.reject(new DurabilityClosedError('the commit log is closed'));
    const txOffset = changes.txOffset;
    if (this.nextTxOffset !== undefined && txOffset !== this.nextTxOffset) {
      return Promise.reject(
        new DurabilityUsageError(
          `append of txOffset ${txOffset}; the log expects ${this.nextTxOffset}`,
        ),
      );
    }
    let opensSegment = txOffset !== this.segmentContinuesAt;
    let batch =
      opensSegment || this.accepting === undefined
        ? this.newBatch(opensSegment ? txOffset : undefined)
        : this.accepting;
    const start = batch.writer.offset;
    let length: number;
    try {
      length = writeRecord(batch.writer, changes);
    } catch (error) {
      if (batch.writer.offset === 0) this.discardNewBatch(batch);
      return Promise.reject(new DurabilityUsageError('cannot encode TxChanges', { cause: error }));
    }
    const segmentHasRecords = this.plannedSegmentBytes > SEGMENT_HEADER_LEN;
    if (
      !opensSegment &&
      segmentHasRecords &&
      this.plannedSegmentBytes + length > this.options.maxSegmentBytes
    ) {
      // Rotation: move the just-encoded record into a batch that opens the next segment.
      const record = batch.writer.getBuffer().slice(start, start + length);
      batch.writer.offset = start;
      if (start === 0) this.discardNewBatch(batch);
      batch = this.newBatch(txOffset);
      batch.writer.writeBytes(record);
      opensSegment = true;
    }
    if (opensSegment) this.plannedSegmentBytes = SEGMENT_HEADER_LEN;
    this.plannedSegmentBytes += length;
    this.segmentContinuesAt = txOffset + 1n;
    this.nextTxOffset = txOffset + 1n;
    this.counters.appends++;
    this.schedule();
    return batch.done;
  }

  /** Resolves once everything appended so far is synced; rejects if the log failed. */
  flush(): Promise<void> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return this.queue.at(-1)?.done ?? Promise.resolve();
  }

  /**
   * A snapshot at `txOffset` was written. When it is ahead of the log (its
   * state includes transactions never appended), the log continues after it.
   */
  noteSnapshot(txOffset: bigint): void {
    if (this.nextTxOffset === undefined || txOffset + 1n > this.nextTxOffset) {
      this.nextTxOffset = txOffset + 1n;
    }
  }

  /** Waits for pending appends, then closes the segment. Appends after this reject. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // A failed flush was already reported to every append it affected.
    await this.flush().catch(() => {});
    const file = this.file;
    this.file = undefined;
    await file?.close();
  }

  private newBatch(opensSegment: bigint | undefined): Batch {
    let resolve!: () => void;
    let reject!: (error: Error) => void;
    const done = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const writer = this.spareWriters.pop() ?? new BinaryWriter(BATCH_BUFFER_BYTES);
    const batch: Batch = { writer, opensSegment, done, resolve, reject };
    this.queue.push(batch);
    this.accepting = batch;
    return batch;
  }

  /** Undoes `newBatch` when its first record failed to encode. */
  private discardNewBatch(batch: Batch): void {
    if (this.queue.at(-1) !== batch) return;
    this.queue.pop();
    this.accepting = undefined;
    this.recycle(batch.writer);
  }

  private schedule(): void {
    if (this.draining || this.scheduled) return;
    this.scheduled = true;
    // setImmediate, not a microtask: appends made by every I/O callback of
    // this event-loop turn (e.g. many HTTP requests) join the first batch.
    setImmediate(() => {
      this.scheduled = false;
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    while (this.queue.length > 0 && this.failure === undefined) {
      const batch = this.queue[0]!;
      if (this.accepting === batch) this.accepting = undefined;
      try {
        await this.writeBatch(batch);
      } catch (error) {
        this.fail(error);
        break;
      }
      this.queue.shift();
      this.recycle(batch.writer);
      batch.resolve();
    }
    this.draining = false;
  }

  private async writeBatch(batch: Batch): Promise<void> {
    const bytes = batch.writer.getBuffer();
    // A batch whose only record failed to encode, or moved on to open the next segment.
    if (bytes.length === 0) return;
    if (batch.opensSegment !== undefined) await this.openSegment(batch.opensSegment);
    const file = this.file ?? (await this.resumeSegment());
    await writeFully(file, bytes, this.fileSize);
    this.fileSize += bytes.length;
    this.counters.writes++;
    await file.datasync();
    this.counters.syncs++;
    // The new file's directory entry must be durable too, or a crash could lose it whole.
    if (batch.opensSegment !== undefined) await fsyncDir(this.options.dir);
  }

  /** Creates the segment whose first record is `txOffset`; the previous one is already synced. */
  private async openSegment(txOffset: bigint): Promise<void> {
    const filePath = path.join(this.options.dir, numberedFileName(txOffset, SEGMENT_SUFFIX));
    const file = await this.options.openFile(filePath, 'wx');
    const previous = this.file;
    this.file = file;
    this.fileSegment = txOffset;
    this.fileSize = 0;
    await previous?.close();
    await writeFully(file, segmentHeader(), 0);
    this.fileSize = SEGMENT_HEADER_LEN;
  }

  /** Opens the segment recovery left at the tail, on the first write into it. */
  private async resumeSegment(): Promise<LogFile> {
    if (this.fileSegment === undefined) throw new Error('no segment to write to');
    const name = numberedFileName(this.fileSegment, SEGMENT_SUFFIX);
    this.file = await this.options.openFile(path.join(this.options.dir, name), 'r+');
    return this.file;
  }

  private fail(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.failure = new DurabilityFailedError(
      `commit log write failed, so no later transaction can be made durable; reopen the database to recover: ${message}`,
      { cause: error },
    );
    for (const batch of this.queue) batch.reject(this.failure);
    this.queue.length = 0;
    this.accepting = undefined;
  }

  private recycle(writer: BinaryWriter): void {
    if (writer.buffer.capacity > MAX_RECYCLED_BUFFER_BYTES || this.spareWriters.length >= 2) return;
    writer.clear();
    this.spareWriters.push(writer);
  }
}
