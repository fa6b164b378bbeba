import { createHash } from 'node:crypto';
import { BinaryWriter } from 'spacetimedb';
import { afterEach, describe, expect, it } from 'vitest';
import { Database, type DatabaseConfig } from '../../src/database/database.js';
import { defaultServices } from '../../src/database/default-services.js';
import { fixtureBundle } from '../support/fixture-bundles.js';
import { useTempDirs } from '../support/temp-dirs.js';

const tempDir = useTempDirs();
const OWNER = 0xc200_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0001n;
const caller = { identity: OWNER, connectionId: 0n };
const open: Database[] = [];
afterEach(async () => {
  for (const database of open.splice(0)) await database.close();
});

const args = (write: (w: BinaryWriter) => void) => {
  const writer = new BinaryWriter(32);
  write(writer);
  return writer.getBuffer();
};
const seed = (n: number, balance: bigint) =>
  args((w) => {
    w.writeU32(n);
    w.writeI64(balance);
  });
const transfer = (from: number, to: number, amount: bigint) =>
  args((w) => {
    w.writeU32(from);
    w.writeU32(to);
    w.writeI64(amount);
  });

function balances(database: Database): Map<number, bigint> {
  const out = new Map<number, bigint>();
  for (const row of database.datastore.committed.scan(0)) {
    const view = new DataView(row.buffer, row.byteOffset, row.length);
    out.set(view.getUint32(0, true), view.getBigInt64(4, true));
  }
  return out;
}

async function config(dir: string, snapshotEvery?: number): Promise<DatabaseConfig> {
  const program = await fixtureBundle('transfer-module');
  return {
    identity: 0xdbn,
    owner: OWNER,
    names: ['bank'],
    dir,
    program,
    moduleHash: createHash('sha256').update(program).digest('hex'),
    services: defaultServices(),
    ...(snapshotEvery !== undefined && { snapshotEvery }),
  };
}

describe('the transfer module on the real datastore and durability', () => {
  it('keeps every committed transfer across a restart', async () => {
    const dir = await tempDir();
    const first = await Database.create(await config(dir), OWNER);
    await first.callReducer('seed', seed(10, 1000n), caller);
    const calls = [];
    for (let i = 0; i < 200; i++) {
      calls.push(first.callReducer('transfer', transfer(i % 10, (i + 1) % 10, 3n), caller));
    }
    const outcomes = await Promise.all(calls);
    expect(outcomes.every((o) => o.status === 'committed')).toBe(true);
    const before = balances(first);
    expect([...before.values()].reduce((a, b) => a + b)).toBe(10_000n);
    await first.close();

    const second = await Database.open(await config(dir));
    open.push(second);
    expect(balances(second)).toEqual(before);
    expect((await second.callReducer('transfer', transfer(0, 1, 1n), caller)).status).toBe(
      'committed',
    );
  });

  it('recovers from a snapshot plus the log after it', async () => {
    const dir = await tempDir();
    const first = await Database.create(await config(dir, 5), OWNER);
    await first.callReducer('seed', seed(3, 10n), caller);
    for (let i = 0; i < 12; i++) await first.callReducer('transfer', transfer(0, 1, 1n), caller);
    const before = balances(first);
    await first.snapshot();
    await first.callReducer('transfer', transfer(1, 2, 4n), caller);
    const after = balances(first);
    expect(after).not.toEqual(before);
    await first.close();
    const second = await Database.open(await config(dir, 5));
    open.push(second);
    expect(balances(second)).toEqual(after);
  });
});
