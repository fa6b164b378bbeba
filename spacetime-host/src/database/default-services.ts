import { InMemoryDatastore } from '../datastore/in-memory-datastore.js';
import { FileDurability } from '../durability/file-durability.js';
import { decodeModuleSchema } from '../schema/build-module-schema.js';
import type { DatabaseServices } from './database-services.js';

/** The real layers: the schema decoder, the in-memory datastore and file durability. */
export function defaultServices(): DatabaseServices {
  return {
    decodeSchema: decodeModuleSchema,
    createDatastore: (schema, state) =>
      state === undefined
        ? new InMemoryDatastore(schema)
        : InMemoryDatastore.fromState(schema, state),
    openDurability: (dir) => new FileDurability(dir),
  };
}
