// Benchmark for docs/BENCHMARKS.md: "transfer between two accounts" reducer calls
// over 10k accounts, in process (Database.callReducer, durable with group commit)
// and over SpacetimeDB's HTTP API, with p50/p99 latency, plus an HTTP baseline
// (GET /v1/ping) in the same run so the HTTP figure can be read as a ratio.
// Run: npm run bench:host [-- --calls 200000 --http-calls 20000]
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import type { DatabaseHandle } from '../src/database/database-api.js';
import { startLocalHost } from '../src/start-local-host.js';

const { values: options } = parseArgs({
  options: {
    calls: { type: 'string', default: '200000' },
    'in-flight': { type: 'string', default: '1000' },
    'sequential-calls': { type: 'string', default: '5000' },
    'http-calls': { type: 'string', default: '20000' },
    'http-concurrency': { type: 'string', default: '32' },
  },
});
const ACCOUNTS = 10_000;
const run = promisify(execFile);
const calls = Number(options.calls);
const inFlight = Number(options['in-flight']);
const sequentialCalls = Number(options['sequential-calls']);
const httpCalls = Number(options['http-calls']);
const httpConcurrency = Number(options['http-concurrency']);

const moduleDir = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '../test/fixtures/transfer-module',
);
const dataDir = await mkdtemp(path.join(tmpdir(), 'kith-bench-host-'));
const local = await startLocalHost({ dataDir, port: 0 });
try {
  await local.publishFolder('bench', moduleDir);
  const database = local.host.find('bench');
  if (database === undefined) throw new Error('the bench database was not published');
  const caller = { identity: local.owner.identity, connectionId: 0n };
  await expectCommitted(database.callReducer('seed', seedArgs(ACCOUNTS, 1_000_000n), caller));

  console.log(`machine: ${cpus().length} cores, ${cpus()[0]?.model}; node ${process.version}`);
  console.log(`accounts: ${ACCOUNTS}; durable (commit log fsync, group commit)\n`);

  const pipelined = await inProcessPipelined(database, caller);
  report(`in process, ${inFlight} in flight`, pipelined);
  const sequential = await inProcessSequential(database, caller);
  report('in process, one at a time', sequential);

  const ping = await httpLoad(`${local.server.url}/v1/ping`, 'GET');
  report(`HTTP GET /v1/ping, ${httpConcurrency} connections (baseline)`, ping);
  const httpCallsResult = await httpLoad(
    `${local.server.url}/v1/database/bench/call/transfer`,
    'POST',
    local.owner.token,
  );
  report(`HTTP POST /call/transfer, ${httpConcurrency} connections`, httpCallsResult);
  console.log(
    `\nHTTP reducer calls reach ${(100 * (httpCallsResult.perSecond / ping.perSecond)).toFixed(0)}% of the no-op HTTP baseline's rate`,
  );
} finally {
  await local.close();
  await rm(dataDir, { recursive: true, force: true });
}

interface Measured {
  readonly count: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly latenciesMicros: Float64Array;
}

async function inProcessPipelined(
  database: DatabaseHandle,
  caller: { identity: bigint; connectionId: bigint },
): Promise<Measured> {
  const pool = Array.from({ length: 4096 }, () => transferArgs(...randomTransfer()));
  const latencies = new Float64Array(calls);
  let issued = 0;
  const started = performance.now();
  async function lane(): Promise<void> {
    while (issued < calls) {
      const index = issued++;
      const t0 = performance.now();
      await expectCommitted(database.callReducer('transfer', pool[index % pool.length]!, caller));
      latencies[index] = (performance.now() - t0) * 1000;
    }
  }
  await Promise.all(Array.from({ length: inFlight }, lane));
  return measured(calls, (performance.now() - started) / 1000, latencies);
}

async function inProcessSequential(
  database: DatabaseHandle,
  caller: { identity: bigint; connectionId: bigint },
): Promise<Measured> {
  const latencies = new Float64Array(sequentialCalls);
  const started = performance.now();
  for (let index = 0; index < sequentialCalls; index++) {
    const args = transferArgs(...randomTransfer());
    const t0 = performance.now();
    await expectCommitted(database.callReducer('transfer', args, caller));
    latencies[index] = (performance.now() - t0) * 1000;
  }
  return measured(sequentialCalls, (performance.now() - started) / 1000, latencies);
}

/** Runs http-load.ts in a child process against the server and reads its figures. */
async function httpLoad(url: string, method: 'GET' | 'POST', token?: string): Promise<Measured> {
  const script = fileURLToPath(new URL('./http-load.ts', import.meta.url));
  const args = [url, method, String(httpCalls), String(httpConcurrency)];
  if (token !== undefined) args.push(token, 'transfer');
  const { stdout } = await run(process.execPath, ['--import', 'tsx', script, ...args]);
  const result = JSON.parse(stdout) as {
    count: number;
    seconds: number;
    latenciesMicros: number[];
  };
  return measured(result.count, result.seconds, Float64Array.from(result.latenciesMicros));
}

function measured(count: number, seconds: number, latenciesMicros: Float64Array): Measured {
  return { count, seconds, perSecond: count / seconds, latenciesMicros: latenciesMicros.sort() };
}

function report(label: string, result: Measured): void {
  const percentile = (p: number) =>
    result.latenciesMicros[Math.min(result.count - 1, Math.floor((p / 100) * result.count))]!;
  console.log(
    `${label}: ${Math.round(result.perSecond).toLocaleString('en')} calls/s ` +
      `(${result.count} calls in ${result.seconds.toFixed(2)} s), ` +
      `latency p50 ${formatMicros(percentile(50))}, p99 ${formatMicros(percentile(99))}`,
  );
}

function formatMicros(micros: number): string {
  return micros >= 1000 ? `${(micros / 1000).toFixed(2)} ms` : `${micros.toFixed(0)} µs`;
}

async function expectCommitted(outcome: ReturnType<DatabaseHandle['callReducer']>): Promise<void> {
  const result = await outcome;
  if (result.status !== 'committed') throw new Error(`reducer ${result.status}: ${result.message}`);
}

function randomTransfer(): [from: number, to: number, amount: bigint] {
  const from = Math.floor(Math.random() * ACCOUNTS);
  const to = (from + 1 + Math.floor(Math.random() * (ACCOUNTS - 1))) % ACCOUNTS;
  return [from, to, 1n];
}

/** BSATN of `seed(n: u32, initialBalance: i64)`. */
function seedArgs(n: number, initialBalance: bigint): Uint8Array {
  const bytes = new Uint8Array(12);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, n, true);
  view.setBigInt64(4, initialBalance, true);
  return bytes;
}

/** BSATN of `transfer(from: u32, to: u32, amount: i64)`. */
function transferArgs(from: number, to: number, amount: bigint): Uint8Array {
  const bytes = new Uint8Array(16);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, from, true);
  view.setUint32(4, to, true);
  view.setBigInt64(8, amount, true);
  return bytes;
}
