import { describe, expect, it } from 'vitest';
import { ModuleExecutionError } from '../../src/runtime/module-errors.js';
import { ModuleInstance } from '../../src/runtime/module-instance.js';
import { SyscallError } from '../../src/runtime/syscall-error.js';
import { FakeDatastore } from '../support/fake-datastore.js';
import { probeModule } from '../support/probe-module.js';
import { RecordingHost } from '../support/recording-host.js';

// things: id u32 (auto-increment, unique btree) | value u32 (hash, not unique)
const things = {
  name: 'things',
  autoInc: { from: 0 },
  indexes: [
    { name: 'things_id_idx_btree', from: 0, to: 4, unique: true, algorithm: 'btree' as const },
    { name: 'things_value_idx_hash', from: 4, to: 8, unique: false, algorithm: 'hash' as const },
  ],
};

function setup(body: string, topLevel = '') {
  const datastore = new FakeDatastore([things, { name: 'schedules', indexes: [] }]);
  const host = new RecordingHost(datastore);
  const instance = ModuleInstance.load(probeModule(body, topLevel), host);
  const reducer = (args = new Uint8Array(0), sender = 5n, connectionId = 0n) => {
    const tx = datastore.beginMutTx();
    try {
      instance.callReducer(0, 'probe', sender, connectionId, 1_700_000_000_000_000n, args, tx);
      tx.commit(1n);
    } catch (error) {
      tx.rollback();
      throw error;
    }
  };
  return { datastore, host, instance, reducer };
}

function seedThings(datastore: FakeDatastore, rows: [number, number][]) {
  const tx = datastore.beginMutTx();
  for (const [id, value] of rows) {
    const row = new Uint8Array(8);
    new DataView(row.buffer).setUint32(0, id, true);
    new DataView(row.buffer).setUint32(4, value, true);
    tx.insert(0, row);
  }
  tx.commit(0n);
}

describe('table and index ids', () => {
  it('resolves known names and throws NoSuchTable / NoSuchIndex for unknown ones', () => {
    const { host, reducer } = setup(`
      report(sys.table_id_from_name('things'));
      report(sys.index_id_from_name('things_value_idx_hash'));
      report(attempt(() => sys.table_id_from_name('nope')));
      report(attempt(() => sys.index_id_from_name('nope')));
      report(attempt(() => sys.table_id_from_name(42)));
    `);
    reducer();
    expect(host.reports()).toEqual([
      1 - 1,
      1,
      { error: 'Errno4', message: 'No such table' },
      { error: 'Errno5', message: 'No such index' },
      { error: 'TypeError', message: 'name must be a string' },
    ]);
  });

  it('refuses table access outside a transaction, before the hooks exist, with a plain Error', () => {
    const { host, reducer } = setup(
      `report(loadTimeAttempt);`,
      `const loadTimeAttempt = attempt(() => sys.table_id_from_name('things'));`,
    );
    reducer();
    expect(host.reports()).toEqual([
      { error: 'Error', message: 'ABI call can only be made while in a transaction' },
    ]);
  });
});

