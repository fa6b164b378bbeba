import { type FileHandle, open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  collectTransactions,
  makeTempDir,
  removeTempDirs,
  sampleTx,
} from '../../test/durability/durability-fixtures.js';
import type { TxChanges } from '../datastore/datastore.js';
import {
  DurabilityClosedError,
  DurabilityFailedError,
  DurabilityUsageError,
} from './durability-error.js';
import { FileDurability, type FileDurabilityOptions } from './file-durability.js';
import type { LogFile, OpenLogFile } from './log-file.js';

const opened: FileDurability[] = [];
afterEach(async () => {
  for (const durability of opened.splice(0)) await durability.close().catch(() => {});
  await removeTempDirs();
});

async function openDurability(dir: string, options?: FileDurabilityOptions) {
  const durability = new FileDurability(dir, options);
  opened.push(durability);
  const recovered = await durability.recover();
  const transactions = await collectTransactions(recovered.transactions);
  return { durability, recovered, transactions };
}

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => sampleTx(BigInt(from + i)));

const offsets = (txs: readonly TxChanges[]) => txs.map((tx) => Number(tx.txOffset));

async function segmentNames(dir: string): Promise<string[]> {
  return (await readdir(path.join(dir, 'commitlog'))).sort();
}

/** A log file whose syncs can be held back or made to fail, and whose handle a test can close. */
function controllableFiles() {
  const control = {
    handles: [] as FileHandle[],
    syncCalls: 0,
    /** While set, every datasync waits for it. */
    syncGate: undefined as Promise<void> | undefined,
    /** The datasync call (0-based) that fails with EIO. */
    failSyncAt: -1,
  };
  const openFile: OpenLogFile = async (filePath, flags) => {
    const handle = await open(filePath, flags);
    control.handles.push(handle);
    const file: LogFile = {
      write: (buffer, offset, length, position) => handle.write(buffer, offset, length, position),
      datasync: async () => {
        const call = control.syncCalls++;
        if (control.syncGate) await control.syncGate;
        if (call === control.failSyncAt) {
          throw Object.assign(new Error('EIO: i/o error, fdatasync (simulated)'), { code: 'EIO' });
        }
        await handle.datasync();
      },
      close: () => handle.close(),
    };
    return file;
  };
  return { control, openFile };
}

describe('FileDurability round trips', () => {
  it('recovers an empty directory as an empty log', async () => {
    const dir = await makeTempDir();
    const { recovered, transactions } = await openDurability(dir);
    expect(recovered.snapshot).toBeUndefined();
    expect(recovered.droppedTornTail).toBe(false);
    expect(transactions).toEqual([]);
    expect(await readdir(dir)).toEqual(expect.arrayContaining(['commitlog', 'snapshots']));
  });

  it('returns every appended transaction, byte for byte, after a reopen', async () => {
    const dir = await makeTempDir();
    const { durability } = await openDurability(dir);
    await Promise.all(range(1, 500).map((tx) => durability.append(tx)));
    await durability.close();

    const { transactions, recovered } = await openDurability(dir);
    expect(transactions).toEqual(range(1, 500));
    expect(recovered.droppedTornTail).toBe(false);
  });

  it('resumes appending to the recovered tail segment', async () => {
    const dir = await makeTempDir();
    const first = await openDurability(dir);
    for (const tx of range(1, 20)) await first.durability.append(tx);
    await first.durability.close();

    const second = await openDurability(dir);
    expect(offsets(second.transactions)).toEqual(offsets(range(1, 20)));
    await Promise.all(range(21, 40).map((tx) => second.durability.append(tx)));
    await second.durability.close();

    const third = await openDurability(dir);
    expect(third.transactions).toEqual(range(1, 40));
    expect(await segmentNames(dir)).toEqual(['00000000000000000001.log']);
  });

  it('accepts a log that starts at txOffset 0', async () => {
    const dir = await makeTempDir();
    const { durability } = await openDurability(dir);
    await Promise.all(range(0, 3).map((tx) => durability.append(tx)));
    await durability.close();
    expect(offsets((await openDurability(dir)).transactions)).toEqual([0, 1, 2, 3]);
  });
});

