// `spacetime-local start` in a child process, driven by the CLI itself: the
// whole local workflow against the real database layer.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type BinResult, runBin } from './run-bin.js';
import { startHost, stop } from './start-host.js';

const TRANSFER_MODULE = fileURLToPath(new URL('../fixtures/transfer-module', import.meta.url));

describe('spacetime-local start', () => {
  let dir: string;
  let dataDir: string;
  let host: Awaited<ReturnType<typeof startHost>>;
  let cli: (args: string[]) => Promise<BinResult>;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'spacetime-local-start-'));
    dataDir = path.join(dir, 'data');
    host = await startHost(dataDir, dir);
    cli = (args) =>
      runBin(args, {
        cwd: dir,
        env: {
          SPACETIME_LOCAL_CONFIG: path.join(dir, 'cli.json'),
          SPACETIME_LOCAL_SERVER: host.url,
        },
      });
  });
  afterAll(async () => {
    if (host.child.exitCode === null) await stop(host.child);
    await rm(dir, { recursive: true, force: true });
  });

  it('serves a data directory with the host keys in host-keys/', async () => {
    expect(host.output()).toContain(`database running in data directory ${dataDir}`);
    expect((await readdir(path.join(dataDir, 'host-keys'))).sort()).toEqual([
      'id_ecdsa',
      'id_ecdsa.pub',
    ]);
  });

  it('publishes, calls, queries and reads logs of a real module', async () => {
    const published = await cli(['publish', 'bank', '--module-path', TRANSFER_MODULE]);
    expect(published.stderr).toMatch(/Logged in to/);
    expect(published.code).toBe(0);
    expect(published.stdout).toMatch(
      /Created new database with name: bank, identity: [0-9a-f]{64}/,
    );

    expect((await cli(['call', 'bank', 'seed', '2', '50'])).code).toBe(0);
    expect((await cli(['call', 'bank', 'transfer', '0', '1', '20'])).code).toBe(0);
    const refused = await cli(['call', 'bank', 'transfer', '0', '0', '1']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe('Error: cannot transfer to the same account (HTTP 530)\n');

    const table = await cli(['sql', 'bank', 'SELECT * FROM accounts']);
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n').slice(0, 2)).toEqual([' id | balance', '----+---------']);
    expect(table.stdout).toContain(' 0  | 30');
    expect(table.stdout).toContain(' 1  | 70');

    const logs = await cli(['logs', 'bank']);
    expect(logs.code).toBe(0);
  });

  it('accepts WebSocket subscriptions and greets them with InitialConnection', async () => {
    const socket = new WebSocket(
      `${host.url.replace('http', 'ws')}/v1/database/bank/subscribe?compression=None`,
      ['v2.bsatn.spacetimedb'],
    );
    const first = await new Promise<Buffer>((resolve, reject) => {
      socket.once('message', (data) => resolve(data as Buffer));
      socket.once('error', reject);
    });
    expect(socket.protocol).toBe('v2.bsatn.spacetimedb');
    // Compression tag 0 (none), then ServerMessage tag 0: InitialConnection.
    expect([first[0], first[1]]).toEqual([0, 0]);
    socket.close();
  });

  it('stops cleanly on SIGINT', async () => {
    expect(await stop(host.child)).toBe(0);
    expect(host.output()).toContain('Shutting down...');
  });

  it('refuses to start on a port that is taken', async () => {
    const first = await startHost(dataDir, dir);
    try {
      const port = new URL(first.url).port;
      const second = await runBin(
        ['start', '--listen-addr', `127.0.0.1:${port}`, '--data-dir', path.join(dir, 'other')],
        {
          cwd: dir,
          env: {},
        },
      );
      expect(second.code).toBe(1);
      expect(second.stderr).toBe(
        `Error: Port ${port} is already in use. Please free up the port or specify a different port with --listen-addr.\n`,
      );
    } finally {
      await stop(first.child);
    }
  });
});
