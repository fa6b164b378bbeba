import { type FileHandle, open } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import {
  cleanUpDurability,
  makeTempDir,
  offsetsOf,
  openDurability,
  sampleTx,
  txRange,
} from '../../test/durability/durability-fixtures.js';
import { DurabilityFailedError } from './durability-error.js';
import type { LogFile, OpenLogFile } from './log-file.js';

afterEach(cleanUpDurability);

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

describe('FileDurability group commit', () => {
  it('shares one write and one sync among appends made while a sync is pending', async () => {
    const dir = await makeTempDir();
    const { durability } = await openDurability(dir);
    await Promise.all(txRange(1, 2000).map((tx) => durability.append(tx)));
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
    const rest = txRange(2, 100).map((tx) => durability.append(tx));
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
    for (const tx of txRange(1, 10)) await durability.append(tx);
    expect(durability.stats.syncs).toBe(10);
    expect(durability.pendingBytes).toBe(0);
  });
});

describe('FileDurability fail-stop', () => {
  it('rejects the whole failed batch, everything queued after it, and every later append', async () => {
    const dir = await makeTempDir();
    const { control, openFile } = controllableFiles();
    const { durability } = await openDurability(dir, { openLogFile: openFile });
    await Promise.all(txRange(1, 5).map((tx) => durability.append(tx)));
    control.failSyncAt = control.syncCalls;
    let release!: () => void;
    control.syncGate = new Promise((resolve) => {
      release = resolve;
    });
    const failing = txRange(6, 10).map((tx) => durability.append(tx));
    while (control.syncCalls <= control.failSyncAt) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    // 6..10 are syncing (and will fail); 11..12 queue behind them in the next batch.
    failing.push(...txRange(11, 12).map((tx) => durability.append(tx)));
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
    expect(offsetsOf(reopened.transactions)).toEqual(offsetsOf(txRange(1, 10)));
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
    expect(offsetsOf((await openDurability(dir)).transactions)).toEqual([1]);
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
