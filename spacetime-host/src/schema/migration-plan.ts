/**
 * How to carry a database's data from one module version to the next, when
 * SpacetimeDB's automatic migration allows it (see migration.ts).
 */
export interface MigrationPlan {
  /** One entry per table of the new schema, in new table-id order. */
  readonly tables: readonly TableMigration[];
  /** Old tables that no longer exist; SpacetimeDB drops them only when they are empty. */
  readonly removedTables: readonly string[];
  /**
   * Sequences added to (or changed on) existing tables. As SpacetimeDB
   * prechecks, no existing value of the column may lie in [min, max]
   * (clamped to the column's type).
   */
  readonly sequenceChecks: readonly SequenceCheck[];
  /** SpacetimeDB disconnects every client for this update (e.g. a column was added). */
  readonly disconnectAllUsers: boolean;
  /** What the update does, one human-readable line per step. */
  readonly steps: readonly string[];
}

export interface TableMigration {
  readonly tableName: string;
  /** True for a table that did not exist before (it starts empty). */
  readonly added: boolean;
  /** BSATN appended to every existing row: the defaults of columns added at the end. */
  readonly appendedDefaults: Uint8Array;
  /** Columns whose sequence keeps its position (unchanged between versions). */
  readonly keptSequences: readonly number[];
}

export interface SequenceCheck {
  readonly tableName: string;
  readonly colId: number;
  readonly min: bigint;
  readonly max: bigint;
}

/** The outcome of checking an update: a plan, or every reason it needs a manual migration. */
export type MigrationCheck =
  | { readonly compatible: true; readonly plan: MigrationPlan }
  | { readonly compatible: false; readonly reasons: readonly string[] };
