import { describe, expect, it } from 'vitest';
import { Ty } from '../sats/algebraic-type.js';
import { bsatn } from '../sats/testing/algebraic-values.js';
import type { MutTx } from './datastore.js';
import { DatastoreError, Errno, type ErrnoCode } from './datastore-error.js';
import { InMemoryDatastore } from './in-memory-datastore.js';
import { moduleSchema, rangeArgs, row, rowVec } from './testing/test-schema.js';

// users: id u32 (btree pk), name string (unique hash), age i32 (non-unique btree)
// logs: at i64, message string — no unique index at all
const schema = moduleSchema(
  {
    name: 'users',
    columns: [
      ['id', Ty.U32],
      ['name', Ty.String],
      ['age', Ty.I32],
    ],
    indexes: [
      ['btree', [0], true],
      ['hash', [1], true],
      ['btree', [2], false],
    ],
    primaryKey: 0,
  },
  {
    name: 'logs',
    columns: [
      ['at', Ty.I64],
      ['message', Ty.String],
    ],
  },
);
const USERS = 0;
const LOGS = 1;
const BY_ID = 0;
const BY_NAME = 1;
const BY_AGE = 2;
const user = (id: number, name: string, age: number) =>
  row(schema, USERS, BigInt(id), name, BigInt(age));
const log = (at: number, message: string) => row(schema, LOGS, BigInt(at), message);
const u32 = (v: number) => bsatn(Ty.U32, BigInt(v));
const i32 = (v: number) => bsatn(Ty.I32, BigInt(v));
const str = (s: string) => bsatn(Ty.String, s);

function expectErrno(fn: () => unknown, errno: ErrnoCode): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DatastoreError);
    expect((error as DatastoreError).errno).toBe(errno);
    return;
  }
  throw new Error(`expected errno ${errno}`);
}

function open(...rows: Uint8Array[]): { datastore: InMemoryDatastore; tx: MutTx } {
  const datastore = new InMemoryDatastore(schema);
  const seed = datastore.beginMutTx();
  for (const r of rows) seed.insert(USERS, r);
  seed.commit(1n);
  return { datastore, tx: datastore.beginMutTx() };
}

const names = (rows: Uint8Array[]) =>
  rows.map((r) => new TextDecoder().decode(r.subarray(8, r.length - 4)));

describe('insert', () => {
  it('stores a copy of the row and returns it', () => {
    const { tx } = open();
    const input = user(1, 'ann', 30);
    const { row: stored, generated } = tx.insert(USERS, input);
    input.fill(0);
    expect(stored).toEqual(user(1, 'ann', 30));
    expect(generated).toEqual(new Uint8Array(0));
    expect(tx.scan(USERS)).toEqual([user(1, 'ann', 30)]);
    expect(tx.rowCount(USERS)).toBe(1);
  });

  it('treats a byte-identical row as already present (set semantics)', () => {
    const { tx } = open(user(1, 'ann', 30));
    tx.insert(USERS, user(1, 'ann', 30));
    expect(tx.rowCount(USERS)).toBe(1);
    tx.insert(LOGS, log(5, 'x'));
    tx.insert(LOGS, log(5, 'x'));
    tx.insert(LOGS, log(5, 'y'));
    expect(tx.rowCount(LOGS)).toBe(2);
  });

  it('rejects a different row with a taken unique key', () => {
    const { tx } = open(user(1, 'ann', 30));
    expectErrno(() => tx.insert(USERS, user(1, 'bob', 30)), Errno.UNIQUE_ALREADY_EXISTS);
    expectErrno(() => tx.insert(USERS, user(2, 'ann', 40)), Errno.UNIQUE_ALREADY_EXISTS);
    expect(tx.scan(USERS)).toEqual([user(1, 'ann', 30)]);
  });

  it('rejects malformed BSATN and leaves the table alone', () => {
    const { tx } = open();
    const good = user(1, 'ann', 30);
    expectErrno(
      () => tx.insert(USERS, good.subarray(0, good.length - 1)),
      Errno.BSATN_DECODE_ERROR,
    );
    expectErrno(() => tx.insert(USERS, Uint8Array.from([...good, 0])), Errno.BSATN_DECODE_ERROR);
    const badUtf8 = Uint8Array.from(good);
    badUtf8[8] = 0xff;
    expectErrno(() => tx.insert(USERS, badUtf8), Errno.BSATN_DECODE_ERROR);
    expect(tx.rowCount(USERS)).toBe(0);
  });

  it('reports unknown tables', () => {
    const { tx } = open();
    expectErrno(() => tx.insert(7, user(1, 'a', 1)), Errno.NO_SUCH_TABLE);
    expectErrno(() => tx.scan(7), Errno.NO_SUCH_TABLE);
    expectErrno(() => tx.rowCount(-1), Errno.NO_SUCH_TABLE);
  });
});

