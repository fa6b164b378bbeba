import type { MigrationCheck, SequenceCheck, TableMigration } from './migration-plan.js';
import type {
  IndexSchema,
  ModuleSchema,
  SequenceSchema,
  TableSchema,
  ViewSchema,
} from './module-schema.js';
import { formatType } from './type-format.js';
import { checkTypeUpgrade } from './type-upgrade.js';

/** Mutable accumulator while comparing two schemas. */
interface Planner {
  readonly reasons: string[];
  readonly steps: string[];
  readonly sequenceChecks: SequenceCheck[];
  disconnect: boolean;
}

/**
 * Decides whether `next` can replace `prev` automatically, following
 * SpacetimeDB's crates/schema/src/auto_migrate.rs: tables match by canonical
 * name; adding tables, indexes, constraints, sequences, schedules and
 * columns at the end with defaults is fine; removing or reordering columns,
 * changing a column's type (beyond sums gaining variants), changing an
 * event flag or an index's accessor is not. Removing a table is planned but
 * only succeeds on an empty table; reducers may change freely.
 */
export function planMigration(prev: ModuleSchema, next: ModuleSchema): MigrationCheck {
  const p: Planner = { reasons: [], steps: [], sequenceChecks: [], disconnect: false };
  const oldTables = new Map(prev.tables.map((t) => [t.name, t]));
  const newTables = new Map(next.tables.map((t) => [t.name, t]));

  const removedTables = prev.tables.filter((t) => !newTables.has(t.name)).map((t) => t.name);
  for (const name of removedTables) {
    p.steps.push(`Remove table ${name} (it must be empty)`);
    p.disconnect = true;
  }

  const tables = next.tables.map((table): TableMigration => {
    const old = oldTables.get(table.name);
    if (!old) {
      p.steps.push(`Add table ${table.name}`);
      return {
        tableName: table.name,
        added: true,
        appendedDefaults: new Uint8Array(),
        keptSequences: [],
      };
    }
    return migrateTable(old, table, p);
  });

  migrateViews(prev.views, next.views, p);
  if (p.reasons.length > 0) return { compatible: false, reasons: p.reasons };
  return {
    compatible: true,
    plan: {
      tables,
      removedTables,
      sequenceChecks: p.sequenceChecks,
      disconnectAllUsers: p.disconnect,
      steps: p.steps,
    },
  };
}

function migrateTable(old: TableSchema, table: TableSchema, p: Planner): TableMigration {
  const name = table.name;
  if (old.isEvent !== table.isEvent) {
    p.reasons.push(`Changing the event flag of table ${name} requires a manual migration`);
  }
  if (old.isPublic !== table.isPublic) p.steps.push(`Change access of table ${name}`);
  if (old.primaryKey !== table.primaryKey) p.steps.push(`Change the primary key of table ${name}`);
  if (JSON.stringify(old.schedule) !== JSON.stringify(table.schedule))
    p.steps.push(`Change the schedule of table ${name}`);

  const appendedDefaults = migrateColumns(old, table, p);
  migrateIndexes(old, table, p);
  migrateConstraints(old, table, p);
  const keptSequences = migrateSequences(old, table, p);
  return { tableName: name, added: false, appendedDefaults, keptSequences };
}

/** Returns the BSATN to append to old rows; records problems and steps. */
function migrateColumns(old: TableSchema, table: TableSchema, p: Planner): Uint8Array {
  const name = table.name;
  const event = old.isEvent;
  const newByName = new Map(table.columns.map((c) => [c.name, c]));
  const oldNames = new Set(old.columns.map((c) => c.name));
  let typesChanged = false;
  let eventSchemaChanged = false;
  let reordered = false;
  for (const column of old.columns) {
    const counterpart = newByName.get(column.name);
    if (!counterpart) {
      if (event) eventSchemaChanged = true;
      else
        p.reasons.push(
          `Removing a column ${column.name} from table ${name} requires a manual migration`,
        );
      continue;
    }
    const { problems, changed } = checkTypeUpgrade(
      column.type,
      counterpart.type,
      name,
      column.name,
    );
    const moved = column.colId !== counterpart.colId;
    if (event) {
      if (problems.length > 0 || changed || moved) eventSchemaChanged = true;
      continue;
    }
    p.reasons.push(...problems);
    reordered ||= moved;
    typesChanged ||= changed;
  }
  if (reordered) p.reasons.push(`Reordering table ${name} requires a manual migration`);
  const added = table.columns.filter((c) => !oldNames.has(c.name));
  const parts: Uint8Array[] = [];
  for (const column of added) {
    if (event) eventSchemaChanged = true;
    else if (column.defaultValue === undefined) {
      p.reasons.push(
        `Adding a column ${column.name} to table ${name} requires a default value annotation`,
      );
    } else {
      parts.push(column.defaultValue);
    }
  }
  if (eventSchemaChanged) {
    p.steps.push(`Change the schema of event table ${name}`);
    p.disconnect = true;
  } else if (added.length > 0) {
    p.steps.push(`Add column(s) ${added.map((c) => c.name).join(', ')} to table ${name}`);
    p.disconnect = true;
  } else if (typesChanged) {
    p.steps.push(`Change column types of table ${name}`);
  }
  return event ? new Uint8Array() : concat(parts);
}

