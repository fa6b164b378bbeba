// The HTTP API over the real database layer: a real module bundled from
// test/fixtures, published, called, queried and reopened from its data directory.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostAuth } from '../../src/auth/host-auth.js';
import { Host } from '../../src/database/host.js';
import { type RunningServer, startServer } from '../../src/http/start-server.js';
import { bundleModule } from '../../src/runtime/bundle-module.js';

const TRANSFER_MODULE = fileURLToPath(new URL('../fixtures/transfer-module', import.meta.url));

interface Running {
  readonly host: Host;
  readonly server: RunningServer;
  request(path: string, init?: RequestInit & { token?: string }): Promise<Response>;
  stop(): Promise<void>;
}

async function run(dataDir: string): Promise<Running> {
  const host = await Host.open({ dataDir });
  const auth = await HostAuth.open(dataDir);
  const server = await startServer({ host, auth, port: 0 });
  return {
    host,
    server,
    request: (p, init = {}) => {
      const { token, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (token !== undefined) headers.set('authorization', `Bearer ${token}`);
      return fetch(`${server.url}${p}`, { ...rest, headers });
    },
    stop: async () => {
      await server.close();
      await host.close();
    },
  };
}

describe('the HTTP API over the real Host', () => {
  let dataDir: string;
  let program: string;
  let running: Running;
  let owner: { identity: string; token: string };

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'http-real-host-'));
    program = await bundleModule(TRANSFER_MODULE);
    running = await run(dataDir);
    owner = (await (await running.request('/v1/identity', { method: 'POST' })).json()) as never;
  });
  afterAll(async () => {
    await running.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const call = (fn: string, args: unknown[], token = owner.token) =>
    running.request(`/v1/database/bank/call/${fn}`, {
      method: 'POST',
      token,
      body: JSON.stringify(args),
      headers: { 'content-type': 'application/json' },
    });
  const sql = async (query: string) => {
    const response = await running.request('/v1/database/bank/sql', {
      method: 'POST',
      token: owner.token,
      body: query,
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { rows: unknown[] }[])[0]!.rows;
  };

  it('publishes the bundled module under a name', async () => {
    const response = await running.request('/v1/database/bank?host_type=Js', {
      method: 'PUT',
      token: owner.token,
      body: program,
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { Success: { domain: string; op: string } };
    expect(body.Success).toMatchObject({ domain: 'bank', op: 'created' });
  });

  it('runs reducers: committed, SenderError (530) and bad arguments (400)', async () => {
    expect((await call('seed', [3, 100])).status).toBe(200);
    expect((await call('transfer', [0, 1, 30])).status).toBe(200);
    const refused = await call('transfer', [0, 0, 1]);
    expect(refused.status).toBe(530);
    expect(await refused.text()).toBe('cannot transfer to the same account');
    const poor = await call('transfer', [2, 1, 1000]);
    expect(poor.status).toBe(530);
    expect(await poor.text()).toBe('insufficient funds in account 2');
    const bad = await call('transfer', [0, 1]);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/^invalid arguments for reducer transfer: /);
    expect((await call('no_such_reducer', [])).status).toBe(404);
  });

  it('answers SQL with the committed state', async () => {
    expect(await sql('SELECT * FROM accounts WHERE id = 0')).toEqual([[0, 70]]);
    expect(await sql('SELECT * FROM accounts WHERE id = 1')).toEqual([[1, 130]]);
    const refused = await running.request('/v1/database/bank/sql', {
      method: 'POST',
      token: owner.token,
      body: 'SELECT * FROM nowhere',
    });
    expect(refused.status).toBe(400);
  });

  it('describes the module as SpacetimeDB does', async () => {
    const response = await running.request('/v1/database/bank/schema?version=10');
    const def = (await response.json()) as { sections: Record<string, unknown>[] };
    const reducers = def.sections.find((s) => 'Reducers' in s)?.Reducers as {
      source_name: string;
    }[];
    expect(reducers.map((r) => r.source_name)).toEqual(['seed', 'transfer']);
  });

  it('updates in place for the owner only', async () => {
    const stranger = (await (await running.request('/v1/identity', { method: 'POST' })).json()) as {
      token: string;
    };
    const refused = await running.request('/v1/database/bank?host_type=Js', {
      method: 'PUT',
      token: stranger.token,
      body: program,
    });
    expect(refused.status).toBe(403);
    const updated = await running.request('/v1/database/bank?host_type=Js', {
      method: 'PUT',
      token: owner.token,
      body: program,
    });
    expect(((await updated.json()) as { Success: { op: string } }).Success.op).toBe('updated');
    expect(await sql('SELECT * FROM accounts WHERE id = 0')).toEqual([[0, 70]]);
  });

  it('keeps databases, data and tokens across a restart', async () => {
    await running.stop();
    running = await run(dataDir);
    expect(await sql('SELECT * FROM accounts WHERE id = 1')).toEqual([[1, 130]]);
    expect((await call('transfer', [1, 0, 5])).status).toBe(200);
    expect(await sql('SELECT * FROM accounts WHERE id = 0')).toEqual([[0, 75]]);
  });

  it('deletes the database for its owner', async () => {
    const deleted = await running.request('/v1/database/bank', {
      method: 'DELETE',
      token: owner.token,
    });
    expect(deleted.status).toBe(200);
    expect((await running.request('/v1/database/bank/names')).status).toBe(404);
  });
});

describe('pre_publish over the real Host', () => {
  const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
  let dataDir: string;
  let running: Running;
  let owner: { identity: string; token: string };

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'http-pre-publish-'));
    running = await run(dataDir);
    owner = (await (await running.request('/v1/identity', { method: 'POST' })).json()) as never;
    const published = await running.request('/v1/database/notes?host_type=Js', {
      method: 'PUT',
      token: owner.token,
      body: await bundleModule(fixture('notes-v1')),
    });
    expect(published.status).toBe(200);
  });
  afterAll(async () => {
    await running.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const prePublish = async (moduleName: string) =>
    running.request('/v1/database/notes/pre_publish?host_type=Js', {
      method: 'POST',
      token: owner.token,
      body: await bundleModule(fixture(moduleName)),
    });

  it('plans an automatic migration for a compatible module', async () => {
    const response = await prePublish('notes-v2');
    expect(response.status).toBe(200);
    expect(Object.keys((await response.json()) as object)).toEqual(['AutoMigrate']);
  });

  it('answers ManualMigrate with the reasons for an incompatible module, changing nothing', async () => {
    const response = await prePublish('notes-incompatible');
    expect(response.status).toBe(200);
    const plan = (await response.json()) as { ManualMigrate?: { reason: string } };
    expect(plan.ManualMigrate?.reason).toMatch(/not compatible with the stored data:\n- /);
    const notes = await running.request('/v1/database/notes/sql', {
      method: 'POST',
      token: owner.token,
      body: 'SELECT * FROM notes',
    });
    expect(((await notes.json()) as { rows: unknown[] }[])[0]?.rows).toEqual([[1, 'welcome']]);
  });
});
