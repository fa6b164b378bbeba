import type { Datastore, DatastoreState, MutTx, ReadTx } from '../datastore/datastore.js';
import type { Durability } from '../durability/durability.js';
import type { ModuleSchema } from '../schema/module-schema.js';
import type { SqlStatementResult } from '../sql/sql-result.js';
import type { Caller } from './database-api.js';

/** What the SQL engine gets to run a statement against one database. */
export interface SqlTarget {
  readonly identity: bigint;
  readonly owner: bigint;
  readonly schema: ModuleSchema;
  readonly datastore: Datastore;
  /** Commits a DML transaction the way reducers commit: schedules, listeners, durability. */
  commit(tx: MutTx): Promise<void>;
}

/**
 * The other layers a database is built from. Injected so each layer can be
 * replaced in tests; `defaultServices()` wires the real ones.
 */
export interface DatabaseServices {
  /** Decodes and validates a module's `RawModuleDef`; throws with the reasons when invalid. */
  decodeSchema(rawModuleDef: Uint8Array): ModuleSchema;
  /** A datastore for `schema`, empty or holding a snapshot's state. */
  createDatastore(schema: ModuleSchema, state?: DatastoreState): Datastore;
  /** Durable storage in a database's directory (`recover()` is called once, first). */
  openDurability(dir: string): Durability;
  /** Runs SQL (SpacetimeDB's subset) for `POST /sql`. */
  executeSql?(target: SqlTarget, query: string, caller: Caller): Promise<SqlStatementResult[]>;
  /** Runs the query a view returned instead of rows; returns BSATN rows of `rowType`. */
  runViewQuery?(target: SqlTarget, query: string, tx: ReadTx): Uint8Array[];
}
