// Phase 2 of realtime.ts: one SDK client posts a row to `message` every
// `intervalMs`; `receivers` SDK clients subscribed to `message` time its
// arrival against the clock reading the caller put in the row.
import { figuresOf, splitClients, startClientProcesses } from './client-processes.js';
import { type CommitFigures, type CommitSource, measureCommits } from './commit-meter.js';
import { type Load, measureLoad } from './host-load.js';
import { type LatencySummary, summarize } from './latency-summary.js';
import type { ClientJob } from './realtime-messages.js';

export interface FanoutOptions {
  readonly url: string;
  readonly database: string;
  /** The host's database, to time what follows its commits. */
  readonly commitSource: CommitSource;
  readonly receivers: number;
  readonly processes: number;
  /** Rows posted first and not counted, while the host's and the clients' code warms up. */
  readonly warmupCalls: number;
  readonly calls: number;
  readonly intervalMs: number;
  readonly confirmedReads: boolean;
}

export interface FanoutFigures {
  readonly options: FanoutOptions;
  /** Receiver processes actually used. */
  readonly processes: number;
  /** The caller's own ReducerResult. */
  readonly caller: LatencySummary;
  /** Every (row, client) arrival. */
  readonly each: LatencySummary;
  /** Per row, the arrival at the last of the receivers. */
  readonly last: LatencySummary;
  /** Counted (row, client) pairs that never arrived. */
  readonly missing: number;
  /** Inside the host: what followed each commit. */
  readonly commits: CommitFigures;
  readonly load: Load;
  /** The receiver processes' CPU time over the posting time (1 = one core). */
  readonly receiverCpu: number;
}

export async function measureFanout(options: FanoutOptions): Promise<FanoutFigures> {
  const { warmupCalls, calls, intervalMs, confirmedReads, receivers } = options;
  const total = warmupCalls + calls;
  const jobs: ClientJob[] = [
    ...splitClients(receivers, options.processes).map(
      (clients): ClientJob => ({ kind: 'receivers', clients, confirmedReads }),
    ),
    { kind: 'caller', calls: total, intervalMs, confirmedReads },
  ];
  const running = await startClientProcesses(options.url, options.database, jobs);
  running.go();
  await delay(warmupCalls * intervalMs);
  // The meters cover the counted rows only, not the clients' disconnections after.
  const meter = measureLoad();
  const commitMeter = measureCommits(options.commitSource);
  await delay(calls * intervalMs);
  const load = meter.done();
  const commits = await commitMeter.done();
  // Let the last row reach everyone: a second is far more than any delivery takes.
  await delay(1000);
  const figures = await running.stop();

  const callLatencies = figuresOf(figures, 'calls')[0]!.latenciesMicros.subarray(warmupCalls);
  const last = new Float64Array(calls);
  const each: number[] = [];
  let receiverCpuMicros = 0;
  for (const result of figuresOf(figures, 'arrivals')) {
    receiverCpuMicros += result.cpuMicros;
    for (let index = 0; index < result.sequence.length; index++) {
      const row = result.sequence[index]! - warmupCalls;
      if (row < 0) continue;
      const latency = result.latenciesMicros[index]!;
      each.push(latency);
      if (latency > last[row]!) last[row] = latency;
    }
  }
  return {
    options,
    processes: jobs.length - 1,
    caller: summarize(callLatencies),
    each: summarize(each),
    last: summarize(last),
    missing: calls * receivers - each.length,
    commits,
    load,
    receiverCpu: receiverCpuMicros / 1000 / (total * intervalMs + 1000),
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
