// startApi(config) alone is the whole API, as `npm start` runs it: on a real
// port, next to the local SpacetimeDB host running the Kith module
// (spacetime-module/) told to trust the API's PUBLIC_URL. A member signs up,
// gets an ID token the module accepts, uploads a photo that the module's media
// registry receives, and deletes the account, which removes the files and the
// module's rows.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { png } from '../media/support/make-media.js';
import {
  type ContractHost,
  DATABASE,
  KITH_MODULE,
  startContractHost,
} from '../module-client/support/contract-host.js';
import { connectWithToken, type SdkSession } from '../module-client/support/sdk-connect.js';
import { TEST_PASSWORD } from '../support/test-api.js';
import { testDatabaseKinds } from '../support/test-database.js';
import {
  type BearerUser,
  type FullApi,
  reservePublicUrl,
  signUpFirstAdmin,
  startFullApi,
} from './support/full-api.js';

describe.each(testDatabaseKinds())('startApi with the Kith module (%s)', (kind) => {
  let hostDir: string;
  let host: ContractHost;
  let api: FullApi;
  let admin: BearerUser;
  let session: SdkSession | undefined;

  beforeAll(async () => {
    const { port, publicUrl } = await reservePublicUrl();
    hostDir = await mkdtemp(path.join(tmpdir(), 'kith-assembly-stdb-'));
    // As npm start does: publish, then configure_auth with the API's PUBLIC_URL.
    host = await startContractHost(hostDir, publicUrl, 0, KITH_MODULE);
    api = await startFullApi({
      kind,
      port,
      env: { SPACETIME_URL: host.url, SPACETIME_DATABASE: DATABASE },
    });
    admin = await signUpFirstAdmin(api);
  });

  afterAll(async () => {
    session?.conn.disconnect();
    await api?.close();
    await host?.close();
    await rm(hostDir, { recursive: true, force: true });
  });

  const call = (method: string, route: string, init: RequestInit = {}) =>
    fetch(`${api.url}${route}`, {
      ...init,
      method,
      headers: { authorization: admin.authorization, ...init.headers },
    });

  const registry = async () =>
    (await host.sql('SELECT * FROM media')).map((row) => String(row.media_id ?? row.mediaId));
  const accountUserIds = async () =>
    (await host.sql('SELECT * FROM account')).map((row) => String(row.user_id ?? row.userId));

  it('tells the web app where SpacetimeDB is, without a session', async () => {
    const response = await fetch(`${api.url}/v1/client-config`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      spacetimeUrl: host.url.replace(/^http:/, 'ws:'),
      database: DATABASE,
    });
  });

  it('issues at /v1/auth/token an ID token that verifies against its JWKS and that the module accepts', async () => {
    const response = await call('POST', '/v1/auth/token');
    expect(response.status).toBe(200);
    const { token } = (await response.json()) as { token: string };
    const { payload } = await jwtVerify(
      token,
      createRemoteJWKSet(new URL(`${api.url}/.well-known/jwks.json`)),
      { issuer: api.config.publicUrl, audience: 'kith' },
    );
    expect(payload).toMatchObject({
      sub: admin.id,
      preferred_username: admin.username,
      roles: ['admin'],
    });
    // The old path is gone.
    expect((await call('POST', '/auth/token')).status).toBe(404);

    // The module finds the issuer through PUBLIC_URL's discovery and creates the account.
    session = await connectWithToken(host.url, DATABASE, token);
    expect(await accountUserIds()).toContain(admin.id);
  });

  it('stores an upload, queues its registration and the module receives it', async () => {
    const form = new FormData();
    form.append('file', new Blob([await png()], { type: 'image/png' }), 'photo.png');
    const response = await call('POST', '/v1/media', { body: form });
    expect(response.status).toBe(201);
    const media = (await response.json()) as { id: string; url: string };
    expect(media.url).toBe(`${api.config.publicUrl}/media/${media.id}/image.png`);
    expect(await readdir(path.join(api.dataDir, 'media', media.id))).toEqual([
      'image.png',
      'thumbnail.webp',
    ]);
    expect((await fetch(media.url)).status).toBe(200);
    // Registered by the drainer, woken by the upload.
    await waitFor(async () => (await registry()).includes(media.id));

    const exported = await call('GET', '/v1/account/export');
    expect(((await exported.json()) as { media: { items: { id: string }[] } }).media.items).toEqual(
      [expect.objectContaining({ id: media.id, url: media.url })],
    );
  });

  it('deletes the account with its media files, and the module forgets both', async () => {
    const [mediaId] = await readdir(path.join(api.dataDir, 'media'));
    expect(mediaId).toBeDefined();
    const response = await call('DELETE', '/v1/account', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ password: TEST_PASSWORD }),
    });
    expect(response.status).toBe(204);
    const left = await readdir(path.join(api.dataDir, 'media', mediaId ?? '')).catch(() => []);
    expect(left).toEqual([]);
    expect((await fetch(`${api.url}/media/${mediaId}/image.png`)).status).toBe(404);
    expect((await call('GET', '/v1/account')).status).toBe(401);
    await waitFor(async () => !(await registry()).includes(mediaId ?? ''));
    await waitFor(async () => !(await accountUserIds()).includes(admin.id));
    const database = api.database;
    if (database !== undefined) {
      // The drainer deletes a queued call only after the module accepted it, so the
      // module's effect can be seen a moment before the outbox is empty.
      const outbox = () => database.db.selectFrom('moduleOutbox').selectAll().execute();
      await waitFor(async () => (await outbox()).length === 0);
      expect(await database.db.selectFrom('moduleCallFailures').selectAll().execute()).toEqual([]);
    }
    expect(api.logs.text()).not.toContain('module refused a queued call');
  });
});

/** Polls until `done` holds; gives up (failing the test) after 20 s. */
async function waitFor(done: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error('gave up waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