describe('update', () => {
  it('replaces the row with the same unique key', () => {
    const { tx } = open(user(1, 'ann', 30), user(2, 'bob', 40));
    const { row: stored } = tx.update(USERS, BY_ID, user(1, 'ann', 31));
    expect(stored).toEqual(user(1, 'ann', 31));
    expect(tx.indexScanPoint(BY_ID, u32(1))).toEqual([user(1, 'ann', 31)]);
    expect(tx.rowCount(USERS)).toBe(2);
  });

  it('finds the row through any unique index and moves other index entries', () => {
    const { tx } = open(user(1, 'ann', 30));
    tx.update(USERS, BY_NAME, user(9, 'ann', 50));
    expect(tx.indexScanPoint(BY_ID, u32(1))).toEqual([]);
    expect(tx.indexScanPoint(BY_ID, u32(9))).toEqual([user(9, 'ann', 50)]);
    expect(tx.indexScanPoint(BY_AGE, i32(30))).toEqual([]);
    expect(tx.indexScanPoint(BY_AGE, i32(50))).toEqual([user(9, 'ann', 50)]);
  });

  it('fails with NO_SUCH_ROW, INDEX_NOT_UNIQUE, NO_SUCH_INDEX and UNIQUE_ALREADY_EXISTS', () => {
    const { tx } = open(user(1, 'ann', 30), user(2, 'bob', 40));
    expectErrno(() => tx.update(USERS, BY_ID, user(3, 'cat', 1)), Errno.NO_SUCH_ROW);
    expectErrno(() => tx.update(USERS, BY_AGE, user(1, 'ann', 30)), Errno.INDEX_NOT_UNIQUE);
    expectErrno(() => tx.update(USERS, 99, user(1, 'ann', 30)), Errno.NO_SUCH_INDEX);
    expectErrno(() => tx.update(LOGS, BY_ID, log(1, 'x')), Errno.NO_SUCH_INDEX);
    expectErrno(() => tx.update(USERS, BY_ID, user(1, 'bob', 30)), Errno.UNIQUE_ALREADY_EXISTS);
    expectErrno(() => tx.update(USERS, BY_ID, Uint8Array.of(1)), Errno.BSATN_DECODE_ERROR);
    expect(tx.scan(USERS)).toEqual([user(1, 'ann', 30), user(2, 'bob', 40)]);
  });

  it('is a no-op for an identical row', () => {
    const { tx } = open(user(1, 'ann', 30));
    tx.update(USERS, BY_ID, user(1, 'ann', 30));
    expect(tx.commit(2n).tables).toEqual([]);
  });
});

