import type { Clock } from './clock.js';
import { nowMicros } from './wall-clock.js';

/** Wakes one advance may run before it gives up: a schedule re-arming itself at the same instant never ends. */
const MAX_WAKES_PER_ADVANCE = 100_000;

interface PendingWake {
  readonly at: bigint;
  /** Wakes due at the same time run in the order they were asked for. */
  readonly order: number;
  readonly wake: () => void;
}

/**
 * A clock for tests: it stands still until the test moves it, so a test can
 * reach "30 days later" at once and know the exact time every reducer sees.
 * SpacetimeDB has no such facility (its hosts always run on the wall clock);
 * this one is spacetime-host's, for tests only.
 *
 * Moving it forward runs, in time order and before `advance` returns, every
 * wake falling due on the way, with `now()` reading that wake's time while it
 * runs: a scheduled reducer sees its own scheduled time as `ctx.timestamp`,
 * and an hourly schedule runs three times when the clock moves three hours.
 * A wake asked for at or before the current time runs on the next macrotask,
 * as a real timer of 0 ms would.
 */
export class ManualClock implements Clock {
  #now: bigint;
  #order = 0;
  #advancing = false;
  readonly #pending = new Set<PendingWake>();

  /** Starts at `startMicros` (microseconds since the Unix epoch), by default the real time now. */
  constructor(startMicros: bigint = nowMicros()) {
    this.#now = startMicros;
  }

  now(): bigint {
    return this.#now;
  }

  /** Wakes waiting for their time (a cancelled or fired one is no longer counted). */
  get pending(): number {
    return this.#pending.size;
  }

  wakeAt(at: bigint, wake: () => void): () => void {
    const entry: PendingWake = { at, order: this.#order++, wake };
    this.#pending.add(entry);
    // While advancing, the loop picks up a wake that is already due.
    if (at <= this.#now && !this.#advancing) setImmediate(() => this.#fire(entry)).unref();
    return () => {
      this.#pending.delete(entry);
    };
  }

  /** Moves the clock `millis` milliseconds forward, running what falls due. */
  advance(millis: number): void {
    if (!Number.isFinite(millis) || millis < 0) {
      throw new RangeError(`a ManualClock moves forward by a finite number of ms, not ${millis}`);
    }
    this.advanceTo(this.#now + BigInt(Math.round(millis * 1000)));
  }

  /** Moves the clock forward to `at` (microseconds since the Unix epoch), running what falls due. */
  advanceTo(at: bigint): void {
    if (at < this.#now) throw new RangeError('a ManualClock does not move backwards');
    if (this.#advancing) throw new Error('a ManualClock cannot be advanced by one of its wakes');
    this.#advancing = true;
    try {
      for (let ran = 0; ; ran++) {
        const next = this.#earliestDue(at);
        if (next === undefined) break;
        if (ran === MAX_WAKES_PER_ADVANCE) {
          throw new Error(`more than ${MAX_WAKES_PER_ADVANCE} wakes fell due in one advance`);
        }
        if (next.at > this.#now) this.#now = next.at;
        this.#fire(next);
      }
      this.#now = at;
    } finally {
      this.#advancing = false;
    }
  }

  #fire(entry: PendingWake): void {
    // Cancelled, or already run by an advance.
    if (!this.#pending.delete(entry)) return;
    entry.wake();
  }

  #earliestDue(until: bigint): PendingWake | undefined {
    let earliest: PendingWake | undefined;
    for (const entry of this.#pending) {
      if (entry.at > until) continue;
      if (
        earliest === undefined ||
        entry.at < earliest.at ||
        (entry.at === earliest.at && entry.order < earliest.order)
      ) {
        earliest = entry;
      }
    }
    return earliest;
  }
}
