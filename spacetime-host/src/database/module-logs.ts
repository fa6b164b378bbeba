import type { LogRecord } from './database-api.js';

/** How many records a database keeps for `/logs` (SpacetimeDB keeps a file; we keep the recent tail). */
export const DEFAULT_LOG_CAPACITY = 10_000;

/** A database's recent log records, oldest first, with live listeners (for `/logs?follow`). */
export class ModuleLogs {
  readonly #records: LogRecord[] = [];
  readonly #listeners = new Set<(record: LogRecord) => void>();

  constructor(readonly capacity = DEFAULT_LOG_CAPACITY) {}

  add(record: LogRecord): void {
    this.#records.push(record);
    if (this.#records.length > this.capacity)
      this.#records.splice(0, this.#records.length - this.capacity);
    for (const listener of this.#listeners) {
      try {
        listener(record);
      } catch {
        // A failing listener (e.g. a closed HTTP stream) must not break logging for the others.
      }
    }
  }

  list(): readonly LogRecord[] {
    return [...this.#records];
  }

  subscribe(listener: (record: LogRecord) => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }
}
