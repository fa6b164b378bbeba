// The subscription engine over a real Database running sdk-test-module:
// views run in the module over the engine's recording read transaction, so
// only the materialisations a commit touched are recomputed.
import { afterEach, describe, expect, it } from 'vitest';
import type { Host } from '../../src/database/host.js';
import type { TxChanges } from '../../src/datastore/datastore.js';
import type { CommitUpdates } from '../../src/subscription/query-set-update.js';
import { SubscriptionEngine } from '../../src/subscription/subscription-engine.js';
import { ALICE, BOB, OWNER, publishSdkModule, type SdkDatabase } from '../support/sdk-database.js';
import { useTempDirs } from '../support/temp-dirs.js';

const tempDir = useTempDirs();
const open: Host[] = [];
afterEach(async () => {
  for (const host of open.splice(0)) await host.close();
});

interface Wired {
  readonly sdk: SdkDatabase;
  readonly engine: SubscriptionEngine;
  /** What the engine made of each commit since the last call. */
  readonly commits: () => CommitUpdates[];
}

async function wired(): Promise<Wired> {
  const sdk = await publishSdkModule(await tempDir());
  open.push(sdk.host);
  const { db } = sdk;
  const engine = new SubscriptionEngine({
    schema: db.schema,
    datastore: db.datastore,
    owner: db.owner,
    views: (name, sender, tx) =>
      db.callView(name, { identity: sender ?? db.owner, connectionId: 0n }, undefined, tx),
  });
  let seen: CommitUpdates[] = [];
  db.onCommit((changes: TxChanges) => {
    seen.push(engine.onCommit(changes));
  });
  return {
    sdk,
    engine,
    commits: () => {
      const out = seen;
      seen = [];
      return out;
    },
  };
}

const caller = (identity: bigint) => ({ identity, connectionId: identity & 0xffffn });

/** The rows of one table in one connection's update, decoded. */
function rowsFor(sdk: SdkDatabase, result: CommitUpdates | undefined, connection: string) {
  const tables = result?.updates.get(connection)?.flatMap((set) => set.tables) ?? [];
  return tables.flatMap((table) =>
    table.rows.map((rows) =>
      rows.kind === 'event'
        ? { events: rows.events.length }
        : {
            table: table.tableName,
            inserts: rows.inserts.map((r) => sdk.decode('users', r)),
            deletes: rows.deletes.map((r) => sdk.decode('users', r)),
          },
    ),
  );
}

describe('subscriptions to module views', () => {
  it('keep a per-sender view current for its sender only', async () => {
    const { sdk, engine, commits } = await wired();
    expect(engine.subscribe('a', caller(ALICE), 1, ['SELECT * FROM my_user'])).toEqual([]);
    expect(engine.subscribe('b', caller(BOB), 1, ['SELECT * FROM my_user'])).toEqual([]);

    await sdk.call('set_name', { name: 'alice' }, caller(ALICE));
    const [named] = commits();
    expect([...named!.updates.keys()]).toEqual(['a']);
    expect(rowsFor(sdk, named, 'a')).toEqual([
      { table: 'my_user', inserts: [[[`0x${ALICE.toString(16)}`], 'alice']], deletes: [] },
    ]);

    const before = engine.stats.viewsRecomputed;
    await sdk.call('set_name', { name: 'bob' }, caller(BOB));
    const [bobNamed] = commits();
    expect([...bobNamed!.updates.keys()]).toEqual(['b']);
    expect(engine.stats.viewsRecomputed - before).toBe(1);

    // A commit that touches no users row recomputes no per-sender view.
    await sdk.call('whoami', {}, caller(ALICE));
    commits();
    expect(engine.stats.viewsRecomputed - before).toBe(1);
  });

  it('send an anonymous view only its differences', async () => {
    const { sdk, engine, commits } = await wired();
    const initial = engine.subscribe('c', caller(ALICE), 1, ['SELECT * FROM recent_events']);
    expect(initial.map((t) => [t.tableName, t.rows.length])).toEqual([['recent_events', 1]]);
    for (let i = 0; i < 3; i++) await sdk.call('whoami', {}, caller(ALICE));
    const updates = commits().map((result) => {
      const rows = result.updates.get('c')![0]!.tables[0]!.rows[0]!;
      return rows.kind === 'persistent' ? [rows.inserts.length, rows.deletes.length] : [];
    });
    // Three rows at most: the third whoami pushes the init event out.
    expect(updates).toEqual([
      [1, 0],
      [1, 0],
      [1, 1],
    ]);
  });

  it('recompute a query-builder view without sending unchanged rows', async () => {
    const { sdk, engine, commits } = await wired();
    const initial = engine.subscribe('c', caller(OWNER), 1, ['SELECT * FROM init_events']);
    expect(initial.map((t) => [t.tableName, t.rows.length])).toEqual([['init_events', 1]]);
    await sdk.call('whoami', {}, caller(ALICE));
    const [result] = commits();
    expect(result!.updates.size).toBe(0);
    expect(engine.stats.viewsRecomputed).toBe(1);
  });
});
