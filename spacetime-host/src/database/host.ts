import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { identityFromClaims, identityToHex, parseIdentityHex } from '../auth/identity.js';
import { LOCAL_ISSUER } from '../auth/token-issuer.js';
import type { Clock } from '../clock/clock.js';
import {
  type ControlState,
  type DatabaseRecord,
  readControlFile,
  writeControlFile,
} from './control-file.js';
import { Database, type DatabaseConfig } from './database.js';
import type {
  DatabaseHandle,
  HostApi,
  IdentityValue,
  PublishRequest,
  PublishResult,
  UpdatePlan,
} from './database-api.js';
import { NotOwnerError, PublishError } from './database-errors.js';
import { isIdentityHex, parseDatabaseName } from './database-name.js';
import type { DatabaseServices } from './database-services.js';
import { defaultServices } from './default-services.js';
import { sha256 } from './module-hash.js';
import { planUpdate, updateDatabase } from './update-database.js';

export interface HostOptions {
  /** Holds control.json and `databases/<identityHex>/`. */
  readonly dataDir: string;
  readonly services?: DatabaseServices;
  /** The issuer new database identities are derived from, as SpacetimeDB allocates them. */
  readonly issuer?: string;
  readonly snapshotEvery?: number;
  readonly logCapacity?: number;
  /** The time every database of this host runs on: the wall clock unless a test moves time (ManualClock). */
  readonly clock?: Clock;
}

/** A database listed in control.json that could not be opened at start. */
export interface DatabaseOpenFailure {
  readonly identity: IdentityValue;
  readonly error: unknown;
}

/**
 * Every database on this host, kept in `<dataDir>`: control.json lists them
 * (identity, names, owner, module hash) and each has its module bundles, commit
 * log and snapshots under `databases/<identityHex>/`. Publishing, updating and
 * deleting run one at a time.
 */
export class Host implements HostApi {
  readonly failures: DatabaseOpenFailure[] = [];
  readonly #options: HostOptions;
  readonly #services: DatabaseServices;
  readonly #databases = new Map<IdentityValue, Database>();
  /** Databases that failed to open: kept in control.json and their names stay taken. */
  readonly #unopened = new Map<IdentityValue, DatabaseRecord>();
  /** Serialises changes to the set of databases and control.json. */
  #changes: Promise<unknown> = Promise.resolve();

  private constructor(options: HostOptions) {
    this.#options = options;
    this.#services = options.services ?? defaultServices();
  }