describe('FileDurability misuse', () => {
  it('rejects append and snapshot before recover, and a second recover', async () => {
    const dir = await makeTempDir();
    const durability = new FileDurability(dir);
    opened.push(durability);
    await expect(durability.append(sampleTx(1n))).rejects.toThrow(DurabilityUsageError);
    await expect(
      durability.snapshot({ txOffset: 0n, tables: [], sequences: {} }, 'h'),
    ).rejects.toThrow(/before recover/);
    await durability.recover();
    await expect(durability.recover()).rejects.toThrow(/only once/);
  });

  it('rejects a non-contiguous txOffset without harming later appends', async () => {
    const dir = await makeTempDir();
    const { durability } = await openDurability(dir);
    await durability.append(sampleTx(1n));
    await expect(durability.append(sampleTx(3n))).rejects.toThrow(/expects 2/);
    await expect(durability.append(sampleTx(1n))).rejects.toThrow(DurabilityUsageError);
    await durability.append(sampleTx(2n));
    await durability.close();
    expect(offsets((await openDurability(dir)).transactions)).toEqual([1, 2]);
  });

  it('rejects an unencodable transaction alone', async () => {
    const dir = await makeTempDir();
    const { durability } = await openDurability(dir);
    const bad = { ...sampleTx(1n), timestamp: 'soon' as unknown as bigint };
    await expect(durability.append(bad)).rejects.toThrow(/cannot encode/);
    await durability.append(sampleTx(1n));
    await durability.close();
    expect((await openDurability(dir)).transactions).toEqual([sampleTx(1n)]);
  });

  it('rejects appends after close, but syncs those made before it', async () => {
    const dir = await makeTempDir();
    const { durability } = await openDurability(dir);
    const pending = durability.append(sampleTx(1n));
    await durability.close();
    await pending;
    await expect(durability.append(sampleTx(2n))).rejects.toThrow(DurabilityClosedError);
    await expect(durability.recover()).rejects.toThrow(DurabilityClosedError);
    expect(offsets((await openDurability(dir)).transactions)).toEqual([1]);
  });

  it('rejects bad options when constructed', () => {
    expect(() => new FileDurability('/x', { maxSegmentBytes: 0 })).toThrow(/maxSegmentBytes/);
    expect(() => new FileDurability('/x', { keepSnapshots: 0 })).toThrow(/keepSnapshots/);
  });
});

describe('FileDurability group commit', () => {
  it('shares one write and one sync among appends made while a sync is pending', async () => {
    const dir = await makeTempDir();
    const { durability } = await openDurability(dir);
    await Promise.all(range(1, 2000).map((tx) => durability.append(tx)));
    const { appends, syncs, writes } = durability.stats;
    expect(appends).toBe(2000);
    // All 2000 were made in one tick: they form a single batch.
    expect(syncs).toBe(1);
    expect(writes).toBe(1);
  });

  it('batches appends that arrive while the previous sync is in flight', async () => {
    const dir = await makeTempDir();
    const { control, openFile } = controllableFiles();
    const { durability } = await openDurability(dir, { openLogFile: openFile });
    let release!: () => void;
    control.syncGate = new Promise((resolve) => {
      release = resolve;
    });
    const first = durability.append(sampleTx(1n));
    await new Promise((resolve) => setImmediate(resolve));
    // The first batch is now writing/syncing; these 99 queue behind it.
    const rest = range(2, 100).map((tx) => durability.append(tx));
    control.syncGate = undefined;
    release();
    await Promise.all([first, ...rest]);
    expect(durability.stats.syncs).toBe(2);
  });

  it('resolves an append only after its sync completed', async () => {
    const dir = await makeTempDir();
    const { control, openFile } = controllableFiles();
    const { durability } = await openDurability(dir, { openLogFile: openFile });
    let release!: () => void;
    control.syncGate = new Promise((resolve) => {
      release = resolve;
    });
    let resolved = false;
    const pending = durability.append(sampleTx(1n)).then(() => {
      resolved = true;
    });
    // Let the batch reach its (held) sync: the write has happened, the sync has not.
    while (control.syncCalls === 0) await new Promise((resolve) => setImmediate(resolve));
    expect(resolved).toBe(false);
    release();
    await pending;
    expect(resolved).toBe(true);
  });

  it('keeps one sync per append when each append awaits the previous one', async () => {
    const dir = await makeTempDir();
    const { durability } = await openDurability(dir);
    for (const tx of range(1, 10)) await durability.append(tx);
    expect(durability.stats.syncs).toBe(10);
    expect(durability.pendingBytes).toBe(0);
  });
});

