/** A schedule-table row that is due: its table, its id and when it was meant to run. */
export interface DueSchedule {
  readonly tableId: number;
  readonly scheduleId: bigint;
  /** Microseconds since the Unix epoch. */
  readonly intendedAt: bigint;
}

/** setTimeout's limit; longer delays are waited out in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * One timer per schedule-table row (keyed by table and schedule id, so
 * re-arming a row replaces its timer, as SpacetimeDB's scheduler does). Timers
 * do not keep the process alive.
 */
export class Scheduler {
  readonly #timers = new Map<string, NodeJS.Timeout>();
  #closed = false;

  constructor(
    private readonly onDue: (due: DueSchedule) => void,
    private readonly clockMicros: () => bigint,
  ) {}

  get armed(): number {
    return this.#timers.size;
  }

  /** Calls `onDue` at `intendedAt` (at once if that has passed), replacing an earlier timer for the row. */
  arm(tableId: number, scheduleId: bigint, intendedAt: bigint): void {
    if (this.#closed) return;
    const key = `${tableId}:${scheduleId}`;
    this.disarm(tableId, scheduleId);
    const wait = () => {
      const remainingMs = Number(intendedAt - this.clockMicros()) / 1000;
      if (remainingMs > MAX_TIMER_MS) {
        this.#timers.set(key, unref(setTimeout(wait, MAX_TIMER_MS)));
        return;
      }
      this.#timers.set(
        key,
        unref(
          setTimeout(
            () => {
              this.#timers.delete(key);
              if (!this.#closed) this.onDue({ tableId, scheduleId, intendedAt });
            },
            Math.max(0, remainingMs),
          ),
        ),
      );
    };
    wait();
  }

  disarm(tableId: number, scheduleId: bigint): void {
    const key = `${tableId}:${scheduleId}`;
    const timer = this.#timers.get(key);
    if (timer !== undefined) {
      clearTimeout(timer);
      this.#timers.delete(key);
    }
  }

  close(): void {
    this.#closed = true;
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }
}

function unref(timer: NodeJS.Timeout): NodeJS.Timeout {
  timer.unref();
  return timer;
}
