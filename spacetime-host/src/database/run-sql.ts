import type { Datastore, MutTx } from '../datastore/datastore.js';
import type { ModuleSchema } from '../schema/module-schema.js';
import { executeSql, type SqlContext, type SystemVars } from '../sql/execute-sql.js';
import type { SqlStatementResult } from '../sql/sql-result.js';
import type { Caller } from './database-api.js';

export interface SqlDatabase {
  readonly schema: ModuleSchema;
  readonly owner: bigint;
  readonly datastore: Datastore;
  readonly systemVars: SystemVars;
  /** Commits a DML transaction like any other; resolves when durable. */
  commit(tx: MutTx): Promise<void>;
  /** A view's rows as `caller` sees them, for SELECTs that name a view. */
  viewRows(name: string, caller: Caller): readonly Uint8Array[];
}

/**
 * Runs one SQL statement (SpacetimeDB's subset) for `caller`. DML runs in
 * one transaction, committed like a reducer's; the result comes once it is
 * durable. The SQL engine throws `SqlError` for the caller's mistakes.
 */
export async function runSql(
  database: SqlDatabase,
  query: string,
  caller: Caller,
): Promise<SqlStatementResult[]> {
  const commits: Promise<void>[] = [];
  const context: SqlContext = {
    schema: database.schema,
    read: database.datastore.committed,
    write: (body) => {
      const tx = database.datastore.beginMutTx();
      let result: ReturnType<typeof body>;
      try {
        result = body(tx);
      } catch (error) {
        tx.rollback();
        throw error;
      }
      commits.push(database.commit(tx));
      return result;
    },
    callerIdentity: caller.identity,
    callerIsOwner: caller.identity === database.owner,
    systemVars: database.systemVars,
    viewRows: (name) => database.viewRows(name, caller),
  };
  const results = executeSql(query, context);
  await Promise.all(commits);
  return results;
}
