import type { Datastore, MutTx, TxChanges } from '../datastore/datastore.js';
import { ModuleExecutionError, ModuleSenderError } from '../runtime/module-errors.js';
import type { ModuleLogEntry } from '../runtime/module-host.js';
import type { ModuleInstance } from '../runtime/module-instance.js';
import type { ReducerSchema } from '../schema/module-schema.js';
import type { ReducerOutcome } from './database-api.js';

/** A reducer's outcome, known at once, and when its transaction is durable (at once for failures). */
export interface ReducerRun {
  readonly outcome: ReducerOutcome;
  readonly durable: Promise<void>;
}

/** What every reducer call of one database shares (made once, so calls allocate little). */
export interface ReducerContext {
  readonly instance: ModuleInstance;
  readonly datastore: Datastore;
  readonly log: (entry: ModuleLogEntry) => void;
  /** Schedules, listeners and durability for a committed transaction. */
  readonly afterCommit: (changes: TxChanges) => Promise<void>;
}

const ALREADY_DONE = Promise.resolve();

/**
 * Runs one reducer as one transaction (`tx` when the caller already opened
 * it, as the scheduler does): commit when it returns, roll back when it
 * throws. `SenderError` becomes `failed` with the module's message; any other
 * exception `internal-error`, logged with the module's stack at panic level
 * as SpacetimeDB logs it. `beforeCommit` adds the host's own writes to a
 * reducer that returned (client_disconnected forgets its client in its
 * transaction); when it throws, the reducer fails as a failed commit does.
 */
export function executeReducer(
  context: ReducerContext,
  reducer: ReducerSchema,
  sender: bigint,
  connectionId: bigint,
  args: Uint8Array,
  timestamp: bigint,
  tx: MutTx = context.datastore.beginMutTx(),
  beforeCommit?: (tx: MutTx) => void,
): ReducerRun {
  const started = performance.now();
  try {
    context.instance.callReducer(
      reducer.id,
      reducer.name,
      sender,
      connectionId,
      timestamp,
      args,
      tx,
    );
  } catch (error) {
    tx.rollback();
    return failed(context, reducer, timestamp, error, micros(started));
  }
  let changes: TxChanges;
  try {
    beforeCommit?.(tx);
    changes = tx.commit(timestamp);
  } catch (error) {
    rollbackQuietly(tx);
    const failure = new ModuleExecutionError(`commit failed: ${describe(error)}`);
    return failed(context, reducer, timestamp, failure, micros(started));
  }
  return {
    outcome: { status: 'committed', changes, durationMicros: micros(started) },
    durable: context.afterCommit(changes),
  };
}

function failed(
  context: ReducerContext,
  reducer: ReducerSchema,
  ts: bigint,
  error: unknown,
  durationMicros: number,
): ReducerRun {
  const fn = reducer.name;
  if (error instanceof ModuleSenderError) {
    context.log({ level: 'error', ts, function: fn, message: error.message });
    return {
      outcome: { status: 'failed', message: error.message, durationMicros },
      durable: ALREADY_DONE,
    };
  }
  const message =
    error instanceof ModuleExecutionError ? error.message : `host error: ${describe(error)}`;
  const stack =
    error instanceof ModuleExecutionError ? error.moduleStack : (error as Error | undefined)?.stack;
  context.log({ level: 'panic', ts, function: fn, message: stack ?? message });
  return { outcome: { status: 'internal-error', message, durationMicros }, durable: ALREADY_DONE };
}

/** A commit that threw may have ended the transaction already; undo what is left, if anything. */
function rollbackQuietly(tx: MutTx): void {
  try {
    tx.rollback();
  } catch {
    // Already ended.
  }
}

function micros(started: number): number {
  return Math.round((performance.now() - started) * 1000);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
