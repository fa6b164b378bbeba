import { describe, expect, it } from 'vitest';
import { Semaphore } from '../../src/media/semaphore.js';

/** A task that runs until `finish` is called. */
function gate() {
  let finish!: () => void;
  let fail!: (error: Error) => void;
  const done = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  return { task: () => done, finish, fail };
}

describe('Semaphore', () => {
  it('runs at most its size at once and queues the rest, first come first served', async () => {
    const semaphore = new Semaphore(2);
    const started: number[] = [];
    const gates = [gate(), gate(), gate(), gate()];
    const runs = gates.map((g, index) =>
      semaphore.run(async () => {
        started.push(index);
        await g.task();
        return index;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(semaphore.waiting).toBe(2);
    gates[1]?.finish();
    expect(await runs[1]).toBe(1);
    expect(started).toEqual([0, 1, 2]);
    expect(semaphore.waiting).toBe(1);
    gates[0]?.finish();
    gates[2]?.finish();
    gates[3]?.finish();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
    expect(started).toEqual([0, 1, 2, 3]);
    expect(semaphore.waiting).toBe(0);
  });

  it('gives the slot back when a task fails', async () => {
    const semaphore = new Semaphore(1);
    const failing = gate();
    const first = semaphore.run(failing.task);
    const second = semaphore.run(async () => 'ran');
    failing.fail(new Error('broken image'));
    await expect(first).rejects.toThrow('broken image');
    expect(await second).toBe('ran');
    expect(semaphore.waiting).toBe(0);
  });

  it('needs at least one slot', () => {
    expect(() => new Semaphore(0)).toThrow(RangeError);
    expect(() => new Semaphore(1.5)).toThrow(RangeError);
  });
});
