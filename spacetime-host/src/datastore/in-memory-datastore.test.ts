import { describe, expect, it } from 'vitest';
import { Ty } from '../sats/algebraic-type.js';
import { bsatn } from '../sats/testing/algebraic-values.js';
import type { TxChanges } from './datastore.js';
import { DatastoreError, Errno, type ErrnoCode } from './datastore-error.js';
import { InMemoryDatastore } from './in-memory-datastore.js';
import { moduleSchema, row, rowVec } from './testing/test-schema.js';

// items: id u64 auto-inc btree pk, label string; tags: n u8 auto-inc (hash unique), f64 score (btree unique)
const schema = moduleSchema(
  {
    name: 'items',
    columns: [
      ['id', Ty.U64],
      ['label', Ty.String],
    ],
    indexes: [['btree', [0], true]],
    primaryKey: 0,
    sequences: [{ colId: 0 }],
  },
  {
    name: 'tags',
    columns: [
      ['n', Ty.U8],
      ['score', Ty.F64],
      ['seq', Ty.I16],
    ],
    indexes: [
      ['hash', [0], true],
      ['btree', [1], true],
    ],
    sequences: [
      { colId: 0, start: 250n, min: 0n, max: 255n },
      { colId: 2, start: -2n, min: -3n, max: 3n, increment: -1n },
    ],
  },
);
const ITEMS = 0;
const TAGS = 1;
const item = (id: number, label: string) => row(schema, ITEMS, BigInt(id), label);
const f64 = (x: number) => {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  return view.getBigUint64(0);
};
const tag = (n: number, score: number, seq = 0) =>
  row(schema, TAGS, BigInt(n), f64(score), BigInt(seq));

function expectErrno(fn: () => unknown, errno: ErrnoCode): void {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(DatastoreError);
  expect((caught as DatastoreError).errno).toBe(errno);
}

function write(
  datastore: InMemoryDatastore,
  timestamp: bigint,
  body: (tx: ReturnType<InMemoryDatastore['beginMutTx']>) => void,
): TxChanges {
  const tx = datastore.beginMutTx();
  body(tx);
  return tx.commit(timestamp);
}

describe('auto-increment sequences', () => {
  it('fill zero columns and return only the generated columns', () => {
    const datastore = new InMemoryDatastore(schema);
    const tx = datastore.beginMutTx();
    const first = tx.insert(ITEMS, item(0, 'a'));
    expect(first.row).toEqual(item(1, 'a'));
    expect(first.generated).toEqual(bsatn(Ty.U64, 1n));
    expect(tx.insert(ITEMS, item(0, 'a')).row).toEqual(item(2, 'a'));
    const explicit = tx.insert(ITEMS, item(10, 'b'));
    expect(explicit.generated).toEqual(new Uint8Array(0));
    expect(tx.insert(ITEMS, item(0, 'c')).row).toEqual(item(3, 'c'));
  });

  it('generate several columns in column order, wrap within min..max, truncate to the column', () => {
    const datastore = new InMemoryDatastore(schema);
    const tx = datastore.beginMutTx();
    const values: [number, number][] = [];
    for (let i = 0; i < 8; i++) {
      const { row: r, generated } = tx.insert(TAGS, tag(0, i, 0));
      const view = new DataView(r.buffer, r.byteOffset);
      values.push([r[0]!, view.getInt16(9, true)]);
      expect(generated).toEqual(Uint8Array.of(r[0]!, r[9]!, r[10]!));
    }
    expect(values).toEqual([
      [250, -2],
      [251, -3],
      [252, 3],
      [253, 2],
      [254, 1],
      [255, 0],
      [0, -1],
      [1, -2],
    ]);
  });

  it('are not rolled back: values handed out stay used', () => {
    const datastore = new InMemoryDatastore(schema);
    const tx = datastore.beginMutTx();
    tx.insert(ITEMS, item(0, 'a'));
    tx.rollback();
    const next = datastore.beginMutTx();
    expect(next.insert(ITEMS, item(0, 'b')).row).toEqual(item(2, 'b'));
    next.commit(1n);
    expect(datastore.exportState().sequences).toMatchObject({
      'items.0': 3n,
      'tags.0': 250n,
      'tags.2': -2n,
    });
  });

  it('generate on update too, as SpacetimeDB does', () => {
    const datastore = new InMemoryDatastore(schema);
    write(datastore, 1n, (tx) => tx.insert(ITEMS, item(0, 'a')));
    const tx = datastore.beginMutTx();
    expectErrno(() => tx.update(ITEMS, 0, item(0, 'b')), Errno.NO_SUCH_ROW);
    expect(tx.insert(ITEMS, item(0, 'c')).row).toEqual(item(3, 'c'));
  });
});

