import type { LogRecord } from './database-api.js';

/** How many records a database keeps for `/logs` (SpacetimeDB keeps a file; we keep the recent tail). */
export const DEFAULT_LOG_CAPACITY = 10_000;

/**
 * A database's recent log records, oldest first, with live listeners (for `/logs?follow`).
 * A ring buffer: once full, a new record overwrites the oldest in O(1), so a
 * module that logs on every call does not pay for shifting the whole tail.
 */
export class ModuleLogs {
  readonly #records: LogRecord[] = [];
  /** Where the oldest record is once the buffer is full (and the next one goes). */
  #start = 0;
  readonly #listeners = new Set<(record: LogRecord) => void>();
  /** How many records fit; 0 keeps none (listeners still hear them). */
  readonly #limit: number;

  constructor(readonly capacity = DEFAULT_LOG_CAPACITY) {
    this.#limit = Math.max(0, Math.floor(capacity));
  }

  add(record: LogRecord): void {
    if (this.#records.length < this.#limit) {
      this.#records.push(record);
    } else if (this.#limit > 0) {
      this.#records[this.#start] = record;
      this.#start = (this.#start + 1) % this.#limit;
    }
    for (const listener of this.#listeners) {
      try {
        listener(record);
      } catch {
        // A failing listener (e.g. a closed HTTP stream) must not break logging for the others.
      }
    }
  }

  list(): readonly LogRecord[] {
    return [...this.#records.slice(this.#start), ...this.#records.slice(0, this.#start)];
  }

  subscribe(listener: (record: LogRecord) => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }
}
