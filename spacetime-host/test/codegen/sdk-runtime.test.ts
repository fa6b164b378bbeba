import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as spacetimedb from 'spacetimedb';
import { WebSocket as UndiciWebSocket } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { generateTypeScriptBindings } from '../../src/codegen/index.js';
import { bundleModule } from '../../src/runtime/bundle-module.js';
import {
  OWNER,
  type RealtimeTestServer,
  startRealtimeServer,
} from '../realtime/support/realtime-test-server.js';
import { eventually } from '../support/eventually.js';
import { useTempDirs } from '../support/temp-dirs.js';
import { createClientProject, FIXTURES, fixtureDefinition } from './support/client-project.js';

// Node 20 has no global WebSocket; the SDK would load undici through a dynamic
// import the test runner cannot follow.
const globals = globalThis as { WebSocket?: unknown };
globals.WebSocket ??= UndiciWebSocket;
(spacetimedb as unknown as { setGlobalLogLevel(level: string): void }).setGlobalLogLevel('error');

const DATABASE = 'codegen';
const tempDir = useTempDirs();
const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});

/** The fixture client (client/app.ts), loaded beside freshly generated bindings. */
async function loadClientApp() {
  const dir = await tempDir();
  const bindings = generateTypeScriptBindings(await fixtureDefinition('codegen-module'));
  const app = path.join(FIXTURES, 'codegen-module/client/app.ts');
  await createClientProject(dir, bindings, [app]);
  return import(pathToFileURL(path.join(dir, 'src/app.ts')).href);
}

async function startHost(): Promise<RealtimeTestServer> {
  const server = await startRealtimeServer(await tempDir());
  open.push(server);
  await server.host.publish({
    program: await bundleModule(path.join(FIXTURES, 'codegen-module')),
    name: DATABASE,
    publisher: OWNER,
    clear: false,
  });
  return server;
}

describe('generated bindings with the official SDK against the local host', () => {
  it('connects, subscribes through the query builders, calls reducers and procedures, and reads typed rows', async () => {
    const app = await loadClientApp();
    const server = await startHost();
    const connected = await app.connect(server.url, DATABASE);
    open.push({ close: async () => connected.conn.disconnect() });
    await app.subscribeAll(connected.conn);
    const session = app.watch(connected.conn);

    const result = await app.exercise(connected);

    const expected = app.sampleThing(connected.identity);
    expect(session.inserted).toHaveLength(1);
    const [row] = session.inserted;
    expect(row.id).toBe(1n);
    expect(row.owner.isEqual(connected.identity)).toBe(true);
    expect(typeof row.createdAt.microsSinceUnixEpoch).toBe('bigint');
    expect(row.scalars).toEqual({ ...expected.scalars, f32: 1.5 });
    expect(row.scalars.bytes).toBeInstanceOf(Uint8Array);
    expect(row.specials.owner.isEqual(connected.identity)).toBe(true);
    expect(row.specials.connection.toHexString()).toBe(expected.specials.connection.toHexString());
    expect(row.specials.at.microsSinceUnixEpoch).toBe(1_700_000_000_000_000n);
    expect(row.specials.every.micros).toBe(90_000_000n);
    expect(row.specials.uuid.toString()).toBe('01890a5d-ac96-774b-bcce-b302099a8057');
    expect(row.containers).toEqual(expected.containers);
    expect(row.shape).toEqual({ tag: 'Labelled', value: { text: 'spot', color: 0xff0000 } });
    expect(row.level.tag).toBe('High');

    expect(result.byId).toEqual(row);
    expect(result.count).toBe(1n);
    expect(result.point).toEqual({ x: -1, y: 2 });
    expect(result.mirrored).toEqual({ tag: 'Polygon', value: [{ x: 0, y: 5 }] });
    expect(result.byPlayer).toEqual({
      playerId: 7,
      nickname: 'ann',
      teamId: 1,
      score: 120n,
      region: 'eu',
    });
    expect(result.byTeam).toEqual([result.byPlayer]);
    expect(result.byTeamAndScore).toEqual([result.byPlayer]);
    expect(result.viaAlias).toEqual([
      {
        playerId: 7,
        wins: 1,
        lastPlayed: expect.objectContaining({ microsSinceUnixEpoch: expect.any(BigInt) }),
      },
    ]);
    expect(result.myThings).toEqual([row]);
    expect(result.firstThing).toEqual([row]);
    expect(result.topProfiles).toEqual([result.byPlayer]);
    expect(session.announcements).toContain('Low:hello');
    // The scheduled reducer, private to clients, still runs on the server.
    await eventually(() => expect(session.announcements).toContain('Low:soon'));
  });

  it('a reducer refused by the module rejects the typed call with the module message', async () => {
    const app = await loadClientApp();
    const server = await startHost();
    const { conn } = await app.connect(server.url, DATABASE);
    open.push({ close: async () => conn.disconnect() });

    await expect(
      conn.reducers.setScore({ playerId: 1, nickname: '', teamId: 1, score: 0n }),
    ).rejects.toThrow('A nickname is required');
  });
});
