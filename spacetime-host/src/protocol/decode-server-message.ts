import { MessageReader } from './message-reader.js';
import { ProtocolError } from './protocol-error.js';
import { readRowList } from './row-list.js';
import type {
  ProcedureStatus,
  QueryRows,
  ReducerOutcome,
  ServerMessage,
  TableUpdate,
  TableUpdateRows,
  TransactionUpdate,
} from './server-message.js';

/** Decodes exactly one v2 server message (what an SDK reads), after decompression. */
export function decodeServerMessage(payload: Uint8Array): ServerMessage {
  const reader = new MessageReader(payload);
  const message = readServerMessage(reader);
  if (reader.remaining !== 0) {
    throw new ProtocolError(`${reader.remaining} trailing byte(s) after a ${message.tag} message`);
  }
  return message;
}

/** Decodes a v3 payload: one or more v2 server messages back to back. */
export function decodeServerMessagesV3(payload: Uint8Array): ServerMessage[] {
  if (payload.length === 0)
    throw new ProtocolError('v3 payloads must contain at least one message');
  const reader = new MessageReader(payload);
  const messages: ServerMessage[] = [];
  while (reader.remaining > 0) messages.push(readServerMessage(reader));
  return messages;
}

function readServerMessage(reader: MessageReader): ServerMessage {
  const tag = reader.u8();
  switch (tag) {
    case 0:
      return {
        tag: 'InitialConnection',
        identity: reader.u256(),
        connectionId: reader.u128(),
        token: reader.string('token'),
      };
    case 1:
      return {
        tag: 'SubscribeApplied',
        requestId: reader.u32(),
        querySetId: reader.u32(),
        rows: readQueryRows(reader),
      };
    case 2: {
      const requestId = reader.u32();
      const querySetId = reader.u32();
      const rows = readOption(reader, () => readQueryRows(reader));
      return {
        tag: 'UnsubscribeApplied',
        requestId,
        querySetId,
        ...(rows !== undefined && { rows }),
      };
    }
    case 3: {
      const requestId = readOption(reader, () => reader.u32());
      const querySetId = reader.u32();
      const error = reader.string('error');
      return {
        tag: 'SubscriptionError',
        ...(requestId !== undefined && { requestId }),
        querySetId,
        error,
      };
    }
    case 4:
      return { tag: 'TransactionUpdate', ...readTransactionUpdate(reader) };
    case 5: {
      const requestId = reader.u32();
      const resultTag = reader.u8();
      if (resultTag === 0) {
        return {
          tag: 'OneOffQueryResult',
          requestId,
          result: { tag: 'ok', value: readQueryRows(reader) },
        };
      }
      if (resultTag !== 1) throw new ProtocolError(`invalid result tag ${resultTag}`);
      return {
        tag: 'OneOffQueryResult',
        requestId,
        result: { tag: 'err', value: reader.string() },
      };
    }
    case 6:
      return {
        tag: 'ReducerResult',
        requestId: reader.u32(),
        timestamp: reader.i64(),
        result: readReducerOutcome(reader),
      };
    case 7:
      return {
        tag: 'ProcedureResult',
        status: readProcedureStatus(reader),
        timestamp: reader.i64(),
        totalHostExecutionDurationMicros: reader.i64(),
        requestId: reader.u32(),
      };
    default:
      throw new ProtocolError(`unknown server message tag ${tag}`);
  }
}

function readOption<T>(reader: MessageReader, read: () => T): T | undefined {
  const tag = reader.u8();
  if (tag === 0) return read();
  if (tag !== 1) throw new ProtocolError(`invalid option tag ${tag}`);
  return undefined;
}

function readQueryRows(reader: MessageReader): QueryRows {
  const count = reader.arrayLength(4, 'tables');
  const tables = [];
  for (let i = 0; i < count; i++) {
    tables.push({ table: reader.string('table name'), rows: readRowList(reader) });
  }
  return { tables };
}

function readTransactionUpdate(reader: MessageReader): TransactionUpdate {
  const querySets = [];
  const count = reader.arrayLength(8, 'query sets');
  for (let i = 0; i < count; i++) {
    const querySetId = reader.u32();
    const tables: TableUpdate[] = [];
    const tableCount = reader.arrayLength(8, 'table updates');
    for (let j = 0; j < tableCount; j++) {
      const tableName = reader.string('table name');
      const rows: TableUpdateRows[] = [];
      const rowsCount = reader.arrayLength(1, 'table update rows');
      for (let k = 0; k < rowsCount; k++) rows.push(readTableUpdateRows(reader));
      tables.push({ tableName, rows });
    }
    querySets.push({ querySetId, tables });
  }
  return { querySets };
}

function readTableUpdateRows(reader: MessageReader): TableUpdateRows {
  const tag = reader.u8();
  if (tag === 0) {
    return { tag: 'PersistentTable', inserts: readRowList(reader), deletes: readRowList(reader) };
  }
  if (tag === 1) return { tag: 'EventTable', events: readRowList(reader) };
  throw new ProtocolError(`unknown table update rows tag ${tag}`);
}

function readReducerOutcome(reader: MessageReader): ReducerOutcome {
  const tag = reader.u8();
  switch (tag) {
    case 0:
      return {
        tag: 'Ok',
        retValue: reader.bytesField('ret_value'),
        transactionUpdate: readTransactionUpdate(reader),
      };
    case 1:
      return { tag: 'OkEmpty' };
    case 2:
      return { tag: 'Err', error: reader.bytesField('error') };
    case 3:
      return { tag: 'InternalError', message: reader.string('message') };
    default:
      throw new ProtocolError(`unknown reducer outcome tag ${tag}`);
  }
}

function readProcedureStatus(reader: MessageReader): ProcedureStatus {
  const tag = reader.u8();
  if (tag === 0) return { tag: 'Returned', value: reader.bytesField('value') };
  if (tag === 1) return { tag: 'InternalError', message: reader.string('message') };
  throw new ProtocolError(`unknown procedure status tag ${tag}`);
}
