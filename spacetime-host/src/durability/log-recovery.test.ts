import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BinaryWriter } from 'spacetimedb';
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
import { CommitLogCorruptError } from './durability-error.js';
import { FileDurability } from './file-durability.js';
import { writeRecord } from './record-format.js';
import { SEGMENT_HEADER_LEN, segmentHeader } from './segment-header.js';

afterEach(cleanUpDurability);

const segmentPath = (dir: string, first: number) =>
  path.join(dir, 'commitlog', `${String(first).padStart(20, '0')}.log`);

/**
 * Writes transactions 1..n, one sync each, into a one-segment log and returns
 * the segment's bytes and where each record ends (`ends[0]` is the header's end).
 */
async function pristineLog(n: number): Promise<{ bytes: Buffer; ends: number[] }> {
  const dir = await makeTempDir();
  const { durability } = await openDurability(dir);
  const ends = [SEGMENT_HEADER_LEN];
  for (const tx of txRange(1, n)) {
    await durability.append(tx);
    ends.push((await stat(segmentPath(dir, 1))).size);
  }
  await durability.close();
  return { bytes: await readFile(segmentPath(dir, 1)), ends };
}

/** A database directory whose only segment holds `bytes`. */
async function dirWithSegment(bytes: Uint8Array, first = 1): Promise<string> {
  const dir = await makeTempDir();
  await mkdir(path.join(dir, 'commitlog'));
  await writeFile(segmentPath(dir, first), bytes);
  return dir;
}

async function expectCorrupt(dir: string, message: RegExp): Promise<void> {
  const durability = new FileDurability(dir);
  trackDurability(durability);
  const recovery = durability.recover();
  await expect(recovery).rejects.toThrow(CommitLogCorruptError);
  await expect(recovery).rejects.toThrow(message);
  await expect(durability.append(sampleTx(1n))).rejects.toThrow(/after it failed/);
}

describe('commit-log recovery: torn tails', () => {
  it('drops a last record cut at any byte, truncates the file, and appends after it', async () => {
    const { bytes, ends } = await pristineLog(6);
    const lastStart = ends[5]!;
    for (let cut = lastStart; cut < bytes.length; cut++) {
      const dir = await dirWithSegment(bytes.subarray(0, cut));
      const { recovered, transactions, durability } = await openDurability(dir);
      expect(offsetsOf(transactions)).toEqual([1, 2, 3, 4, 5]);
      expect(recovered.droppedTornTail).toBe(cut > lastStart);
      expect((await stat(segmentPath(dir, 1))).size).toBe(lastStart);

      await durability.append(sampleTx(6n));
      await durability.close();
      expect((await openDurability(dir)).transactions).toEqual(txRange(1, 6));
    }
  });

  it('drops a last record with any single byte flipped', async () => {
    const { bytes, ends } = await pristineLog(6);
    for (let at = ends[5]!; at < bytes.length; at++) {
      const damaged = Buffer.from(bytes);
      damaged[at]! ^= 0x5a;
      const dir = await dirWithSegment(damaged);
      const { recovered, transactions } = await openDurability(dir);
      expect(offsetsOf(transactions)).toEqual([1, 2, 3, 4, 5]);
      expect(recovered.droppedTornTail).toBe(true);
      expect((await stat(segmentPath(dir, 1))).size).toBe(ends[5]);
    }
  });

  it('drops a zero-filled or garbage tail after the last record', async () => {
    const { bytes } = await pristineLog(3);
    const garbage = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 131 + 17) & 0xff));
    for (const tail of [Buffer.alloc(4096), garbage]) {
      const dir = await dirWithSegment(Buffer.concat([bytes, tail]));
      const { recovered, transactions } = await openDurability(dir);
      expect(transactions).toEqual(txRange(1, 3));
      expect(recovered.droppedTornTail).toBe(true);
      expect((await stat(segmentPath(dir, 1))).size).toBe(bytes.length);
    }
  });

  it('deletes a last segment whose creation was cut short, and recreates it on append', async () => {
    const dir = await makeTempDir();
    const { durability } = await openDurability(dir, { maxSegmentBytes: 300 });
    await Promise.all(txRange(1, 10).map((tx) => durability.append(tx)));
    await durability.close();
    const segments = (await readdir(path.join(dir, 'commitlog'))).sort();
    const last = path.join(dir, 'commitlog', segments.at(-1)!);
    const lastFirst = Number.parseInt(segments.at(-1)!, 10);

    for (const header of [segmentHeader().subarray(0, 5), new Uint8Array(12)]) {
      await writeFile(last, header);
      const reopened = await openDurability(dir, { maxSegmentBytes: 300 });
      expect(offsetsOf(reopened.transactions)).toEqual(offsetsOf(txRange(1, lastFirst - 1)));
      expect(reopened.recovered.droppedTornTail).toBe(true);
      expect(await readdir(path.join(dir, 'commitlog'))).not.toContain(segments.at(-1));
      await Promise.all(txRange(lastFirst, 10).map((tx) => reopened.durability.append(tx)));
      await reopened.durability.close();
      expect((await openDurability(dir)).transactions).toEqual(txRange(1, 10));
    }
  });

  it('removes an empty last segment without calling it torn', async () => {
    const { bytes } = await pristineLog(2);
    const dir = await dirWithSegment(bytes);
    await writeFile(segmentPath(dir, 3), segmentHeader());
    const { recovered, transactions, durability } = await openDurability(dir);
    expect(transactions).toEqual(txRange(1, 2));
    expect(recovered.droppedTornTail).toBe(false);
    await durability.append(sampleTx(3n));
    await durability.close();
    expect((await openDurability(dir)).transactions).toEqual(txRange(1, 3));
  });
});

