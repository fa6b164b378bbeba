// Test support: runs SQL as one caller against the fixture schema, seeded with a few rows.
import { expect } from 'vitest';
import type { ViewSchema } from '../../schema/module-schema.js';
import { executeSql, type SqlContext, type SystemVars } from '../execute-sql.js';
import { SqlError } from '../sql-error.js';
import { ALICE, fixtureSchema, OWNER, seed } from './fixture-schema.js';
import { SqlTestStore } from './sql-test-store.js';

export const ALICE_HEX = `0x${ALICE.toString(16).padStart(64, '0')}`;

export interface SetupOptions {
  readonly views?: readonly ViewSchema[];
  /** What SqlContext.viewRows answers; absent means SQL cannot read views. */
  readonly viewRows?: (store: SqlTestStore, name: string) => readonly Uint8Array[];
}

export function setup(options: SetupOptions = {}) {
  const store = new SqlTestStore(fixtureSchema(options.views));
  const { viewRows } = options;
  seed(store, 'users', [
    [1, 'alice', 30, 1.5, ['0xb2'], true, [1_700_000_000_000_000n], [0, 'al']],
    [2, 'bob', 25, 2.5, ['0xa1'], false, [1_600_000_000_000_000n], [1, []]],
    [3, 'carol', 35, -1, ['0xb2'], true, [1_800_000_000_000_000n], [0, 'cc']],
  ]);
  seed(store, 'posts', [
    [10n, 1, 'hello', 'cafe'],
    [11n, 1, 'again', ''],
    [12n, 3, 'carol here', '00ff'],
  ]);
  seed(store, 'secrets', [[1, 'psst']]);
  seed(store, 'scores', [
    [1, 1, 100n],
    [1, 2, 250n],
    [1, 3, -5n],
    [2, 1, 7n],
  ]);
  const vars = new Map<string, bigint>();
  const systemVars: SystemVars = {
    get: (name) => vars.get(name),
    set: (name, value) => vars.set(name, value),
  };
  const run = (query: string, caller = OWNER) => {
    const ctx: SqlContext = {
      schema: store.schema,
      read: store.committed,
      write: (body) => store.write(body),
      callerIdentity: caller,
      callerIsOwner: caller === OWNER,
      systemVars,
      viewRows: viewRows && ((name) => viewRows(store, name)),
    };
    const results = executeSql(query, ctx);
    expect(results).toHaveLength(1);
    return results[0]!;
  };
  const rows = (query: string, caller = OWNER) => run(query, caller).rows;
  const fail = (query: string, caller = OWNER): SqlError => {
    try {
      run(query, caller);
    } catch (error) {
      if (error instanceof SqlError) return error;
      throw error;
    }
    throw new Error(`expected ${query} to fail`);
  };
  return { store, run, rows, fail, vars };
}
