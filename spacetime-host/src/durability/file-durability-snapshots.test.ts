import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  cleanUpDurability,
  makeTempDir,
  offsetsOf,
  openDurability,
  sampleRow,
  sampleTx,
  trackDurability,
  txRange,
} from '../../test/durability/durability-fixtures.js';
import type { DatastoreState } from '../datastore/datastore.js';
import { CommitLogCorruptError, DurabilityUsageError } from './durability-error.js';
import { FileDurability } from './file-durability.js';

afterEach(cleanUpDurability);

/** A state that differs for every offset, so a test can tell which snapshot was loaded. */
function stateAt(txOffset: number): DatastoreState {
  const n = BigInt(txOffset);
  return {
    txOffset: n,
    tables: [{ tableName: 'accounts', rows: [sampleRow(n), sampleRow(n + 1000n)] }],
    sequences: { 'accounts.0': n * 10n },
  };
}

const listDir = async (dir: string, sub: string) => (await readdir(path.join(dir, sub))).sort();
const snapshotPath = (dir: string, txOffset: number) =>
  path.join(dir, 'snapshots', `${String(txOffset).padStart(20, '0')}.snapshot`);

async function flipByte(filePath: string, at: number): Promise<void> {
  const bytes = await readFile(filePath);
  bytes[at]! ^= 0xff;
  await writeFile(filePath, bytes);
}

/** Appends `from..to` and snapshots at `to`, for each [from, to] given. */
async function appendAndSnapshot(durability: FileDurability, spans: [number, number][]) {
  for (const [from, to] of spans) {
    await Promise.all(txRange(from, to).map((tx) => durability.append(tx)));
    await durability.snapshot(stateAt(to), `module-${to}`);
  }
}

