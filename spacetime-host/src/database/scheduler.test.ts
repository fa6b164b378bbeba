import { afterEach, describe, expect, it, vi } from 'vitest';
import { WallClock } from '../clock/wall-clock.js';
import { type DueSchedule, Scheduler } from './scheduler.js';

describe('Scheduler', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const setup = () => {
    vi.useFakeTimers();
    const due: DueSchedule[] = [];
    // The wall clock read from vitest's fake Date, so fake timers and time move together.
    const clock = new WallClock(() => BigInt(Date.now()) * 1000n);
    const scheduler = new Scheduler((d) => due.push(d), clock);
    return { due, scheduler };
  };

  it('fires at the intended time, immediately when that has passed', () => {
    const { due, scheduler } = setup();
    const now = BigInt(Date.now()) * 1000n;
    scheduler.arm(1, 7n, now + 50_000n);
    scheduler.arm(1, 8n, now - 1_000_000n);
    vi.advanceTimersByTime(0);
    expect(due).toEqual([{ tableId: 1, scheduleId: 8n, intendedAt: now - 1_000_000n }]);
    vi.advanceTimersByTime(49);
    expect(due).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(due[1]).toEqual({ tableId: 1, scheduleId: 7n, intendedAt: now + 50_000n });
    expect(scheduler.armed).toBe(0);
  });

  it('replaces the timer of a re-armed row and forgets disarmed ones', () => {
    const { due, scheduler } = setup();
    const now = BigInt(Date.now()) * 1000n;
    scheduler.arm(1, 7n, now + 10_000n);
    scheduler.arm(1, 7n, now + 20_000n);
    scheduler.arm(2, 7n, now + 10_000n);
    scheduler.disarm(2, 7n);
    vi.advanceTimersByTime(30);
    expect(due).toEqual([{ tableId: 1, scheduleId: 7n, intendedAt: now + 20_000n }]);
  });

  it('waits out delays longer than setTimeout allows', () => {
    const { due, scheduler } = setup();
    const days40 = 40n * 24n * 3600n * 1_000_000n;
    scheduler.arm(3, 1n, BigInt(Date.now()) * 1000n + days40);
    vi.advanceTimersByTime(Number(days40 / 1000n) - 1);
    expect(due).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(due).toHaveLength(1);
  });

  it('fires nothing once closed', () => {
    const { due, scheduler } = setup();
    scheduler.arm(1, 1n, BigInt(Date.now()) * 1000n + 5_000n);
    scheduler.close();
    scheduler.arm(1, 2n, 0n);
    vi.advanceTimersByTime(100);
    expect(due).toEqual([]);
  });
});
