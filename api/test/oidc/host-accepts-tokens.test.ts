// The tokens this API issues, used as SpacetimeDB uses them: the local host
// fetches discovery and the JWKS over HTTP, the official SDK connects with the
// token, and the module reads the claims through ctx.senderAuth.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenIssuer } from '../../src/oidc/token-issuer.js';
import { openTestDatabase, type TestDatabase } from '../media/support/test-database.js';
import {
  type ContractHost,
  DATABASE,
  startContractHost,
} from '../module-client/support/contract-host.js';
import {
  connectWithToken,
  type SdkSession,
  subscribedRows,
} from '../module-client/support/sdk-connect.js';
import { type ServedIssuer, serveOidcIssuer } from './support/serve-oidc-issuer.js';

interface ClaimsRow {
  identity: { toHexString(): string };
  issuer: string;
  subject: string;
  audience: string;
  preferred_username: string;
  roles: string;
}

describe('ID tokens from the API, at the SpacetimeDB host', () => {
  let database: TestDatabase;
  let issuer: ServedIssuer;
  let stranger: ServedIssuer;
  let host: ContractHost;
  let dataDir: string;
  const sessions: SdkSession[] = [];

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    issuer = await serveOidcIssuer(database.db);
    stranger = await serveOidcIssuer(database.db);
    dataDir = await mkdtemp(path.join(tmpdir(), 'kith-host-'));
    host = await startContractHost(dataDir, issuer.url);
  });

  afterAll(async () => {
    for (const session of sessions) session.conn.disconnect();
    await host?.close();
    await issuer?.close();
    await stranger?.close();
    await database?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function connect(token: string): Promise<SdkSession> {
    const session = await connectWithToken(host.url, DATABASE, token);
    sessions.push(session);
    return session;
  }

  async function claimsOf(session: SdkSession): Promise<ClaimsRow> {
    const rows = await subscribedRows<ClaimsRow>(session, 'connection_claims');
    const mine = rows.filter((row) => row.identity.toHexString() === session.identityHex);
    expect(mine.length).toBeGreaterThan(0);
    return mine.at(-1)!;
  }

  const member = {
    id: '5b0c3f0e-8a61-4d1e-9a39-2a6f2b8f0c11',
    username: 'alice',
    displayName: 'Alice',
    isAdmin: false,
  };

  it('connects with a member’s token, and the module sees its claims', async () => {
    const session = await connect((await issuer.tokens.issueIdToken(member)).token);
    const claims = await claimsOf(session);
    expect(claims.issuer).toBe(issuer.url);
    expect(claims.subject).toBe(member.id);
    expect(JSON.parse(claims.audience)).toEqual(['kith']);
    expect(claims.preferred_username).toBe('alice');
    expect(JSON.parse(claims.roles)).toEqual([]);
  });

  it('carries the admin and service roles to the module', async () => {
    const admin = await connect(
      (
        await issuer.tokens.issueIdToken({
          ...member,
          id: 'a1f7e0c2-0000-4000-8000-000000000001',
          username: 'root',
          isAdmin: true,
        })
      ).token,
    );
    expect(JSON.parse((await claimsOf(admin)).roles)).toEqual(['admin']);
    const service = await connect((await issuer.tokens.issueServiceToken()).token);
    const claims = await claimsOf(service);
    expect(claims.subject).toBe('service:api');
    expect(JSON.parse(claims.roles)).toEqual(['service']);
  });

  it('gives the same identity to every token of one user', async () => {
    const first = await connect((await issuer.tokens.issueIdToken(member)).token);
    const second = await connect((await issuer.tokens.issueIdToken(member)).token);
    expect(second.identityHex).toBe(first.identityHex);
  });

  const claims = (extra: Record<string, unknown> = {}) => ({
    sub: member.id,
    preferred_username: 'mallory',
    roles: ['admin', 'service'],
    ...extra,
  });

  async function signWith(
    key: Parameters<SignJWT['sign']>[0],
    kid: string,
    payload = claims(),
    times = { iat: 0, exp: 900 },
  ) {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT(payload)
      .setProtectedHeader({ alg: 'ES256', kid })
      .setIssuer(issuer.url)
      .setAudience('kith')
      .setIssuedAt(now + times.iat)
      .setExpirationTime(now + times.exp)
      .sign(key);
  }

  /** Refused as a connection error, and nothing about it reached the module. */
  async function expectRefused(token: string): Promise<void> {
    const before = (await host.sql('SELECT * FROM connection_claims')).length;
    await expect(connectWithToken(host.url, DATABASE, token)).rejects.toThrow();
    expect((await host.sql('SELECT * FROM connection_claims')).length).toBe(before);
    // The host keeps serving good tokens.
    await connect((await issuer.tokens.issueIdToken(member)).token);
  }

  it('refuses a token signed by another key under the issuer’s own kid', async () => {
    const other = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
    await expectRefused(await signWith(other, (await issuer.keys.signer()).kid));
  });

  it('refuses a token under a kid the issuer never published', async () => {
    const other = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
    await expectRefused(await signWith(other, 'not-a-kith-key'));
  });

  it('refuses an expired token signed by the real key', async () => {
    const key = (await issuer.keys.signer()).privateKey;
    await expectRefused(
      await signWith(key, (await issuer.keys.signer()).kid, claims(), { iat: -7200, exp: -3600 }),
    );
  });

  it('refuses a token signed by the real key for another audience (the module checks it)', async () => {
    const otherAudience = new TokenIssuer({
      keys: issuer.keys,
      issuer: issuer.url,
      audience: 'not-kith',
      lifetimeSeconds: 900,
    });
    await expectRefused((await otherAudience.issueIdToken(member)).token);
  });

  it('refuses a valid token from another issuer the module does not trust', async () => {
    await expectRefused((await stranger.tokens.issueIdToken(member)).token);
  });

  it('refuses a token whose claims were changed after signing', async () => {
    const { token } = await issuer.tokens.issueIdToken(member);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const changed = {
      ...JSON.parse(Buffer.from(payload, 'base64url').toString()),
      roles: ['service'],
    };
    await expectRefused(
      `${header}.${Buffer.from(JSON.stringify(changed)).toString('base64url')}.${signature}`,
    );
  });
});
