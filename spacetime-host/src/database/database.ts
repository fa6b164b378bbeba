import type { Clock } from '../clock/clock.js';
import { wallClock } from '../clock/wall-clock.js';
import type { Datastore, MutTx, ReadTx } from '../datastore/datastore.js';
import type { Durability } from '../durability/durability.js';
import type { ModuleHost, ModuleLogEntry } from '../runtime/module-host.js';
import { ModuleInstance } from '../runtime/module-instance.js';
import type { FunctionSchema, ModuleSchema } from '../schema/module-schema.js';
import { runViewQuery } from '../sql/run-view-query.js';
import type { SqlStatementResult } from '../sql/sql-result.js';
import { ClientTables, withClientTables } from './client-tables.js';
import { type CommitListener, CommitPipeline } from './commit-pipeline.js';
import { Connections } from './connections.js';
import type {
  Caller,
  DatabaseHandle,
  LogRecord,
  ProcedureOutcome,
  ReducerOutcome,
} from './database-api.js';
import {
  ConnectionRejectedError,
  DatabaseClosedError,
  LifecycleReducerError,
  NoSuchProcedureError,
  NoSuchReducerError,
  NoSuchViewError,
  PublishError,
} from './database-errors.js';
import type { DatabaseServices } from './database-services.js';
import { executeProcedure } from './execute-procedure.js';
import { executeReducer, type ReducerContext } from './execute-reducer.js';
import { FunctionCatalog } from './function-catalog.js';
import { ModuleLogs } from './module-logs.js';
import { type ModuleSwap, Succession, type SwapListener } from './module-swap.js';
import { runImmediate } from './run-immediate.js';
import { runSql } from './run-sql.js';
import { ScheduleKeeper } from './schedule-keeper.js';
import type { DueSchedule } from './scheduler.js';
import { decodeViewResult, readViewResult, type ViewOutput } from './view-result.js';

const NO_ARGS = new Uint8Array(0);
const ALREADY_DONE = Promise.resolve();

/** Commits between snapshots; SpacetimeDB snapshots every million transactions. */
export const DEFAULT_SNAPSHOT_EVERY = 1_000_000;

export interface DatabaseConfig {
  readonly identity: bigint;
  readonly owner: bigint;
  readonly names: readonly string[];
  /** `<dataDir>/databases/<identityHex>`: the commit log and snapshots live here. */
  readonly dir: string;
  /** The module bundle and its sha256 (hex), which names it in snapshots. */
  readonly program: string;
  readonly moduleHash: string;
  readonly services: DatabaseServices;
  readonly logCapacity?: number;
  readonly snapshotEvery?: number;
  /** Where timestamps and scheduled calls take the time from (the wall clock unless a test moves time). */
  readonly clock?: Clock;
}

/**
 * One database: a module instance over a datastore, with durability, logs
 * and scheduled reducers. Every reducer call is one transaction; its result
 * is reported once the transaction is durable. Calls run synchronously one
 * after another (JavaScript runs one at a time), so transactions never
 * overlap, and while one waits for its fsync the next ones run and share it.
 */
export class Database implements DatabaseHandle, ModuleHost {
  readonly identity: bigint;
  readonly owner: bigint;
  names: readonly string[];
  readonly moduleHash: string;
  readonly schema: ModuleSchema;
  readonly rawModuleDef: Uint8Array;
  readonly #config: DatabaseConfig;
  readonly #clock: Clock;
  readonly #instance: ModuleInstance;
  readonly #catalog: FunctionCatalog;
  readonly #logs: ModuleLogs;
  readonly #schedules: ScheduleKeeper;
  readonly #connections = new Connections();
  readonly #succession = new Succession((message) => this.#systemLog('error', message));
  /** SQL's `SET`/`SHOW` variables (SpacetimeDB's `st_var`); kept in memory. */
  readonly #systemVars = new Map<string, bigint>();
  #datastore!: Datastore;
  readonly #clients = new ClientTables();
  #durability!: Durability;
  #commits!: CommitPipeline;
  #reducers!: ReducerContext;
  /** Durability of the running procedure's commits, which its result waits for. */
  #procedureCommits: Promise<void>[] | undefined;
  #closed = false;

