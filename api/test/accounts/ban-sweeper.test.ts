// The ban sweep's schedule: a round every interval, never two at once, a
// failed round logged without stopping the next, and stop() waiting for the
// round under way (startApi closes the database right after).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BanSweeper } from '../../src/accounts/bans/ban-sweeper.js';
import { captureLogs } from '../support/log-capture.js';

const INTERVAL_MS = 1_000;

/** A sweep whose rounds the test finishes by hand. */
function heldSweep() {
  const finishers: ((outcome: Error | undefined) => void)[] = [];
  return {
    sweep: () =>
      new Promise<void>((resolve, reject) => {
        finishers.push((error) => (error === undefined ? resolve() : reject(error)));
      }),
    get started() {
      return finishers.length;
    },
    finish(round: number, error?: Error) {
      finishers[round]?.(error);
    },
  };
}

describe('BanSweeper', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sweeps once per interval, never two rounds at once, and goes on after a failed round', async () => {
    const logs = captureLogs();
    const held = heldSweep();
    const sweeper = new BanSweeper(held.sweep, logs.logger, INTERVAL_MS);
    sweeper.start();
    sweeper.start();
    expect(held.started).toBe(0);

    await vi.advanceTimersByTimeAsync(INTERVAL_MS);
    expect(held.started).toBe(1);
    // The first round hangs: later ticks do not pile more on.
    await vi.advanceTimersByTimeAsync(3 * INTERVAL_MS);
    expect(held.started).toBe(1);

    held.finish(0, new Error('database gone'));
    await vi.advanceTimersByTimeAsync(INTERVAL_MS);
    expect(held.started).toBe(2);
    const [failure] = logs.records().filter((record) => record.msg === 'ban sweep failed');
    expect(failure).toMatchObject({ level: 'error', err: { message: 'database gone' } });

    held.finish(1);
    await vi.advanceTimersByTimeAsync(INTERVAL_MS);
    expect(held.started).toBe(3);
    held.finish(2);
    await sweeper.stop();
  });

  it('stop() waits for the round under way, and no round starts after it', async () => {
    const held = heldSweep();
    const sweeper = new BanSweeper(held.sweep, captureLogs().logger, INTERVAL_MS);
    sweeper.start();
    await vi.advanceTimersByTimeAsync(INTERVAL_MS);
    expect(held.started).toBe(1);

    let stopped = false;
    const stopping = sweeper.stop().then(() => {
      stopped = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    held.finish(0);
    await stopping;
    expect(stopped).toBe(true);

    await vi.advanceTimersByTimeAsync(5 * INTERVAL_MS);
    expect(held.started).toBe(1);
  });
});
