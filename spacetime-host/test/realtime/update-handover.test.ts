// What the host does with a client connection while an update replaces its
// database: the new module takes the client over (SpacetimeDB's st_client
// survives updates), so a client that leaves mid-update has its
// client_disconnected run once, by the new module; one that leaves after an
// update failed midway has no module left to tell. The update is held in the
// middle by a durability whose snapshot (written under the new module before
// it opens) waits for the test.
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/database/database.js';
import type { Caller } from '../../src/database/database-api.js';
import type { DatabaseServices } from '../../src/database/database-services.js';
import { defaultServices } from '../../src/database/default-services.js';
import { Host } from '../../src/database/host.js';
import type { Durability } from '../../src/durability/durability.js';
import { eventually } from '../support/eventually.js';
import { useTempDirs } from '../support/temp-dirs.js';
import { BOARD, type BoardVersion, boardBundle } from './support/notice-board.js';
import { OWNER } from './support/realtime-test-server.js';

const tempDir = useTempDirs();
const hosts: Host[] = [];
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
});

/** Snapshots wait for `release()`, or fail with `fail()`; the first snapshot of an update is its migrated state. */
function gatedSnapshots() {
  let open!: () => void;
  let refuse!: (error: Error) => void;
  const gate = new Promise<void>((resolve, reject) => {
    open = resolve;
    refuse = reject;
  });
  gate.catch(() => undefined);
  const real = defaultServices();
  const services: DatabaseServices = {
    ...real,
    openDurability: (dir) => {
      const durability = real.openDurability(dir);
      const gated: Durability = {
        append: (changes) => durability.append(changes),
        recover: () => durability.recover(),
        close: () => durability.close(),
        snapshot: async (state, moduleHash) => {
          await gate;
          return durability.snapshot(state, moduleHash);
        },
      };
      return gated;
    },
  };
  return { services, release: () => open(), fail: (error: Error) => refuse(error) };
}

async function hostWithBoard(services: DatabaseServices): Promise<Host> {
  const host = await Host.open({ dataDir: await tempDir(), services });
  hosts.push(host);
  await publish(host, 'v1');
  return host;
}

async function publish(host: Host, version: BoardVersion) {
  return host.publish({
    program: await boardBundle(version),
    name: BOARD,
    publisher: OWNER,
    clear: false,
  });
}

const board = (host: Host) => host.find(BOARD) as Database;

async function visits(database: Database): Promise<string[]> {
  const [result] = await database.sql('SELECT connection, event, version FROM visit', {
    identity: OWNER,
    connectionId: 0n,
  });
  return (result!.rows as [string, string, string][]).map((row) => row.join(' '));
}

const alice: Caller = { identity: 0xa11cen, connectionId: 0xa1n };
const bob: Caller = { identity: 0xb0bn, connectionId: 0xb2n };
const hex = (caller: Caller) => caller.connectionId.toString(16).padStart(32, '0');

describe('the update plan', () => {
  it('says whether the update disconnects every client, as pre_publish reports break_clients', async () => {
    const host = await hostWithBoard(defaultServices());
    const v1 = board(host);
    expect(host.planUpdate(v1, await boardBundle('v1'))).toEqual({
      compatible: true,
      breaksClients: false,
    });
    // A reducer, a table and a view body changed: clients stay.
    expect(host.planUpdate(v1, await boardBundle('v2'))).toEqual({
      compatible: true,
      breaksClients: false,
    });
    // A column added: SpacetimeDB's DisconnectAllUsers.
    expect(host.planUpdate(v1, await boardBundle('v3'))).toEqual({
      compatible: true,
      breaksClients: true,
    });
  });
});

describe('a client connection across an update', () => {
  it('leaving mid-update, is disconnected once, by the new module', async () => {
    const gate = gatedSnapshots();
    const host = await hostWithBoard(gate.services);
    const v1 = board(host);
    await v1.connect(alice);
    await v1.connect(bob);
    let swapped = false;
    v1.onSwap(() => {
      swapped = true;
    });
    const updating = publish(host, 'v2');
    await eventually(() => expect(v1.closed).toBe(true));
    let left = false;
    const leaving = v1.disconnect(alice).then(() => {
      left = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect([left, swapped]).toEqual([false, false]);

    gate.release();
    await updating;
    await leaving;
    const v2 = board(host);
    expect(v1.swap?.successor).toBe(v2);
    expect(swapped).toBe(true);
    expect(await visits(v2)).toEqual([
      `${hex(alice)} connected v1`,
      `${hex(bob)} connected v1`,
      `${hex(alice)} disconnected v2`,
    ]);
    // Asking again, or asking the new database, runs nothing more.
    await v1.disconnect(alice);
    await v2.disconnect(alice);
    // Bob stayed: the new module knows him and disconnects him when he leaves.
    await v2.disconnect(bob);
    expect((await visits(v2)).slice(3)).toEqual([`${hex(bob)} disconnected v2`]);
  });

  it('leaving after the update disconnected every user, runs nothing more', async () => {
    const host = await hostWithBoard(defaultServices());
    const v1 = board(host);
    await v1.connect(alice);
    await publish(host, 'v3');
    const v3 = board(host);
    expect(v1.swap).toMatchObject({ successor: v3, disconnectsClients: true });
    await v1.disconnect(alice);
    await v3.disconnect(alice);
    expect(await visits(v3)).toEqual([
      `${hex(alice)} connected v1`,
      `${hex(alice)} disconnected v3`,
    ]);
  });

  it('leaving after an update failed midway, has no module left to tell', async () => {
    const gate = gatedSnapshots();
    const host = await hostWithBoard(gate.services);
    const v1 = board(host);
    await v1.connect(alice);
    let swapped = false;
    v1.onSwap(() => {
      swapped = true;
    });
    const updating = publish(host, 'v2');
    await eventually(() => expect(v1.closed).toBe(true));
    const leaving = v1.disconnect(alice);
    gate.fail(new Error('disk full'));
    await expect(updating).rejects.toThrow('disk full');
    await expect(leaving).resolves.toBeUndefined();
    expect(v1.swap).toBeUndefined();
    expect(swapped).toBe(false);
    expect(host.find(BOARD)).toBeUndefined();
  });
});
