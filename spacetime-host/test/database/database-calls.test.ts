import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BinaryWriter } from 'spacetimedb';
import { beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/database/database.js';
import {
  InvalidArgumentsError,
  LifecycleReducerError,
  NoSuchReducerError,
} from '../../src/database/database-errors.js';
import { bundleModule } from '../../src/runtime/bundle-module.js';
import { fakeServices } from '../support/fake-services.js';
import { probeModule } from '../support/probe-module.js';
import { buildSchema, I64, U32 } from '../support/test-schema.js';

const moduleDir = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '../fixtures/transfer-module',
);
const OWNER = 0xaaan;
const ALICE = { identity: 0xa11cen, connectionId: 0n };

const transferSchema = buildSchema({
  tables: [
    {
      name: 'accounts',
      columns: [
        ['id', U32],
        ['balance', I64],
      ],
      indexes: [{ name: 'accounts_id_idx_hash', columns: [0], unique: true, algorithm: 'hash' }],
    },
  ],
  reducers: [
    {
      name: 'seed',
      params: [
        ['n', U32],
        ['initialBalance', I64],
      ],
    },
    {
      name: 'transfer',
      params: [
        ['from', U32],
        ['to', U32],
        ['amount', I64],
      ],
    },
  ],
});
const accountsTable = {
  name: 'accounts',
  indexes: [
    { name: 'accounts_id_idx_hash', from: 0, to: 4, unique: true, algorithm: 'hash' as const },
  ],
};

const bytes = (write: (w: BinaryWriter) => void) => {
  const writer = new BinaryWriter(32);
  write(writer);
  return writer.getBuffer();
};
const seedArgs = (n: number, balance: bigint) =>
  bytes((w) => {
    w.writeU32(n);
    w.writeI64(balance);
  });
const transferArgs = (from: number, to: number, amount: bigint) =>
  bytes((w) => {
    w.writeU32(from);
    w.writeU32(to);
    w.writeI64(amount);
  });

describe('reducer calls on the transfer module', () => {
  let program: string;
  beforeAll(async () => {
    program = await bundleModule(moduleDir);
  });

  const create = async () => {
    const services = fakeServices(transferSchema, [accountsTable]);
    const database = await Database.create(
      {
        identity: 0xdbn,
        owner: OWNER,
        names: ['bank'],
        dir: '/nonexistent',
        program,
        moduleHash: 'h',
        services,
      },
      OWNER,
    );
    return { database, services };
  };

  it('commits a transaction per call and reports its changes', async () => {
    const { database, services } = await create();
    const seeded = await database.callReducer('seed', seedArgs(2, 100n), ALICE);
    expect(seeded.status).toBe('committed');
    const moved = await database.callReducer('transfer', transferArgs(0, 1, 30n), ALICE);
    if (moved.status !== 'committed') throw new Error(moved.status);
    const [accounts] = moved.changes.tables;
    expect(accounts?.tableName).toBe('accounts');
    expect(accounts?.inserts).toHaveLength(2);
    expect(accounts?.deletes).toHaveLength(2);
    expect(services.durability.appended).toHaveLength(2);
    expect(moved.durationMicros).toBeGreaterThanOrEqual(0);
  });

  it('reports a result only once its transaction is durable', async () => {
    const { database, services } = await create();
    services.durability.hold();
    let settled = false;
    const call = database.callReducer('seed', seedArgs(1, 5n), ALICE).then((outcome) => {
      settled = true;
      return outcome;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(services.durability.appended).toHaveLength(1);
    expect(settled).toBe(false);
    services.durability.release();
    expect((await call).status).toBe('committed');
  });

  it('turns SenderError into a failed outcome, rolls back and logs it', async () => {
    const { database, services } = await create();
    await database.callReducer('seed', seedArgs(2, 10n), ALICE);
    const outcome = await database.callReducer('transfer', transferArgs(0, 1, 11n), ALICE);
    expect(outcome).toMatchObject({ status: 'failed', message: 'insufficient funds in account 0' });
    expect(services.durability.appended).toHaveLength(1);
    expect(services.datastores[0]!.committed.rowCount(0)).toBe(2);
    expect(database.logs().at(-1)).toMatchObject({
      level: 'error',
      function: 'transfer',
      message: 'insufficient funds in account 0',
    });
  });

  it('refuses unknown reducers and malformed arguments before running anything', async () => {
    const { database, services } = await create();
    await expect(database.callReducer('steal', new Uint8Array(0), ALICE)).rejects.toThrow(
      NoSuchReducerError,
    );
    await expect(database.callReducer('seed', new Uint8Array(3), ALICE)).rejects.toThrow(
      new InvalidArgumentsError(
        'reducer',
        'seed',
        'truncated: 12 byte(s) needed at offset 0, 3 left',
      ),
    );
    const trailing = new Uint8Array([...seedArgs(1, 1n), 0]);
    await expect(database.callReducer('seed', trailing, ALICE)).rejects.toThrow(/trailing byte/);
    expect(services.durability.appended).toHaveLength(0);
    expect(services.datastores[0]!.open).toBe(false);
  });
});

describe('who may call what', () => {
  const schema = buildSchema({
    reducers: [
      { name: 'init', lifecycle: 'init' },
      { name: 'admin_only', private: true },
      { name: 'anyone' },
    ],
  });

  it('lets only the owner call private reducers and nobody call lifecycle reducers', async () => {
    const services = fakeServices(schema, []);
    const database = await Database.create(
      {
        identity: 1n,
        owner: OWNER,
        names: [],
        dir: '/nonexistent',
        program: probeModule('report(ctx.id);'),
        moduleHash: 'h',
        services,
      },
      OWNER,
    );
    await expect(database.callReducer('admin_only', new Uint8Array(0), ALICE)).rejects.toThrow(
      NoSuchReducerError,
    );
    expect(
      (
        await database.callReducer('admin_only', new Uint8Array(0), {
          identity: OWNER,
          connectionId: 0n,
        })
      ).status,
    ).toBe('committed');
    await expect(database.callReducer('init', new Uint8Array(0), ALICE)).rejects.toThrow(
      new LifecycleReducerError('init', 'init'),
    );
    await expect(database.callReducer('init', new Uint8Array(0), ALICE)).rejects.toThrow(
      "can't directly call special Init lifecycle reducer",
    );
  });
});
