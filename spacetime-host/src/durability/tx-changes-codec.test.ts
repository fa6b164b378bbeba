import { BinaryWriter } from 'spacetimedb';
import { describe, expect, it } from 'vitest';
import { sampleTx } from '../../test/durability/durability-fixtures.js';
import type { TxChanges } from '../datastore/datastore.js';
import { decodeTxChanges, encodeTxChanges, MIN_TX_CHANGES_LEN } from './tx-changes-codec.js';

function encode(changes: TxChanges): Uint8Array {
  const writer = new BinaryWriter(16);
  encodeTxChanges(writer, changes);
  return writer.getBuffer().slice();
}

describe('TxChanges BSATN', () => {
  it('round-trips a transaction with several tables', () => {
    const tx = sampleTx(42n);
    expect(decodeTxChanges(encode(tx))).toEqual(tx);
  });

  it('round-trips edge values: empty tables, empty rows, unicode names, extreme numbers', () => {
    const tx: TxChanges = {
      txOffset: 2n ** 64n - 1n,
      timestamp: -(2n ** 63n),
      tables: [
        {
          tableId: 0xffffffff,
          tableName: 'närrisch_表',
          inserts: [new Uint8Array(0)],
          deletes: [],
        },
        { tableId: 0, tableName: '', inserts: [], deletes: [new Uint8Array(5000).fill(9)] },
      ],
    };
    expect(decodeTxChanges(encode(tx))).toEqual(tx);
    const empty: TxChanges = { txOffset: 0n, timestamp: 0n, tables: [] };
    expect(encode(empty)).toHaveLength(MIN_TX_CHANGES_LEN);
    expect(decodeTxChanges(encode(empty))).toEqual(empty);
  });

  it('lays the fields out as BSATN: u64 offset, i64 timestamp, then a u32-counted Vec', () => {
    const bytes = encode({
      txOffset: 1n,
      timestamp: 2n,
      tables: [{ tableId: 3, tableName: 'a', inserts: [Uint8Array.of(7)], deletes: [] }],
    });
    expect([...bytes]).toEqual([
      ...[1, 0, 0, 0, 0, 0, 0, 0],
      ...[2, 0, 0, 0, 0, 0, 0, 0],
      ...[1, 0, 0, 0], // one table
      ...[3, 0, 0, 0], // tableId
      ...[1, 0, 0, 0, 0x61], // "a"
      ...[1, 0, 0, 0, 1, 0, 0, 0, 7], // inserts: one row [7]
      ...[0, 0, 0, 0], // no deletes
    ]);
  });

  it('returns rows that do not alias the payload buffer', () => {
    const bytes = encode(sampleTx(5n));
    const decoded = decodeTxChanges(bytes);
    bytes.fill(0);
    expect(decoded).toEqual(sampleTx(5n));
  });

  it('rejects truncated payloads at every length', () => {
    const bytes = encode(sampleTx(9n));
    for (let cut = 0; cut < bytes.length; cut++) {
      expect(() => decodeTxChanges(bytes.subarray(0, cut))).toThrow(RangeError);
    }
  });

  it('rejects trailing bytes and impossible row counts', () => {
    const bytes = encode(sampleTx(9n));
    const longer = new Uint8Array(bytes.length + 1);
    longer.set(bytes);
    expect(() => decodeTxChanges(longer)).toThrow(/trailing/);

    const writer = new BinaryWriter(64);
    writer.writeU64(1n);
    writer.writeI64(0n);
    writer.writeU32(1);
    writer.writeU32(1);
    writer.writeString('t');
    writer.writeU32(0x7fffffff); // row count far beyond the bytes that follow
    expect(() => decodeTxChanges(writer.getBuffer())).toThrow(/row count/);
  });
});
