import type { MutTx, ReadTx } from '../datastore/datastore.js';
import type { AlgebraicType } from '../sats/algebraic-type.js';
import type { ModuleSchema } from '../schema/module-schema.js';
import type { SqlStatement } from './ast.js';
import { executeDml } from './execute-dml.js';
import { executeSelect } from './execute-select.js';
import { parseSql } from './parse-sql.js';
import { SchemaView } from './schema-view.js';
import { SqlError } from './sql-error.js';
import type { SqlStatementResult } from './sql-result.js';
import {
  ROW_LIMIT,
  typeDelete,
  typeInsert,
  typeSetVar,
  typeShowVar,
  typeUpdate,
} from './type-dml.js';
import { typeSelect } from './type-select.js';
import { withViewRows } from './view-read-tx.js';

/** What a SQL statement runs against; the database layer builds one per request. */
export interface SqlContext {
  readonly schema: ModuleSchema;
  /** The committed state, read by SELECT. */
  readonly read: ReadTx;
  /**
   * Runs `body` in the database's one mutable transaction: commits it (and
   * makes it durable) when `body` returns, rolls it back when `body` throws.
   */
  readonly write: <T>(body: (tx: MutTx) => T) => T;
  readonly callerIdentity: bigint;
  /** The database owner may read private tables, run DML and exceed `row_limit`. */
  readonly callerIsOwner: boolean;
  /** SpacetimeDB's experimental `st_var` variables (`SET`/`SHOW row_limit`); without it SET fails. */
  readonly systemVars?: SystemVars;
  /**
   * The rows of a view (without parameters) as the caller sees them, so SELECT
   * can read views as SpacetimeDB does; without it, naming a view is an error.
   */
  readonly viewRows?: (name: string) => readonly Uint8Array[];
}

export interface SystemVars {
  get(name: string): bigint | undefined;
  set(name: string, value: bigint): void;
}

/**
 * Runs one statement of SpacetimeDB's SQL, as `POST /v1/database/:name/sql`
 * does, and returns its one result. Throws `SqlError` for anything the caller
 * got wrong or that the statement hit (a unique constraint, the row limit).
 */
export function executeSql(query: string, ctx: SqlContext): SqlStatementResult[] {
  const started = performance.now();
  const result = runStatement(parseSql(query), ctx);
  const totalDurationMicros = Math.round((performance.now() - started) * 1000);
  return [{ ...result, totalDurationMicros }];
}

type Outcome = Omit<SqlStatementResult, 'totalDurationMicros'>;

const NO_CHANGES = { rowsInserted: 0, rowsDeleted: 0, rowsUpdated: 0 } as const;

function runStatement(statement: SqlStatement, ctx: SqlContext): Outcome {
  const view = new SchemaView(ctx.schema, ctx.callerIsOwner, { views: ctx.viewRows !== undefined });
  const sender = ctx.callerIdentity;
  switch (statement.kind) {
    case 'select': {
      const rowLimit = ctx.callerIsOwner ? undefined : ctx.systemVars?.get(ROW_LIMIT);
      const read = ctx.viewRows ? withViewRows(ctx.read, view, ctx.viewRows) : ctx.read;
      const output = executeSelect(typeSelect(statement, view, sender), read, ctx.schema, rowLimit);
      return { ...output, stats: NO_CHANGES };
    }
    case 'show': {
      const { name } = typeShowVar(statement);
      const value = ctx.systemVars?.get(name);
      return {
        schema: { elements: [{ name: 'value', algebraicType: ST_VAR_VALUE }] },
        rows: value === undefined ? [] : [[[ST_VAR_U64_TAG, value]]],
        stats: NO_CHANGES,
      };
    }
    case 'set': {
      const { name, value } = typeSetVar(statement);
      checkWriteAccess(ctx);
      if (ctx.systemVars === undefined) {
        throw new SqlError('unsupported', 'System variables are not available on this database');
      }
      ctx.systemVars.set(name, value);
      return { schema: { elements: [] }, rows: [], stats: { ...NO_CHANGES, rowsInserted: 1 } };
    }
    default: {
      const typed =
        statement.kind === 'insert'
          ? typeInsert(statement, view)
          : statement.kind === 'update'
            ? typeUpdate(statement, view, sender)
            : typeDelete(statement, view, sender);
      checkWriteAccess(ctx);
      const stats = ctx.write((tx) => executeDml(typed, tx, ctx.schema));
      return { schema: { elements: [] }, rows: [], stats };
    }
  }
}

/** SpacetimeDB checks this after typing, so a typo is reported before the missing permission. */
function checkWriteAccess(ctx: SqlContext): void {
  if (ctx.callerIsOwner) return;
  const caller = ctx.callerIdentity.toString(16).padStart(64, '0');
  throw new SqlError(
    'unauthorized',
    `Caller ${caller} is not authorized to run SQL DML statements`,
  );
}

/** `StVarValue`, the sum SpacetimeDB stores a variable as; `row_limit` is its `U64` variant. */
const ST_VAR_VALUE: AlgebraicType = {
  tag: 'Sum',
  value: {
    variants: (
      [
        'Bool',
        'I8',
        'U8',
        'I16',
        'U16',
        'I32',
        'U32',
        'I64',
        'U64',
        'I128',
        'U128',
        'F32',
        'F64',
        'String',
      ] as const
    ).map((tag) => ({ name: tag, algebraicType: { tag } })),
  },
};
const ST_VAR_U64_TAG = 8;
