import { describe, expect, it } from 'vitest';
import type { Database } from './database.js';
import { type ModuleSwap, Succession } from './module-swap.js';

const swapTo = (name: string): ModuleSwap => ({
  successor: { names: [name] } as unknown as Database,
  disconnectsClients: false,
});

describe('Succession', () => {
  it('tells every listener of the swap once, synchronously, even when one throws', () => {
    const logged: string[] = [];
    const succession = new Succession((message) => logged.push(message));
    const heard: string[] = [];
    succession.listen(() => {
      throw new Error('broken listener');
    });
    succession.listen((swap) => heard.push(`a:${swap.successor.names[0]}`));
    const stop = succession.listen(() => heard.push('stopped'));
    stop();
    succession.begin();
    expect(heard).toEqual([]);
    succession.settle(swapTo('v2'));
    expect(heard).toEqual(['a:v2']);
    expect(logged).toEqual(['a module swap listener failed: Error: broken listener']);
    expect(succession.swap?.successor.names).toEqual(['v2']);
  });

  it('makes those waiting for the outcome wait until the update settles', async () => {
    const succession = new Succession(() => {});
    expect(succession.pending).toBe(false);
    succession.begin();
    expect(succession.pending).toBe(true);
    let outcome: ModuleSwap | undefined | 'pending' = 'pending';
    const waiting = succession.outcome().then((swap) => {
      outcome = swap;
    });
    await Promise.resolve();
    expect(outcome).toBe('pending');
    const swap = swapTo('v2');
    succession.settle(swap);
    expect(succession.pending).toBe(false);
    await waiting;
    expect(outcome).toBe(swap);
    // Later askers get the same answer at once.
    expect(await succession.outcome()).toBe(swap);
  });

  it('answers undefined when no update replaced the database, or the update failed', async () => {
    expect(await new Succession(() => {}).outcome()).toBeUndefined();
    const failed = new Succession(() => {});
    const heard: unknown[] = [];
    failed.listen((swap) => heard.push(swap));
    failed.begin();
    const waiting = failed.outcome();
    failed.settle(undefined);
    expect(await waiting).toBeUndefined();
    expect(heard).toEqual([]);
    expect(failed.swap).toBeUndefined();
  });
});