describe('inserts and generated columns', () => {
  it('writes the generated auto-increment values back into the caller buffer', () => {
    const { host, reducer, datastore } = setup(`
      const buffer = bufferOf(u32s(0, 70));
      const generatedLength = sys.datastore_insert_bsatn(0, buffer, 8);
      report([generatedLength, readU32s(buffer, generatedLength)]);
      const explicit = bufferOf(u32s(9, 71));
      report(sys.datastore_insert_bsatn(0, explicit, 8));
    `);
    reducer();
    expect(host.reports()).toEqual([[4, [1]], 0]);
    expect(datastore.committed.rowCount(0)).toBe(2);
  });

  it('treats a byte-identical row as present and a different row with the same key as a unique violation', () => {
    const { host, reducer } = setup(`
      sys.datastore_insert_bsatn(0, bufferOf(u32s(3, 1)), 8);
      report(attempt(() => sys.datastore_insert_bsatn(0, bufferOf(u32s(3, 1)), 8)));
      report(attempt(() => sys.datastore_insert_bsatn(0, bufferOf(u32s(3, 2)), 8)));
      report(attempt(() => sys.datastore_insert_bsatn(99, bufferOf(u32s(3, 2)), 8)));
    `);
    reducer();
    expect(host.reports()).toEqual([
      { ok: 0 },
      { error: 'Errno12', message: 'Value with given unique identifier already exists' },
      { error: 'Errno4', message: 'No such table' },
    ]);
  });

  it('throws RangeError for a length past the buffer and TypeError for a non-buffer', () => {
    const { host, reducer } = setup(`
      report(attempt(() => sys.datastore_insert_bsatn(0, new ArrayBuffer(4), 8)));
      report(attempt(() => sys.datastore_insert_bsatn(0, new Uint8Array(8), 8)));
      report(attempt(() => sys.datastore_insert_bsatn(-1, new ArrayBuffer(8), 8)));
    `);
    reducer();
    expect(host.reports()).toEqual([
      { error: 'RangeError', message: 'length argument was out of bounds for `ArrayBuffer`' },
      { error: 'TypeError', message: 'expected an `ArrayBuffer`' },
      { error: 'TypeError', message: 'table_id must be a u32' },
    ]);
  });
});

describe('the row iterator protocol', () => {
  it('fills whole rows, reports more with a positive count and exhaustion with a negative one', () => {
    const { host, reducer, datastore } = setup(`
      const iter = sys.datastore_table_scan_bsatn(0);
      const buffer = new ArrayBuffer(20);
      const first = sys.row_iter_bsatn_advance(iter, buffer);
      report([first, readU32s(buffer, first)]);
      const second = sys.row_iter_bsatn_advance(iter, buffer);
      report([second, readU32s(buffer, -second)]);
      report(attempt(() => sys.row_iter_bsatn_advance(iter, buffer)));
    `);
    seedThings(datastore, [
      [1, 10],
      [2, 20],
      [3, 30],
    ]);
    reducer();
    expect(host.reports()).toEqual([
      [16, [1, 10, 2, 20]],
      [-8, [3, 30]],
      { error: 'Errno6', message: 'The provided row iterator is not valid' },
    ]);
  });

  it('returns 0 for an empty scan and asks for a bigger buffer when a row does not fit', () => {
    const { host, reducer, datastore } = setup(`
      const empty = sys.datastore_index_scan_point_bsatn(0, bufferOf(u32s(404)), 4);
      report(sys.row_iter_bsatn_advance(empty, new ArrayBuffer(64)));
      const iter = sys.datastore_table_scan_bsatn(0);
      report(attempt(() => sys.row_iter_bsatn_advance(iter, new ArrayBuffer(5))));
      report(sys.row_iter_bsatn_advance(iter, new ArrayBuffer(8)));
    `);
    seedThings(datastore, [[1, 10]]);
    reducer();
    expect(host.reports()).toEqual([0, { tooSmall: 8 }, -8]);
  });

  it('scans a snapshot, so deleting while iterating is safe', () => {
    const { host, reducer, datastore } = setup(`
      const iter = sys.datastore_table_scan_bsatn(0);
      sys21.datastore_clear(0);
      const buffer = new ArrayBuffer(64);
      const n = sys.row_iter_bsatn_advance(iter, buffer);
      report([n, sys.datastore_table_row_count(0)]);
    `);
    seedThings(datastore, [
      [1, 10],
      [2, 20],
    ]);
    reducer();
    expect(host.reports()).toEqual([[-16, '0n']]);
  });

  it('closes iterators on request, refuses unknown ones, and drops leftovers when the call ends', () => {
    const { host, reducer, datastore } = setup(`
      if (args.length === 0) {
        report(sys.datastore_table_scan_bsatn(0));
        const closed = sys.datastore_table_scan_bsatn(0);
        report(attempt(() => sys.row_iter_bsatn_close(closed)));
        report(attempt(() => sys.row_iter_bsatn_close(closed)));
      } else {
        report(attempt(() => sys.row_iter_bsatn_advance(args[0], new ArrayBuffer(64))));
      }
    `);
    seedThings(datastore, [[1, 10]]);
    reducer();
    reducer(new Uint8Array([0]));
    expect(host.reports()).toEqual([
      0,
      {},
      { error: 'Errno6', message: 'The provided row iterator is not valid' },
      { error: 'Errno6', message: 'The provided row iterator is not valid' },
    ]);
  });
});

