import type { Datastore, DatastoreState, ReadTx } from '../datastore/datastore.js';
import type { Durability } from '../durability/durability.js';
import type { ModuleSchema } from '../schema/module-schema.js';

/**
 * The layers a database is built from that tests replace: schema decoding,
 * the datastore and durability. `defaultServices()` wires the real ones.
 */
export interface DatabaseServices {
  /** Decodes and validates a module's `RawModuleDef`; throws with the reasons when invalid. */
  decodeSchema(rawModuleDef: Uint8Array): ModuleSchema;
  /** A datastore for `schema`, empty or holding a snapshot's state. */
  createDatastore(schema: ModuleSchema, state?: DatastoreState): Datastore;
  /** Durable storage in a database's directory (`recover()` is called once, first). */
  openDurability(dir: string): Durability;
  /**
   * Runs the SQL a view returned instead of rows (a query-builder view) and
   * returns BSATN rows of the view's row type.
   */
  runViewQuery?(query: string, schema: ModuleSchema, tx: ReadTx): Uint8Array[];
}