describe('float keys', () => {
  it('treat -0 and +0 (and every NaN) as the same unique key', () => {
    const datastore = new InMemoryDatastore(schema);
    const tx = datastore.beginMutTx();
    tx.insert(TAGS, tag(1, 0));
    expectErrno(() => tx.insert(TAGS, tag(2, -0)), Errno.UNIQUE_ALREADY_EXISTS);
    tx.insert(TAGS, tag(3, Number.NaN));
    const otherNaN = tag(4, 0);
    new DataView(otherNaN.buffer).setBigUint64(1, 0xfff8000000000001n, true);
    expectErrno(() => tx.insert(TAGS, otherNaN), Errno.UNIQUE_ALREADY_EXISTS);
  });
});

describe('commit', () => {
  it('reports net changes: updates as delete + insert, cancelled pairs omitted', () => {
    const datastore = new InMemoryDatastore(schema);
    write(datastore, 1n, (tx) => {
      tx.insert(ITEMS, item(1, 'a'));
      tx.insert(ITEMS, item(2, 'b'));
      tx.insert(ITEMS, item(3, 'c'));
    });
    const changes = write(datastore, 7n, (tx) => {
      tx.update(ITEMS, 0, item(1, 'A'));
      tx.insert(ITEMS, item(4, 'temp'));
      tx.deleteAllByEq(ITEMS, rowVec(item(4, 'temp')));
      tx.deleteAllByEq(ITEMS, rowVec(item(2, 'b')));
      tx.insert(ITEMS, item(9, 'x'));
      tx.insert(ITEMS, item(2, 'b')); // re-inserting a deleted row is no change
      tx.update(ITEMS, 0, item(3, 'C'));
      tx.update(ITEMS, 0, item(3, 'c')); // and back again
    });
    expect(changes.txOffset).toBe(2n);
    expect(changes.timestamp).toBe(7n);
    expect(changes.tables).toHaveLength(1);
    const [items] = changes.tables;
    expect(items!.tableName).toBe('items');
    expect(items!.deletes).toEqual([item(1, 'a')]);
    expect(new Set(items!.inserts.map((r) => r.join()))).toEqual(
      new Set([item(1, 'A'), item(9, 'x')].map((r) => r.join())),
    );
  });

  it('numbers only transactions that changed something', () => {
    const datastore = new InMemoryDatastore(schema);
    expect(datastore.txOffset).toBe(0n);
    expect(write(datastore, 1n, () => {})).toEqual({ txOffset: 0n, timestamp: 1n, tables: [] });
    expect(write(datastore, 2n, (tx) => tx.insert(ITEMS, item(1, 'a'))).txOffset).toBe(1n);
    expect(
      write(datastore, 3n, (tx) => {
        tx.insert(ITEMS, item(2, 'b'));
        tx.deleteAllByEq(ITEMS, rowVec(item(2, 'b')));
      }).tables,
    ).toEqual([]);
    expect(write(datastore, 4n, (tx) => tx.clear(ITEMS)).txOffset).toBe(2n);
    expect(datastore.txOffset).toBe(2n);
  });

  it('lists tables in id order, large transactions included', () => {
    const datastore = new InMemoryDatastore(schema);
    const changes = write(datastore, 1n, (tx) => {
      tx.insert(TAGS, tag(1, 1, 1));
      for (let i = 1; i <= 500; i++) tx.insert(ITEMS, item(i, `n${i}`));
    });
    expect(changes.tables.map((t) => [t.tableName, t.inserts.length])).toEqual([
      ['items', 500],
      ['tags', 1],
    ]);
    const again = write(datastore, 2n, (tx) => {
      tx.clear(ITEMS);
      for (let i = 1; i <= 500; i++) tx.insert(ITEMS, item(i, `n${i}`));
      tx.insert(ITEMS, item(501, 'new'));
    });
    expect(again.tables).toEqual([
      { tableId: ITEMS, tableName: 'items', inserts: [item(501, 'new')], deletes: [] },
    ]);
  });
});