  private constructor(config: DatabaseConfig) {
    this.#config = config;
    this.#clock = config.clock ?? wallClock;
    this.identity = config.identity;
    this.owner = config.owner;
    this.names = config.names;
    this.moduleHash = config.moduleHash;
    this.#logs = new ModuleLogs(config.logCapacity);
    this.#instance = ModuleInstance.load(config.program, this);
    this.rawModuleDef = this.#instance.rawModuleDef;
    this.schema = config.services.decodeSchema(this.rawModuleDef);
    this.#catalog = new FunctionCatalog(this.schema);
    this.#schedules = new ScheduleKeeper(this.schema, this.#clock, (due) =>
      this.#runScheduled(due),
    );
  }

  /**
   * Creates a new database: loads the module, starts empty storage in
   * `config.dir` and runs `init` as `publisher`. Fails with `PublishError`
   * (leaving the directory to the caller) when `init` fails.
   */
  static async create(config: DatabaseConfig, publisher: bigint): Promise<Database> {
    const database = new Database(config);
    const durability = config.services.openDurability(config.dir);
    await durability.recover();
    database.#attach(
      config.services.createDatastore(withClientTables(database.schema)),
      durability,
    );
    const init = database.schema.lifecycle.init;
    if (init !== undefined) {
      const run = database.#runReducer(init, publisher, 0n, NO_ARGS);
      if (run.outcome.status !== 'committed') {
        await database.close();
        throw new PublishError(`the init reducer failed: ${run.outcome.message}`);
      }
      await run.durable;
    }
    database.#schedules.armAll(database.#datastore.committed);
    return database;
  }

  /**
   * Opens an existing database at start: its latest snapshot plus the commit
   * log after it. Clients still recorded as connected lost their connection
   * with the previous run (a crash, or a stop that did not end them), so, as
   * SpacetimeDB does before serving, each one's client_disconnected runs,
   * the client tables are emptied, and only then do scheduled reducers start.
   */
  static async open(config: DatabaseConfig): Promise<Database> {
    const database = await Database.#recover(config);
    try {
      await database.#endDanglingConnections();
    } catch (error) {
      await database.close();
      throw error;
    }
    database.#schedules.armAll(database.#datastore.committed);
    return database;
  }

  /**
   * Opens the database an update has just migrated (updateDatabase): the
   * clients it records are connected still, and `handOver` brings them.
   */
  static async openUpdated(config: DatabaseConfig): Promise<Database> {
    const database = await Database.#recover(config);
    database.#schedules.armAll(database.#datastore.committed);
    return database;
  }

  static async #recover(config: DatabaseConfig): Promise<Database> {
    const database = new Database(config);
    const durability = config.services.openDurability(config.dir);
    const recovered = await durability.recover();
    const datastore = config.services.createDatastore(
      withClientTables(database.schema),
      recovered.snapshot?.state,
    );
    for await (const changes of recovered.transactions) datastore.replay(changes);
    database.#attach(datastore, durability);
    const snapshotHash = recovered.snapshot?.moduleHash;
    if (snapshotHash !== undefined && snapshotHash !== config.moduleHash) {
      database.#systemLog('warn', `the latest snapshot was taken under module ${snapshotHash}`);
    }
    if (recovered.droppedTornTail) {
      database.#systemLog('warn', 'dropped a torn transaction at the end of the commit log');
    }
    return database;
  }

  /** The datastore, for the SQL engine and (later) subscriptions. */
  get datastore(): Datastore {
    return this.#datastore;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** True while an update replaces this database: closed, its clients not handed over yet. */
  get updating(): boolean {
    return this.#succession.pending;
  }

  /** The update that replaced this database (closing it), once one did. */
  get swap(): ModuleSwap | undefined {
    return this.#succession.swap;
  }

  /** Hears the update that replaces this database, once its successor is open (see ModuleSwap). */
  onSwap(listener: SwapListener): () => void {
    return this.#succession.listen(listener);
  }

  /**
   * Hears every committed transaction as it commits, with a promise that
   * settles once it is durable, e.g. to update subscriptions.
   */
  onCommit(listener: CommitListener): () => void {
    return this.#commits.onCommit(listener);
  }

  async callReducer(name: string, args: Uint8Array, caller: Caller): Promise<ReducerOutcome> {
    this.#ensureOpen();
    const entry = this.#catalog.reducer(name);
    if (entry === undefined) throw new NoSuchReducerError(name);
    const reducer = entry.schema;
    if (reducer.lifecycle !== undefined) throw new LifecycleReducerError(name, reducer.lifecycle);
    if (!reducer.clientCallable && caller.identity !== this.owner)
      throw new NoSuchReducerError(name);
    entry.checkArgs(args);
    // The common case (no JWT to expose) skips the closure: this is the hot path.
    const run = this.#connections.needsJwt(caller)
      ? this.#connections.during(caller, () =>
          this.#runReducer(reducer.id, caller.identity, caller.connectionId, args),
        )
      : this.#runReducer(reducer.id, caller.identity, caller.connectionId, args);
    await run.durable;
    return run.outcome;
  }

  async callProcedure(name: string, args: Uint8Array, caller: Caller): Promise<ProcedureOutcome> {
    this.#ensureOpen();
    const entry = this.#catalog.procedure(name);
    if (entry === undefined) throw new NoSuchProcedureError(name);
    if (!entry.schema.clientCallable && caller.identity !== this.owner) {
      throw new NoSuchProcedureError(name);
    }
    entry.checkArgs(args);
    const { outcome, commits } = this.#connections.during(caller, () =>
      this.#runProcedure(entry.schema, caller.identity, caller.connectionId, args),
    );
    await Promise.all(commits);
    return outcome;
  }

  callView(
    name: string,
    caller: Caller,
    args: Uint8Array = NO_ARGS,
    read: ReadTx = this.#datastore.committed,
  ): readonly Uint8Array[] {
    this.#ensureOpen();
    const entry = this.#catalog.view(name);
    if (entry === undefined) throw new NoSuchViewError(name);
    entry.checkArgs(args);
    const tx = read;
    const sender = entry.schema.perSender ? caller.identity : undefined;
    const data = this.#instance.callView(entry.fnIndex, name, sender, args, tx);
    // A query-builder view returns SQL; it runs over the same state, and must yield the view's rows.
    return decodeViewResult(data, entry.splitRows, (query) =>
      runViewQuery(query, this.schema, tx, entry.schema.rowType),
    );
  }

  /**
   * Runs a view over `read` like `callView`, but hands back the query a
   * query-builder view returned instead of running it, so subscriptions can
   * keep that query's rows current incrementally and rerun the view only when
   * what the view function itself read changes (as SpacetimeDB documents).
   */
  callViewUnrun(name: string, caller: Caller, read: ReadTx): ViewOutput {
    this.#ensureOpen();
    const entry = this.#catalog.view(name);
    if (entry === undefined) throw new NoSuchViewError(name);
    entry.checkArgs(NO_ARGS);
    const sender = entry.schema.perSender ? caller.identity : undefined;
    return readViewResult(
      this.#instance.callView(entry.fnIndex, name, sender, NO_ARGS, read),
      entry.splitRows,
    );
  }

  async connect(caller: Caller): Promise<void> {
    this.#ensureOpen();
    // Known first, so client_connected can read the JWT.
    this.#connections.add(caller);
    let durable: Promise<void>;
    try {
      durable = this.#recordConnection(caller);
    } catch (error) {
      this.#connections.remove(caller.connectionId);
      throw error;
    }
    await durable;
  }

  async disconnect(caller: Caller): Promise<void> {
    if (this.#closed) {
      // An update replaced this database: the successor knows the client now and runs its own
      // client_disconnected (SpacetimeDB's st_client survives updates). Deleted: no module is
      // left. Closed at shutdown: the client stays recorded, and the next start disconnects it.
      const swap = await this.#succession.outcome();
      if (swap !== undefined) await swap.successor.disconnect(caller);
      return;
    }
    await this.#endConnection(caller);
  }

  /**
   * Runs one SQL statement (SpacetimeDB's subset). DML commits like a reducer
   * and resolves once durable; the SQL engine throws `SqlError` for mistakes.
   */
  async sql(query: string, caller: Caller): Promise<SqlStatementResult[]> {
    this.#ensureOpen();
    return runSql(
      {
        schema: this.schema,
        owner: this.owner,
        datastore: this.#datastore,
        systemVars: this.#systemVars,
        commit: (tx) => this.#commits.commit(tx),
        viewRows: (name, viewer) => this.callView(name, viewer),
      },
      query,
      caller,
    );
  }

  logs(): readonly LogRecord[] {
    return this.#logs.list();
  }

  onLog(listener: (record: LogRecord) => void): () => void {
    return this.#logs.subscribe(listener);
  }

  /** Writes a snapshot now (e.g. after a module update) and waits for it. */
  snapshot(): Promise<void> {
    this.#ensureOpen();
    return this.#commits.snapshot();
  }

  /**
   * Starts replacing this database by an update: it closes, and a client
   * disconnecting meanwhile waits for `handOver` (or `abandonSwap`).
   */
  retire(): Promise<void> {
    this.#succession.begin();
    return this.close();
  }

  /**
   * Finishes the update `retire` started: `successor` takes over the
   * connected clients; when `disconnectsClients`, its client_disconnected
   * runs for each of them first (SpacetimeDB calls the new module's, as the
   * data is already migrated). Then the swap listeners hear it.
   */
  async handOver(successor: Database, disconnectsClients: boolean): Promise<void> {
    successor.#connections.adopt(this.#connections);
    if (disconnectsClients) await successor.#disconnectEveryone();
    this.#succession.settle({ successor, disconnectsClients });
  }

  /** The update `retire` started failed: the clients have no module left. */
  abandonSwap(): void {
    this.#succession.settle(undefined);
  }

  /** Stops scheduled reducers and closes storage once pending commits are durable. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#schedules.close();
    await this.#durability?.close();
  }

  // ---- ModuleHost: what the module's syscalls ask of this database ----

  get databaseIdentity(): bigint {
    return this.identity;
  }

  get scheduledTables(): ReadonlySet<number> {
    return this.#schedules.tableIds;
  }

  now(): bigint {
    return this.#clock.now();
  }

  jwtPayload(connectionId: bigint): string | undefined {
    return this.#connections.jwtPayload(connectionId);
  }

  log(entry: ModuleLogEntry): void {
    this.#logs.add(entry);
  }

  scheduleImmediate(name: string, args: Uint8Array): void {
    setImmediate(() => {
      if (this.#closed) return;
      runImmediate(
        {
          catalog: this.#catalog,
          runReducer: (reducerId, callArgs) =>
            this.#runReducer(reducerId, this.identity, 0n, callArgs),
          runProcedure: (procedure, callArgs) =>
            this.#runProcedure(procedure, this.identity, 0n, callArgs),
          logError: (message) => this.#systemLog('error', message),
        },
        name,
        args,
      );
    });
  }

  beginProcedureTx(): MutTx {
    return this.#datastore.beginMutTx();
  }

  commitProcedureTx(tx: MutTx): void {
    const durable = this.#commits.commit(tx);
    if (this.#procedureCommits !== undefined) this.#procedureCommits.push(durable);
    else durable.catch((error) => this.#systemLog('error', `commit failed: ${error}`));
  }

  abortProcedureTx(tx: MutTx): void {
    tx.rollback();
  }

  checkScheduledRow(tableId: number, row: Uint8Array): void {
    this.#schedules.check(tableId, row, this.#clock.now());
  }

  // ---- internals ----

  #attach(datastore: Datastore, durability: Durability): void {
    this.#datastore = datastore;
    this.#durability = durability;
    const snapshotEvery = this.#config.snapshotEvery ?? DEFAULT_SNAPSHOT_EVERY;
    const logError = (message: string) => this.#systemLog('error', message);
    this.#commits = new CommitPipeline(
      datastore,
      durability,
      this.#schedules,
      this.#clock,
      this.moduleHash,
      snapshotEvery,
      logError,
      this.schema.tables.length,
    );
    const commits = this.#commits;
    this.#reducers = {
      instance: this.#instance,
      datastore,
      log: (entry) => this.#logs.add(entry),
      afterCommit: (changes) => commits.afterCommit(changes),
    };
  }

  #runReducer(
    reducerId: number,
    sender: bigint,
    connectionId: bigint,
    args: Uint8Array,
    timestamp = this.#clock.now(),
    tx?: MutTx,
    beforeCommit?: (tx: MutTx) => void,
  ) {
    const reducer = this.schema.reducers[reducerId]!;
    return executeReducer(
      this.#reducers,
      reducer,
      sender,
      connectionId,
      args,
      timestamp,
      tx,
      beforeCommit,
    );
  }

  #runProcedure(procedure: FunctionSchema, sender: bigint, connectionId: bigint, args: Uint8Array) {
    const commits: Promise<void>[] = [];
    this.#procedureCommits = commits;
    try {
      const outcome = executeProcedure({
        instance: this.#instance,
        procedure,
        sender,
        connectionId,
        args,
        timestamp: this.#clock.now(),
        log: (entry) => this.#logs.add(entry),
      });
      return { outcome, commits };
    } finally {
      this.#procedureCommits = undefined;
    }
  }

  #runScheduled(due: DueSchedule): void {
    if (this.#closed) return;
    try {
      this.#schedules.run(due, {
        datastore: this.#datastore,
        runReducer: (reducer, args, tx, timestamp) =>
          this.#runReducer(reducer.id, this.identity, 0n, args, timestamp, tx),
        runProcedure: (procedure, args) => this.#runProcedure(procedure, this.identity, 0n, args),
        commit: (tx) => this.#commits.commit(tx),
        logError: (message) => this.#systemLog('error', message),
      });
    } catch (error) {
      this.#systemLog('error', `scheduled call failed: ${describe(error)}`);
    }
  }

  /** Runs client_disconnected for every recorded client; they all commit before any is awaited. */
  async #disconnectEveryone(): Promise<void> {
    const ends = this.#clients
      .recorded(this.#datastore.committed)
      .map((caller) =>
        this.disconnect(caller).catch((error) =>
          this.#systemLog('error', `client_disconnected failed: ${describe(error)}`),
        ),
      );
    await Promise.all(ends);
  }

  /**
   * SpacetimeDB's `call_identity_connected`: recording the client and its
   * client_connected are one transaction, so a crash never keeps one without
   * the other; without that reducer the record commits alone. Throws
   * `ConnectionRejectedError` (nothing committed) when the reducer fails.
   * Returns when the transaction is durable.
   */
  #recordConnection(caller: Caller): Promise<void> {
    const tx = this.#datastore.beginMutTx();
    try {
      this.#clients.record(tx, caller);
    } catch (error) {
      tx.rollback();
      throw error;
    }
    const onConnect = this.schema.lifecycle.onConnect;
    if (onConnect === undefined) return this.#commits.commit(tx);
    const { identity, connectionId } = caller;
    const run = this.#runReducer(onConnect, identity, connectionId, NO_ARGS, this.#clock.now(), tx);
    if (run.outcome.status !== 'committed') throw new ConnectionRejectedError(run.outcome.message);
    return run.durable;
  }

  /**
   * SpacetimeDB's `call_identity_disconnected`: nothing when the client is
   * not recorded (it was disconnected already); otherwise client_disconnected
   * runs and the client is forgotten in its transaction. When the reducer
   * fails, or the module has none, a transaction of its own forgets the
   * client: it is gone whatever the module says. Returns when durable.
   */
  #endConnection(caller: Caller): Promise<void> {
    const { identity, connectionId } = caller;
    try {
      const tx = this.#datastore.beginMutTx();
      if (!this.#clients.isRecorded(tx, identity, connectionId)) {
        tx.rollback();
        return ALREADY_DONE;
      }
      const onDisconnect = this.schema.lifecycle.onDisconnect;
      if (onDisconnect === undefined) return this.#forgetClient(tx, caller);
      const run = this.#runReducer(
        onDisconnect,
        identity,
        connectionId,
        NO_ARGS,
        this.#clock.now(),
        tx,
        (t) => this.#clients.forget(t, identity, connectionId),
      );
      if (run.outcome.status === 'committed') return run.durable;
      return this.#forgetClient(this.#datastore.beginMutTx(), caller);
    } finally {
      // Its JWT is no longer readable, whatever happened.
      this.#connections.remove(connectionId);
    }
  }

  #forgetClient(tx: MutTx, caller: Caller): Promise<void> {
    try {
      this.#clients.forget(tx, caller.identity, caller.connectionId);
    } catch (error) {
      tx.rollback();
      throw error;
    }
    return this.#commits.commit(tx);
  }

  /**
   * What SpacetimeDB does with the clients a database still records when it
   * starts: each one's disconnect runs (in their order in `st_client`, each
   * its own transaction as when a client leaves, with the JWT it connected
   * with), then one more transaction empties the client tables, in case
   * anything was left. Resolves once all of it is durable.
   */
  async #endDanglingConnections(): Promise<void> {
    const durable: Promise<void>[] = [];
    for (const caller of this.#clients.recorded(this.#datastore.committed)) {
      this.#connections.add(caller);
      durable.push(this.#endConnection(caller));
    }
    const tx = this.#datastore.beginMutTx();
    this.#clients.forgetAll(tx);
    durable.push(this.#commits.commit(tx));
    await Promise.all(durable);
  }

  #systemLog(level: LogRecord['level'], message: string): void {
    this.#logs.add({ level, ts: this.#clock.now(), message });
  }

  #ensureOpen(): void {
    if (this.#closed) throw new DatabaseClosedError();
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
