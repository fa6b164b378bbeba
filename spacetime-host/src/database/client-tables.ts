import { BinaryReader, BinaryWriter } from 'spacetimedb';
import type { DatastoreState, MutTx, ReadTx } from '../datastore/datastore.js';
import { type AlgebraicType, Ty } from '../sats/algebraic-type.js';
import type { IndexSchema, ModuleSchema, TableSchema } from '../schema/module-schema.js';
import type { Caller, IdentityValue } from './database-api.js';

/** SpacetimeDB's system tables of connected clients (crates/datastore/src/system_tables.rs). */
export const ST_CLIENT = 'st_client';
export const ST_CONNECTION_CREDENTIALS = 'st_connection_credentials';
const CLIENT_INDEX = 'st_client_identity_connection_id_idx_btree';
const CREDENTIALS_INDEX = 'st_connection_credentials_connection_id_idx_btree';
const CLIENT_TABLE_NAMES: ReadonlySet<string> = new Set([ST_CLIENT, ST_CONNECTION_CREDENTIALS]);

/**
 * `schema` with `st_client` and `st_connection_credentials` after the
 * module's tables, for the datastore only: the module's table and index ids
 * stay as the module sees them, and SQL, subscriptions and codegen, which
 * read the module's schema, never see these tables.
 */
export function withClientTables(schema: ModuleSchema): ModuleSchema {
  const tableId = schema.tables.length;
  const indexId =
    1 + Math.max(-1, ...schema.tables.flatMap((t) => t.indexes.map((i) => i.indexId)));
  const clients = systemTable(tableId, ST_CLIENT, { identity: Ty.U256, connection_id: Ty.U128 }, [
    btree(indexId, tableId, CLIENT_INDEX, [0, 1]),
  ]);
  const credentials = {
    ...systemTable(
      tableId + 1,
      ST_CONNECTION_CREDENTIALS,
      { connection_id: Ty.U128, jwt_payload: Ty.String },
      [btree(indexId + 1, tableId + 1, CREDENTIALS_INDEX, [0])],
    ),
    primaryKey: 0,
    isPublic: false,
  };
  return { ...schema, tables: [...schema.tables, clients, credentials] };
}

/**
 * `into` (a state migrated to a new module, which knows only the module's
 * tables) with the clients recorded in `from`: an update keeps its clients
 * connected, so they must still be recorded if the host crashes after it.
 */
export function carryClientTables(from: DatastoreState, into: DatastoreState): DatastoreState {
  const carried = from.tables.filter((table) => CLIENT_TABLE_NAMES.has(table.tableName));
  return { ...into, tables: [...into.tables, ...carried] };
}

/**
 * The durable record of who is connected, as SpacetimeDB keeps it: a client
 * is in `st_client` from the transaction of its `client_connected` to the
 * one of its `client_disconnected`, with its JWT payload in
 * `st_connection_credentials`. A database opening after a crash finds there
 * the clients whose disconnect it never ran.
 */
export class ClientTables {
  /** Found by name in the first transaction that needs them (test datastores may lack them). */
  #ids: ClientTableIds | undefined;

  /** Records `caller` as connected; recording the same client twice changes nothing. */
  record(tx: MutTx, caller: Caller): void {
    const ids = this.#idsIn(tx);
    tx.insert(ids.clientTable, clientKey(caller.identity, caller.connectionId));
    if (caller.jwtPayload === undefined) return;
    const row = new BinaryWriter(64);
    row.writeU128(caller.connectionId);
    row.writeString(caller.jwtPayload);
    tx.insert(ids.credentialsTable, row.getBuffer());
  }

  isRecorded(read: ReadTx, identity: IdentityValue, connectionId: bigint): boolean {
    const key = clientKey(identity, connectionId);
    return read.indexScanPoint(this.#idsIn(read).clientIndex, key).length > 0;
  }

  /** Deletes the client's rows, as SpacetimeDB's `delete_st_client`. */
  forget(tx: MutTx, identity: IdentityValue, connectionId: bigint): void {
    const ids = this.#idsIn(tx);
    tx.deleteByIndexPoint(ids.clientIndex, clientKey(identity, connectionId));
    tx.deleteByIndexPoint(ids.credentialsIndex, connectionIdKey(connectionId));
  }

  /** Deletes every client's rows, as SpacetimeDB's `clear_all_clients`. */
  forgetAll(tx: MutTx): void {
    const ids = this.#idsIn(tx);
    tx.clear(ids.clientTable);
    tx.clear(ids.credentialsTable);
  }

  /** Every recorded client, with the JWT payload it connected with (if it brought one). */
  recorded(read: ReadTx): Caller[] {
    const ids = this.#idsIn(read);
    return read.scan(ids.clientTable).map((row) => {
      const reader = new BinaryReader(row);
      const identity = reader.readU256();
      const connectionId = reader.readU128();
      const [credentials] = read.indexScanPoint(
        ids.credentialsIndex,
        connectionIdKey(connectionId),
      );
      if (credentials === undefined) return { identity, connectionId };
      const jwt = new BinaryReader(credentials);
      jwt.readU128();
      return { identity, connectionId, jwtPayload: jwt.readString() };
    });
  }

  #idsIn(read: ReadTx): ClientTableIds {
    this.#ids ??= {
      clientTable: read.tableIdFromName(ST_CLIENT),
      credentialsTable: read.tableIdFromName(ST_CONNECTION_CREDENTIALS),
      clientIndex: read.indexIdFromName(CLIENT_INDEX),
      credentialsIndex: read.indexIdFromName(CREDENTIALS_INDEX),
    };
    return this.#ids;
  }
}

interface ClientTableIds {
  readonly clientTable: number;
  readonly credentialsTable: number;
  readonly clientIndex: number;
  readonly credentialsIndex: number;
}

/** An `st_client` row, which is also its index key: (identity u256, connection_id u128). */
function clientKey(identity: IdentityValue, connectionId: bigint): Uint8Array {
  const writer = new BinaryWriter(48);
  writer.writeU256(identity);
  writer.writeU128(connectionId);
  return writer.getBuffer();
}

function connectionIdKey(connectionId: bigint): Uint8Array {
  const writer = new BinaryWriter(16);
  writer.writeU128(connectionId);
  return writer.getBuffer();
}

function systemTable(
  tableId: number,
  name: string,
  fields: Readonly<Record<string, AlgebraicType>>,
  indexes: IndexSchema[],
): TableSchema {
  const columns = Object.entries(fields).map(([column, type], colId) => ({
    colId,
    name: column,
    type,
  }));
  return {
    tableId,
    name,
    sourceName: name,
    rowType: { elements: columns.map((c) => ({ name: c.name, algebraicType: c.type })) },
    columns,
    indexes,
    uniqueConstraints: indexes.map((index) => index.columns),
    sequences: [],
    isPublic: true,
    isEvent: false,
  };
}

function btree(indexId: number, tableId: number, name: string, columns: number[]): IndexSchema {
  return { indexId, tableId, name, sourceName: name, algorithm: 'btree', columns, unique: true };
}
