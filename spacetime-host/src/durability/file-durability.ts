import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { DatastoreState, TxChanges } from '../datastore/datastore.js';
import { type CommitLogStats, CommitLogWriter } from './commit-log-writer.js';
import type { Durability, RecoveredState } from './durability.js';
import {
  DurabilityClosedError,
  DurabilityUsageError,
  SnapshotCorruptError,
} from './durability-error.js';
import {
  COMMITLOG_DIR,
  ensureDir,
  fsyncDir,
  listNumberedFiles,
  readdirIfExists,
  SEGMENT_SUFFIX,
  SNAPSHOT_SUFFIX,
  SNAPSHOTS_DIR,
  TEMP_SUFFIX,
} from './durability-files.js';
import { type OpenLogFile, openLogFile } from './log-file.js';
import { recoverLog, replayLog } from './log-recovery.js';
import { readSnapshotFile, type SnapshotContents, writeSnapshotFile } from './snapshot-file.js';

export interface FileDurabilityOptions {
  /** A segment is closed once the next record would take it past this size. Default 64 MiB. */
  readonly maxSegmentBytes?: number;
  /** Snapshots kept after a new one is written (at least 1). Default 2. */
  readonly keepSnapshots?: number;
  /** Hears about recoverable trouble, e.g. a corrupt snapshot that was skipped. */
  readonly onWarning?: (message: string) => void;
  /** Opens commit-log segments; tests pass one whose writes fail. */
  readonly openLogFile?: OpenLogFile;
}

const DEFAULT_MAX_SEGMENT_BYTES = 64 * 1024 * 1024;
const DEFAULT_KEEP_SNAPSHOTS = 2;

/**
 * `Durability` on the local file system for one database directory:
 * `commitlog/<firstTxOffset>.log` segments and `snapshots/<txOffset>.snapshot`.
 * Call `recover()` first (also for a new, empty directory); appends and
 * snapshots are accepted only after it.
 */
export class FileDurability implements Durability {
  private readonly commitlogDir: string;
  private readonly snapshotsDir: string;
  private readonly maxSegmentBytes: number;
  private readonly keepSnapshots: number;
  private readonly warn: (message: string) => void;
  private readonly openFile: OpenLogFile;
  private writer: CommitLogWriter | undefined;
  private recoverCalled = false;
  private closed = false;
  /** Snapshots run one at a time; each waits for the previous. */
  private snapshotChain: Promise<unknown> = Promise.resolve();

  constructor(
    readonly dir: string,
    options: FileDurabilityOptions = {},
  ) {
    this.commitlogDir = path.join(dir, COMMITLOG_DIR);
    this.snapshotsDir = path.join(dir, SNAPSHOTS_DIR);
    this.maxSegmentBytes = options.maxSegmentBytes ?? DEFAULT_MAX_SEGMENT_BYTES;
    this.keepSnapshots = options.keepSnapshots ?? DEFAULT_KEEP_SNAPSHOTS;
    this.warn = options.onWarning ?? (() => {});
    this.openFile = options.openLogFile ?? openLogFile;
    if (!(this.maxSegmentBytes > 0)) {
      throw new DurabilityUsageError(
        `maxSegmentBytes must be positive, got ${this.maxSegmentBytes}`,
      );
    }
    if (!Number.isInteger(this.keepSnapshots) || this.keepSnapshots < 1) {
      throw new DurabilityUsageError(
        `keepSnapshots must be an integer >= 1, got ${this.keepSnapshots}`,
      );
    }
  }

  /** Appends, writes and syncs so far (group commit shows as syncs < appends). */
  get stats(): CommitLogStats {
    return this.writer?.stats ?? { appends: 0, writes: 0, syncs: 0 };
  }

  /** Bytes appended but not yet synced; a producer can wait when this grows large. */
  get pendingBytes(): number {
    return this.writer?.pendingBytes ?? 0;
  }