describe('index scans', () => {
  it('finds rows by point, scans btree ranges and refuses range scans on hash indexes', () => {
    const { host, reducer, datastore } = setup(`
      const rows = (iter) => { const b = new ArrayBuffer(256); return readU32s(b, -sys.row_iter_bsatn_advance(iter, b)); };
      report(rows(sys.datastore_index_scan_point_bsatn(1, bufferOf(u32s(20)), 4)));
      // [2, 3]: inclusive 2 .. inclusive 3 (tag 0 = included)
      const range = new Uint8Array([0, 2, 0, 0, 0, 0, 3, 0, 0, 0]);
      report(rows(sys.datastore_index_scan_range_bsatn(0, bufferOf(range), 0, 0, 5, 5)));
      report(attempt(() => sys.datastore_index_scan_range_bsatn(1, bufferOf(range), 0, 0, 5, 5)));
      report(attempt(() => sys.datastore_index_scan_range_bsatn(0, new ArrayBuffer(6), 0, 0, 5, 5)));
      report(attempt(() => sys.datastore_index_scan_point_bsatn(77, bufferOf(u32s(1)), 4)));
    `);
    seedThings(datastore, [
      [1, 20],
      [2, 20],
      [3, 30],
      [4, 40],
    ]);
    reducer();
    expect(host.reports()).toEqual([
      [1, 20, 2, 20],
      [2, 20, 3, 30],
      { error: 'Errno10', message: 'The Index does not support range scans' },
      { error: 'RangeError', message: 'length argument was out of bounds for `ArrayBuffer`' },
      { error: 'Errno5', message: 'No such index' },
    ]);
  });
});

describe('updates and deletes', () => {
  it('updates through a unique index and reports missing rows and non-unique indexes', () => {
    const { host, reducer, datastore } = setup(`
      report(attempt(() => sys.datastore_update_bsatn(0, 0, bufferOf(u32s(1, 99)), 8)));
      report(attempt(() => sys.datastore_update_bsatn(0, 0, bufferOf(u32s(8, 99)), 8)));
      report(attempt(() => sys.datastore_update_bsatn(0, 1, bufferOf(u32s(1, 99)), 8)));
    `);
    seedThings(datastore, [[1, 10]]);
    reducer();
    expect(host.reports()).toEqual([
      { ok: 0 },
      { error: 'Errno15', message: 'The row was not found, e.g., in an update call' },
      { error: 'Errno14', message: 'The index was not unique' },
    ]);
    expect(datastore.committed.indexScanPoint(0, Uint8Array.of(1, 0, 0, 0))[0]).toEqual(
      Uint8Array.of(1, 0, 0, 0, 99, 0, 0, 0),
    );
  });

  it('deletes by point, by equality and clears, returning counts', () => {
    const { host, reducer, datastore } = setup(`
      report(sys.datastore_delete_by_index_scan_point_bsatn(1, bufferOf(u32s(20)), 4));
      report(sys.datastore_delete_all_by_eq_bsatn(0, bufferOf(u32s(1, 3, 30)), 12));
      report(sys.datastore_delete_all_by_eq_bsatn(0, bufferOf(u32s(1, 3, 30)), 12));
      report(sys.datastore_table_row_count(0));
      report(sys21.datastore_clear(0));
      report(sys.datastore_table_row_count(0));
    `);
    seedThings(datastore, [
      [1, 20],
      [2, 20],
      [3, 30],
      [4, 40],
    ]);
    reducer();
    expect(host.reports()).toEqual([2, 1, 0, '1n', '1n', '0n']);
  });
});