describe('commit-log recovery: corruption it refuses to skip', () => {
  it('fails on any damaged byte of a record that valid records follow, changing nothing', async () => {
    const { bytes, ends } = await pristineLog(6);
    for (let at = ends[2]!; at < ends[3]!; at++) {
      const damaged = Buffer.from(bytes);
      damaged[at]! ^= 0x5a;
      const dir = await dirWithSegment(damaged);
      await expectCorrupt(dir, /damaged record at byte \d+.*valid record follows/);
      expect(Buffer.compare(await readFile(segmentPath(dir, 1)), damaged)).toBe(0);
    }
  });

  it('fails on damage at the end of a segment that is not the last', async () => {
    const dir = await makeTempDir();
    const { durability } = await openDurability(dir, { maxSegmentBytes: 300 });
    await Promise.all(txRange(1, 10).map((tx) => durability.append(tx)));
    await durability.close();
    const first = segmentPath(dir, 1);
    const bytes = await readFile(first);
    await writeFile(first, bytes.subarray(0, bytes.length - 3));
    await expectCorrupt(dir, /not the last segment/);
  });

  it('fails when a segment in the middle is missing', async () => {
    const dir = await makeTempDir();
    const { durability } = await openDurability(dir, { maxSegmentBytes: 300 });
    await Promise.all(txRange(1, 12).map((tx) => durability.append(tx)));
    await durability.close();
    const segments = (await readdir(path.join(dir, 'commitlog'))).sort();
    expect(segments.length).toBeGreaterThanOrEqual(3);
    await rm(path.join(dir, 'commitlog', segments[1]!));
    await expectCorrupt(dir, /transactions \d+\.\.\d+ are missing/);
  });

  it('fails when the log does not start at the beginning and no snapshot covers it', async () => {
    const writer = new BinaryWriter(256);
    writer.writeBytes(segmentHeader());
    writeRecord(writer, sampleTx(5n));
    const dir = await dirWithSegment(writer.getBuffer(), 5);
    await expectCorrupt(dir, /transactions 1\.\.4 are missing/);
  });

  it('fails on an intact record with the wrong txOffset, even at the tail', async () => {
    const writer = new BinaryWriter(256);
    writer.writeBytes(segmentHeader());
    writeRecord(writer, sampleTx(1n));
    writeRecord(writer, sampleTx(3n));
    const dir = await dirWithSegment(writer.getBuffer());
    await expectCorrupt(dir, /holds txOffset 3, expected 2/);
  });

  it('fails on a segment that is not a commit log', async () => {
    const dir = await dirWithSegment(Buffer.from('this is not a commit log segment at all'));
    await expectCorrupt(dir, /bad magic/);
    const newer = Buffer.from(segmentHeader());
    newer[8] = 9;
    await expectCorrupt(await dirWithSegment(newer), /unsupported segment format version 9/);
  });
});
