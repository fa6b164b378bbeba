import { describe, expect, it } from 'vitest';
import { Ty } from '../sats/algebraic-type.js';
import { bsatn } from '../sats/testing/algebraic-values.js';
import { InMemoryDatastore } from './in-memory-datastore.js';
import { moduleSchema, rangeArgs, row } from './testing/test-schema.js';

// scores: player string, level u8, points i64; btree on (player, level) and unique btree on points
const schema = moduleSchema({
  name: 'scores',
  columns: [
    ['player', Ty.String],
    ['level', Ty.U8],
    ['points', Ty.I64],
  ],
  indexes: [
    ['btree', [0, 1], false],
    ['btree', [2], true],
  ],
});
const score = (player: string, level: number, points: number) =>
  row(schema, 0, player, BigInt(level), BigInt(points));
const entries = [
  score('bob', 1, 10),
  score('bob', 3, 30),
  score('alice', 2, 20),
  score('bob', 2, 25),
  score('bobby', 1, -5),
  score('bo', 9, 90),
  score('bob', 3, 31),
];

function store() {
  const datastore = new InMemoryDatastore(schema);
  const tx = datastore.beginMutTx();
  for (const e of entries) tx.insert(0, e);
  tx.commit(1n);
  return datastore.committed;
}

const label = (r: Uint8Array) => {
  const view = new DataView(r.buffer, r.byteOffset, r.byteLength);
  const len = view.getUint32(0, true);
  return `${new TextDecoder().decode(r.subarray(4, 4 + len))}:${r[4 + len]}:${view.getBigInt64(5 + len, true)}`;
};

describe('btree index scans through the datastore', () => {
  it('scan a prefix of a multi-column key with a range on the next column', () => {
    const read = store();
    const bob = bsatn(Ty.String, 'bob');
    const u8 = (v: number) => bsatn(Ty.U8, BigInt(v));
    expect(read.indexScanRange(0, rangeArgs(bob, 1, [2], [2])).map(label)).toEqual([
      'bob:1:10',
      'bob:2:25',
      'bob:3:30',
      'bob:3:31',
    ]);
    expect(read.indexScanRange(0, rangeArgs(bob, 1, [1, u8(1)], [0, u8(3)])).map(label)).toEqual([
      'bob:2:25',
      'bob:3:30',
      'bob:3:31',
    ]);
    expect(read.indexScanRange(0, rangeArgs(bob, 1, [0, u8(3)])).map(label)).toEqual([
      'bob:3:30',
      'bob:3:31',
    ]);
    expect(
      read.indexScanRange(0, rangeArgs(new Uint8Array(), 0, [1, bob], [2])).map(label),
    ).toEqual(['bobby:1:-5']);
    expect(
      read
        .indexScanRange(0, rangeArgs(new Uint8Array(), 0, [0, bob], [1, bsatn(Ty.String, 'bobby')]))
        .map(label),
    ).toEqual(['bob:1:10', 'bob:2:25', 'bob:3:30', 'bob:3:31']);
  });

  it('range-scan a unique btree index in key order', () => {
    const read = store();
    const i64 = (v: number) => bsatn(Ty.I64, BigInt(v));
    expect(
      read.indexScanRange(1, rangeArgs(new Uint8Array(), 0, [0, i64(-5)], [1, i64(30)])).map(label),
    ).toEqual(['bobby:1:-5', 'bob:1:10', 'alice:2:20', 'bob:2:25']);
    expect(read.indexScanPoint(1, i64(90)).map(label)).toEqual(['bo:9:90']);
  });
});
