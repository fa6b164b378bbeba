// @ts-nocheck -- under NodeNext TypeScript cannot resolve the SDK's declaration files
// (they import './x.ts'), so `t` has no types here; the runtime values are what count.
// The v2 WebSocket messages declared with the `spacetimedb` SDK's own type
// builders, transcribed from SpacetimeDB's crates/client-api-messages
// (websocket/v2.rs, common.rs). The SDK does not export its generated
// client_api types, so tests use these to check our bytes with the SDK's
// serializers, independently of our codecs.
import { t } from 'spacetimedb';

const RowSizeHint = t.enum('RowSizeHint', {
  FixedSize: t.u16(),
  RowOffsets: t.array(t.u64()),
});

const BsatnRowList = t.object('BsatnRowList', {
  sizeHint: RowSizeHint,
  rowsData: t.byteArray(),
});

const QuerySetId = t.object('QuerySetId', { id: t.u32() });

const SingleTableRows = t.object('SingleTableRows', { table: t.string(), rows: BsatnRowList });
const QueryRows = t.object('QueryRows', { tables: t.array(SingleTableRows) });

const TableUpdateRows = t.enum('TableUpdateRows', {
  PersistentTable: t.object('PersistentTableRows', {
    inserts: BsatnRowList,
    deletes: BsatnRowList,
  }),
  EventTable: t.object('EventTableRows', { events: BsatnRowList }),
});
const TableUpdate = t.object('TableUpdate', {
  tableName: t.string(),
  rows: t.array(TableUpdateRows),
});
const QuerySetUpdate = t.object('QuerySetUpdate', {
  querySetId: QuerySetId,
  tables: t.array(TableUpdate),
});
const TransactionUpdate = t.object('TransactionUpdate', { querySets: t.array(QuerySetUpdate) });

export const SdkServerMessage = t.enum('ServerMessage', {
  InitialConnection: t.object('InitialConnection', {
    identity: t.identity(),
    connectionId: t.connectionId(),
    token: t.string(),
  }),
  SubscribeApplied: t.object('SubscribeApplied', {
    requestId: t.u32(),
    querySetId: QuerySetId,
    rows: QueryRows,
  }),
  UnsubscribeApplied: t.object('UnsubscribeApplied', {
    requestId: t.u32(),
    querySetId: QuerySetId,
    rows: t.option(QueryRows),
  }),
  SubscriptionError: t.object('SubscriptionError', {
    requestId: t.option(t.u32()),
    querySetId: QuerySetId,
    error: t.string(),
  }),
  TransactionUpdate,
  OneOffQueryResult: t.object('OneOffQueryResult', {
    requestId: t.u32(),
    result: t.result(QueryRows, t.string()),
  }),
  ReducerResult: t.object('ReducerResult', {
    requestId: t.u32(),
    timestamp: t.timestamp(),
    result: t.enum('ReducerOutcome', {
      Ok: t.object('ReducerOk', { retValue: t.byteArray(), transactionUpdate: TransactionUpdate }),
      OkEmpty: t.unit(),
      Err: t.byteArray(),
      InternalError: t.string(),
    }),
  }),
  ProcedureResult: t.object('ProcedureResult', {
    status: t.enum('ProcedureStatus', { Returned: t.byteArray(), InternalError: t.string() }),
    timestamp: t.timestamp(),
    totalHostExecutionDuration: t.timeDuration(),
    requestId: t.u32(),
  }),
});

export const SdkClientMessage = t.enum('ClientMessage', {
  Subscribe: t.object('Subscribe', {
    requestId: t.u32(),
    querySetId: QuerySetId,
    queryStrings: t.array(t.string()),
  }),
  Unsubscribe: t.object('Unsubscribe', {
    requestId: t.u32(),
    querySetId: QuerySetId,
    flags: t.enum('UnsubscribeFlags', { Default: t.unit(), SendDroppedRows: t.unit() }),
  }),
  OneOffQuery: t.object('OneOffQuery', { requestId: t.u32(), queryString: t.string() }),
  CallReducer: t.object('CallReducer', {
    requestId: t.u32(),
    flags: t.u8(),
    reducer: t.string(),
    args: t.byteArray(),
  }),
  CallProcedure: t.object('CallProcedure', {
    requestId: t.u32(),
    flags: t.u8(),
    procedure: t.string(),
    args: t.byteArray(),
  }),
});
