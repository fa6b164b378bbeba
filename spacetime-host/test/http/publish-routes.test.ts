import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityToHex } from '../../src/auth/identity.js';
import { startTestServer, type TestServer } from './http-test-server.js';

interface PublishBody {
  Success: { domain: string | null; database_identity: string; op: 'created' | 'updated' };
}

describe('publishing', () => {
  let server: TestServer;
  let alice: { identity: string; token: string };
  let bob: { identity: string; token: string };
  beforeAll(async () => {
    server = await startTestServer({ maxModuleBytes: 1024 });
    alice = await server.newToken();
    bob = await server.newToken();
  });
  afterAll(() => server.close());

  const put = (path: string, body: string | Uint8Array, token?: string) =>
    server.request(path, { method: 'PUT', body, ...(token ? { token } : {}) });

  it('POST /v1/database creates an unnamed database owned by the caller', async () => {
    const response = await server.request('/v1/database?host_type=Js', {
      method: 'POST',
      token: alice.token,
      body: 'export default 1',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    const body = (await response.json()) as PublishBody;
    expect(body).toEqual({
      Success: { domain: null, database_identity: body.Success.database_identity, op: 'created' },
    });
    const request = server.host.requests.at(-1)!;
    expect(request).toEqual({
      program: 'export default 1',
      publisher: BigInt(`0x${alice.identity}`),
      clear: false,
    });
    expect(response.headers.get('spacetime-identity')).toBe(alice.identity);
  });

  it('gives an anonymous publisher a fresh identity, returned in headers, that owns the database', async () => {
    const response = await server.request('/v1/database?host_type=Js', {
      method: 'POST',
      body: 'export default 2',
    });
    expect(response.status).toBe(200);
    const identity = response.headers.get('spacetime-identity')!;
    const token = response.headers.get('spacetime-identity-token')!;
    expect(identity).toMatch(/^c200[0-9a-f]{60}$/);
    expect((await server.auth.verify(token)).identity.toString(16)).toBe(identity);
    const database = server.host.databases.at(-1)!;
    expect(identityToHex(database.owner)).toBe(identity);
  });

  it('PUT by name creates, then updates for the owner', async () => {
    const created = await put('/v1/database/chat?host_type=Js', 'v1', alice.token);
    expect(((await created.json()) as PublishBody).Success).toMatchObject({
      domain: 'chat',
      op: 'created',
    });
    const updated = await put('/v1/database/chat?host_type=Js', 'v2', alice.token);
    const body = (await updated.json()) as PublishBody;
    expect(body.Success).toMatchObject({ domain: 'chat', op: 'updated' });
    expect(server.host.find('chat')!.program).toBe('v2');
    expect(server.host.requests.at(-1)).toMatchObject({ name: 'chat', clear: false });
  });

  it('refuses an update or a reset by someone else with 403', async () => {
    await put('/v1/database/guarded?host_type=Js', 'v1', alice.token);
    const database = server.host.find('guarded')!;
    const requestsBefore = server.host.requests.length;
    for (const path of [
      '/v1/database/guarded?host_type=Js',
      '/v1/database/guarded?host_type=Js&clear=true',
    ]) {
      const response = await put(path, 'evil', bob.token);
      expect(response.status).toBe(403);
      expect(await response.text()).toMatch(
        new RegExp(
          `^${bob.identity} is not authorized to perform action on database ${identityToHex(database.identity)}: (update|reset) database$`,
        ),
      );
    }
    expect(server.host.requests.length).toBe(requestsBefore);
    expect(database.program).toBe('v1');
  });

  it('clears the data with ?clear=true for the owner', async () => {
    await put('/v1/database/wiped?host_type=Js', 'v1', alice.token);
    const response = await put('/v1/database/wiped?host_type=Js&clear=true', 'v1', alice.token);
    expect(response.status).toBe(200);
    expect(((await response.json()) as PublishBody).Success.op).toBe('updated');
    expect(server.host.find('wiped')!.cleared).toBe(1);
  });

  it('publishes by identity, creating the database with that identity when it does not exist', async () => {
    const identity = `c200${'ab'.repeat(30)}`;
    const response = await put(`/v1/database/${identity}?host_type=Js`, 'v1', alice.token);
    expect(((await response.json()) as PublishBody).Success).toEqual({
      domain: null,
      database_identity: identity,
      op: 'created',
    });
    const again = await put(`/v1/database/0x${identity}?host_type=Js`, 'v2', alice.token);
    expect(((await again.json()) as PublishBody).Success.op).toBe('updated');
  });

  it.each([
    ['/v1/database/Bad_Name?host_type=Js', 'Invalid URL: invalid characters in database name'],
    ['/v1/database/bad--name?host_type=Js', 'Invalid URL: invalid hyphen in database name'],
    ['/v1/database/-x?host_type=Js', 'Invalid URL: invalid hyphen in database name'],
    ['/v1/database/ok?host_type=Python', /unknown variant `Python`/],
    ['/v1/database/ok?host_type=Wasm', /JavaScript\/TypeScript modules only/],
    ['/v1/database/ok?host_type=Js&clear=yes', /clear: provided string was not `true` or `false`/],
    ['/v1/database/ok?host_type=Js&num_replicas=300', 'Replication factor 300 out of bounds'],
    ['/v1/database/ok?host_type=Js&policy=BreakClients', /no migration token was provided/],
    ['/v1/database/ok?host_type=Js&policy=Yolo', /unknown variant `Yolo`/],
    ['/v1/database/ok?host_type=Js&parent=other', /parent databases/],
  ])('answers 400 for PUT %s', async (path, message) => {
    const response = await put(path, 'export default 1', alice.token);
    expect(response.status).toBe(400);
    const text = await response.text();
    if (typeof message === 'string') expect(text).toBe(message);
    else expect(text).toMatch(message);
  });

  it('refuses a WebAssembly body, and a body that is not UTF-8', async () => {
    const wasm = await put(
      '/v1/database/ok',
      new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]),
      alice.token,
    );
    expect(wasm.status).toBe(400);
    const binary = await put(
      '/v1/database/ok?host_type=Js',
      new Uint8Array([0xff, 0xfe]),
      alice.token,
    );
    expect(binary.status).toBe(400);
    expect(await binary.text()).toBe('The module program is not UTF-8 JavaScript');
  });

  it('refuses a module larger than the limit with 413', async () => {
    const response = await put('/v1/database/big?host_type=Js', 'x'.repeat(2048), alice.token);
    expect(response.status).toBe(413);
    expect(await response.text()).toMatch(/length limit exceeded/);
    expect(server.host.find('big')).toBeUndefined();
  });

  it('refuses a streamed module without a content-length once it passes the limit', async () => {
    const chunks = [new Uint8Array(600).fill(0x61), new Uint8Array(600).fill(0x62)];
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next === undefined) controller.close();
        else controller.enqueue(next);
      },
    });
    const response = await server.request('/v1/database/streamed?host_type=Js', {
      method: 'PUT',
      token: alice.token,
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(server.host.find('streamed')).toBeUndefined();
  });

  it('reports a module that fails to load or an incompatible update as 400', async () => {
    const bad = await put('/v1/database/broken?host_type=Js', 'bad module', alice.token);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toBe('Failed to create or update the database: module failed to load');

    await put('/v1/database/evolving?host_type=Js', 'v1', alice.token);
    const incompatible = await put(
      '/v1/database/evolving?host_type=Js',
      'incompatible',
      alice.token,
    );
    expect(incompatible.status).toBe(400);
    expect(await incompatible.text()).toMatch(/^Database update rejected: Adding a column/);
  });

  it('reports a host failure during publish as a logged 500', async () => {
    const response = await put('/v1/database/doomed?host_type=Js', 'explode', alice.token);
    expect(response.status).toBe(500);
    expect(await response.text()).toMatch(/disk on fire/);
    expect(server.errors.at(-1)).toBeInstanceOf(Error);
  });

  it('POST with ?clear=true but no name is a 400', async () => {
    const response = await server.request('/v1/database?host_type=Js&clear=true', {
      method: 'POST',
      token: alice.token,
      body: 'x',
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toBe('Clear database requires database name or identity');
  });

  describe('pre_publish', () => {
    it('is a 404 for a new database, which the CLI reads as "no migration needed"', async () => {
      const response = await server.request('/v1/database/brand-new/pre_publish?host_type=Js', {
        method: 'POST',
        token: alice.token,
        body: 'v1',
      });
      expect(response.status).toBe(404);
    });

    it('answers an automatic migration plan to the owner, whose token publish accepts', async () => {
      await put('/v1/database/planned?host_type=Js', 'v1', alice.token);
      const response = await server.request('/v1/database/planned/pre_publish?host_type=Js', {
        method: 'POST',
        token: alice.token,
        body: 'v2',
      });
      expect(response.status).toBe(200);
      const plan = (await response.json()) as {
        AutoMigrate: { token: string; break_clients: boolean; major_version_upgrade: boolean };
      };
      expect(plan.AutoMigrate).toMatchObject({
        break_clients: false,
        major_version_upgrade: false,
      });
      expect(plan.AutoMigrate.token).toMatch(/^0x[0-9a-f]+$/);
      const publish = await put(
        `/v1/database/planned?host_type=Js&token=${plan.AutoMigrate.token}&policy=BreakClients`,
        'v2',
        alice.token,
      );
      expect(publish.status).toBe(200);
    });

    it('is a 403 for someone else', async () => {
      await put('/v1/database/private-plan?host_type=Js', 'v1', alice.token);
      const response = await server.request('/v1/database/private-plan/pre_publish', {
        method: 'POST',
        token: bob.token,
        body: 'v2',
      });
      expect(response.status).toBe(403);
    });
  });
});
