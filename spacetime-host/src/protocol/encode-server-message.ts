import type { BinaryWriter } from 'spacetimedb';
import { writeRowList } from './row-list.js';
import type {
  ProcedureStatus,
  QueryRows,
  ReducerOutcome,
  ServerMessage,
  TableUpdateRows,
  TransactionUpdate,
} from './server-message.js';

/**
 * Appends the BSATN of one v2 server message to `writer`. Appending (rather
 * than returning bytes) lets a v3 frame hold several messages without copies.
 */
export function writeServerMessage(writer: BinaryWriter, message: ServerMessage): void {
  switch (message.tag) {
    case 'InitialConnection':
      writer.writeU8(0);
      writer.writeU256(message.identity);
      writer.writeU128(message.connectionId);
      writer.writeString(message.token);
      return;
    case 'SubscribeApplied':
      writer.writeU8(1);
      writer.writeU32(message.requestId);
      writer.writeU32(message.querySetId);
      writeQueryRows(writer, message.rows);
      return;
    case 'UnsubscribeApplied':
      writer.writeU8(2);
      writer.writeU32(message.requestId);
      writer.writeU32(message.querySetId);
      if (message.rows === undefined) {
        writer.writeU8(1);
      } else {
        writer.writeU8(0);
        writeQueryRows(writer, message.rows);
      }
      return;
    case 'SubscriptionError':
      writer.writeU8(3);
      if (message.requestId === undefined) {
        writer.writeU8(1);
      } else {
        writer.writeU8(0);
        writer.writeU32(message.requestId);
      }
      writer.writeU32(message.querySetId);
      writer.writeString(message.error);
      return;
    case 'TransactionUpdate':
      writer.writeU8(4);
      writeTransactionUpdate(writer, message);
      return;
    case 'OneOffQueryResult':
      writer.writeU8(5);
      writer.writeU32(message.requestId);
      if (message.result.tag === 'ok') {
        writer.writeU8(0);
        writeQueryRows(writer, message.result.value);
      } else {
        writer.writeU8(1);
        writer.writeString(message.result.value);
      }
      return;
    case 'ReducerResult':
      writer.writeU8(6);
      writer.writeU32(message.requestId);
      writer.writeI64(message.timestamp);
      writeReducerOutcome(writer, message.result);
      return;
    case 'ProcedureResult':
      writer.writeU8(7);
      writeProcedureStatus(writer, message.status);
      writer.writeI64(message.timestamp);
      writer.writeI64(message.totalHostExecutionDurationMicros);
      writer.writeU32(message.requestId);
      return;
  }
}

function writeQueryRows(writer: BinaryWriter, rows: QueryRows): void {
  writer.writeU32(rows.tables.length);
  for (const table of rows.tables) {
    writer.writeString(table.table);
    writeRowList(writer, table.rows);
  }
}

function writeTransactionUpdate(writer: BinaryWriter, update: TransactionUpdate): void {
  writer.writeU32(update.querySets.length);
  for (const querySet of update.querySets) {
    writer.writeU32(querySet.querySetId);
    writer.writeU32(querySet.tables.length);
    for (const table of querySet.tables) {
      writer.writeString(table.tableName);
      writer.writeU32(table.rows.length);
      for (const rows of table.rows) writeTableUpdateRows(writer, rows);
    }
  }
}

function writeTableUpdateRows(writer: BinaryWriter, rows: TableUpdateRows): void {
  if (rows.tag === 'PersistentTable') {
    writer.writeU8(0);
    writeRowList(writer, rows.inserts);
    writeRowList(writer, rows.deletes);
  } else {
    writer.writeU8(1);
    writeRowList(writer, rows.events);
  }
}

function writeReducerOutcome(writer: BinaryWriter, outcome: ReducerOutcome): void {
  switch (outcome.tag) {
    case 'Ok':
      writer.writeU8(0);
      writer.writeUInt8Array(outcome.retValue);
      writeTransactionUpdate(writer, outcome.transactionUpdate);
      return;
    case 'OkEmpty':
      writer.writeU8(1);
      return;
    case 'Err':
      writer.writeU8(2);
      writer.writeUInt8Array(outcome.error);
      return;
    case 'InternalError':
      writer.writeU8(3);
      writer.writeString(outcome.message);
      return;
  }
}

function writeProcedureStatus(writer: BinaryWriter, status: ProcedureStatus): void {
  if (status.tag === 'Returned') {
    writer.writeU8(0);
    writer.writeUInt8Array(status.value);
  } else {
    writer.writeU8(1);
    writer.writeString(status.message);
  }
}
