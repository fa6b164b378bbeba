// What a database does at start with the clients it still records as
// connected, as SpacetimeDB does ("disconnect dangling clients"): after a
// crash, each one's clientDisconnected runs exactly once, durably, with its
// identity, connection and JWT; after a clean stop there is nothing to do.
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/database/database.js';
import type { Caller } from '../../src/database/database-api.js';
import { Host } from '../../src/database/host.js';
import { useModuleCopies } from '../support/module-copies.js';
import { useTempDirs } from '../support/temp-dirs.js';
import { type PresenceVariant, presenceBundle } from './presence-module.js';

const OWNER = 0xc200_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0001n;
const asOwner: Caller = { identity: OWNER, connectionId: 0n };
const jwt = (sub: string) => JSON.stringify({ iss: 'https://kith.example', sub, aud: ['kith'] });
const ALICE: Caller = { identity: 7n, connectionId: 99n, jwtPayload: jwt('alice') };
/** Connected without a JWT, as the host's own callers are. */
const BOB: Caller = { identity: 8n, connectionId: 100n };
const CAROL: Caller = { identity: 9n, connectionId: 101n, jwtPayload: jwt('carol') };

const tempDir = useTempDirs();
const copies = useModuleCopies();
const hosts: Host[] = [];
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
});

/** Opens the host as a start does (a crash is a close without the clients leaving first). */
async function start(dataDir: string, snapshotEvery?: number): Promise<Database> {
  const host = await Host.open({ dataDir, ...(snapshotEvery !== undefined && { snapshotEvery }) });
  hosts.push(host);
  expect(host.failures).toEqual([]);
  return host.find('presence') as Database;
}

async function publish(dataDir: string, variant: PresenceVariant, snapshotEvery?: number) {
  const host = await Host.open({ dataDir, ...(snapshotEvery !== undefined && { snapshotEvery }) });
  hosts.push(host);
  const program = await presenceBundle(copies, variant);
  await host.publish({ program, name: 'presence', publisher: OWNER, clear: false });
  return { host, database: host.find('presence') as Database };
}

async function stop(database: Database): Promise<void> {
  const host = hosts.find((h) => h.find('presence') === database);
  await host?.close();
}

/** Who the module shows online: `[identity, connection id, JWT subject]`. */
async function online(database: Database): Promise<[bigint, bigint, string][]> {
  const [result] = await database.sql('SELECT * FROM online', asOwner);
  return result!.rows.map((row) => {
    const [[connectionId], [identity], subject] = row as [[bigint], [string], string];
    return [BigInt(identity), connectionId, subject];
  });
}

/** Every goodbye the module recorded, in order: `[identity, connection id, subject, by]`. */
async function departures(database: Database): Promise<[bigint, bigint, string, string][]> {
  const [result] = await database.sql('SELECT * FROM departures', asOwner);
  return result!.rows
    .map((row) => row as [number, [bigint], [string], string, string])
    .sort(([a], [b]) => a - b)
    .map(([, [connectionId], [identity], subject, by]) => [
      BigInt(identity),
      connectionId,
      subject,
      by,
    ]);
}

/** How many times this run's clientDisconnected started (its log line, committed or not). */
const goodbyes = (database: Database) =>
  database.logs().filter((log) => log.message.startsWith('goodbye ')).length;

describe.each([
  ['from the commit log', undefined],
  ['from a snapshot', 1],
])('clients left connected by a crash, recovered %s', (_, snapshotEvery) => {
  it('are disconnected once at the next start, each with its identity, connection and JWT', async () => {
    const dataDir = await tempDir();
    const { database: first } = await publish(dataDir, { version: 'v1' }, snapshotEvery);
    await first.connect(ALICE);
    await first.connect(BOB);
    await first.connect(CAROL);
    await first.disconnect(CAROL);
    expect(await online(first)).toEqual([
      [7n, 99n, 'alice'],
      [8n, 100n, ''],
    ]);
    await stop(first);

    const second = await start(dataDir, snapshotEvery);
    expect(await online(second)).toEqual([]);
    expect(await departures(second)).toEqual([
      [9n, 101n, 'carol', 'v1'],
      [7n, 99n, 'alice', 'v1'],
      [8n, 100n, '', 'v1'],
    ]);
    expect(goodbyes(second)).toBe(2);
    await stop(second);

    // Durable: the next start finds nobody connected and runs nothing.
    const third = await start(dataDir, snapshotEvery);
    expect(goodbyes(third)).toBe(0);
    expect(await departures(third)).toHaveLength(3);
    expect(await online(third)).toEqual([]);
  });
});

