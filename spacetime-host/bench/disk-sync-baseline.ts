// The disk's own fdatasync latency, for reading the durable figures: a
// confirmed-read update cannot reach a client before its transaction is
// synced. Appends a small record and syncs it, `intervalMs` apart (as
// spaced-out commits are), in the host's data directory.
import { open, rm } from 'node:fs/promises';
import path from 'node:path';
import { type LatencySummary, summarize } from './latency-summary.js';

export async function diskSyncBaseline(
  dir: string,
  syncs: number,
  intervalMs: number,
): Promise<LatencySummary> {
  const file = path.join(dir, 'sync-baseline.bin');
  const handle = await open(file, 'w');
  const record = new Uint8Array(128).fill(1);
  const latencies = new Float64Array(syncs);
  try {
    for (let index = 0; index < syncs; index++) {
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
      const t0 = performance.now();
      await handle.write(record);
      await handle.datasync();
      latencies[index] = (performance.now() - t0) * 1000;
    }
  } finally {
    await handle.close();
    await rm(file, { force: true });
  }
  return summarize(latencies);
}