describe('views are read-only', () => {
  it('refuses writes in a view with TransactionIsReadOnly but allows reads', () => {
    const { host, instance, datastore } = setup(`
      report(sys.datastore_table_row_count(0));
      report(attempt(() => sys.datastore_insert_bsatn(0, bufferOf(u32s(5, 5)), 8)));
      report(attempt(() => sys21.datastore_clear(0)));
      report(ctx.sender ?? null);
    `);
    seedThings(datastore, [[1, 10]]);
    instance.callView(0, 'probe_view', 77n, new Uint8Array(0), datastore.committed);
    instance.callView(0, 'probe_anon', undefined, new Uint8Array(0), datastore.committed);
    const readOnly = {
      error: 'Errno19',
      message: 'ABI call can only be made while within a mutable transaction',
    };
    expect(host.reports()).toEqual([
      '1n',
      readOnly,
      readOnly,
      '77n',
      '1n',
      readOnly,
      readOnly,
      null,
    ]);
  });
});

describe('identity, JWTs and logs', () => {
  it('returns the database identity and the caller connection JWT payload', () => {
    const { host, reducer } = setup(`
      report(sys.identity());
      report(new TextDecoder().decode(sys.get_jwt_payload(ctx.connId)));
      report(sys.get_jwt_payload(999n).length);
      report(attempt(() => sys.get_jwt_payload(-1n)));
    `);
    host.jwts.set(42n, '{"sub":"alice"}');
    reducer(new Uint8Array(0), 5n, 42n);
    expect(host.reports()).toEqual([
      `${0xc200_1234n}n`,
      '{"sub":"alice"}',
      0,
      { error: 'TypeError', message: 'connection_id must be a u128 bigint' },
    ]);
  });

  it('logs at every level with the calling function, file and line', () => {
    const { host, reducer } = setup(`
      sys.console_log(0, 'e'); sys.console_log(1, 'w'); sys.console_log(2, 'i');
      sys.console_log(3, 'd'); sys.console_log(4, 't'); sys.console_log(101, 'p');
    `);
    reducer();
    expect(host.logs.map((l) => [l.level, l.message, l.function])).toEqual([
      ['error', 'e', 'probe'],
      ['warn', 'w', 'probe'],
      ['info', 'i', 'probe'],
      ['debug', 'd', 'probe'],
      ['trace', 't', 'probe'],
      ['panic', 'p', 'probe'],
    ]);
    expect(host.logs[0]?.filename).toBe('spacetimedb_module');
    expect(host.logs[0]?.lineNumber).toBeGreaterThan(0);
  });

  it('times spans, refuses unknown timers and forgets timers when the call ends', () => {
    const { host, reducer } = setup(`
      const id = sys.console_timer_start('work');
      sys.console_timer_end(id);
      report(attempt(() => sys.console_timer_end(id)));
      report(sys.console_timer_start('left open'));
    `);
    reducer();
    expect(host.logs[0]?.message).toMatch(/^Timing span "work": \d+(\.\d+)?(ns|µs|ms|s)$/);
    expect(host.reports()).toEqual([
      { error: 'Errno7', message: 'The provided console timer does not exist' },
      1,
    ]);
  });
});

