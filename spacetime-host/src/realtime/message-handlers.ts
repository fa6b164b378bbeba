import { BinaryWriter } from 'spacetimedb';
import type { Caller, ProcedureOutcome, ReducerOutcome } from '../database/database-api.js';
import type {
  CallProcedure,
  CallReducer,
  ClientMessage,
  OneOffQuery,
  Subscribe,
  Unsubscribe,
} from '../protocol/client-message.js';
import type { ServerMessage } from '../protocol/server-message.js';
import type { TableRows } from '../subscription/query-set-update.js';
import type { DatabaseHub, HubConnection } from './database-hub.js';
import type { RealtimeDatabase } from './subscription-port.js';

/** What handling one client message needs from its connection. */
export interface MessageContext {
  readonly connection: HubConnection;
  readonly caller: Caller;
  readonly database: RealtimeDatabase;
  readonly hub: DatabaseHub;
  /**
   * Queues a reply. `durable` is the transaction (or, for replies read from
   * the committed state, the latest transaction) it reflects; a client with
   * confirmed reads gets the reply only once that is durable.
   */
  send(message: ServerMessage, durable?: Promise<void>): void;
}

/**
 * Handles one decoded message, as SpacetimeDB's `message_handlers_v2` does.
 * Reducer and procedure calls are started here and answered when they end;
 * nothing waits for them, so a client may have many calls in flight.
 */
export function handleClientMessage(context: MessageContext, message: ClientMessage): void {
  switch (message.tag) {
    case 'Subscribe':
      subscribe(context, message);
      break;
    case 'Unsubscribe':
      unsubscribe(context, message);
      break;
    case 'OneOffQuery':
      oneOffQuery(context, message);
      break;
    case 'CallReducer':
      callReducer(context, message);
      break;
    case 'CallProcedure':
      callProcedure(context, message);
      break;
  }
}

function subscribe(context: MessageContext, message: Subscribe): void {
  const { requestId, querySetId } = message;
  let tables: ReturnType<DatabaseHub['engine']['subscribe']>;
  try {
    tables = context.hub.engine.subscribe(
      context.connection.key,
      context.caller,
      querySetId,
      message.queryStrings,
    );
  } catch (error) {
    context.send({ tag: 'SubscriptionError', requestId, querySetId, error: describe(error) });
    return;
  }
  const rows = context.hub.queryRows(tables);
  context.send({ tag: 'SubscribeApplied', requestId, querySetId, rows }, context.hub.latestDurable);
}

function unsubscribe(context: MessageContext, message: Unsubscribe): void {
  const { requestId, querySetId } = message;
  let tables: ReturnType<DatabaseHub['engine']['unsubscribe']>;
  try {
    const sendDroppedRows = message.flags === 'SendDroppedRows';
    tables = context.hub.engine.unsubscribe(context.connection.key, querySetId, sendDroppedRows);
  } catch (error) {
    context.send({ tag: 'SubscriptionError', requestId, querySetId, error: describe(error) });
    return;
  }
  const reply: ServerMessage =
    message.flags === 'SendDroppedRows'
      ? {
          tag: 'UnsubscribeApplied',
          requestId,
          querySetId,
          rows: context.hub.queryRows(tables),
        }
      : { tag: 'UnsubscribeApplied', requestId, querySetId };
  context.send(reply, context.hub.latestDurable);
}

function oneOffQuery(context: MessageContext, message: OneOffQuery): void {
  const { requestId, queryString } = message;
  let result: TableRows;
  try {
    result = context.hub.engine.oneOffQuery(context.caller, queryString);
  } catch (error) {
    const failed = { tag: 'err', value: describe(error) } as const;
    context.send({ tag: 'OneOffQueryResult', requestId, result: failed });
    return;
  }
  const rows = { tables: [{ table: result.tableName, rows: result.rows }] };
  context.send(
    { tag: 'OneOffQueryResult', requestId, result: { tag: 'ok', value: rows } },
    context.hub.latestDurable,
  );
}

/**
 * Runs the reducer. When it commits, the ReducerResult (with this client's
 * share of the transaction) is queued at once, in commit order among the
 * other updates; other outcomes are answered when the call settles.
 */
function callReducer(context: MessageContext, message: CallReducer): void {
  const { requestId } = message;
  const startedAt = context.database.now();
  const { result: outcome, committed } = context.hub.asCaller(context.connection, () =>
    settle(() => context.database.callReducer(message.reducer, message.args, context.caller)),
  );
  if (committed !== undefined) {
    context.send(
      {
        tag: 'ReducerResult',
        requestId,
        timestamp: committed.timestamp,
        result: { tag: 'Ok', retValue: NO_BYTES, transactionUpdate: committed.update },
      },
      committed.durable,
    );
  }
  outcome.then(
    (settled) => {
      if (committed === undefined) {
        context.send({
          tag: 'ReducerResult',
          requestId,
          timestamp: startedAt,
          result: reducerOutcome(settled),
        });
      }
    },
    (error: unknown) => {
      // A refused call (no such reducer, bad arguments) never ran; a committed one whose
      // durability failed is already answered and its connection ended by the send queue.
      if (committed !== undefined) return;
      const result = { tag: 'InternalError', message: describe(error) } as const;
      context.send({ tag: 'ReducerResult', requestId, timestamp: startedAt, result });
    },
  );
}

function reducerOutcome(
  outcome: ReducerOutcome,
): Extract<ServerMessage, { tag: 'ReducerResult' }>['result'] {
  switch (outcome.status) {
    // Committed without changes: nothing for any subscriber, so no transaction was broadcast.
    case 'committed':
      return { tag: 'Ok', retValue: NO_BYTES, transactionUpdate: { querySets: [] } };
    // A SenderError: its message, as the BSATN string the SDK reads back.
    case 'failed':
      return { tag: 'Err', error: bsatnString(outcome.message) };
    case 'internal-error':
      return { tag: 'InternalError', message: outcome.message };
  }
}

function callProcedure(context: MessageContext, message: CallProcedure): void {
  const { requestId } = message;
  const startedAt = context.database.now();
  settle(() =>
    context.database.callProcedure(message.procedure, message.args, context.caller),
  ).then(
    (outcome) => context.send(procedureResult(requestId, startedAt, outcome)),
    (error: unknown) =>
      context.send({
        tag: 'ProcedureResult',
        status: { tag: 'InternalError', message: describe(error) },
        // SpacetimeDB reports a call that never ran at the epoch, taking no time.
        timestamp: 0n,
        totalHostExecutionDurationMicros: 0n,
        requestId,
      }),
  );
}

function procedureResult(
  requestId: number,
  startedAt: bigint,
  outcome: ProcedureOutcome,
): ServerMessage {
  return {
    tag: 'ProcedureResult',
    status:
      outcome.status === 'returned'
        ? { tag: 'Returned', value: outcome.value }
        : { tag: 'InternalError', message: outcome.message },
    timestamp: startedAt,
    totalHostExecutionDurationMicros: BigInt(outcome.durationMicros),
    requestId,
  };
}

/** `call()`'s promise, or a rejected one if it throws before returning it (a refused call). */
function settle<T>(call: () => Promise<T>): Promise<T> {
  try {
    return call();
  } catch (error) {
    return Promise.reject(error);
  }
}

const NO_BYTES = new Uint8Array(0);

function bsatnString(text: string): Uint8Array {
  const writer = new BinaryWriter(text.length + 8);
  writer.writeString(text);
  return writer.getBuffer().slice();
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
