import type { AlgebraicType, ProductType } from '../sats/algebraic-type.js';

/**
 * The host's normalised view of a module's RawModuleDef (V10): every name is
 * resolved (canonical name after the case-conversion policy and explicit
 * names), every type Ref in a column is resolved, and ids are the ones the
 * module sees through `table_id_from_name` / `index_id_from_name`.
 */
export interface ModuleSchema {
  /**
   * The module's typespace, with product field and sum variant names
   * case-converted as SpacetimeDB stores them; reducer/procedure params and
   * view return types may contain Refs into it.
   */
  readonly typespace: { readonly types: readonly AlgebraicType[] };
  /** tableId = position in this array. */
  readonly tables: readonly TableSchema[];
  /** reducerId = position in this array (the order of the Reducers section). */
  readonly reducers: readonly ReducerSchema[];
  readonly procedures: readonly FunctionSchema[];
  readonly views: readonly ViewSchema[];
  readonly lifecycle: LifecycleReducers;
}

export interface LifecycleReducers {
  readonly init?: number;
  readonly onConnect?: number;
  readonly onDisconnect?: number;
}

export interface ColumnSchema {
  readonly colId: number;
  readonly name: string;
  /** Resolved: never a Ref at the top level (nested Refs are resolved through the typespace). */
  readonly type: AlgebraicType;
  /** BSATN of the default value, for columns appended by a migration. */
  readonly defaultValue?: Uint8Array;
}

export type IndexAlgorithm = 'btree' | 'hash' | 'direct';

export interface IndexSchema {
  /** Globally unique across the database (what `index_id_from_name` returns). */
  readonly indexId: number;
  readonly tableId: number;
  /** Canonical name, e.g. `accounts_id_idx_hash`. */
  readonly name: string;
  /** The name the module library looks up (may equal `name`). */
  readonly sourceName: string;
  readonly accessorName?: string;
  readonly algorithm: IndexAlgorithm;
  readonly columns: readonly number[];
  /** True when a unique constraint covers exactly these columns. */
  readonly unique: boolean;
}

export interface SequenceSchema {
  readonly colId: number;
  readonly start: bigint;
  readonly min: bigint;
  readonly max: bigint;
  readonly increment: bigint;
}

export interface ScheduleSchema {
  readonly reducerId?: number;
  readonly procedureId?: number;
  /** Column holding the ScheduleAt value. */
  readonly scheduledAtColumn: number;
  /** Column holding the u64 schedule id (the primary key). */
  readonly idColumn: number;
}

export interface TableSchema {
  readonly tableId: number;
  readonly name: string;
  readonly sourceName: string;
  readonly accessorName?: string;
  readonly rowType: ProductType;
  readonly columns: readonly ColumnSchema[];
  readonly primaryKey?: number;
  readonly indexes: readonly IndexSchema[];
  readonly uniqueConstraints: readonly (readonly number[])[];
  readonly sequences: readonly SequenceSchema[];
  readonly isPublic: boolean;
  readonly isEvent: boolean;
  readonly schedule?: ScheduleSchema;
}

export interface FunctionSchema {
  readonly id: number;
  readonly name: string;
  readonly params: ProductType;
  readonly returnType?: AlgebraicType;
  readonly clientCallable: boolean;
}

export interface ReducerSchema extends FunctionSchema {
  readonly lifecycle?: 'init' | 'onConnect' | 'onDisconnect';
}

export interface ViewSchema {
  /** The id the module dispatches on: `__call_view__` when perSender, else `__call_view_anon__`. */
  readonly id: number;
  readonly name: string;
  /** true for `spacetimedb.view` (depends on the sender), false for `anonymousView`. */
  readonly perSender: boolean;
  readonly isPublic: boolean;
  readonly params: ProductType;
  readonly returnType: AlgebraicType;
  /** The product type of one row the view returns. */
  readonly rowType: ProductType;
}
