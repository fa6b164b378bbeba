// How long the host's event loop was busy over a stretch of time: the host
// runs in this process, so this is what an operation cost it, including the
// view recomputations it may defer past the commit and the updates it writes
// to every subscriber.
import { performance } from 'node:perf_hooks';

export interface HostBusy {
  /** Busy time since the start, in µs. */
  stop(): number;
}

export function measureHostBusy(): HostBusy {
  const start = performance.eventLoopUtilization();
  return {
    stop: () => performance.eventLoopUtilization(start).active * 1000,
  };
}
