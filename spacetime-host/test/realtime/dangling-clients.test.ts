// Clients connected over WebSocket when the host goes down: after a kill -9
// of `spacetime-local start`, the next start runs their clientDisconnected
// once (a chat user shows offline again, a presence row goes away); after a
// clean stop, the stop itself ran it and the next start runs nothing.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/database/database.js';
import { startHost } from '../cli/start-host.js';
import { presenceBundle } from '../database/presence-module.js';
import { useModuleCopies } from '../support/module-copies.js';
import { useTempDirs } from '../support/temp-dirs.js';
import { connectRaw } from './support/raw-client.js';
import {
  DB_NAME,
  OWNER,
  type RealtimeTestServer,
  startRealtimeServer,
} from './support/realtime-test-server.js';
import { connectSdk, type SdkClient, subscribeSdk } from './support/sdk-client.js';

const tempDir = useTempDirs();
const copies = useModuleCopies();
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** A data directory holding the chat database and a presence database. */
async function prepare(): Promise<string> {
  const dataDir = await tempDir();
  const server = await startRealtimeServer(dataDir);
  await server.host.publish({
    program: await presenceBundle(copies, { version: 'v1' }),
    name: 'presence',
    publisher: OWNER,
    clear: false,
  });
  await server.close();
  return dataDir;
}

/** Starts the in-process host on `dataDir`; closing it twice closes it once. */
async function restart(dataDir: string): Promise<RealtimeTestServer> {
  const server = await startRealtimeServer(dataDir);
  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= server.close();
    return closed;
  };
  cleanup.push(close);
  expect(server.host.failures).toEqual([]);
  return { ...server, close };
}

/** Connects a chat client and a presence client; returns who they are. */
async function connectBoth(url: string) {
  const chat = await connectSdk(url, DB_NAME);
  cleanup.push(() => chat.conn.disconnect());
  const presence = await connectRaw(url, 'presence');
  cleanup.push(() => presence.socket.terminate());
  const { identity, connectionId } = await presence.next('InitialConnection');
  return { chat, presence, presenceId: { identity, connectionId } };
}

/** Whether each chat user is online, as a new SDK client sees the `user` table. */
async function onlineByUser(server: RealtimeTestServer): Promise<Map<string, boolean>> {
  const viewer: SdkClient = await connectSdk(server.url, DB_NAME);
  cleanup.push(() => viewer.conn.disconnect());
  await subscribeSdk(viewer, ['SELECT * FROM user']);
  return new Map(
    [...viewer.conn.db.user.iter()]
      .filter((user) => user.identity.toHexString() !== viewer.identityHex)
      .map((user) => [user.identity.toHexString(), user.online]),
  );
}

const presenceDb = (server: RealtimeTestServer) => server.host.find('presence') as Database;

/** Every goodbye the presence module recorded: `[identity, connection id]`. */
async function departures(server: RealtimeTestServer): Promise<[bigint, bigint][]> {
  const [result] = await presenceDb(server).sql('SELECT * FROM departures', {
    identity: OWNER,
    connectionId: 0n,
  });
  return result!.rows.map((row) => {
    const [, [connectionId], [identity]] = row as [number, [bigint], [string]];
    return [BigInt(identity), connectionId];
  });
}

const goodbyes = (server: RealtimeTestServer) =>
  presenceDb(server)
    .logs()
    .filter((log) => log.message.startsWith('goodbye ')).length;

describe('clients connected when the host is killed with SIGKILL', () => {
  it('are disconnected once at the next start: offline again, with their presence gone', async () => {
    const dataDir = await prepare();
    const cwd = await mkdtemp(path.join(tmpdir(), 'spacetime-local-kill-'));
    cleanup.push(() => rm(cwd, { recursive: true, force: true }));
    const running = await startHost(dataDir, cwd);
    const exited = new Promise((resolve) => running.child.once('exit', resolve));
    const { chat, presenceId } = await connectBoth(running.url);
    running.child.kill('SIGKILL');
    await exited;
    await chat.disconnected;

    const second = await restart(dataDir);
    expect(await onlineByUser(second)).toEqual(new Map([[chat.identityHex, false]]));
    expect(await departures(second)).toEqual([[presenceId.identity, presenceId.connectionId]]);
    expect(goodbyes(second)).toBe(1);
    await second.close();

    const third = await restart(dataDir);
    expect(goodbyes(third)).toBe(0);
    expect(await departures(third)).toHaveLength(1);
  });
});

describe('clients connected when the host stops cleanly', () => {
  it('are disconnected by the stop, and not again at the next start', async () => {
    const dataDir = await prepare();
    const first = await restart(dataDir);
    const { chat, presenceId } = await connectBoth(first.url);
    await first.close();
    await chat.disconnected;

    const second = await restart(dataDir);
    expect(goodbyes(second)).toBe(0);
    expect(await departures(second)).toEqual([[presenceId.identity, presenceId.connectionId]]);
    expect(await onlineByUser(second)).toEqual(new Map([[chat.identityHex, false]]));
  });
});
