// Phase 1 of realtime.ts: `clients` SDK clients each call send_message and
// wait for its ReducerResult before calling again, for a fixed time.
import { figuresOf, splitClients, startClientProcesses } from './client-processes.js';
import { type Load, measureLoad } from './host-load.js';
import { type LatencySummary, summarize } from './latency-summary.js';

export interface RoundTripOptions {
  readonly url: string;
  readonly database: string;
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
  const meter = measureLoad();
  const figures = figuresOf(await running.stop(), 'round-trips');
  const load = meter.done();
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
    load,
    clientCpu: clientCpuMicros / 1e6 / seconds,
  };
}