  async recover(): Promise<RecoveredState> {
    this.ensureOpen();
    if (this.recoverCalled) throw new DurabilityUsageError('recover() may be called only once');
    this.recoverCalled = true;
    await ensureDir(this.commitlogDir);
    await ensureDir(this.snapshotsDir);
    await this.removeTempSnapshots();
    const snapshot = await this.latestValidSnapshot();
    const after = snapshot?.state.txOffset;
    const log = await recoverLog(this.commitlogDir, after);
    this.writer = new CommitLogWriter(
      { dir: this.commitlogDir, maxSegmentBytes: this.maxSegmentBytes, openFile: this.openFile },
      log.tail,
    );
    return {
      ...(snapshot && { snapshot }),
      transactions: replayLog(log, after),
      droppedTornTail: log.droppedTornTail,
    };
  }

  append(changes: TxChanges): Promise<void> {
    if (this.writer === undefined) return Promise.reject(this.notReady('append'));
    return this.writer.append(changes);
  }

  /**
   * Waits until every earlier append is synced, writes the snapshot
   * atomically, then prunes: keeps the newest `keepSnapshots` snapshots and
   * deletes the segments wholly covered by the oldest kept one.
   */
  snapshot(state: DatastoreState, moduleHash: string): Promise<void> {
    const writer = this.writer;
    if (writer === undefined) return Promise.reject(this.notReady('snapshot'));
    const run = this.snapshotChain.then(async () => {
      await writer.flush();
      await writeSnapshotFile(this.snapshotsDir, { state, moduleHash });
      writer.noteSnapshot(state.txOffset);
      await this.prune(writer);
    });
    this.snapshotChain = run.catch(() => {});
    return run;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.snapshotChain;
    await this.writer?.close();
  }

  private ensureOpen(): void {
    if (this.closed) throw new DurabilityClosedError(`durability for ${this.dir} is closed`);
  }

  private notReady(operation: string): Error {
    if (this.closed) return new DurabilityClosedError(`durability for ${this.dir} is closed`);
    if (this.recoverCalled) {
      return new DurabilityUsageError(
        `${operation}() while recover() is running or after it failed`,
      );
    }
    return new DurabilityUsageError(
      `${operation}() before recover(): the log tail is not known yet`,
    );
  }

  /** Newest first; a corrupt snapshot is reported and skipped, an older one (or the full log) used. */
  private async latestValidSnapshot(): Promise<SnapshotContents | undefined> {
    const files = await listNumberedFiles(this.snapshotsDir, SNAPSHOT_SUFFIX);
    for (const file of files.reverse()) {
      try {
        return await readSnapshotFile(file.path, file.txOffset);
      } catch (error) {
        if (!(error instanceof SnapshotCorruptError)) throw error;
        this.warn(`skipping corrupt snapshot: ${error.message}`);
      }
    }
    return undefined;
  }

  private async removeTempSnapshots(): Promise<void> {
    for (const name of await readdirIfExists(this.snapshotsDir)) {
      if (name.endsWith(TEMP_SUFFIX)) await rm(path.join(this.snapshotsDir, name), { force: true });
    }
  }

  private async prune(writer: CommitLogWriter): Promise<void> {
    const snapshots = await listNumberedFiles(this.snapshotsDir, SNAPSHOT_SUFFIX);
    const doomed = snapshots.slice(0, Math.max(0, snapshots.length - this.keepSnapshots));
    const oldestKept = snapshots[doomed.length];
    for (const file of doomed) await rm(file.path, { force: true });
    if (doomed.length > 0) await fsyncDir(this.snapshotsDir);
    if (oldestKept === undefined) return;
    // A segment may go when every record in it is covered by the oldest kept
    // snapshot, i.e. the next segment starts at or before that snapshot + 1.
    // Recovery can then still fall back from a corrupt newest snapshot.
    const segments = await listNumberedFiles(this.commitlogDir, SEGMENT_SUFFIX);
    const active = writer.activeSegment;
    let removed = 0;
    for (let i = 0; i + 1 < segments.length; i++) {
      const segment = segments[i]!;
      if (active !== undefined && segment.txOffset >= active) break;
      if (segments[i + 1]!.txOffset > oldestKept.txOffset + 1n) break;
      await rm(segment.path, { force: true });
      removed++;
    }
    if (removed > 0) await fsyncDir(this.commitlogDir);
  }
}
