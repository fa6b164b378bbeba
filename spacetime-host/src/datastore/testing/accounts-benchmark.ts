// Benchmark (not a test): 10k accounts, transfer-like transactions of two
// point lookups and two updates each, against the datastore alone.
// Run: npx tsx spacetime-host/src/datastore/testing/accounts-benchmark.ts
import { InMemoryDatastore } from '../in-memory-datastore.js';
import { accountRow, accountsSchema, balanceOf } from './accounts-schema.js';

const ACCOUNTS = 10_000;
const TRANSFERS = 500_000;

const datastore = new InMemoryDatastore(accountsSchema);
const seed = datastore.beginMutTx();
for (let id = 0; id < ACCOUNTS; id++) seed.insert(0, accountRow(id, 1_000_000n));
seed.commit(0n);

// Reused buffers, like the module's LEAF_BUF.
const key = new Uint8Array(4);
const keyView = new DataView(key.buffer);
const row = new Uint8Array(12);
const rowView = new DataView(row.buffer);

let state = 12345;
const random = () => {
  state = (state * 1103515245 + 12345) >>> 0;
  return state % ACCOUNTS;
};

function setBalance(balance: number): void {
  rowView.setUint32(4, balance >>> 0, true);
  rowView.setInt32(8, Math.floor(balance / 4294967296), true);
}

function transfer(from: number, to: number, amount: number): void {
  const tx = datastore.beginMutTx();
  keyView.setUint32(0, from, true);
  const [a] = tx.indexScanPoint(0, key);
  keyView.setUint32(0, to, true);
  const [b] = tx.indexScanPoint(0, key);
  rowView.setUint32(0, from, true);
  setBalance(balanceOf(a!) - amount);
  tx.update(0, 0, row);
  rowView.setUint32(0, to, true);
  setBalance(balanceOf(b!) + amount);
  tx.update(0, 0, row);
  tx.commit(0n);
}

for (let round = 0; round < 3; round++) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < TRANSFERS; i++) {
    const from = random();
    let to = random();
    if (to === from) to = (to + 1) % ACCOUNTS;
    transfer(from, to, 1);
  }
  const ns = Number(process.hrtime.bigint() - start);
  console.log(
    `${TRANSFERS} transfers: ${(ns / 1e6).toFixed(0)} ms, ${(ns / TRANSFERS / 1000).toFixed(3)} µs per transfer ` +
      `(2 lookups + 2 updates + commit), ${(ns / TRANSFERS / 2 / 1000).toFixed(3)} µs per lookup+update pair`,
  );
}

let total = 0;
for (const r of datastore.committed.scan(0)) total += balanceOf(r);
console.log(`sum of balances: ${total} (expected ${ACCOUNTS * 1_000_000})`);
