import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  cleanUpDurability,
  makeTempDir,
  offsetsOf,
  openDurability,
  sampleTx,
  trackDurability,
  txRange,
} from '../../test/durability/durability-fixtures.js';
import type { TxChanges } from '../datastore/datastore.js';
import { DurabilityClosedError, DurabilityUsageError } from './durability-error.js';
import { FileDurability } from './file-durability.js';

afterEach(cleanUpDurability);

async function segmentNames(dir: string): Promise<string[]> {
  return (await readdir(path.join(dir, 'commitlog'))).sort();
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
    await Promise.all(txRange(1, 500).map((tx) => durability.append(tx)));
    await durability.close();

    const { transactions, recovered } = await openDurability(dir);
    expect(transactions).toEqual(txRange(1, 500));
    expect(recovered.droppedTornTail).toBe(false);
  });

  it('resumes appending to the recovered tail segment', async () => {
    const dir = await makeTempDir();
    const first = await openDurability(dir);
    for (const tx of txRange(1, 20)) await first.durability.append(tx);
    await first.durability.close();

    const second = await openDurability(dir);
    expect(offsetsOf(second.transactions)).toEqual(offsetsOf(txRange(1, 20)));
    await Promise.all(txRange(21, 40).map((tx) => second.durability.append(tx)));
    await second.durability.close();

    const third = await openDurability(dir);
    expect(third.transactions).toEqual(txRange(1, 40));
    expect(await segmentNames(dir)).toEqual(['00000000000000000001.log']);
  });

  it('accepts a log that starts at txOffset 0', async () => {
    const dir = await makeTempDir();
    const { durability } = await openDurability(dir);
    await Promise.all(txRange(0, 3).map((tx) => durability.append(tx)));
    await durability.close();
    expect(offsetsOf((await openDurability(dir)).transactions)).toEqual([0, 1, 2, 3]);
  });
});

describe('FileDurability misuse', () => {
  it('rejects append and snapshot before recover, and a second recover', async () => {
    const dir = await makeTempDir();
    const durability = new FileDurability(dir);
    trackDurability(durability);
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
    expect(offsetsOf((await openDurability(dir)).transactions)).toEqual([1, 2]);
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
    expect(offsetsOf((await openDurability(dir)).transactions)).toEqual([1]);
  });

  it('rejects bad options when constructed', () => {
    expect(() => new FileDurability('/x', { maxSegmentBytes: 0 })).toThrow(/maxSegmentBytes/);
    expect(() => new FileDurability('/x', { keepSnapshots: 0 })).toThrow(/keepSnapshots/);
  });
});
describe('FileDurability segment rotation', () => {
  it('starts a new segment, named by its first txOffset, once the size limit is reached', async () => {
    const dir = await makeTempDir();
    const maxSegmentBytes = 1000;
    const { durability } = await openDurability(dir, { maxSegmentBytes });
    await Promise.all(txRange(1, 60).map((tx) => durability.append(tx)));
    const syncsBefore = durability.stats.syncs;
    for (const tx of txRange(61, 80)) await durability.append(tx);
    // One sync per awaited append, rotations included: no empty batches get synced.
    expect(durability.stats.syncs - syncsBefore).toBe(20);
    await durability.close();

    const names = await segmentNames(dir);
    expect(names.length).toBeGreaterThan(4);
    for (const name of names) {
      expect((await stat(path.join(dir, 'commitlog', name))).size).toBeLessThanOrEqual(
        maxSegmentBytes,
      );
    }
    const reopened = await openDurability(dir, { maxSegmentBytes });
    expect(reopened.transactions).toEqual(txRange(1, 80));
    // Each file's name is the offset of its first record.
    const firstOffsets = names.map((name) => Number.parseInt(name, 10));
    expect(firstOffsets[0]).toBe(1);
    expect(firstOffsets).toEqual([...firstOffsets].sort((a, b) => a - b));

    await Promise.all(txRange(81, 100).map((tx) => reopened.durability.append(tx)));
    await reopened.durability.close();
    expect((await openDurability(dir, { maxSegmentBytes })).transactions).toEqual(txRange(1, 100));
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
