import { describe, expect, it } from 'vitest';
import { ManualClock } from './manual-clock.js';

const START = 1_700_000_000_000_000n;

/** A clock at START, and the times its wakes saw when they ran. */
function setup() {
  const clock = new ManualClock(START);
  const ran: { name: string; at: bigint }[] = [];
  const wakeAt = (name: string, at: bigint) =>
    clock.wakeAt(START + at, () => ran.push({ name, at: clock.now() - START }));
  return { clock, ran, wakeAt };
}

describe('ManualClock', () => {
  it('stands still until advanced', async () => {
    const clock = new ManualClock(START);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(clock.now()).toBe(START);
    clock.advance(1.5);
    expect(clock.now()).toBe(START + 1_500n);
    clock.advanceTo(START + 10_000n);
    expect(clock.now()).toBe(START + 10_000n);
  });

  it('runs what falls due on the way, in time order, each at its own time', () => {
    const { clock, ran, wakeAt } = setup();
    wakeAt('late', 3_000n);
    wakeAt('early', 1_000n);
    wakeAt('beyond', 9_000n);
    clock.advance(5);
    expect(ran).toEqual([
      { name: 'early', at: 1_000n },
      { name: 'late', at: 3_000n },
    ]);
    expect(clock.now()).toBe(START + 5_000n);
    expect(clock.pending).toBe(1);
  });

  it('runs nothing when advanced to just before a wake, and runs it once at its time', () => {
    const { clock, ran, wakeAt } = setup();
    wakeAt('once', 2_000n);
    clock.advanceTo(START + 1_999n);
    expect(ran).toEqual([]);
    clock.advance(0.001);
    clock.advance(10);
    expect(ran).toEqual([{ name: 'once', at: 2_000n }]);
  });

  it('runs wakes armed during an advance when they fall due before its end', () => {
    const clock = new ManualClock(START);
    const ticks: bigint[] = [];
    const every = (interval: bigint) => {
      const arm = (at: bigint) =>
        clock.wakeAt(at, () => {
          ticks.push(clock.now() - START);
          arm(at + interval);
        });
      arm(START + interval);
    };
    every(1_000n);
    clock.advance(3.5);
    expect(ticks).toEqual([1_000n, 2_000n, 3_000n]);
  });

  it('forgets cancelled wakes', () => {
    const { clock, ran, wakeAt } = setup();
    const cancel = wakeAt('cancelled', 1_000n);
    wakeAt('kept', 1_000n);
    cancel();
    clock.advance(2);
    expect(ran.map((r) => r.name)).toEqual(['kept']);
    expect(clock.pending).toBe(0);
  });

  it('runs a wake already due on the next macrotask, as a 0 ms timer', async () => {
    const { clock, ran, wakeAt } = setup();
    wakeAt('now', 0n);
    wakeAt('past', -5_000n);
    expect(ran).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(ran.map((r) => r.name).sort()).toEqual(['now', 'past']);
    expect(clock.now()).toBe(START);
  });

  it('refuses to move backwards, by a bad amount, or from one of its own wakes', () => {
    const clock = new ManualClock(START);
    expect(() => clock.advanceTo(START - 1n)).toThrow(/backwards/);
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => clock.advance(Number.NaN)).toThrow(RangeError);
    clock.wakeAt(START + 1_000n, () => clock.advance(1));
    expect(() => clock.advance(1)).toThrow(/cannot be advanced by one of its wakes/);
  });

  it('stops a schedule that re-arms itself at the same instant instead of hanging', () => {
    const clock = new ManualClock(START);
    const again = () => clock.wakeAt(clock.now(), again);
    clock.wakeAt(START + 1n, again);
    expect(() => clock.advance(1)).toThrow(/wakes fell due in one advance/);
  });
});