function indexShape(index: IndexSchema): string {
  return `${index.algorithm}(${index.columns.join(',')})`;
}

function migrateIndexes(old: TableSchema, table: TableSchema, p: Planner): void {
  const before = new Map(old.indexes.map((i) => [i.name, i]));
  const after = new Map(table.indexes.map((i) => [i.name, i]));
  for (const [name] of before) if (!after.has(name)) p.steps.push(`Remove index ${name}`);
  for (const [name, index] of after) {
    const previous = before.get(name);
    if (!previous) {
      p.steps.push(`Add index ${name}`);
    } else if (previous.accessorName !== index.accessorName) {
      p.reasons.push(
        `Changing the accessor name on index ${name} from ${previous.accessorName ?? 'none'} to ${index.accessorName ?? 'none'} requires a manual migration`,
      );
    } else if (indexShape(previous) !== indexShape(index)) {
      p.steps.push(`Rebuild index ${name} as ${indexShape(index)}`);
    } else if (previous.sourceName !== index.sourceName) {
      p.steps.push(`Rename the source name of index ${name} to ${index.sourceName}`);
    }
  }
}

function constraintNames(table: TableSchema): Map<string, readonly number[]> {
  const names = new Map<string, readonly number[]>();
  for (const columns of table.uniqueConstraints) {
    const label = columns.map((c) => table.columns[c]?.name ?? `col_${c}`).join('_');
    names.set(`${table.name}_${label}_key`, columns);
  }
  return names;
}

function migrateConstraints(old: TableSchema, table: TableSchema, p: Planner): void {
  const before = constraintNames(old);
  const after = constraintNames(table);
  for (const name of before.keys())
    if (!after.has(name)) p.steps.push(`Remove unique constraint ${name}`);
  for (const [name, columns] of after) {
    const previous = before.get(name);
    if (!previous) p.steps.push(`Add unique constraint ${name} (existing rows must be unique)`);
    else if (previous.join() !== columns.join()) {
      p.reasons.push(`Changing a unique constraint ${name} requires a manual migration`);
    }
  }
}

/** Returns the columns whose sequences carry over unchanged. */
function migrateSequences(old: TableSchema, table: TableSchema, p: Planner): number[] {
  const columnName = (t: TableSchema, s: SequenceSchema) =>
    t.columns[s.colId]?.name ?? `col_${s.colId}`;
  const before = new Map(old.sequences.map((s) => [columnName(old, s), s]));
  const after = new Map(table.sequences.map((s) => [columnName(table, s), s]));
  const kept: number[] = [];
  for (const name of before.keys()) {
    if (!after.has(name)) p.steps.push(`Remove sequence ${table.name}_${name}_seq`);
  }
  for (const [name, sequence] of after) {
    const previous = before.get(name);
    const same =
      previous !== undefined &&
      previous.colId === sequence.colId &&
      previous.start === sequence.start &&
      previous.min === sequence.min &&
      previous.max === sequence.max &&
      previous.increment === sequence.increment;
    if (same) {
      kept.push(sequence.colId);
      continue;
    }
    p.steps.push(`${previous ? 'Change' : 'Add'} sequence ${table.name}_${name}_seq`);
    p.sequenceChecks.push({
      tableName: table.name,
      colId: sequence.colId,
      min: sequence.min,
      max: sequence.max,
    });
  }
  return kept;
}

function viewSignature(view: ViewSchema): string {
  return [
    view.perSender,
    view.params.elements.map((e) => `${e.name}:${formatType(e.algebraicType)}`).join(','),
    view.rowType.elements.map((e) => `${e.name}:${formatType(e.algebraicType)}`).join(','),
  ].join('|');
}

/** Views hold no state: they are always recomputed, but changing their shape disconnects clients. */
function migrateViews(
  before: readonly ViewSchema[],
  after: readonly ViewSchema[],
  p: Planner,
): void {
  const old = new Map(before.map((v) => [v.name, v]));
  const next = new Map(after.map((v) => [v.name, v]));
  for (const name of old.keys()) {
    if (!next.has(name)) {
      p.steps.push(`Remove view ${name}`);
      p.disconnect = true;
    }
  }
  for (const [name, view] of next) {
    const previous = old.get(name);
    if (!previous) {
      p.steps.push(`Add view ${name}`);
    } else if (viewSignature(previous) !== viewSignature(view)) {
      p.steps.push(`Recreate view ${name}`);
      p.disconnect = true;
    } else {
      if (previous.isPublic !== view.isPublic) p.steps.push(`Change access of view ${name}`);
      p.steps.push(`Recompute view ${name}`);
    }
  }
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
