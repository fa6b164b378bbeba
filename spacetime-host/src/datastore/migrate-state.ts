import { compileColumnLocator } from '../sats/column-locator.js';
import type { MigrationPlan, SequenceCheck } from '../schema/migration-plan.js';
import type { ModuleSchema, TableSchema } from '../schema/module-schema.js';
import type { DatastoreState } from './datastore.js';
import { sequenceKey } from './in-memory-datastore.js';

/** The data stands in the way of a migration that the schemas allow. */
export class MigrationDataError extends Error {
  constructor(readonly reasons: readonly string[]) {
    super(`the database cannot be migrated:\n  - ${reasons.join('\n  - ')}`);
    this.name = 'MigrationDataError';
  }
}

/**
 * Carries a snapshot taken under the old module over to `next` as `plan`
 * (from planMigration) says: removed tables must be empty, added columns get
 * their defaults, kept sequences keep their position, new sequences must not
 * collide with existing values. Unique constraints added by the update are
 * enforced when the result is loaded with `InMemoryDatastore.fromState`.
 */
export function migrateState(
  state: DatastoreState,
  plan: MigrationPlan,
  next: ModuleSchema,
): DatastoreState {
  const reasons: string[] = [];
  const rowsOf = new Map(state.tables.map((t) => [t.tableName, t.rows]));
  for (const name of plan.removedTables) {
    if ((rowsOf.get(name)?.length ?? 0) > 0) {
      reasons.push(
        `Cannot remove table \`${name}\`: table contains data. Clear the table's rows (e.g. via a reducer) before removing it from your schema.`,
      );
    }
  }

  const tables = plan.tables.map(({ tableName, added, appendedDefaults }) => {
    const rows = added ? [] : (rowsOf.get(tableName) ?? []);
    return {
      tableName,
      rows: appendedDefaults.length === 0 ? rows : rows.map((row) => append(row, appendedDefaults)),
    };
  });

  const newTables = new Map(next.tables.map((t) => [t.name, t]));
  const migratedRows = new Map(tables.map((t) => [t.tableName, t.rows]));
  for (const check of plan.sequenceChecks) {
    const table = newTables.get(check.tableName)!;
    if (hasValueInRange(table, migratedRows.get(check.tableName) ?? [], check)) {
      const column = table.columns[check.colId]!.name;
      reasons.push(
        `Precheck failed: added sequence ${table.name}_${column}_seq already has values in range`,
      );
    }
  }
  if (reasons.length > 0) throw new MigrationDataError(reasons);

  const sequences: Record<string, bigint> = {};
  for (const { tableName, keptSequences } of plan.tables) {
    for (const colId of keptSequences) {
      const key = sequenceKey(tableName, colId);
      const value = state.sequences[key];
      if (value !== undefined) sequences[key] = value;
    }
  }
  return { txOffset: state.txOffset, tables, sequences };
}

function append(row: Uint8Array, suffix: Uint8Array): Uint8Array {
  const out = new Uint8Array(row.length + suffix.length);
  out.set(row);
  out.set(suffix, row.length);
  return out;
}

const INTEGER_RANGES: Readonly<Record<string, [bytes: number, signed: boolean]>> = {
  I8: [1, true],
  U8: [1, false],
  I16: [2, true],
  U16: [2, false],
  I32: [4, true],
  U32: [4, false],
  I64: [8, true],
  U64: [8, false],
  I128: [16, true],
  U128: [16, false],
  I256: [32, true],
  U256: [32, false],
};

/** SpacetimeDB's precheck: is any value of the column within [min, max] clamped to the column's type? */
function hasValueInRange(
  table: TableSchema,
  rows: readonly Uint8Array[],
  check: SequenceCheck,
): boolean {
  const [bytes, signed] = INTEGER_RANGES[table.columns[check.colId]!.type.tag]!;
  const bits = BigInt(bytes * 8);
  const typeMin = signed ? -(1n << (bits - 1n)) : 0n;
  const typeMax = signed ? (1n << (bits - 1n)) - 1n : (1n << bits) - 1n;
  const min = check.min < typeMin ? typeMin : check.min > typeMax ? typeMax : check.min;
  const max = check.max < typeMin ? typeMin : check.max > typeMax ? typeMax : check.max;
  const locate = compileColumnLocator(
    table.columns.map((c) => c.type),
    [check.colId],
    { types: [] },
  );
  return rows.some((row) => {
    const offset = locate(row)[0]!;
    let value = 0n;
    for (let i = bytes - 1; i >= 0; i--) value = (value << 8n) | BigInt(row[offset + i]!);
    if (signed) value = BigInt.asIntN(bytes * 8, value);
    return value >= min && value <= max;
  });
}
