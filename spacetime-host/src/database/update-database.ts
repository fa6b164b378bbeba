import { MigrationDataError, migrateState } from '../datastore/migrate-state.js';
import { describeModuleBundle } from '../runtime/describe-module-bundle.js';
import { planMigration } from '../schema/migration.js';
import type { ModuleSchema } from '../schema/module-schema.js';
import { carryClientTables } from './client-tables.js';
import { Database, type DatabaseConfig } from './database.js';
import type { PublishRequest, UpdatePlan } from './database-api.js';
import { IncompatibleUpdateError, PublishError } from './database-errors.js';
import type { DatabaseServices } from './database-services.js';
import { sha256 } from './module-hash.js';

/** What an update needs from the host that owns the database's storage. */
export interface UpdateStorage {
  readonly services: DatabaseServices;
  /** The database's configuration for `program` (same identity, owner, names and directory). */
  config(program: string, moduleHash: string): DatabaseConfig;
  /** Writes `module-<hash>.js` into the database's directory. */
  storeModule(program: string, moduleHash: string): Promise<void>;
  /** Deletes the database's storage. */
  wipe(): Promise<void>;
}

/**
 * Publishes a new module over an existing database, as SpacetimeDB does:
 * with `clear`, the data is dropped and `init` runs again; otherwise the
 * schemas must be compatible (schema/migration.ts), the rows are carried over
 * and a snapshot is written under the new module before it opens, so replay
 * never crosses the change. Publishing the same module again changes nothing.
 * The connected clients move to the new module (`Database.handOver`), or are
 * disconnected when the plan says SpacetimeDB would disconnect them.
 * Returns the database now serving (the old handle is closed when it changed).
 */
export async function updateDatabase(
  current: Database,
  request: PublishRequest,
  storage: UpdateStorage,
): Promise<Database> {
  const moduleHash = sha256(request.program);
  const nextSchema = describeModule(request.program, storage.services);
  if (request.clear) {
    await current.close();
    await storage.wipe();
    await storage.storeModule(request.program, moduleHash);
    return Database.create(storage.config(request.program, moduleHash), request.publisher);
  }
  if (moduleHash === current.moduleHash) return current;
  const check = planMigration(current.schema, nextSchema);
  if (!check.compatible) throw new IncompatibleUpdateError(check.reasons);
  await storage.storeModule(request.program, moduleHash);
  // Export, migrate and stop taking calls in one synchronous step, so no commit slips in between.
  let migrated: ReturnType<typeof migrateState>;
  try {
    const state = current.datastore.exportState();
    // The connected clients stay connected: they stay recorded, should the host crash after.
    migrated = carryClientTables(state, migrateState(state, check.plan, nextSchema));
  } catch (error) {
    if (error instanceof MigrationDataError) throw new IncompatibleUpdateError(error.reasons);
    throw error;
  }
  let next: Database;
  try {
    await current.retire();
    const config = storage.config(request.program, moduleHash);
    const durability = storage.services.openDurability(config.dir);
    await durability.recover();
    await durability.snapshot(migrated, moduleHash);
    await durability.close();
    next = await Database.openUpdated(config);
  } catch (error) {
    current.abandonSwap();
    throw error;
  }
  // Right after the open, before any macrotask: nothing reaches `next` before its clients do.
  await current.handOver(next, check.plan.disconnectAllUsers);
  return next;
}

/** The schema check `updateDatabase` makes, without changing anything. */
export function planUpdate(
  current: Database,
  program: string,
  services: DatabaseServices,
): UpdatePlan {
  if (sha256(program) === current.moduleHash) return { compatible: true, breaksClients: false };
  const check = planMigration(current.schema, describeModule(program, services));
  return check.compatible
    ? { compatible: true, breaksClients: check.plan.disconnectAllUsers }
    : { compatible: false, reasons: check.reasons };
}

/** Loads `program` once to read its schema, refusing modules that do not load or validate. */
function describeModule(program: string, services: DatabaseServices): ModuleSchema {
  try {
    return services.decodeSchema(describeModuleBundle(program));
  } catch (error) {
    throw new PublishError(error instanceof Error ? error.message : String(error), {
      cause: error,
    });
  }
}
