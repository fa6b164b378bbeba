// Test support: what a v2 client keeps per query set (the SDK's table cache
// counts references per row), built only from what the engine sends, so
// tests can compare it with a fresh evaluation of the same queries.
import { expect } from 'vitest';
import type { CommitUpdates, TableRows } from '../query-set-update.js';

export class ClientCache {
  /** `${table}\u0000${row bytes}` → reference count. */
  readonly #rows = new Map<string, number>();

  constructor(
    private readonly connection: string,
    private readonly querySetId: number,
  ) {}

  applied(tables: readonly TableRows[]): void {
    for (const { tableName, rows } of tables) for (const row of rows) this.#add(tableName, row, 1);
  }

  dropped(tables: readonly TableRows[]): void {
    for (const { tableName, rows } of tables) for (const row of rows) this.#add(tableName, row, -1);
  }

  /** Applies this set's part of a commit; event rows are not kept, as the SDK does. */
  update(result: CommitUpdates): void {
    const set = result.updates.get(this.connection)?.find((s) => s.querySetId === this.querySetId);
    for (const table of set?.tables ?? []) {
      for (const rows of table.rows) {
        if (rows.kind === 'event') continue;
        for (const row of rows.deletes) this.#add(table.tableName, row, -1);
        for (const row of rows.inserts) this.#add(table.tableName, row, 1);
      }
    }
  }

  /** The cache must hold exactly these rows, each as often as it appears. */
  expectToEqual(tables: readonly TableRows[]): void {
    const expected = new ClientCache(this.connection, this.querySetId);
    expected.applied(tables);
    expect(sorted(this.#rows)).toEqual(sorted(expected.#rows));
  }

  #add(tableName: string, row: Uint8Array, n: number): void {
    const key = `${tableName}:${Buffer.from(row).toString('hex')}`;
    const count = (this.#rows.get(key) ?? 0) + n;
    if (count < 0) throw new Error(`client cache: deleted a row of ${tableName} it did not hold`);
    if (count === 0) this.#rows.delete(key);
    else this.#rows.set(key, count);
  }
}

function sorted(rows: ReadonlyMap<string, number>): [string, number][] {
  return [...rows].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
