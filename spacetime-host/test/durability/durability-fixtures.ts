// Shared fixtures for durability tests, the crash child and the benchmark.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TxChanges } from '../../src/datastore/datastore.js';
import {
  FileDurability,
  type FileDurabilityOptions,
} from '../../src/durability/file-durability.js';

const tempDirs: string[] = [];

/** A fresh, empty directory under the OS temp dir; `removeTempDirs` deletes it. */
export async function makeTempDir(prefix = 'durability-'): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** Deletes every directory `makeTempDir` made so far (call from `afterEach`). */
export async function removeTempDirs(): Promise<void> {
  for (const dir of tempDirs.splice(0)) await rm(dir, { recursive: true, force: true });
}

const openedDurabilities: FileDurability[] = [];

/** A recovered FileDurability on `dir`, with its replayed transactions drained. */
export async function openDurability(dir: string, options?: FileDurabilityOptions) {
  const durability = new FileDurability(dir, options);
  openedDurabilities.push(durability);
  const recovered = await durability.recover();
  const transactions = await collectTransactions(recovered.transactions);
  return { durability, recovered, transactions };
}

/** Tracks a durability a test made itself, so `cleanUpDurability` closes it. */
export function trackDurability(durability: FileDurability): FileDurability {
  openedDurabilities.push(durability);
  return durability;
}

/** Closes every durability opened here and deletes the temp dirs (call from `afterEach`). */
export async function cleanUpDurability(): Promise<void> {
  for (const durability of openedDurabilities.splice(0)) await durability.close().catch(() => {});
  await removeTempDirs();
}

/** `sampleTx(from)` .. `sampleTx(to)`. */
export function txRange(from: number, to: number): TxChanges[] {
  return Array.from({ length: to - from + 1 }, (_, i) => sampleTx(BigInt(from + i)));
}

export function offsetsOf(txs: readonly TxChanges[]): number[] {
  return txs.map((tx) => Number(tx.txOffset));
}

/** Drains a recovery's transactions (sync or async iterable) into an array. */
export async function collectTransactions(
  transactions: AsyncIterable<TxChanges> | Iterable<TxChanges>,
): Promise<TxChanges[]> {
  const all: TxChanges[] = [];
  for await (const tx of transactions) all.push(tx);
  return all;
}

/** A 12-byte "account" row (u32 id, i64 balance) derived from `seed`. */
export function sampleRow(seed: bigint): Uint8Array {
  const row = new Uint8Array(12);
  const view = new DataView(row.buffer);
  view.setUint32(0, Number(seed % 1000n), true);
  view.setBigInt64(4, seed * 7n - 3n, true);
  return row;
}

/** A small transfer-like transaction: one row replaced in `accounts`, one log row inserted. */
export function sampleTx(txOffset: bigint): TxChanges {
  return {
    txOffset,
    timestamp: 1_700_000_000_000_000n + txOffset * 1000n,
    tables: [
      {
        tableId: 4096,
        tableName: 'accounts',
        inserts: [sampleRow(txOffset)],
        deletes: txOffset > 1n ? [sampleRow(txOffset - 1n)] : [],
      },
      {
        tableId: 4097,
        tableName: 'transfer_log',
        inserts: [sampleRow(txOffset * 3n)],
        deletes: [],
      },
    ],
  };
}

/** Accounts the crash test's transactions rotate through. */
export const CRASH_ACCOUNTS = 50n;

/** A 12-byte row: account `k` (u32) holding the offset of the transaction that last wrote it. */
function accountRow(account: bigint, txOffset: bigint): Uint8Array {
  const row = new Uint8Array(12);
  const view = new DataView(row.buffer);
  view.setUint32(0, Number(account), true);
  view.setBigUint64(4, txOffset, true);
  return row;
}

/**
 * Transaction `txOffset` of the crash test, a pure function of its offset:
 * it replaces account `txOffset % 50`'s row, so the state after any offset is
 * known without a model and a half-applied transaction would show.
 */
export function crashTx(txOffset: bigint): TxChanges {
  const account = txOffset % CRASH_ACCOUNTS;
  const previous = txOffset - CRASH_ACCOUNTS;
  return {
    txOffset,
    timestamp: txOffset,
    tables: [
      {
        tableId: 1,
        tableName: 'accounts',
        inserts: [accountRow(account, txOffset)],
        deletes: previous >= 1n ? [accountRow(account, previous)] : [],
      },
    ],
  };
}

/** The state after crash-test transactions 1..txOffset. */
export function crashState(txOffset: bigint) {
  const rows: Uint8Array[] = [];
  const from = txOffset - CRASH_ACCOUNTS + 1n > 1n ? txOffset - CRASH_ACCOUNTS + 1n : 1n;
  for (let o = from; o <= txOffset; o++) rows.push(accountRow(o % CRASH_ACCOUNTS, o));
  return {
    txOffset,
    tables: [{ tableName: 'accounts', rows }],
    sequences: { 'accounts.0': txOffset },
  };
}
