import type { Clock } from '../clock/clock.js';

/** A schedule-table row that is due: its table, its id and when it was meant to run. */
export interface DueSchedule {
  readonly tableId: number;
  readonly scheduleId: bigint;
  /** Microseconds since the Unix epoch. */
  readonly intendedAt: bigint;
}

/**
 * One wake-up on the database's clock per schedule-table row (keyed by table
 * and schedule id, so re-arming a row replaces its wake-up, as SpacetimeDB's
 * scheduler does). On the wall clock these are timers that do not keep the
 * process alive; on a test's ManualClock they run when the test moves time.
 */
export class Scheduler {
  readonly #cancels = new Map<string, () => void>();
  #closed = false;

  constructor(
    private readonly onDue: (due: DueSchedule) => void,
    private readonly clock: Clock,
  ) {}

  get armed(): number {
    return this.#cancels.size;
  }

  /** Calls `onDue` at `intendedAt` (soon if that has passed), replacing an earlier wake-up for the row. */
  arm(tableId: number, scheduleId: bigint, intendedAt: bigint): void {
    if (this.#closed) return;
    const key = `${tableId}:${scheduleId}`;
    this.disarm(tableId, scheduleId);
    const cancel = this.clock.wakeAt(intendedAt, () => {
      this.#cancels.delete(key);
      if (!this.#closed) this.onDue({ tableId, scheduleId, intendedAt });
    });
    this.#cancels.set(key, cancel);
  }

  disarm(tableId: number, scheduleId: bigint): void {
    const key = `${tableId}:${scheduleId}`;
    const cancel = this.#cancels.get(key);
    if (cancel !== undefined) {
      cancel();
      this.#cancels.delete(key);
    }
  }

  close(): void {
    this.#closed = true;
    for (const cancel of this.#cancels.values()) cancel();
    this.#cancels.clear();
  }
}