describe('deletes', () => {
  it('deleteAllByEq deletes the rows present and counts them', () => {
    const { tx } = open(user(1, 'ann', 30), user(2, 'bob', 40));
    expect(
      tx.deleteAllByEq(USERS, rowVec(user(1, 'ann', 30), user(1, 'ann', 31), user(1, 'ann', 30))),
    ).toBe(1);
    expect(tx.scan(USERS)).toEqual([user(2, 'bob', 40)]);
    tx.insert(LOGS, log(1, 'a'));
    expect(tx.deleteAllByEq(LOGS, rowVec(log(1, 'a')))).toBe(1);
    expect(tx.deleteAllByEq(LOGS, rowVec())).toBe(0);
    expectErrno(
      () => tx.deleteAllByEq(USERS, Uint8Array.of(1, 0, 0, 0, 9)),
      Errno.BSATN_DECODE_ERROR,
    );
  });

  it('deleteByIndexPoint deletes every row with the key', () => {
    const { tx } = open(user(1, 'ann', 30), user(2, 'bob', 30), user(3, 'cat', 40));
    expect(tx.deleteByIndexPoint(BY_AGE, i32(30))).toBe(2);
    expect(tx.deleteByIndexPoint(BY_AGE, i32(30))).toBe(0);
    expect(tx.deleteByIndexPoint(BY_NAME, str('cat'))).toBe(1);
    expect(tx.rowCount(USERS)).toBe(0);
    expectErrno(() => tx.deleteByIndexPoint(BY_ID, Uint8Array.of(1, 2)), Errno.BSATN_DECODE_ERROR);
    expectErrno(() => tx.deleteByIndexPoint(42, u32(1)), Errno.NO_SUCH_INDEX);
  });

  it('deleteByIndexRange deletes a key range; hash indexes refuse ranges', () => {
    const { tx } = open(...[25, 30, 35, 40, 45].map((age, i) => user(i, `u${i}`, age)));
    expect(
      tx.deleteByIndexRange(BY_AGE, rangeArgs(new Uint8Array(), 0, [1, i32(30)], [0, i32(40)])),
    ).toBe(2);
    expect(names(tx.scan(USERS))).toEqual(['u0', 'u1', 'u4']);
    const all = rangeArgs(new Uint8Array(), 0, [2], [2]);
    expectErrno(() => tx.deleteByIndexRange(BY_NAME, all), Errno.WRONG_INDEX_ALGO);
    expectErrno(() => tx.indexScanRange(BY_NAME, all), Errno.WRONG_INDEX_ALGO);
    const badTag = rangeArgs(new Uint8Array(), 0, [2]);
    badTag.buf[0] = 3;
    expectErrno(() => tx.indexScanRange(BY_AGE, badTag), Errno.BSATN_DECODE_ERROR);
  });

  it('clear removes every row and reports how many', () => {
    const { tx } = open(user(1, 'ann', 30), user(2, 'bob', 40));
    expect(tx.clear(USERS)).toBe(2);
    expect(tx.scan(USERS)).toEqual([]);
    expect(tx.indexScanPoint(BY_ID, u32(1))).toEqual([]);
    expect(tx.clear(USERS)).toBe(0);
  });

  it('scans are snapshots: deleting while iterating is safe', () => {
    const { tx } = open(user(1, 'ann', 30), user(2, 'bob', 40), user(3, 'cat', 50));
    const seen: Uint8Array[] = [];
    for (const r of tx.scan(USERS)) {
      seen.push(r);
      expect(tx.deleteAllByEq(USERS, rowVec(r))).toBe(1);
    }
    expect(seen).toHaveLength(3);
    expect(tx.rowCount(USERS)).toBe(0);
  });
});

