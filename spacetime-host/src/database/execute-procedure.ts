import type { ModuleLogEntry } from '../runtime/module-host.js';
import type { ModuleInstance } from '../runtime/module-instance.js';
import type { FunctionSchema } from '../schema/module-schema.js';
import type { ProcedureOutcome } from './database-api.js';

export interface ProcedureExecution {
  readonly instance: ModuleInstance;
  readonly procedure: FunctionSchema;
  readonly sender: bigint;
  readonly connectionId: bigint;
  readonly args: Uint8Array;
  /** The call's timestamp (`ctx.timestamp`), from the database's clock. */
  readonly timestamp: bigint;
  readonly log: (entry: ModuleLogEntry) => void;
}

/**
 * Runs a procedure. It has no transaction of its own: it opens and commits
 * its own through `procedure_start_mut_tx`, so a failure rolls back only an
 * open one and keeps what it committed. Failures are `internal-error`, as
 * SpacetimeDB's `ProcedureCallError::InternalError`.
 */
export function executeProcedure(run: ProcedureExecution): ProcedureOutcome {
  const { procedure } = run;
  const started = performance.now();
  const micros = () => Math.round((performance.now() - started) * 1000);
  try {
    const value = run.instance.callProcedure(
      procedure.id,
      procedure.name,
      run.sender,
      run.connectionId,
      run.timestamp,
      run.args,
    );
    return { status: 'returned', value, durationMicros: micros() };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const stack = (error as { moduleStack?: string }).moduleStack;
    run.log({
      level: 'panic',
      ts: run.timestamp,
      function: procedure.name,
      message: stack ?? message,
    });
    return { status: 'internal-error', message, durationMicros: micros() };
  }
}
