import { beforeAll, describe, expect, it, vi } from 'vitest';
import { Ty } from '../sats/algebraic-type.js';
import { bsatn } from '../sats/testing/algebraic-values.js';
import { decodeModuleSchema } from './build-module-schema.js';
import { planMigration } from './migration.js';
import type { MigrationCheck, MigrationPlan } from './migration-plan.js';
import type { ModuleSchema } from './module-schema.js';
import { describeModule, type Loose, loadServerLibrary } from './testing/library-module.js';

vi.mock('spacetime:sys@2.0', async () => (await import('./testing/library-module.js')).sysMock);
vi.mock('spacetime:sys@2.1', () => ({}));

let lib: Loose;
beforeAll(async () => {
  lib = await loadServerLibrary();
});

/** Builds a module from `tables(t, table)`, a map of accessor name to table. */
function module(tables: (t: Loose, table: Loose) => Record<string, Loose>): ModuleSchema {
  const spacetimedb = lib.schema!(tables(lib.t!, lib.table!));
  return decodeModuleSchema(describeModule(spacetimedb));
}

const accounts = (t: Loose, table: Loose, extra: Record<string, Loose> = {}, opts = {}) =>
  table({ public: true, ...opts }, { id: t.u32!().primaryKey!(), balance: t.i64!(), ...extra });

function plan(check: MigrationCheck): MigrationPlan {
  if (!check.compatible)
    throw new Error(`expected a compatible update: ${check.reasons.join('; ')}`);
  return check.plan;
}

function reasons(check: MigrationCheck): readonly string[] {
  if (check.compatible) throw new Error('expected an incompatible update');
  return check.reasons;
}