  /** Opens every database in `dataDir`, recovering each from its snapshot and commit log. */
  static async open(options: HostOptions): Promise<Host> {
    const host = new Host(options);
    const control = await readControlFile(options.dataDir);
    for (const record of control.databases) {
      const identity = BigInt(`0x${record.identity}`);
      try {
        const program = await readFile(host.#modulePath(identity, record.moduleHash), 'utf8');
        const database = await Database.open(host.#config(record, program));
        host.#databases.set(identity, database);
      } catch (error) {
        host.failures.push({ identity, error });
        host.#unopened.set(identity, record);
      }
    }
    return host;
  }

  find(nameOrIdentity: string): Database | undefined {
    if (isIdentityHex(nameOrIdentity)) {
      const identity = parseIdentityHex(nameOrIdentity);
      return identity === undefined ? undefined : this.#databases.get(identity);
    }
    for (const database of this.#databases.values()) {
      if (database.names.includes(nameOrIdentity)) return database;
    }
    return undefined;
  }

  list(): readonly Database[] {
    return [...this.#databases.values()];
  }

  publish(request: PublishRequest): Promise<PublishResult> {
    return this.#serialised(() => this.#publish(request));
  }

  planUpdate(database: DatabaseHandle, program: string): UpdatePlan {
    const current = this.#databases.get(database.identity);
    if (current === undefined) throw new PublishError('the database is not open on this host');
    return planUpdate(current, program, this.#services);
  }

  delete(database: { readonly identity: IdentityValue }, by: IdentityValue): Promise<void> {
    return this.#serialised(async () => {
      const current = this.#databases.get(database.identity);
      if (current === undefined) return;
      if (current.owner !== by) throw new NotOwnerError('only the owner may delete a database');
      this.#databases.delete(current.identity);
      await this.#saveControl();
      await current.close();
      await rm(this.#dir(current.identity), { recursive: true, force: true });
    });
  }

  /** Closes every database (pending commits become durable first). */
  close(): Promise<void> {
    return this.#serialised(async () => {
      await Promise.all([...this.#databases.values()].map((database) => database.close()));
    });
  }

  async #publish(request: PublishRequest): Promise<PublishResult> {
    this.#refuseUnopened(request);
    const existing =
      request.identity !== undefined
        ? this.#databases.get(request.identity)
        : request.name !== undefined
          ? this.find(request.name)
          : undefined;
    if (existing === undefined) return this.#create(request);
    if (existing.owner !== request.publisher) {
      throw new NotOwnerError(
        `you are not the owner of database ${identityToHex(existing.identity)}`,
      );
    }
    let updated: Database;
    try {
      updated = await updateDatabase(existing, request, {
        services: this.#services,
        config: (program, moduleHash) => this.#config(this.#record(existing, moduleHash), program),
        storeModule: (program, moduleHash) =>
          this.#storeModule(existing.identity, program, moduleHash),
        wipe: () => this.#wipe(existing.identity),
      });
    } catch (error) {
      // A refused update leaves the database as it was; one that failed midway has closed it.
      if (existing.closed) {
        this.#databases.delete(existing.identity);
        this.failures.push({ identity: existing.identity, error });
        await this.#saveControl();
      }
      throw error;
    }
    this.#databases.set(updated.identity, updated);
    await this.#saveControl();
    return {
      identity: updated.identity,
      ...(request.name !== undefined && { name: request.name }),
      op: 'updated',
    };
  }

  async #create(request: PublishRequest): Promise<PublishResult> {
    const name = request.name === undefined ? undefined : parseDatabaseName(request.name);
    if (name !== undefined && this.find(name) !== undefined) {
      throw new PublishError(`the name ${name} is already taken`);
    }
    const identity =
      request.identity ?? identityFromClaims(this.#options.issuer ?? LOCAL_ISSUER, randomUUID());
    const moduleHash = sha256(request.program);
    await this.#wipe(identity);
    await this.#storeModule(identity, request.program, moduleHash);
    const record: DatabaseRecord = {
      identity: identityToHex(identity),
      owner: identityToHex(request.publisher),
      names: name === undefined ? [] : [name],
      moduleHash,
    };
    let database: Database;
    try {
      database = await Database.create(this.#config(record, request.program), request.publisher);
    } catch (error) {
      await rm(this.#dir(identity), { recursive: true, force: true });
      throw error instanceof PublishError
        ? error
        : new PublishError(describe(error), { cause: error });
    }
    this.#databases.set(identity, database);
    await this.#saveControl();
    return { identity, ...(name !== undefined && { name }), op: 'created' };
  }

  /** A database that failed to open at start must not be replaced by accident. */
  #refuseUnopened(request: PublishRequest): void {
    for (const [identity, record] of this.#unopened) {
      if (
        identity === request.identity ||
        (request.name !== undefined && record.names.includes(request.name))
      ) {
        const failure = this.failures.find((f) => f.identity === identity)?.error;
        throw new PublishError(
          `database ${record.identity} could not be opened at start: ${failure instanceof Error ? failure.message : failure}`,
        );
      }
    }
  }

  #config(record: DatabaseRecord, program: string): DatabaseConfig {
    const identity = BigInt(`0x${record.identity}`);
    return {
      identity,
      owner: BigInt(`0x${record.owner}`),
      names: record.names,
      dir: this.#dir(identity),
      program,
      moduleHash: record.moduleHash,
      services: this.#services,
      ...(this.#options.snapshotEvery !== undefined && {
        snapshotEvery: this.#options.snapshotEvery,
      }),
      ...(this.#options.logCapacity !== undefined && { logCapacity: this.#options.logCapacity }),
      ...(this.#options.clock !== undefined && { clock: this.#options.clock }),
    };
  }

  #record(database: Database, moduleHash = database.moduleHash): DatabaseRecord {
    return {
      identity: identityToHex(database.identity),
      owner: identityToHex(database.owner),
      names: [...database.names],
      moduleHash,
    };
  }

  #dir(identity: IdentityValue): string {
    return path.join(this.#options.dataDir, 'databases', identityToHex(identity));
  }

  #modulePath(identity: IdentityValue, moduleHash: string): string {
    return path.join(this.#dir(identity), `module-${moduleHash}.js`);
  }

  async #storeModule(identity: IdentityValue, program: string, moduleHash: string): Promise<void> {
    await mkdir(this.#dir(identity), { recursive: true });
    await writeFile(this.#modulePath(identity, moduleHash), program);
  }

  /** Removes a database's storage (commit log, snapshots, modules). */
  async #wipe(identity: IdentityValue): Promise<void> {
    await rm(this.#dir(identity), { recursive: true, force: true });
  }

  async #saveControl(): Promise<void> {
    const state: ControlState = {
      version: 1,
      databases: [
        ...[...this.#databases.values()].map((database) => this.#record(database)),
        ...this.#unopened.values(),
      ],
    };
    await writeControlFile(this.#options.dataDir, state);
  }

  #serialised<T>(change: () => Promise<T>): Promise<T> {
    const next = this.#changes.then(change, change);
    this.#changes = next.catch(() => undefined);
    return next;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
