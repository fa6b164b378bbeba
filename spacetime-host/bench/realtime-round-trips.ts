// Phase 3 of realtime.ts: `clients` SDK clients each call send_message and
// wait for its ReducerResult before calling again, for a fixed time.
import { figuresOf, splitClients, startClientProcesses } from './client-processes.js';
import { type CommitFigures, type CommitSource, measureCommits } from './commit-meter.js';
import { type Load, measureLoad } from './host-load.js';
import { type LatencySummary, summarize } from './latency-summary.js';

export interface RoundTripOptions {
  readonly url: string;
  readonly database: string;
  /** The host's database, to time what follows its commits. */
  readonly commitSource: CommitSource;
  readonly clients: number;
  readonly processes: number;
  readonly warmupMs: number;
  readonly durationMs: number;
}

export interface RoundTripFigures {
  readonly clients: number;
  readonly processes: number;
  readonly calls: number;
  readonly seconds: number;
  readonly latency: LatencySummary;
  /** Inside the host: what followed each commit. */
  readonly commits: CommitFigures;
  readonly load: Load;
  /** The client processes' CPU time over the measured time (1 = one core). */
  readonly clientCpu: number;
}

export async function measureRoundTrips(options: RoundTripOptions): Promise<RoundTripFigures> {
  const { warmupMs, durationMs } = options;
  const jobs = splitClients(options.clients, options.processes).map((clients) => ({
    kind: 'round-trips' as const,
    clients,
    warmupMs,
    durationMs,
  }));
  const running = await startClientProcesses(options.url, options.database, jobs);
  running.go();
  await new Promise((resolve) => setTimeout(resolve, warmupMs));
  // The meters cover the measured calls only, not the clients' disconnections after.
  const meter = measureLoad();
  const commitMeter = measureCommits(options.commitSource);
  await new Promise((resolve) => setTimeout(resolve, durationMs));
  const load = meter.done();
  const commits = await commitMeter.done();
  const figures = figuresOf(await running.stop(), 'round-trips');
  let calls = 0;
  let clientCpuMicros = 0;
  const latencies: number[] = [];
  for (const result of figures) {
    calls += result.calls;
    clientCpuMicros += result.cpuMicros;
    for (const latency of result.latenciesMicros) latencies.push(latency);
  }
  const seconds = durationMs / 1000;
  return {
    clients: options.clients,
    processes: jobs.length,
    calls,
    seconds,
    latency: summarize(latencies),
    commits,
    load,
    clientCpu: clientCpuMicros / 1e6 / seconds,
  };
}