describe('planMigration', () => {
  const v1 = () => module((t, table) => ({ accounts: accounts(t, table) }));

  it('accepts an identical module with nothing to do', () => {
    const result = plan(planMigration(v1(), v1()));
    expect(result.steps).toEqual([]);
    expect(result.disconnectAllUsers).toBe(false);
    expect(result.tables).toEqual([
      {
        tableName: 'accounts',
        added: false,
        appendedDefaults: new Uint8Array(),
        keptSequences: [],
      },
    ]);
  });

  it('accepts added tables, indexes and unique constraints', () => {
    const v2 = module((t, table) => ({
      accounts: accounts(
        t,
        table,
        {},
        { indexes: [{ accessor: 'byBalance', algorithm: 'btree', columns: ['balance'] }] },
      ),
      auditLog: table({}, { at: t.timestamp!(), note: t.string!().unique!() }),
    }));
    const result = plan(planMigration(v1(), v2));
    expect(result.steps).toContain('Add table audit_log');
    expect(result.steps).toContain('Add index accounts_balance_idx_btree');
    expect(result.tables.map((t) => [t.tableName, t.added])).toEqual([
      ['accounts', false],
      ['audit_log', true],
    ]);
    expect(result.disconnectAllUsers).toBe(false);
  });

  it('appends defaults for columns added at the end, and disconnects clients', () => {
    const v2 = module((t, table) => ({
      accounts: accounts(t, table, {
        frozen: t.bool!().default!(true),
        nickname: t.string!().default!('anon'),
      }),
    }));
    const result = plan(planMigration(v1(), v2));
    expect(result.disconnectAllUsers).toBe(true);
    expect(result.tables[0]!.appendedDefaults).toEqual(
      Uint8Array.from([1, ...bsatn(Ty.String, 'anon')]),
    );
  });

  it('rejects added columns without defaults, removed and reordered columns', () => {
    const added = module((t, table) => ({ accounts: accounts(t, table, { frozen: t.bool!() }) }));
    expect(reasons(planMigration(v1(), added))).toEqual([
      'Adding a column frozen to table accounts requires a default value annotation',
    ]);
    const removed = module((t, table) => ({
      accounts: table({ public: true }, { id: t.u32!().primaryKey!() }),
    }));
    expect(reasons(planMigration(v1(), removed))).toEqual([
      'Removing a column balance from table accounts requires a manual migration',
    ]);
    const reordered = module((t, table) => ({
      accounts: table({ public: true }, { balance: t.i64!(), id: t.u32!().primaryKey!() }),
    }));
    expect(reasons(planMigration(v1(), reordered))).toContain(
      'Reordering table accounts requires a manual migration',
    );
  });

  it('rejects changed column types', () => {
    const wider = module((t, table) => ({
      accounts: table({ public: true }, { id: t.u64!().primaryKey!(), balance: t.i64!() }),
    }));
    expect(reasons(planMigration(v1(), wider))).toEqual([
      'Changing the type of column id in table accounts from U32 to U64 requires a manual migration',
    ]);
  });

  it('lets sums gain variants only without changing their layout', () => {
    const withEnum = (variants: Record<string, Loose>) =>
      module((t, table) => ({
        accounts: accounts(t, table, { kind: t.enum!('Kind', variants) }),
      }));
    const v2 = withEnum({ basic: lib.t!.unit!(), gold: lib.t!.unit!() });
    const v3 = withEnum({ basic: lib.t!.unit!(), gold: lib.t!.unit!(), platinum: lib.t!.unit!() });
    const v4 = withEnum({ basic: lib.t!.unit!(), gold: lib.t!.unit!(), custom: lib.t!.u64!() });
    const v5 = withEnum({ basic: lib.t!.unit!() });
    const grown = plan(planMigration(v2, v3));
    expect(grown.steps).toEqual(['Change column types of table accounts']);
    expect(grown.disconnectAllUsers).toBe(false);
    expect(reasons(planMigration(v2, v4)).join('\n')).toMatch(/due to size mismatch/);
    expect(reasons(planMigration(v2, v5)).join('\n')).toMatch(/with fewer variants/);
    expect(
      reasons(
        planMigration(
          v3,
          withEnum({ basic: lib.t!.unit!(), silver: lib.t!.unit!(), platinum: lib.t!.unit!() }),
        ),
      ).join('\n'),
    ).toMatch(/renamed variant/);
  });

  it('plans removed tables (which must then be empty)', () => {
    const v2 = module((t, table) => ({
      accounts: accounts(t, table),
      extra: table({}, { x: t.u8!() }),
    }));
    const result = plan(planMigration(v2, v1()));
    expect(result.removedTables).toEqual(['extra']);
    expect(result.disconnectAllUsers).toBe(true);
  });

  it('requires a range check for sequences added to existing tables', () => {
    const v2 = module((t, table) => ({
      accounts: table(
        { public: true },
        { id: t.u32!().primaryKey!().autoInc!(), balance: t.i64!() },
      ),
    }));
    const result = plan(planMigration(v1(), v2));
    expect(result.sequenceChecks).toEqual([
      { tableName: 'accounts', colId: 0, min: 1n, max: (1n << 127n) - 1n },
    ]);
    const kept = plan(planMigration(v2, v2));
    expect(kept.sequenceChecks).toEqual([]);
    expect(kept.tables[0]!.keptSequences).toEqual([0]);
  });

  it('rejects changing an index accessor or the event flag', () => {
    const renamed = module((t, table) => ({
      accounts: table(
        { public: true },
        { id: t.u32!().primaryKey!(), balance: t.i64!().index!('btree') },
      ),
    }));
    const renamedAgain = module((t, table) => ({
      accounts: table(
        {
          public: true,
          indexes: [{ accessor: 'byBalance', algorithm: 'btree', columns: ['balance'] }],
        },
        { id: t.u32!().primaryKey!(), balance: t.i64!() },
      ),
    }));
    expect(reasons(planMigration(renamed, renamedAgain)).join('\n')).toMatch(
      /Changing the accessor name on index accounts_balance_idx_btree from balance to byBalance/,
    );
    const event = module((t, table) => ({ accounts: accounts(t, table, {}, { event: true }) }));
    expect(reasons(planMigration(v1(), event))).toContain(
      'Changing the event flag of table accounts requires a manual migration',
    );
  });
});
