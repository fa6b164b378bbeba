import type { FunctionSchema } from '../schema/module-schema.js';
import type { ProcedureOutcome } from './database-api.js';
import type { ReducerRun } from './execute-reducer.js';
import type { FunctionCatalog } from './function-catalog.js';

export interface ImmediateCallHost {
  readonly catalog: FunctionCatalog;
  /** Runs a reducer as the database itself (no connection). */
  runReducer(reducerId: number, args: Uint8Array): ReducerRun;
  runProcedure(
    procedure: FunctionSchema,
    args: Uint8Array,
  ): { commits: Promise<void>[]; outcome: ProcedureOutcome };
  logError(message: string): void;
}

/**
 * `volatile_nonatomic_schedule_immediate`: runs a procedure or reducer by
 * name soon after the transaction that asked, as the database, outside that
 * transaction (SpacetimeDB's scheduler prefers a procedure of that name).
 * Failures only reach the logs: nobody waits for the call.
 */
export function runImmediate(host: ImmediateCallHost, name: string, args: Uint8Array): void {
  const logDurability = (error: unknown) => host.logError(`commit failed: ${error}`);
  try {
    const procedure = host.catalog.procedure(name);
    const reducer = host.catalog.reducer(name);
    if (procedure !== undefined) {
      procedure.checkArgs(args);
      for (const commit of host.runProcedure(procedure.schema, args).commits)
        commit.catch(logDurability);
    } else if (reducer !== undefined) {
      reducer.checkArgs(args);
      host.runReducer(reducer.schema.id, args).durable.catch(logDurability);
    } else {
      host.logError(`could not run scheduled function: Reducer \`${name}\` not found`);
    }
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    host.logError(`could not run scheduled function ${name}: ${detail}`);
  }
}
