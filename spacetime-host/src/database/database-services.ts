import type { Datastore, DatastoreState } from '../datastore/datastore.js';
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
}