describe('clients that left before the database closed', () => {
  it('are not disconnected again at the next start', async () => {
    const dataDir = await tempDir();
    const { database: first } = await publish(dataDir, { version: 'v1' });
    await first.connect(ALICE);
    await first.disconnect(ALICE);
    // A second disconnect of the same connection is a no-op, as in SpacetimeDB.
    await first.disconnect(ALICE);
    await stop(first);

    const second = await start(dataDir);
    expect(goodbyes(second)).toBe(0);
    expect(await departures(second)).toEqual([[7n, 99n, 'alice', 'v1']]);
  });
});

describe('a clientDisconnected that throws at start', () => {
  it('is rolled back and logged, the client is forgotten all the same, and the start goes on', async () => {
    const dataDir = await tempDir();
    const { database: first } = await publish(dataDir, { version: 'v1', goodbyeThrows: true });
    await first.connect(ALICE);
    await first.connect(BOB);
    await stop(first);

    const second = await start(dataDir);
    expect(goodbyes(second)).toBe(2);
    const failures = second.logs().filter((log) => log.level === 'panic');
    expect(failures.map((log) => [log.function, log.message])).toEqual([
      ['client_disconnected', expect.stringContaining('no goodbyes today')],
      ['client_disconnected', expect.stringContaining('no goodbyes today')],
    ]);
    // The reducer's own writes were rolled back: the module still shows them online.
    expect(await online(second)).toEqual([
      [7n, 99n, 'alice'],
      [8n, 100n, ''],
    ]);
    // The database serves calls after its start.
    await second.connect(CAROL);
    await second.disconnect(CAROL);
    expect(goodbyes(second)).toBe(3);
    await stop(second);

    // The clients were forgotten durably: nobody is disconnected a second time.
    const third = await start(dataDir);
    expect(goodbyes(third)).toBe(0);
  });
});

describe('clients connected across an update', () => {
  it('stay recorded through a compatible update, and the new module disconnects them after a crash', async () => {
    const dataDir = await tempDir();
    const { host, database: v1 } = await publish(dataDir, { version: 'v1' });
    await v1.connect(ALICE);
    const program = await presenceBundle(copies, { version: 'v2' });
    await host.publish({ program, name: 'presence', publisher: OWNER, clear: false });
    const v2 = host.find('presence') as Database;
    expect(v2).not.toBe(v1);
    expect(await departures(v2)).toEqual([]);
    await stop(v2);

    const restarted = await start(dataDir);
    expect(await departures(restarted)).toEqual([[7n, 99n, 'alice', 'v2']]);
    expect(await online(restarted)).toEqual([]);
  });

  it('are disconnected once by an update that disconnects every client, and not again at the next start', async () => {
    const dataDir = await tempDir();
    const { host, database: v1 } = await publish(dataDir, { version: 'v1' });
    await v1.connect(ALICE);
    const program = await presenceBundle(copies, { version: 'v3' });
    await host.publish({ program, name: 'presence', publisher: OWNER, clear: false });
    const v3 = host.find('presence') as Database;
    expect(await departures(v3)).toEqual([[7n, 99n, 'alice', 'v3']]);
    await stop(v3);

    const restarted = await start(dataDir);
    expect(goodbyes(restarted)).toBe(0);
    expect(await departures(restarted)).toHaveLength(1);
  });
});
