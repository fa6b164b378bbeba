import { BinaryReader } from 'spacetimedb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeDatabase } from './fake-host.js';
import { startTestServer, type TestServer } from './http-test-server.js';

describe('calling reducers and procedures', () => {
  let server: TestServer;
  let owner: { identity: string; token: string };
  let caller: { identity: string; token: string };
  let database: FakeDatabase;
  beforeAll(async () => {
    server = await startTestServer({ maxRequestBytes: 256 });
    owner = await server.newToken();
    caller = await server.newToken();
    await server.request('/v1/database/game?host_type=Js', {
      method: 'PUT',
      token: owner.token,
      body: 'v1',
    });
    database = server.host.find('game')!;
  });
  afterAll(() => server.close());

  const call = (fn: string, body: string, token = caller.token, contentType = 'application/json') =>
    server.request(`/v1/database/game/call/${fn}`, {
      method: 'POST',
      token,
      body,
      headers: { 'content-type': contentType },
    });

  it('encodes JSON arguments as BSATN and answers 200 when the reducer committed', async () => {
    database.calls.length = 0;
    const response = await call('add', '["Ada", 36]');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    expect(response.headers.get('spacetime-execution-duration-micros')).toBe('42');
    expect(response.headers.get('spacetime-energy-used')).toBe('0');
    const [connect, reducer, disconnect] = database.calls;
    expect(connect?.kind).toBe('connect');
    expect(disconnect?.kind).toBe('disconnect');
    expect(reducer?.kind).toBe('reducer');
    const reader = new BinaryReader(reducer!.args!);
    expect([reader.readString(), reader.readU8()]).toEqual(['Ada', 36]);
    // The call runs in a connection of its own, with the caller's JWT payload.
    expect(reducer!.caller.identity.toString(16)).toBe(caller.identity);
    expect(reducer!.caller.connectionId).not.toBe(0n);
    expect(reducer!.caller.connectionId).toBe(connect!.caller.connectionId);
    expect(JSON.parse(reducer!.caller.jwtPayload!).hex_identity).toBe(caller.identity);
  });

  it('accepts named arguments and resolves type references', async () => {
    expect((await call('add', '{"name": "Bo", "age": 7}')).status).toBe(200);
    expect((await call('add_person', '[{"id": 1, "name": "Cy"}]')).status).toBe(200);
  });

  it('answers 530 with the message when the reducer fails or crashes', async () => {
    const failed = await call('fail', '[]');
    expect(failed.status).toBe(530);
    expect(await failed.text()).toBe('nope, not today');
    const crashed = await call('crash', '[]');
    expect(crashed.status).toBe(530);
    expect(await crashed.text()).toBe('RangeError: boom');
  });

  it.each([
    ['add', '["Ada"]', 'invalid arguments for reducer add: expected 2 element(s), got 1'],
    ['add', '["Ada", 300]', 'invalid arguments for reducer add: [1]: 300 is out of range for u8'],
    ['add', '["Ada", "old"]', 'invalid arguments for reducer add: [1]: expected a u8, got "old"'],
    ['add', '{"name": "Ada"}', 'invalid arguments for reducer add: missing field `age`'],
    ['add', '[1, 2', /^invalid arguments for reducer add: invalid JSON/],
    ['add', '', /^invalid arguments for reducer add: invalid JSON/],
    ['add_person', '[{"id": -1, "name": "x"}]', /\[0\]\.id: -1 is out of range for u32/],
  ])('answers 400 for %s(%s)', async (fn, body, message) => {
    const before = database.calls.filter((c) => c.kind === 'reducer').length;
    const response = await call(fn, body);
    expect(response.status).toBe(400);
    const text = await response.text();
    if (typeof message === 'string') expect(text).toBe(message);
    else expect(text).toMatch(message);
    expect(database.calls.filter((c) => c.kind === 'reducer').length).toBe(before);
  });

  it('answers 404 for an unknown function and hides private reducers from non-owners', async () => {
    const unknown = await call('nothing', '[]');
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toBe('No such procedure');
    expect((await call('secret', '[]')).status).toBe(404);
    expect((await call('secret', '[]', owner.token)).status).toBe(200);
    expect((await call('audit', '["x"]')).status).toBe(404);
    const audited = await call('audit', '["x"]', owner.token);
    expect(audited.status).toBe(200);
    expect(await audited.json()).toEqual([]);
  });

  it('refuses to call a lifecycle reducer', async () => {
    const response = await call('init', '[]', owner.token);
    expect(response.status).toBe(400);
    expect(await response.text()).toBe("can't directly call special Init lifecycle reducer");
  });

  it('calls procedures and returns their value as SATS-JSON', async () => {
    const response = await call('get_answer', '["why?"]');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual([4]);
    const crashed = await call('get_answer', '["crash"]');
    expect(crashed.status).toBe(500);
    expect(await crashed.text()).toBe(
      'The module instance encountered a fatal error: procedure blew up',
    );
  });

  it('checks the content type', async () => {
    const missing = await server.request('/v1/database/game/call/add', {
      method: 'POST',
      token: caller.token,
      body: new Uint8Array(Buffer.from('["a", 1]')),
    });
    expect(missing.status).toBe(400);
    const wrong = await call('add', '["a", 1]', caller.token, 'text/plain');
    expect(wrong.status).toBe(415);
    expect(await wrong.text()).toBe('Expected request with `Content-Type: application/json`');
    expect(
      (await call('add', '["a", 1]', caller.token, 'application/json; charset=utf-8')).status,
    ).toBe(200);
  });

  it('refuses bodies over the limit and bodies that are not UTF-8', async () => {
    const big = await call('add', `["${'x'.repeat(300)}", 1]`);
    expect(big.status).toBe(413);
    const atLimit = `["${'x'.repeat(249)}", 1]`;
    expect(atLimit.length).toBe(256);
    expect((await call('add', atLimit)).status).toBe(200);
    expect((await call('add', `["${'x'.repeat(250)}", 1]`)).status).toBe(413);
    const binary = await server.request('/v1/database/game/call/add', {
      method: 'POST',
      token: caller.token,
      body: new Uint8Array([0x5b, 0xff, 0x5d]),
      headers: { 'content-type': 'application/json' },
    });
    expect(binary.status).toBe(400);
    expect(await binary.text()).toBe("Request body didn't contain valid UTF-8");
  });

  it('refuses the call with 403 when clientConnected rejects the caller', async () => {
    database.rejectConnections = true;
    try {
      const response = await call('add', '["a", 1]');
      expect(response.status).toBe(403);
      expect(await response.text()).toBe('go away');
    } finally {
      database.rejectConnections = false;
    }
  });

  it('answers 404 for calls to a database that does not exist', async () => {
    const response = await server.request('/v1/database/ghost/call/add', {
      method: 'POST',
      token: caller.token,
      body: '[]',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(404);
  });
});

describe('SQL', () => {
  let server: TestServer;
  let owner: { identity: string; token: string };
  beforeAll(async () => {
    server = await startTestServer();
    owner = await server.newToken();
    await server.request('/v1/database/data?host_type=Js', {
      method: 'PUT',
      token: owner.token,
      body: 'v1',
    });
  });
  afterAll(() => server.close());

  const sql = (query: string | Uint8Array) =>
    server.request('/v1/database/data/sql', { method: 'POST', token: owner.token, body: query });

  it('returns one result per statement in SpacetimeDB shape', async () => {
    const response = await sql('SELECT * FROM person');
    expect(response.status).toBe(200);
    expect(response.headers.get('spacetime-execution-duration-micros')).toBe('250');
    expect(await response.json()).toEqual([
      {
        schema: {
          elements: [
            { name: { some: 'id' }, algebraic_type: { U32: [] } },
            { name: { some: 'name' }, algebraic_type: { String: [] } },
          ],
        },
        rows: [
          [1, 'Alice'],
          [2, 'Bob'],
        ],
        total_duration_micros: 250,
        stats: { rows_inserted: 0, rows_deleted: 0, rows_updated: 0 },
      },
    ]);
    const call = server.host.find('data')!.calls.find((c) => c.kind === 'sql')!;
    expect(call.caller.identity.toString(16)).toBe(owner.identity);
  });

  it('answers 400 with the message for a refused query, 500 for an engine failure', async () => {
    const refused = await sql('SELECT * FROM nowhere');
    expect(refused.status).toBe(400);
    expect(await refused.text()).toBe('`nowhere` is not a valid table');
    const broken = await sql('explode');
    expect(broken.status).toBe(500);
    expect(server.errors.length).toBe(1);
  });

  it('refuses a query that is not UTF-8', async () => {
    expect((await sql(new Uint8Array([0xc3, 0x28]))).status).toBe(400);
  });
});

describe('logs', () => {
  let server: TestServer;
  let owner: { identity: string; token: string };
  let database: FakeDatabase;
  beforeAll(async () => {
    server = await startTestServer();
    owner = await server.newToken();
    await server.request('/v1/database/noisy?host_type=Js', {
      method: 'PUT',
      token: owner.token,
      body: 'v1',
    });
    database = server.host.find('noisy')!;
    database.log('info', 'one');
    database.log('warn', 'two');
    database.log('panic', 'three');
  });
  afterAll(() => server.close());

  const lines = async (response: Response) =>
    (await response.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);

  it('returns the log as NDJSON in SpacetimeDB record form', async () => {
    const response = await server.request('/v1/database/noisy/logs', { token: owner.token });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-ndjson');
    const records = await lines(response);
    expect(records.map((r) => r.message)).toEqual(['one', 'two', 'three']);
    expect(records[0]).toEqual({
      level: 'Info',
      ts: 1_700_000_000_000_000,
      filename: 'src/index.ts',
      line_number: 7,
      function: 'add',
      message: 'one',
    });
    expect(records[2]).toMatchObject({ level: 'Panic', trace: [] });
  });

  it('returns the last N lines', async () => {
    const response = await server.request('/v1/database/noisy/logs?num_lines=2', {
      token: owner.token,
    });
    expect((await lines(response)).map((r) => r.message)).toEqual(['two', 'three']);
    const bad = await server.request('/v1/database/noisy/logs?num_lines=-1', {
      token: owner.token,
    });
    expect(bad.status).toBe(400);
  });

  it('is for the owner only', async () => {
    const stranger = await server.newToken();
    const response = await server.request('/v1/database/noisy/logs', { token: stranger.token });
    expect(response.status).toBe(403);
    expect(await response.text()).toMatch(/: view module logs$/);
    expect((await server.request('/v1/database/noisy/logs')).status).toBe(403);
  });

  it('follows new lines until the client hangs up', async () => {
    const abort = new AbortController();
    const response = await server.request('/v1/database/noisy/logs?num_lines=1&follow=true', {
      token: owner.token,
      signal: abort.signal,
    });
    expect(response.status).toBe(200);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    const readLines = async (count: number) => {
      while (text.split('\n').length - 1 < count) {
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended early');
        text += value;
      }
    };
    await readLines(1);
    expect(JSON.parse(text.split('\n')[0]!).message).toBe('three');
    expect(database.listeners.size).toBe(1);
    database.log('error', 'four');
    await readLines(2);
    expect(JSON.parse(text.split('\n')[1]!)).toMatchObject({ level: 'Error', message: 'four' });
    abort.abort();
    await reader.cancel().catch(() => {});
    await expect.poll(() => database.listeners.size).toBe(0);
  });
});
