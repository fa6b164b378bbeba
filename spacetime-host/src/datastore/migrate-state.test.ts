import { describe, expect, it } from 'vitest';
import { Ty } from '../sats/algebraic-type.js';
import { bsatn } from '../sats/testing/algebraic-values.js';
import { planMigration } from '../schema/migration.js';
import type { MigrationPlan } from '../schema/migration-plan.js';
import type { ModuleSchema } from '../schema/module-schema.js';
import { DatastoreError, Errno } from './datastore-error.js';
import { InMemoryDatastore } from './in-memory-datastore.js';
import { MigrationDataError, migrateState } from './migrate-state.js';
import { moduleSchema, row, type TableSpec } from './testing/test-schema.js';

const items: TableSpec = {
  name: 'items',
  columns: [
    ['id', Ty.U64],
    ['label', Ty.String],
  ],
  indexes: [['btree', [0], true]],
  primaryKey: 0,
  sequences: [{ colId: 0 }],
};
const notes: TableSpec = { name: 'notes', columns: [['text', Ty.String]] };
const v1 = moduleSchema(items, notes);

function planFor(prev: ModuleSchema, next: ModuleSchema): MigrationPlan {
  const check = planMigration(prev, next);
  if (!check.compatible) throw new Error(check.reasons.join('; '));
  return check.plan;
}

function populated(withNotes = false): InMemoryDatastore {
  const datastore = new InMemoryDatastore(v1);
  const tx = datastore.beginMutTx();
  tx.insert(0, row(v1, 0, 0n, 'apple'));
  tx.insert(0, row(v1, 0, 0n, 'pear'));
  if (withNotes) tx.insert(1, row(v1, 1, 'hello'));
  tx.commit(1n);
  return datastore;
}

describe('migrateState', () => {
  it('appends defaults to existing rows and keeps sequence positions', () => {
    const v2 = moduleSchema(
      {
        ...items,
        columns: [...items.columns, ['stock', Ty.U32]],
        defaults: { 2: bsatn(Ty.U32, 7n) },
      },
      notes,
    );
    const state = migrateState(populated().exportState(), planFor(v1, v2), v2);
    expect(state.tables[0]!.rows).toEqual([
      row(v2, 0, 1n, 'apple', 7n),
      row(v2, 0, 2n, 'pear', 7n),
    ]);
    expect(state.sequences).toEqual({ 'items.0': 3n });
    const migrated = InMemoryDatastore.fromState(v2, state);
    const tx = migrated.beginMutTx();
    expect(tx.insert(0, row(v2, 0, 0n, 'plum', 1n)).row).toEqual(row(v2, 0, 3n, 'plum', 1n));
  });

  it('drops empty removed tables but refuses to drop data', () => {
    const v2 = moduleSchema(items);
    const plan = planFor(v1, v2);
    expect(
      migrateState(populated().exportState(), plan, v2).tables.map((t) => t.tableName),
    ).toEqual(['items']);
    expect(() => migrateState(populated(true).exportState(), plan, v2)).toThrow(MigrationDataError);
    expect(() => migrateState(populated(true).exportState(), plan, v2)).toThrow(
      /Cannot remove table `notes`/,
    );
  });

  it('refuses a new sequence over a column that already holds values in its range', () => {
    const v2 = moduleSchema(items, {
      name: 'notes',
      columns: [
        ['text', Ty.String],
        ['n', Ty.U8],
      ],
      sequences: [{ colId: 1, min: 1n, max: 200n }],
      defaults: { 1: bsatn(Ty.U8, 5n) },
    });
    const plan = planFor(v1, v2);
    expect(() => migrateState(populated(true).exportState(), plan, v2)).toThrow(
      /already has values in range/,
    );
    const ok = migrateState(populated(false).exportState(), plan, v2);
    expect(ok.tables[1]!.rows).toEqual([]);
  });

  it('leaves added unique constraints to be enforced when loading', () => {
    const v2 = moduleSchema(items, { ...notes, indexes: [['hash', [0], true]] });
    const before = new InMemoryDatastore(v1);
    const tx = before.beginMutTx();
    tx.insert(1, row(v1, 1, 'same'));
    tx.insert(1, row(v1, 1, 'other'));
    tx.commit(1n);
    const state = migrateState(before.exportState(), planFor(v1, v2), v2);
    expect(() => InMemoryDatastore.fromState(v2, state)).not.toThrow();
    const clash = migrateState(
      {
        ...state,
        tables: [
          state.tables[0]!,
          { tableName: 'notes', rows: [row(v1, 1, 'x'), row(v1, 1, 'x')] },
        ],
      },
      planFor(v1, v2),
      v2,
    );
    let error: unknown;
    try {
      InMemoryDatastore.fromState(v2, clash);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DatastoreError);
    expect((error as DatastoreError).errno).toBe(Errno.UNIQUE_ALREADY_EXISTS);
  });
});