describe('index scans', () => {
  it('range scans return rows in key order, negatives first', () => {
    const ages = [7, -3, 0, 12, -40, 7, 2147483647, -2147483648];
    const { tx } = open(...ages.map((age, i) => user(i, `u${i}`, age)));
    const scanAges = (args: ReturnType<typeof rangeArgs>) =>
      tx
        .indexScanRange(BY_AGE, args)
        .map((r) => new DataView(r.buffer, r.byteOffset).getInt32(r.length - 4, true));
    expect(scanAges(rangeArgs(new Uint8Array(), 0, [2], [2]))).toEqual([
      -2147483648, -40, -3, 0, 7, 7, 12, 2147483647,
    ]);
    expect(scanAges(rangeArgs(new Uint8Array(), 0, [0, i32(-3)], [1, i32(12)]))).toEqual([
      -3, 0, 7, 7,
    ]);
    expect(scanAges(rangeArgs(new Uint8Array(), 0, [0, i32(7)]))).toEqual([7, 7]);
    expect(scanAges(rangeArgs(new Uint8Array(), 0, [1, i32(12)], [0, i32(0)]))).toEqual([]);
  });

  it('point scans on a non-unique index return every match', () => {
    const { tx } = open(user(1, 'ann', 30), user(2, 'bob', 30), user(3, 'cat', 31));
    expect(names(tx.indexScanPoint(BY_AGE, i32(30))).sort()).toEqual(['ann', 'bob']);
    expect(tx.indexScanPoint(BY_AGE, i32(99))).toEqual([]);
    expectErrno(() => tx.indexScanPoint(BY_AGE, u32(1).subarray(0, 3)), Errno.BSATN_DECODE_ERROR);
  });
});

describe('rollback', () => {
  it('restores rows, scan order, indexes and counts exactly', () => {
    const { datastore, tx } = open(user(1, 'ann', 30), user(2, 'bob', 40), user(3, 'cat', 50));
    const before = tx.scan(USERS);
    tx.deleteAllByEq(USERS, rowVec(user(2, 'bob', 40)));
    tx.insert(USERS, user(4, 'dan', 60));
    tx.update(USERS, BY_ID, user(1, 'ann', 99));
    tx.insert(USERS, user(5, 'eve', 40));
    tx.deleteByIndexPoint(BY_ID, u32(4));
    tx.clear(USERS);
    tx.insert(USERS, user(2, 'bob', 41));
    tx.insert(LOGS, log(1, 'gone'));
    tx.rollback();
    const read = datastore.committed;
    expect(read.scan(USERS)).toEqual(before);
    expect(read.rowCount(USERS)).toBe(3);
    expect(read.rowCount(LOGS)).toBe(0);
    expect(read.indexScanPoint(BY_ID, u32(1))).toEqual([user(1, 'ann', 30)]);
    expect(read.indexScanPoint(BY_ID, u32(5))).toEqual([]);
    expect(read.indexScanPoint(BY_NAME, str('bob'))).toEqual([user(2, 'bob', 40)]);
    expect(read.indexScanPoint(BY_AGE, i32(99))).toEqual([]);
    expect(names(read.indexScanRange(BY_AGE, rangeArgs(new Uint8Array(), 0, [2], [2])))).toEqual([
      'ann',
      'bob',
      'cat',
    ]);
    // The restored state keeps working: slots, unique keys and changes are consistent.
    const next = datastore.beginMutTx();
    expectErrno(() => next.insert(USERS, user(1, 'zed', 1)), Errno.UNIQUE_ALREADY_EXISTS);
    next.insert(USERS, user(6, 'fay', 70));
    expect(next.commit(3n).tables).toEqual([
      { tableId: USERS, tableName: 'users', inserts: [user(6, 'fay', 70)], deletes: [] },
    ]);
    expect(names(datastore.committed.scan(USERS))).toEqual(['ann', 'bob', 'cat', 'fay']);
  });

  it('ends the transaction: further use fails with NOT_IN_TRANSACTION', () => {
    const { tx } = open();
    tx.rollback();
    expectErrno(() => tx.insert(USERS, user(1, 'a', 1)), Errno.NOT_IN_TRANSACTION);
    expectErrno(() => tx.scan(USERS), Errno.NOT_IN_TRANSACTION);
    expectErrno(() => tx.commit(0n), Errno.NOT_IN_TRANSACTION);
    expectErrno(() => tx.rollback(), Errno.NOT_IN_TRANSACTION);
  });
});
