// A Durability double that keeps transactions in memory and can hold appends
// back, so tests can see that results wait for durability.
import type { DatastoreState, TxChanges } from '../../src/datastore/datastore.js';
import type { Durability, RecoveredState } from '../../src/durability/durability.js';

export class MemoryDurability implements Durability {
  readonly appended: TxChanges[] = [];
  readonly snapshots: { state: DatastoreState; moduleHash: string }[] = [];
  #held: (() => void)[] | undefined;
  closed = false;

  /** Appends made from now on stay pending until `release()`. */
  hold(): void {
    this.#held = [];
  }

  release(): void {
    const held = this.#held ?? [];
    this.#held = undefined;
    for (const resolve of held) resolve();
  }

  append(changes: TxChanges): Promise<void> {
    this.appended.push(changes);
    if (this.#held === undefined) return Promise.resolve();
    const held = this.#held;
    return new Promise((resolve) => held.push(resolve));
  }

  async snapshot(state: DatastoreState, moduleHash: string): Promise<void> {
    this.snapshots.push({ state, moduleHash });
  }

  async recover(): Promise<RecoveredState> {
    return { transactions: [], droppedTornTail: false };
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
