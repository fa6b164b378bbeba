import type { ModuleSchema } from '../schema/module-schema.js';
import type { SqlStatementResult } from '../sql/sql-result.js';

/** A 256-bit identity, as SpacetimeDB's `Identity` (also u256 in the ABI). */
export type IdentityValue = bigint;

/** Who is calling: the identity, the connection (0n for HTTP calls) and the JWT payload. */
export interface Caller {
  readonly identity: IdentityValue;
  readonly connectionId: bigint;
  /** The decoded JWT claims as JSON text, what `get_jwt_payload` returns; absent for the owner's internal calls. */
  readonly jwtPayload?: string;
}

export type ReducerOutcome =
  | {
      readonly status: 'committed';
      readonly changes: import('../datastore/datastore.js').TxChanges;
      readonly durationMicros: number;
    }
  /** The module threw SenderError: the message is for the caller. */
  | { readonly status: 'failed'; readonly message: string; readonly durationMicros: number }
  /** Any other exception, a trap or a host failure. */
  | {
      readonly status: 'internal-error';
      readonly message: string;
      readonly durationMicros: number;
    };

export interface LogRecord {
  readonly level: 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'panic';
  readonly ts: bigint;
  readonly target?: string;
  readonly filename?: string;
  readonly lineNumber?: number;
  /** The reducer, view or procedure that was running (SpacetimeDB's `function` field). */
  readonly function?: string;
  readonly message: string;
}

export type ProcedureOutcome =
  /** `value` is the BSATN of the procedure's return type. */
  | { readonly status: 'returned'; readonly value: Uint8Array; readonly durationMicros: number }
  /** The procedure threw (SpacetimeDB's `ProcedureCallError::InternalError`). */
  | {
      readonly status: 'internal-error';
      readonly message: string;
      readonly durationMicros: number;
    };

/** One published database, as the HTTP API, the CLI and (later) the WebSocket server use it. */
export interface DatabaseHandle {
  readonly identity: IdentityValue;
  readonly names: readonly string[];
  readonly owner: IdentityValue;
  readonly schema: ModuleSchema;
  /** BSATN of the module's RawModuleDef, for `/schema` and `describe`. */
  readonly rawModuleDef: Uint8Array;
  /** The database's time, from its host's clock: microseconds since the Unix epoch. */
  now(): bigint;
  callReducer(name: string, args: Uint8Array, caller: Caller): Promise<ReducerOutcome>;
  /** Runs a procedure; its own transactions are durable when this resolves. */
  callProcedure(name: string, args: Uint8Array, caller: Caller): Promise<ProcedureOutcome>;
  /**
   * Runs a view over the committed state and returns its rows (each the BSATN
   * of the view's row type). `caller` matters for per-sender views only.
   */
  callView(
    name: string,
    caller: Caller,
    args?: Uint8Array,
    /**
     * The state to read (default: the committed state). Subscriptions pass a
     * recording wrapper of it to learn which rows a view read.
     */
    read?: import('../datastore/datastore.js').ReadTx,
  ): readonly Uint8Array[];
  /**
   * Admits a client connection: records its JWT for `get_jwt_payload` and runs
   * the module's `clientConnected`; rejects with `ConnectionRejectedError`
   * (database/database-errors.ts) when that reducer fails.
   */
  connect(caller: Caller): Promise<void>;
  /** Runs `clientDisconnected` (failures are logged) and forgets the connection. */
  disconnect(caller: Caller): Promise<void>;
  sql(query: string, caller: Caller): Promise<SqlStatementResult[]>;
  logs(): readonly LogRecord[];
  /** Calls `listener` for every new log record; returns an unsubscribe function. */
  onLog(listener: (record: LogRecord) => void): () => void;
}

export interface PublishRequest {
  /** The module bundle (ESM JavaScript) as `spacetime build` produces it. */
  readonly program: string;
  readonly name?: string;
  /**
   * The database to create or update by identity (`PUT /v1/database/<identity hex>`),
   * which SpacetimeDB also accepts for a database that does not exist yet.
   * When absent: the database called `name`, or a new one with a fresh identity.
   */
  readonly identity?: IdentityValue;
  readonly publisher: IdentityValue;
  /** Delete the existing data instead of refusing an incompatible update. */
  readonly clear: boolean;
}

export interface PublishResult {
  readonly identity: IdentityValue;
  readonly name?: string;
  readonly op: 'created' | 'updated';
}

/** Every database on this host. */
/** Whether publishing `program` over a database would keep its data (SpacetimeDB's pre-publish check). */
export type UpdatePlan =
  | {
      readonly compatible: true;
      /**
       * The update disconnects every client (SpacetimeDB's `break_clients`: the
       * plan has `DisconnectAllUsers`, e.g. a column added); absent or false,
       * connected clients keep their sessions.
       */
      readonly breaksClients?: boolean;
    }
  | { readonly compatible: false; readonly reasons: readonly string[] };

export interface HostApi {
  publish(request: PublishRequest): Promise<PublishResult>;
  /** Checks an update without applying it; throws PublishError when `program` does not load. */
  planUpdate(database: DatabaseHandle, program: string): UpdatePlan;
  /** By name or by identity hex. */
  find(nameOrIdentity: string): DatabaseHandle | undefined;
  delete(database: DatabaseHandle, by: IdentityValue): Promise<void>;
  list(): readonly DatabaseHandle[];
}
