// The official SDK connecting with third-party OpenID Connect ID tokens, issued
// by a real provider on 127.0.0.1 (discovery document and JWKS over HTTP).
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CompactSign } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityFromClaims, identityToHex } from '../../src/auth/identity.js';
import { fixtureBundle } from '../support/fixture-bundles.js';
import { useTempDirs } from '../support/temp-dirs.js';
import { TestIssuer } from '../support/test-oidc-issuer.js';
import { connectRaw, HttpRefusal } from './support/raw-client.js';
import {
  DB_NAME,
  OWNER,
  type RealtimeTestServer,
  startRealtimeServer,
} from './support/realtime-test-server.js';
import { connectSdk, type SdkClient } from './support/sdk-client.js';

const tempDir = useTempDirs();
const CLAIMS_DB = 'claims';
const ADMIN = { identity: 0n, connectionId: 0n };

const nowSeconds = () => Math.floor(Date.now() / 1000);

function sign(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  key: KeyObject,
): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader(header as { alg: string })
    .sign(key);
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A URL on 127.0.0.1 where nothing listens any more. */
async function deadIssuerUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://localhost:${port}`;
}

describe('the official SDK with third-party OIDC ID tokens', () => {
  const idp = new TestIssuer();
  let s: RealtimeTestServer;
  let rsaKey: KeyObject;
  let ecKey: KeyObject;
  const clients: SdkClient[] = [];

  beforeAll(async () => {
    await idp.start();
    rsaKey = await idp.addKey('rsa-1', 'RS256');
    ecKey = await idp.addKey('ec-1', 'ES256');
    s = await startRealtimeServer(await tempDir(), { auth: { allowInsecureLocalIssuers: true } });
    // A module that records `ctx.senderAuth.jwt.subject` in clientConnected.
    await s.host.publish({
      program: await fixtureBundle('sdk-test-module'),
      name: CLAIMS_DB,
      publisher: OWNER,
      clear: false,
    });
  });

  afterAll(async () => {
    for (const c of clients) c.conn.disconnect();
    await s?.close();
    await idp.stop();
  });

  async function connect(database: string, token?: string): Promise<SdkClient> {
    const client = await connectSdk(s.url, database, token === undefined ? {} : { token });
    clients.push(client);
    return client;
  }

  const claims = (extra: Record<string, unknown> = {}) => ({
    iss: idp.url,
    sub: 'alice',
    aud: ['kith'],
    iat: nowSeconds(),
    exp: nowSeconds() + 600,
    ...extra,
  });

  /**
   * The SDK reports the refusal through onConnectError, the upgrade request is
   * answered 401 (with a message matching `message` when asked without the
   * upgrade), and the host still lets a good client in afterwards.
   */
  async function expectRefused(token: string, message: RegExp): Promise<void> {
    await expect(connectSdk(s.url, DB_NAME, { token })).rejects.toThrow();
    const refusal = await connectRaw(s.url, DB_NAME, { token }).then(
      (raw) => {
        raw.socket.close();
        throw new Error('expected the upgrade to be refused');
      },
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(HttpRefusal);
    expect((refusal as HttpRefusal).status).toBe(401);
    // A refused upgrade carries no body; the same request without the upgrade shows why.
    const response = await fetch(
      `${s.url}/v1/database/${DB_NAME}/subscribe?${new URLSearchParams({ token })}`,
    );
    expect(response.status).toBe(401);
    expect(await response.text()).toMatch(message);
    const good = await connect(DB_NAME, await sign({ alg: 'ES256', kid: 'ec-1' }, claims(), ecKey));
    expect(good.conn.isActive).toBe(true);
  }

  it('connects with a valid RS256 ID token as the identity derived from iss and sub', async () => {
    const token = await sign({ alg: 'RS256', kid: 'rsa-1', typ: 'JWT' }, claims(), rsaKey);
    const client = await connect(DB_NAME, token);
    expect(client.identityHex).toBe(identityToHex(identityFromClaims(idp.url, 'alice')));
    // The SDK is handed back the caller's own token, as SpacetimeDB does.
    expect(client.token).toBe(token);
    expect(idp.requests).toContain('/.well-known/openid-configuration');
    expect(idp.requests).toContain('/jwks.json');
  });

  it('connects with a valid ES256 ID token, and the module sees the subject', async () => {
    const token = await sign({ alg: 'ES256', kid: 'ec-1' }, claims({ sub: 'bob' }), ecKey);
    const client = await connect(CLAIMS_DB, token);
    expect(client.identityHex).toBe(identityToHex(identityFromClaims(idp.url, 'bob')));
    const database = s.host.find(CLAIMS_DB)!;
    const rows = await database.sql("SELECT detail FROM events WHERE kind = 'connected'", ADMIN);
    expect(JSON.stringify(rows[0]!.rows)).toContain('"bob"');
  });

  it('lets the module refuse a subject in clientConnected, as a connection error', async () => {
    const token = await sign({ alg: 'ES256', kid: 'ec-1' }, claims({ sub: 'blocked' }), ecKey);
    await expect(connectSdk(s.url, CLAIMS_DB, { token })).rejects.toThrow();
    const good = await sign({ alg: 'ES256', kid: 'ec-1' }, claims({ sub: 'carol' }), ecKey);
    expect((await connect(CLAIMS_DB, good)).conn.isActive).toBe(true);
  });

  it('refuses an expired ID token', async () => {
    const token = await sign(
      { alg: 'RS256', kid: 'rsa-1' },
      claims({ iat: nowSeconds() - 7200, exp: nowSeconds() - 3600 }),
      rsaKey,
    );
    await expectRefused(token, /expired/i);
  });

  it('refuses a token signed by a key the issuer does not publish', async () => {
    const stranger = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
    // Under a published kid, and with no kid at all.
    await expectRefused(
      await sign({ alg: 'ES256', kid: 'ec-1' }, claims(), stranger),
      /signature does not verify/,
    );
    await expectRefused(
      await sign({ alg: 'ES256' }, claims(), stranger),
      /signature does not verify/,
    );
  });

  it('refuses a token under a kid the issuer does not publish', async () => {
    const token = await sign({ alg: 'RS256', kid: 'rsa-unknown' }, claims(), rsaKey);
    await expectRefused(token, /rsa-unknown/);
  });

  it('refuses an unsigned (alg none) token', async () => {
    const token = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims())}.`;
    await expectRefused(token, /algorithm "none" is not accepted/);
  });

  it('refuses a token whose payload was altered after signing', async () => {
    const token = await sign({ alg: 'RS256', kid: 'rsa-1' }, claims(), rsaKey);
    const [header, , signature] = token.split('.');
    const forged = `${header}.${base64url(claims({ sub: 'admin' }))}.${signature}`;
    await expectRefused(forged, /signature does not verify/);
  });

  it('refuses a token whose issuer cannot be reached, saying so', async () => {
    const dead = await deadIssuerUrl();
    const token = await sign({ alg: 'RS256', kid: 'rsa-1' }, claims({ iss: dead }), rsaKey);
    await expectRefused(token, new RegExp(`Error fetching public key for issuer ${dead}`));
  });

  it('refuses a plain-http issuer that is not local, without contacting it', async () => {
    const token = await sign(
      { alg: 'RS256', kid: 'rsa-1' },
      claims({ iss: 'http://idp.example.com' }),
      rsaKey,
    );
    await expectRefused(token, /https/);
  });

  it('kept every accepted client connected through the refusals', () => {
    expect(clients.length).toBeGreaterThan(5);
    expect(clients.every((c) => c.conn.isActive)).toBe(true);
  });
});