describe('FileDurability fail-stop', () => {
  it('rejects the whole failed batch, everything queued after it, and every later append', async () => {
    const dir = await makeTempDir();
    const { control, openFile } = controllableFiles();
    const { durability } = await openDurability(dir, { openLogFile: openFile });
    await Promise.all(range(1, 5).map((tx) => durability.append(tx)));
    control.failSyncAt = control.syncCalls;
    let release!: () => void;
    control.syncGate = new Promise((resolve) => {
      release = resolve;
    });
    const failing = range(6, 10).map((tx) => durability.append(tx));
    while (control.syncCalls <= control.failSyncAt) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    // 6..10 are syncing (and will fail); 11..12 queue behind them in the next batch.
    failing.push(...range(11, 12).map((tx) => durability.append(tx)));
    release();
    const results = await Promise.allSettled(failing);
    for (const result of results) {
      expect(result.status).toBe('rejected');
      const reason = (result as PromiseRejectedResult).reason as Error;
      expect(reason).toBeInstanceOf(DurabilityFailedError);
      expect(reason.message).toMatch(/EIO.*simulated/);
    }
    await expect(durability.append(sampleTx(13n))).rejects.toThrow(DurabilityFailedError);
    await expect(
      durability.snapshot({ txOffset: 5n, tables: [], sequences: {} }, 'h'),
    ).rejects.toThrow(DurabilityFailedError);
    await durability.close();

    expect(control.syncCalls).toBe(2); // 11..12 were never written
    // The failed batch reached the page cache but its sync "failed": recovery decides.
    const reopened = await openDurability(dir);
    expect(offsets(reopened.transactions)).toEqual(offsets(range(1, 10)));
  });

  it('fails stop when the segment handle was closed underneath it', async () => {
    const dir = await makeTempDir();
    const { control, openFile } = controllableFiles();
    const { durability } = await openDurability(dir, { openLogFile: openFile });
    await durability.append(sampleTx(1n));
    await control.handles[0]!.close();
    const a = durability.append(sampleTx(2n));
    const b = durability.append(sampleTx(3n));
    await expect(a).rejects.toThrow(DurabilityFailedError);
    await expect(b).rejects.toThrow(/EBADF|closed/);
    await expect(durability.append(sampleTx(4n))).rejects.toThrow(DurabilityFailedError);
    await durability.close();
    expect(offsets((await openDurability(dir)).transactions)).toEqual([1]);
  });

  it('fails stop when a new segment cannot be created', async () => {
    const dir = await makeTempDir();
    const failing: OpenLogFile = async (filePath) => {
      throw Object.assign(new Error(`EACCES: permission denied, open '${filePath}'`), {
        code: 'EACCES',
      });
    };
    const { durability } = await openDurability(dir, { openLogFile: failing });
    await expect(durability.append(sampleTx(1n))).rejects.toThrow(/EACCES/);
    await expect(durability.append(sampleTx(2n))).rejects.toThrow(DurabilityFailedError);
  });
});

describe('FileDurability segment rotation', () => {
  it('starts a new segment, named by its first txOffset, once the size limit is reached', async () => {
    const dir = await makeTempDir();
    const maxSegmentBytes = 1000;
    const { durability } = await openDurability(dir, { maxSegmentBytes });
    await Promise.all(range(1, 60).map((tx) => durability.append(tx)));
    for (const tx of range(61, 80)) await durability.append(tx);
    await durability.close();

    const names = await segmentNames(dir);
    expect(names.length).toBeGreaterThan(4);
    for (const name of names) {
      expect((await stat(path.join(dir, 'commitlog', name))).size).toBeLessThanOrEqual(
        maxSegmentBytes,
      );
    }
    const reopened = await openDurability(dir, { maxSegmentBytes });
    expect(reopened.transactions).toEqual(range(1, 80));
    // Each file's name is the offset of its first record.
    const firstOffsets = names.map((name) => Number.parseInt(name, 10));
    expect(firstOffsets[0]).toBe(1);
    expect(firstOffsets).toEqual([...firstOffsets].sort((a, b) => a - b));

    await Promise.all(range(81, 100).map((tx) => reopened.durability.append(tx)));
    await reopened.durability.close();
    expect((await openDurability(dir, { maxSegmentBytes })).transactions).toEqual(range(1, 100));
  });

  it('puts a record larger than the limit alone in its own segment', async () => {
    const dir = await makeTempDir();
    const { durability } = await openDurability(dir, { maxSegmentBytes: 200 });
    const big: TxChanges = {
      txOffset: 2n,
      timestamp: 0n,
      tables: [{ tableId: 1, tableName: 't', inserts: [new Uint8Array(1000)], deletes: [] }],
    };
    await Promise.all([sampleTx(1n), big, sampleTx(3n)].map((tx) => durability.append(tx)));
    await durability.close();
    expect(await segmentNames(dir)).toEqual([
      '00000000000000000001.log',
      '00000000000000000002.log',
      '00000000000000000003.log',
    ]);
    expect((await openDurability(dir)).transactions).toEqual([sampleTx(1n), big, sampleTx(3n)]);
  });
});
