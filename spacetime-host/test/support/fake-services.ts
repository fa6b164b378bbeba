// DatabaseServices over test doubles: a fixed schema, the fake datastore and
// in-memory durability.
import type { DatabaseServices } from '../../src/database/database-services.js';
import type { ModuleSchema } from '../../src/schema/module-schema.js';
import { FakeDatastore, type FakeTable } from './fake-datastore.js';
import { MemoryDurability } from './memory-durability.js';

export interface FakeServices extends DatabaseServices {
  readonly durability: MemoryDurability;
  readonly datastores: FakeDatastore[];
}

export function fakeServices(schema: ModuleSchema, tables: readonly FakeTable[]): FakeServices {
  const durability = new MemoryDurability();
  const datastores: FakeDatastore[] = [];
  return {
    durability,
    datastores,
    decodeSchema: () => schema,
    createDatastore: () => {
      const datastore = new FakeDatastore(tables);
      datastores.push(datastore);
      return datastore;
    },
    openDurability: () => durability,
  };
}
