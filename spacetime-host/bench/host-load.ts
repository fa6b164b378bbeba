// How busy this process (the host) and the whole machine were over a stretch
// of a benchmark: other work on a 2-core machine shows up in every latency.
import { cpus } from 'node:os';

export interface Load {
  /** This process's CPU time over the wall time (1 = one core). */
  readonly hostCpu: number;
  /** The fraction of the wall time the event loop spent running callbacks. */
  readonly eventLoopBusy: number;
  /** The machine's CPU time over its cores' wall time (1 = every core busy). */
  readonly machineBusy: number;
}

export interface LoadMeter {
  done(): Load;
}

/** Starts measuring; `done()` gives the figures since. */
export function measureLoad(): LoadMeter {
  const cpu = process.cpuUsage();
  const loop = performance.eventLoopUtilization();
  const machine = machineTimes();
  const started = performance.now();
  return {
    done() {
      const used = process.cpuUsage(cpu);
      const seconds = (performance.now() - started) / 1000;
      const now = machineTimes();
      return {
        hostCpu: (used.user + used.system) / 1e6 / seconds,
        eventLoopBusy: performance.eventLoopUtilization(loop).utilization,
        machineBusy: (now.busy - machine.busy) / (now.total - machine.total),
      };
    },
  };
}

export function formatLoad(load: Load): string {
  return (
    `host CPU ${percent(load.hostCpu)}, host event loop busy ${percent(load.eventLoopBusy)}, ` +
    `machine busy ${percent(load.machineBusy)}`
  );
}

export function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(0)}%`;
}

function machineTimes(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const { times } of cpus()) {
    const all = times.user + times.nice + times.sys + times.irq + times.idle;
    total += all;
    busy += all - times.idle;
  }
  return { busy, total };
}
