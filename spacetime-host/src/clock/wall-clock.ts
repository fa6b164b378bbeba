import type { Clock } from './clock.js';

/** setTimeout's limit; longer delays are waited out in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Microseconds since the Unix epoch by the wall clock, with sub-millisecond precision. */
export function nowMicros(): bigint {
  return BigInt(Math.round((performance.timeOrigin + performance.now()) * 1000));
}

/**
 * The real time, and real timers to wake at a time. `read` is for unit tests
 * that fake timers and the date together (vitest's fake `Date`).
 */
export class WallClock implements Clock {
  constructor(private readonly read: () => bigint = nowMicros) {}

  now(): bigint {
    return this.read();
  }

  wakeAt(at: bigint, wake: () => void): () => void {
    let timer: NodeJS.Timeout;
    const wait = () => {
      const remainingMs = Number(at - this.read()) / 1000;
      if (remainingMs > MAX_TIMER_MS) {
        timer = setTimeout(wait, MAX_TIMER_MS);
      } else {
        timer = setTimeout(wake, Math.max(0, remainingMs));
      }
      timer.unref();
    };
    wait();
    return () => clearTimeout(timer);
  }
}

/** The clock every host runs on unless given another. */
export const wallClock: Clock = new WallClock();
