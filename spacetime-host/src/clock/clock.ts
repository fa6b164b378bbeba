/**
 * Where a host's databases get the time: reducers' `ctx.timestamp`, commit
 * and log timestamps, and when scheduled reducers are due. Every host runs
 * on `wallClock` unless told otherwise; tests give a `ManualClock` to move
 * time forward without waiting for it.
 */
export interface Clock {
  /** Microseconds since the Unix epoch. */
  now(): bigint;
  /**
   * Calls `wake` once this clock reaches `at` (microseconds since the Unix
   * epoch), or soon when it already has; the function returned cancels it.
   * A pending wake never keeps the process alive.
   */
  wakeAt(at: bigint, wake: () => void): () => void;
}