describe('FileDurability snapshots', () => {
  it('recovers the snapshot and only the transactions after it', async () => {
    const dir = await makeTempDir();
    const { durability } = await openDurability(dir);
    await appendAndSnapshot(durability, [[1, 10]]);
    await Promise.all(txRange(11, 15).map((tx) => durability.append(tx)));
    await durability.close();

    const { recovered, transactions } = await openDurability(dir);
    expect(recovered.snapshot).toEqual({ state: stateAt(10), moduleHash: 'module-10' });
    expect(transactions).toEqual(txRange(11, 15));
  });

  it('waits for earlier appends to be synced before writing the snapshot', async () => {
    const dir = await makeTempDir();
    const { durability } = await openDurability(dir);
    const synced = new Set<number>();
    const appends = txRange(1, 100).map((tx) =>
      durability.append(tx).then(() => synced.add(Number(tx.txOffset))),
    );
    await durability.snapshot(stateAt(100), 'm');
    expect(synced.size).toBe(100);
    await Promise.all(appends);
  });

  it('continues in a new segment when the snapshot is ahead of the log', async () => {
    const dir = await makeTempDir();
    const { durability } = await openDurability(dir);
    await Promise.all(txRange(1, 5).map((tx) => durability.append(tx)));
    // The state includes transactions 6..8 that were never appended.
    await durability.snapshot(stateAt(8), 'm');
    await expect(durability.append(sampleTx(6n))).rejects.toThrow(DurabilityUsageError);
    await Promise.all(txRange(9, 10).map((tx) => durability.append(tx)));
    await durability.close();

    expect(await listDir(dir, 'commitlog')).toEqual([
      '00000000000000000001.log',
      '00000000000000000009.log',
    ]);
    const { recovered, transactions, durability: reopened } = await openDurability(dir);
    expect(recovered.snapshot?.state).toEqual(stateAt(8));
    expect(offsetsOf(transactions)).toEqual([9, 10]);
    await reopened.append(sampleTx(11n));
  });

  it('continues in a new segment after reopening with a snapshot ahead of the log', async () => {
    const dir = await makeTempDir();
    const first = await openDurability(dir);
    await Promise.all(txRange(1, 5).map((tx) => first.durability.append(tx)));
    await first.durability.snapshot(stateAt(8), 'm');
    await first.durability.close();

    const second = await openDurability(dir);
    expect(second.recovered.snapshot?.state).toEqual(stateAt(8));
    expect(second.transactions).toEqual([]);
    await expect(second.durability.append(sampleTx(6n))).rejects.toThrow(/expects 9/);
    await Promise.all(txRange(9, 10).map((tx) => second.durability.append(tx)));
    await second.durability.close();

    const third = await openDurability(dir);
    expect(offsetsOf(third.transactions)).toEqual([9, 10]);
  });

  it('keeps the newest snapshots and deletes segments wholly covered by the oldest kept', async () => {
    const dir = await makeTempDir();
    const options = { maxSegmentBytes: 600, keepSnapshots: 2 };
    const { durability } = await openDurability(dir, options);
    await appendAndSnapshot(durability, [
      [1, 30],
      [31, 60],
      [61, 90],
    ]);
    await Promise.all(txRange(91, 95).map((tx) => durability.append(tx)));
    await durability.close();

    expect(await listDir(dir, 'snapshots')).toEqual([
      '00000000000000000060.snapshot',
      '00000000000000000090.snapshot',
    ]);
    const firstSegments = (await listDir(dir, 'commitlog')).map((name) =>
      Number.parseInt(name, 10),
    );
    // The first remaining segment still holds transaction 61, the one after the oldest snapshot.
    expect(firstSegments[0]).toBeLessThanOrEqual(61);
    expect(firstSegments[1]).toBeGreaterThan(61);

    const { recovered, transactions } = await openDurability(dir, options);
    expect(recovered.snapshot?.state).toEqual(stateAt(90));
    expect(transactions).toEqual(txRange(91, 95));
  });

  it('falls back to the older snapshot when the newest is corrupt', async () => {
    const dir = await makeTempDir();
    const options = { maxSegmentBytes: 600 };
    const { durability } = await openDurability(dir, options);
    await appendAndSnapshot(durability, [
      [1, 30],
      [31, 60],
      [61, 90],
    ]);
    await Promise.all(txRange(91, 95).map((tx) => durability.append(tx)));
    await durability.close();
    await flipByte(snapshotPath(dir, 90), 40);

    const warnings: string[] = [];
    const { recovered, transactions } = await openDurability(dir, {
      ...options,
      onWarning: (message) => warnings.push(message),
    });
    expect(recovered.snapshot).toEqual({ state: stateAt(60), moduleHash: 'module-60' });
    expect(transactions).toEqual(txRange(61, 95));
    expect(warnings).toEqual([expect.stringMatching(/skipping corrupt snapshot.*90\.snapshot/)]);
  });

  it('replays the whole log when every snapshot is corrupt and the log is complete', async () => {
    const dir = await makeTempDir();
    const { durability } = await openDurability(dir);
    await appendAndSnapshot(durability, [[1, 20]]);
    await Promise.all(txRange(21, 25).map((tx) => durability.append(tx)));
    await durability.close();
    await flipByte(snapshotPath(dir, 20), 30);

    const { recovered, transactions } = await openDurability(dir);
    expect(recovered.snapshot).toBeUndefined();
    expect(transactions).toEqual(txRange(1, 25));
  });

  it('refuses to start when every snapshot is corrupt and the log no longer reaches back', async () => {
    const dir = await makeTempDir();
    const options = { maxSegmentBytes: 600, keepSnapshots: 1 };
    const { durability } = await openDurability(dir, options);
    await appendAndSnapshot(durability, [
      [1, 30],
      [31, 60],
    ]);
    await durability.close();
    expect(Number.parseInt((await listDir(dir, 'commitlog'))[0]!, 10)).toBeGreaterThan(1);
    await flipByte(snapshotPath(dir, 60), 30);

    const durability2 = new FileDurability(dir, options);
    trackDurability(durability2);
    const failure = durability2.recover();
    await expect(failure).rejects.toThrow(CommitLogCorruptError);
    await expect(failure).rejects.toThrow(/missing and there is no valid snapshot/);
  });

  it('removes a snapshot temp file a crash left behind', async () => {
    const dir = await makeTempDir();
    const { durability } = await openDurability(dir);
    await appendAndSnapshot(durability, [[1, 3]]);
    await durability.close();
    const stale = `${snapshotPath(dir, 9)}.tmp`;
    await writeFile(stale, 'half a snapshot');

    const { recovered } = await openDurability(dir);
    expect(recovered.snapshot?.state.txOffset).toBe(3n);
    expect(await listDir(dir, 'snapshots')).toEqual(['00000000000000000003.snapshot']);
  });
});