describe('transactions', () => {
  it('allow one mutable transaction at a time', () => {
    const datastore = new InMemoryDatastore(schema);
    const tx = datastore.beginMutTx();
    expectErrno(() => datastore.beginMutTx(), Errno.WOULD_BLOCK_TRANSACTION);
    expectErrno(() => datastore.committed.scan(ITEMS), Errno.WOULD_BLOCK_TRANSACTION);
    expectErrno(() => datastore.exportState(), Errno.WOULD_BLOCK_TRANSACTION);
    tx.commit(0n);
    expect(() => datastore.beginMutTx().rollback()).not.toThrow();
    expect(datastore.committed.scan(ITEMS)).toEqual([]);
  });

  it('resolve names and aliases', () => {
    const datastore = new InMemoryDatastore(schema);
    const read = datastore.committed;
    expect(read.tableIdFromName('tags')).toBe(TAGS);
    expect(read.tableIdFromName('tagsSource')).toBe(TAGS);
    expect(read.indexIdFromName('tags_score_idx_btree')).toBe(2);
    expect(read.indexIdFromName('tags_score_idx_btree_source')).toBe(2);
    expectErrno(() => read.tableIdFromName('nope'), Errno.NO_SUCH_TABLE);
    expectErrno(() => read.indexIdFromName('nope'), Errno.NO_SUCH_INDEX);
  });
});

describe('durability support', () => {
  function populated(): { datastore: InMemoryDatastore; log: TxChanges[] } {
    const datastore = new InMemoryDatastore(schema);
    const log = [
      write(datastore, 1n, (tx) => {
        for (let i = 0; i < 5; i++) tx.insert(ITEMS, item(0, `i${i}`));
        tx.insert(TAGS, tag(0, 1.5, 0));
      }),
      write(datastore, 2n, (tx) => {
        tx.update(ITEMS, 0, item(2, 'renamed'));
        tx.deleteAllByEq(ITEMS, rowVec(item(4, 'i3')));
      }),
    ];
    return { datastore, log };
  }

  it('exportState and fromState round-trip rows, sequences and the offset', () => {
    const { datastore } = populated();
    const state = datastore.exportState();
    const copy = InMemoryDatastore.fromState(schema, state);
    expect(copy.exportState()).toEqual(state);
    expect(copy.txOffset).toBe(2n);
    const tx = copy.beginMutTx();
    expect(tx.insert(ITEMS, item(0, 'next')).row).toEqual(item(6, 'next'));
    expectErrno(() => tx.insert(ITEMS, item(2, 'clash')), Errno.UNIQUE_ALREADY_EXISTS);
  });

  it('fromState rejects rows that do not fit the schema', () => {
    const base = { txOffset: 0n, sequences: {} };
    expect(() =>
      InMemoryDatastore.fromState(schema, { ...base, tables: [{ tableName: 'ghosts', rows: [] }] }),
    ).toThrow(DatastoreError);
    expectErrno(
      () =>
        InMemoryDatastore.fromState(schema, {
          ...base,
          tables: [{ tableName: 'items', rows: [Uint8Array.of(1)] }],
        }),
      Errno.BSATN_DECODE_ERROR,
    );
    expectErrno(
      () =>
        InMemoryDatastore.fromState(schema, {
          ...base,
          tables: [{ tableName: 'items', rows: [item(1, 'a'), item(1, 'b')] }],
        }),
      Errno.UNIQUE_ALREADY_EXISTS,
    );
  });

  it('replay reproduces the state and moves sequences past replayed values', () => {
    const { datastore, log } = populated();
    const recovered = new InMemoryDatastore(schema);
    for (const changes of log) recovered.replay(changes);
    const expected = datastore.exportState();
    const actual = recovered.exportState();
    // Same rows; slot order may differ, as page layout does after a SpacetimeDB replay.
    const sorted = (state: typeof actual) =>
      state.tables.map((t) => [t.tableName, t.rows.map((r) => r.join()).sort()]);
    expect(sorted(actual)).toEqual(sorted(expected));
    expect(actual.txOffset).toBe(2n);
    expect(actual.sequences['items.0']).toBe(6n);
    expect(actual.sequences['tags.0']).toBe(251n);
  });

  it('replay of changes that do not fit leaves the state untouched', () => {
    const { datastore } = populated();
    const before = datastore.exportState();
    const bad: TxChanges = {
      txOffset: 3n,
      timestamp: 3n,
      tables: [
        { tableId: ITEMS, tableName: 'items', inserts: [item(50, 'ok')], deletes: [item(1, 'i0')] },
        { tableId: TAGS, tableName: 'tags', inserts: [], deletes: [tag(9, 9)] },
      ],
    };
    expectErrno(() => datastore.replay(bad), Errno.NO_SUCH_ROW);
    expect(datastore.exportState().tables).toEqual(before.tables);
    expect(datastore.txOffset).toBe(2n);
    expect(() => datastore.beginMutTx().rollback()).not.toThrow();
  });
});
