// Benchmark for docs/BENCHMARKS.md ("Realtime (issue 3)"): the official
// `spacetimedb` SDK over WebSocket against the host, with the chat fixture.
// The host runs in this process; the SDK clients run in child processes
// (realtime-clients.ts) so that they do not share its event loop.
//   1. memory per idle subscribed connection, in this (the host's) process;
//   2. fan-out: one client posts a row, R clients subscribed to `message` each receive it,
//      with confirmed reads (the SDK's default) and without;
//   3. reducer round trips: N clients each call send_message and wait for its result.
// Run: npm run bench:realtime [-- --clients 1,16,64 --receivers 100 --idle 1000]
// (--phases idle,fanout,round-trips picks phases; BENCH_CLIENT_NODE_ARGS passes node
// flags to the client processes, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".)
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startLocalHost } from '../src/start-local-host.js';
import { diskSyncBaseline } from './disk-sync-baseline.js';
import { formatLoad, percent } from './host-load.js';
import { formatSummary } from './latency-summary.js';
import { type FanoutFigures, measureFanout } from './realtime-fanout.js';
import { type IdleMemoryFigures, measureIdleMemory } from './realtime-idle-memory.js';
import { measureRoundTrips, type RoundTripFigures } from './realtime-round-trips.js';

const { values: options } = parseArgs({
  options: {
    phases: { type: 'string', default: 'idle,fanout,round-trips' },
    idle: { type: 'string', default: '1000' },
    'idle-processes': { type: 'string', default: '2' },
    receivers: { type: 'string', default: '100' },
    'receiver-processes': { type: 'string', default: '2' },
    'fanout-warmup': { type: 'string', default: '50' },
    'fanout-calls': { type: 'string', default: '300' },
    'fanout-interval': { type: 'string', default: '25' },
    clients: { type: 'string', default: '1,16,64' },
    'client-processes': { type: 'string', default: '2' },
    warmup: { type: 'string', default: '1' },
    duration: { type: 'string', default: '5' },
  },
});
const phases = new Set(options.phases.split(','));
const count = (name: keyof typeof options) => {
  const value = Number(options[name]);
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`--${name}: ${options[name]}`);
  return value;
};

const DATABASE = 'chat';
const moduleDir = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '../test/realtime/fixtures/chat-module',
);
const dataDir = await mkdtemp(path.join(tmpdir(), 'kith-bench-realtime-'));
const local = await startLocalHost({ dataDir, port: 0 });
try {
  await local.publishFolder(DATABASE, moduleDir);
  const url = local.server.url;
  const database = local.host.find(DATABASE);
  if (database === undefined) throw new Error(`the ${DATABASE} database was not published`);
  const target = { url, database: DATABASE, commitSource: database };
  console.log(
    `machine: ${cpus().length} cores, ${cpus()[0]?.model}; node ${process.version}; ` +
      `load average ${loadavg()[0]!.toFixed(2)} at start`,
  );
  console.log(
    'official spacetimedb SDK clients (DbConnection, gzip) in child processes, the host in this ' +
      'process; durable (commit log fdatasync, group commit)',
  );
  const interval = count('fanout-interval');
  const sync = await diskSyncBaseline(dataDir, 100, interval);
  console.log(`the disk's fdatasync alone, ${interval} ms apart: ${formatSummary(sync)}\n`);

  // The idle connections come first, while `message` is empty: their subscriptions
  // then hold nothing but themselves.
  if (phases.has('idle')) {
    printIdle(
      await measureIdleMemory({
        ...target,
        connections: count('idle'),
        processes: count('idle-processes'),
      }),
    );
  }
  if (phases.has('fanout')) {
    for (const confirmedReads of [true, false]) {
      printFanout(
        await measureFanout({
          ...target,
          receivers: count('receivers'),
          processes: count('receiver-processes'),
          warmupCalls: count('fanout-warmup'),
          calls: count('fanout-calls'),
          intervalMs: interval,
          confirmedReads,
        }),
      );
    }
  }
  if (phases.has('round-trips')) {
    console.log('round trips: each client calls send_message, waits for its result, calls again');
    for (const clients of options.clients.split(',').map(Number)) {
      printRoundTrips(
        await measureRoundTrips({
          ...target,
          clients,
          processes: count('client-processes'),
          warmupMs: count('warmup') * 1000,
          durationMs: count('duration') * 1000,
        }),
      );
    }
  }
} finally {
  await local.close();
  await rm(dataDir, { recursive: true, force: true });
}

function printIdle(figures: IdleMemoryFigures): void {
  const { before, after, connections } = figures;
  const per = (key: keyof NodeJS.MemoryUsage) =>
    `${((after[key] - before[key]) / connections / 1024).toFixed(1)} KiB`;
  console.log(
    `${connections} idle connections subscribed to \`message\` (opened in ${figures.openSeconds.toFixed(1)} s):\n` +
      `  host memory per connection: RSS ${per('rss')}, JS heap ${per('heapUsed')}, ` +
      `external ${per('external')}${figures.collected ? '' : ' (no --expose-gc: heap figures are rough)'}\n` +
      `  host RSS ${mib(before.rss)} → ${mib(after.rss)}, JS heap ${mib(before.heapUsed)} → ${mib(after.heapUsed)}\n`,
  );
}

function printFanout(figures: FanoutFigures): void {
  const { options: o } = figures;
  console.log(
    `fan-out, ${o.confirmedReads ? 'confirmed reads (the SDK default)' : 'unconfirmed reads'}: ` +
      `1 client posts a row every ${o.intervalMs} ms, ${o.receivers} clients subscribed to ` +
      `\`message\` (${figures.processes} processes); ${o.calls} rows after ${o.warmupCalls} warm-up rows`,
  );
  console.log(`  the caller's own result:      ${formatSummary(figures.caller)}`);
  console.log(`  each client has the row:      ${formatSummary(figures.each)}`);
  console.log(`  the last client has the row:  ${formatSummary(figures.last)}`);
  const { commits } = figures;
  console.log(
    `  in the host: commit → durable ${formatSummary(commits.sync)}; ` +
      `busy after the commit ${formatSummary(commits.commitTurn)}, ` +
      `after its durability ${formatSummary(commits.durableTurn)}`,
  );
  console.log(
    `  ${figures.missing === 0 ? 'every row reached every client' : `${figures.missing} arrivals MISSING`}; ` +
      `${formatLoad(figures.load)}, receivers' CPU ${percent(figures.receiverCpu)}\n`,
  );
}

function printRoundTrips(figures: RoundTripFigures): void {
  const { clients, processes } = figures;
  console.log(
    `  ${clients} client${clients === 1 ? '' : 's'} (${processes} process${processes === 1 ? '' : 'es'}): ` +
      `${Math.round(figures.calls / figures.seconds).toLocaleString('en')} calls/s ` +
      `(${figures.calls} calls in ${figures.seconds} s), latency ${formatSummary(figures.latency)} ` +
      `(in the host, commit → durable ${formatSummary(figures.commits.sync)}); ` +
      `${formatLoad(figures.load)}, clients' CPU ${percent(figures.clientCpu)}`,
  );
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
}
