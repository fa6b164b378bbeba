import { type ChildProcess, spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { TxChanges } from '../../src/datastore/datastore.js';
import { FileDurability } from '../../src/durability/file-durability.js';
import { crashState, crashTx, makeTempDir, removeTempDirs } from './durability-fixtures.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const childScript = path.join(here, 'append-loop.ts');
const KILL_AFTER_REPORTS = 4000;
const ROUNDS = 3;

const children = new Set<ChildProcess>();
afterEach(async () => {
  // A failed or timed-out test must not leave a child appending forever.
  for (const child of children) child.kill('SIGKILL');
  children.clear();
  await removeTempDirs();
});

interface ChildRun {
  /** Every txOffset the child reported as synced before it was killed. */
  readonly reported: bigint[];
  readonly signal: NodeJS.Signals | null;
}

/** Runs the child until it has reported `reports` synced appends, then SIGKILLs it mid-load. */
function runAndKill(dir: string, reports: number): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', childScript, dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    const reported: bigint[] = [];
    let pending = '';
    let stderr = '';
    let killed = false;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout.on('data', (chunk: Buffer) => {
      const lines = (pending + chunk.toString()).split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        if (!line.startsWith('ready')) reported.push(BigInt(line));
      }
      if (!killed && reported.length >= reports) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    // 'close' waits for stdout to be drained, so every line the child wrote is counted.
    child.on('close', (code, signal) => {
      children.delete(child);
      if (!killed) reject(new Error(`child exited on its own (code ${code}): ${stderr}`));
      else resolve({ reported, signal });
    });
  });
}

const rowKey = (row: Uint8Array) => Buffer.from(row).toString('hex');

describe('crash safety', () => {
  it('recovers every append reported as synced after SIGKILL, with nothing half-applied', async () => {
    const dir = await makeTempDir('durability-crash-');
    let everReported = 0n;
    for (let round = 0; round < ROUNDS; round++) {
      const run = await runAndKill(dir, KILL_AFTER_REPORTS);
      expect(run.signal).toBe('SIGKILL');
      for (const offset of run.reported) if (offset > everReported) everReported = offset;

      const durability = new FileDurability(dir, { maxSegmentBytes: 64 * 1024 });
      const recovered = await durability.recover();
      const snapshot = recovered.snapshot;
      if (snapshot !== undefined) {
        expect(snapshot.moduleHash).toBe('crash-module');
        expect(snapshot.state).toEqual(crashState(snapshot.state.txOffset));
      }
      // Rebuild the state from the snapshot plus the replayed log, as the datastore would.
      const rows = new Map<string, Uint8Array>();
      for (const row of snapshot?.state.tables[0]?.rows ?? []) rows.set(rowKey(row), row);
      let last = snapshot?.state.txOffset ?? 0n;
      for await (const tx of recovered.transactions as AsyncIterable<TxChanges>) {
        expect(tx.txOffset).toBe(last + 1n);
        expect(tx).toEqual(crashTx(tx.txOffset));
        for (const row of tx.tables[0]!.deletes) expect(rows.delete(rowKey(row))).toBe(true);
        for (const row of tx.tables[0]!.inserts) rows.set(rowKey(row), row);
        last = tx.txOffset;
      }
      await durability.close();

      expect(last).toBeGreaterThanOrEqual(everReported);
      const expected = crashState(last).tables[0]!.rows.map(rowKey).sort();
      expect([...rows.keys()].sort()).toEqual(expected);
    }
    // Snapshots and rotation really happened under load.
    expect((await readdir(path.join(dir, 'snapshots'))).length).toBeGreaterThan(0);
    expect((await readdir(path.join(dir, 'commitlog'))).length).toBeGreaterThan(1);
  });
});
