import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BinaryWriter } from 'spacetimedb';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleModule } from '../../src/runtime/bundle-module.js';
import { ModuleExecutionError, ModuleSenderError } from '../../src/runtime/module-errors.js';
import { ModuleInstance } from '../../src/runtime/module-instance.js';
import { FakeDatastore } from '../support/fake-datastore.js';
import { RecordingHost } from '../support/recording-host.js';

const moduleDir = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '../fixtures/transfer-module',
);
const SEED = 0;
const TRANSFER = 1;

function args(write: (w: BinaryWriter) => void): Uint8Array {
  const writer = new BinaryWriter(32);
  write(writer);
  return writer.getBuffer();
}

const balances = (datastore: FakeDatastore) =>
  datastore.committed.scan(0).map((row) => {
    const view = new DataView(row.buffer, row.byteOffset, row.length);
    return [view.getUint32(0, true), view.getBigInt64(4, true)] as const;
  });

describe('the transfer module on the real library', () => {
  let program: string;
  beforeAll(async () => {
    program = await bundleModule(moduleDir);
  });

  const setup = () => {
    const datastore = new FakeDatastore([
      {
        name: 'accounts',
        indexes: [
          { name: 'accounts_id_idx_hash', from: 0, to: 4, unique: true, algorithm: 'hash' },
        ],
      },
    ]);
    const host = new RecordingHost(datastore);
    const instance = ModuleInstance.load(program, host);
    const call = (reducerId: number, name: string, bytes: Uint8Array) => {
      const tx = datastore.beginMutTx();
      try {
        instance.callReducer(reducerId, name, 7n, 0n, 1n, bytes, tx);
        tx.commit(1n);
      } catch (error) {
        tx.rollback();
        throw error;
      }
    };
    const seed = (n: number, balance: bigint) =>
      call(
        SEED,
        'seed',
        args((w) => {
          w.writeU32(n);
          w.writeI64(balance);
        }),
      );
    const transfer = (from: number, to: number, amount: bigint) =>
      call(
        TRANSFER,
        'transfer',
        args((w) => {
          w.writeU32(from);
          w.writeU32(to);
          w.writeI64(amount);
        }),
      );
    return { datastore, host, seed, transfer, call };
  };

  it('seeds, reseeds and moves money between accounts', () => {
    const { datastore, seed, transfer } = setup();
    seed(5, 100n);
    seed(3, 50n);
    transfer(0, 2, 20n);
    expect(balances(datastore).sort((a, b) => a[0] - b[0])).toEqual([
      [0, 30n],
      [1, 50n],
      [2, 70n],
    ]);
  });

  it('reports SenderError to the caller and leaves nothing to commit', () => {
    const { datastore, seed, transfer } = setup();
    seed(2, 10n);
    expect(() => transfer(0, 1, 11n)).toThrow(
      new ModuleSenderError('insufficient funds in account 0'),
    );
    expect(() => transfer(0, 9, 1n)).toThrow(new ModuleSenderError('no account 9'));
    expect(balances(datastore)).toEqual([
      [0, 10n],
      [1, 10n],
    ]);
  });

  it('reports malformed arguments as an execution error', () => {
    const { call } = setup();
    expect(() => call(TRANSFER, 'transfer', new Uint8Array(3))).toThrow(ModuleExecutionError);
    expect(() => call(TRANSFER, 'transfer', new Uint8Array(3))).toThrow(/RangeError/);
  });
});