describe('procedure transactions', () => {
  it('opens, commits and aborts transactions of its own', () => {
    const { host, instance, datastore } = setup(`
      report(typeof sys.procedure_start_mut_tx());
      sys.datastore_insert_bsatn(0, bufferOf(u32s(10, 1)), 8);
      sys.procedure_commit_mut_tx();
      sys.procedure_start_mut_tx();
      sys.datastore_insert_bsatn(0, bufferOf(u32s(11, 1)), 8);
      sys.procedure_abort_mut_tx();
      report(attempt(() => sys.datastore_insert_bsatn(0, bufferOf(u32s(12, 1)), 8)));
      report(attempt(() => sys.procedure_commit_mut_tx()));
      sys.procedure_start_mut_tx();
      report(attempt(() => sys.procedure_start_mut_tx()));
    `);
    instance.callProcedure(0, 'probe_proc', 5n, 0n, 0n, new Uint8Array(0));
    expect(host.reports()).toEqual([
      'bigint',
      { error: 'Errno2', message: 'ABI call can only be made while in a transaction' },
      { error: 'Errno18', message: 'Not in an anonymous transaction. Called by a reducer?' },
      {
        error: 'Errno17',
        message: 'Attempted async or blocking op while holding open a transaction',
      },
    ]);
    expect(host.procedureTxs).toEqual({ committed: 1, aborted: 2 });
    expect(host.logs.at(-1)).toMatchObject({
      level: 'error',
      message: 'aborting dangling anonymous transaction in procedure probe_proc',
    });
    expect(datastore.committed.rowCount(0)).toBe(1);
    expect(datastore.open).toBe(false);
  });

  it('refuses procedure transaction calls inside a reducer', () => {
    const { host, reducer } = setup(`
      report(attempt(() => sys.procedure_start_mut_tx()));
      report(attempt(() => sys.procedure_commit_mut_tx()));
      report(attempt(() => sys.procedure_abort_mut_tx()));
    `);
    reducer();
    expect(host.reports()).toEqual([
      {
        error: 'Errno17',
        message: 'Attempted async or blocking op while holding open a transaction',
      },
      { error: 'Errno18', message: 'Not in an anonymous transaction. Called by a reducer?' },
      { error: 'Errno18', message: 'Not in an anonymous transaction. Called by a reducer?' },
    ]);
  });

  it('refuses outbound HTTP with a clear message and queues immediate reducer calls', () => {
    const { host, instance } = setup(`
      report(attempt(() => sys.procedure_http_request(new Uint8Array(0), '')));
      sys.volatile_nonatomic_schedule_immediate('tick', new Uint8Array([1, 2]));
    `);
    instance.callProcedure(0, 'probe_proc', 5n, 0n, 0n, new Uint8Array(0));
    expect(host.reports()).toEqual([
      {
        error: 'Errno21',
        message: 'module outbound HTTP requests are not supported by spacetime-host',
      },
    ]);
    expect(host.immediate).toEqual([{ reducer: 'tick', args: Uint8Array.of(1, 2) }]);
  });
});

describe('scheduled rows and host failures', () => {
  it('lets the database check rows written to schedule tables and refuse them with an errno', () => {
    const { host, reducer } = setup(`
      sys.datastore_insert_bsatn(1, bufferOf(u32s(1)), 4);
      report(attempt(() => sys.datastore_insert_bsatn(1, bufferOf(u32s(2)), 4)));
      sys.datastore_insert_bsatn(0, bufferOf(u32s(9, 9)), 8);
    `);
    host.scheduledTables = new Set([1]);
    let calls = 0;
    host.checkScheduledRow = (tableId, row) => {
      host.scheduledRowsSeen.push({ tableId, row: Uint8Array.from(row) });
      if (++calls === 2) throw new SyscallError(13);
    };
    reducer();
    expect(host.scheduledRowsSeen).toEqual([
      { tableId: 1, row: Uint8Array.of(1, 0, 0, 0) },
      { tableId: 1, row: Uint8Array.of(2, 0, 0, 0) },
    ]);
    expect(host.reports()).toEqual([
      { error: 'Errno13', message: 'Specified delay in scheduling row was too long' },
    ]);
  });

  it('fails the call when the host itself fails, even if the module swallows the error', () => {
    const { reducer, host } = setup(`
      report(attempt(() => sys.get_jwt_payload(1n)));
    `);
    host.jwtPayload = () => {
      throw new Error('disk on fire');
    };
    expect(() => reducer()).toThrow(ModuleExecutionError);
    expect(() => reducer()).toThrow('host error during the call: Error: disk on fire');
  });
});
