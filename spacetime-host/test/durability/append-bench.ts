// Micro-benchmark: FileDurability appends/s with 1, 64 and 1024 appends in flight.
// Run: npx tsx spacetime-host/test/durability/append-bench.ts [records-per-run]
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FileDurability } from '../../src/durability/file-durability.js';
import { sampleTx } from './durability-fixtures.js';

const total = Number(process.argv[2] ?? 200_000);

async function run(inFlight: number): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'durability-bench-'));
  const durability = new FileDurability(dir);
  await durability.recover();
  const count = inFlight === 1 ? Math.min(total, 3000) : total;
  // Pre-built so the figure measures durability, not fixture construction.
  const txs = Array.from({ length: count }, (_, i) => sampleTx(BigInt(i + 1)));
  let next = 0;
  let maxPending = 0;
  const client = async () => {
    while (next < count) {
      const tx = txs[next++]!;
      await durability.append(tx);
      maxPending = Math.max(maxPending, durability.pendingBytes);
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: inFlight }, client));
  const seconds = (performance.now() - start) / 1000;
  const { syncs } = durability.stats;
  await durability.close();
  await rm(dir, { recursive: true, force: true });
  const rate = Math.round(count / seconds);
  console.log(
    `in flight ${String(inFlight).padStart(4)}: ${rate.toLocaleString('en')} records/s, ` +
      `${count} records, ${syncs} syncs (${(count / syncs).toFixed(1)} per sync), ` +
      `max pending ${(maxPending / 1024).toFixed(0)} KiB`,
  );
}

for (const inFlight of [1, 64, 1024]) await run(inFlight);
