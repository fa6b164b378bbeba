// Micro-benchmark: random transfers over 10k accounts through Database.callReducer,
// with file durability (group commit) and many calls in flight.
// Run: node --max-semi-space-size=64 --import tsx spacetime-host/test/bench/transfer-bench.ts \
//        [calls] [inFlight] [--no-fsync]
// (--no-fsync swaps durability for one that resolves at once, to see the CPU cost alone. With
// thousands of calls in flight a larger young generation matters: GC drops from about a quarter
// of the time to a tenth.)
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Database } from '../../src/database/database.js';
import { defaultServices } from '../../src/database/default-services.js';
import type { Durability } from '../../src/durability/durability.js';
import { bundleModule } from '../../src/runtime/bundle-module.js';

const calls = Number(process.argv[2] ?? 200_000);
const inFlight = Number(process.argv[3] ?? 1_000);
const noFsync = process.argv.includes('--no-fsync');
const accounts = 10_000;
const owner = 1n;
const caller = { identity: owner, connectionId: 0n };

const instantDurability: Durability = {
  append: () => Promise.resolve(),
  snapshot: () => Promise.resolve(),
  recover: () => Promise.resolve({ transactions: [], droppedTornTail: false }),
  close: () => Promise.resolve(),
};

const moduleDir = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '../fixtures/transfer-module',
);
const program = await bundleModule(moduleDir);
const dir = await mkdtemp(path.join(tmpdir(), 'transfer-bench-'));
const database = await Database.create(
  {
    identity: 2n,
    owner,
    names: [],
    dir,
    program,
    moduleHash: createHash('sha256').update(program).digest('hex'),
    services: noFsync
      ? { ...defaultServices(), openDurability: () => instantDurability }
      : defaultServices(),
  },
  owner,
);

const seedArgs = new Uint8Array(12);
new DataView(seedArgs.buffer).setUint32(0, accounts, true);
new DataView(seedArgs.buffer).setBigInt64(4, 1_000_000n, true);
await database.callReducer('seed', seedArgs, caller);

// Pre-encoded random transfers, so the figure is the host's, not the benchmark's.
const argsPool = Array.from({ length: 4096 }, () => {
  const bytes = new Uint8Array(16);
  const view = new DataView(bytes.buffer);
  const from = Math.floor(Math.random() * accounts);
  const to = (from + 1 + Math.floor(Math.random() * (accounts - 1))) % accounts;
  view.setUint32(0, from, true);
  view.setUint32(4, to, true);
  view.setBigInt64(8, 1n, true);
  return bytes;
});

/** Keeps `inFlight` calls outstanding: each completion starts the next call. */
async function run(n: number): Promise<number> {
  const started = performance.now();
  let issued = 0;
  let failed = 0;
  await new Promise<void>((resolve, reject) => {
    let completed = 0;
    const next = (): void => {
      const i = issued++;
      database.callReducer('transfer', argsPool[i & 4095]!, caller).then((outcome) => {
        if (outcome.status !== 'committed' && failed++ === 0) console.log(outcome);
        if (++completed === n) resolve();
        else if (issued < n) next();
      }, reject);
    };
    for (let i = 0; i < Math.min(inFlight, n); i++) next();
  });
  if (failed > 0) console.log(`${failed} transfers failed`);
  return n / ((performance.now() - started) / 1000);
}

await run(Math.min(20_000, calls)); // warm-up
const cpuBefore = process.cpuUsage();
const rate = await run(calls);
const cpu = process.cpuUsage(cpuBefore);
// The machine is shared, so calls per second of this process's CPU time is reported too.
const perCpuSecond = calls / ((cpu.user + cpu.system) / 1e6);
const fmt = (n: number) => Math.round(n).toLocaleString('en');
console.log(
  `${calls} transfers, ${inFlight} in flight: ${fmt(rate)} calls/s wall, ${fmt(perCpuSecond)} calls per CPU-second`,
);
await database.close();
await rm(dir, { recursive: true, force: true });
