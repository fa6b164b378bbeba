import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  makeTempDir,
  removeTempDirs,
  sampleRow,
} from '../../test/durability/durability-fixtures.js';

afterEach(removeTempDirs);

import type { DatastoreState } from '../datastore/datastore.js';
import { SnapshotCorruptError } from './durability-error.js';
import { readSnapshotFile, writeSnapshotFile } from './snapshot-file.js';

const state: DatastoreState = {
  txOffset: 77n,
  tables: [
    { tableName: 'accounts', rows: [sampleRow(1n), sampleRow(2n), new Uint8Array(0)] },
    { tableName: 'empty', rows: [] },
  ],
  sequences: { 'accounts.0': 12n, 'log.1': -(2n ** 127n), 'big.0': 2n ** 127n - 1n },
};

describe('snapshot files', () => {
  it('round-trip rows, sequences and the module hash under a zero-padded name', async () => {
    const dir = await makeTempDir();
    const written = await writeSnapshotFile(dir, { state, moduleHash: 'abc123' });
    expect(path.basename(written)).toBe('00000000000000000077.snapshot');
    expect(await readdir(dir)).toEqual(['00000000000000000077.snapshot']); // no temp file left
    expect(await readSnapshotFile(written, 77n)).toEqual({ state, moduleHash: 'abc123' });
  });

  it('stream snapshots larger than one write chunk', async () => {
    const dir = await makeTempDir();
    const rows = Array.from({ length: 3000 }, (_, i) => new Uint8Array(1000).fill(i & 0xff));
    const big: DatastoreState = { txOffset: 5n, tables: [{ tableName: 't', rows }], sequences: {} };
    const written = await writeSnapshotFile(dir, { state: big, moduleHash: 'h' });
    const read = (await readSnapshotFile(written, 5n)).state.tables[0]!.rows;
    expect(read.map((row) => row.length)).toEqual(rows.map((row) => row.length));
    // Compared as one buffer: a deep toEqual over 3 MB of rows takes seconds.
    expect(Buffer.concat(read).equals(Buffer.concat(rows))).toBe(true);
  });

  it('detect a flip of any single byte', async () => {
    const dir = await makeTempDir();
    const written = await writeSnapshotFile(dir, { state, moduleHash: 'abc123' });
    const good = await readFile(written);
    for (let i = 0; i < good.length; i++) {
      const bad = Buffer.from(good);
      bad[i]! ^= 0x10;
      await writeFile(written, bad);
      await expect(readSnapshotFile(written, 77n)).rejects.toThrow(SnapshotCorruptError);
    }
  });

  it('detect truncation at any length', async () => {
    const dir = await makeTempDir();
    const written = await writeSnapshotFile(dir, { state, moduleHash: 'abc123' });
    const good = await readFile(written);
    for (let length = 0; length < good.length; length++) {
      await writeFile(written, good.subarray(0, length));
      await expect(readSnapshotFile(written, 77n)).rejects.toThrow(SnapshotCorruptError);
    }
  });

  it('reject a snapshot whose contents do not match its file name', async () => {
    const dir = await makeTempDir();
    const written = await writeSnapshotFile(dir, { state, moduleHash: 'abc123' });
    await expect(readSnapshotFile(written, 78n)).rejects.toThrow(/holds txOffset 77, not 78/);
  });

  it('let I/O errors through instead of calling them corruption', async () => {
    const dir = await makeTempDir();
    await expect(readSnapshotFile(path.join(dir, 'missing.snapshot'), 1n)).rejects.toThrow(
      /ENOENT/,
    );
  });
});
