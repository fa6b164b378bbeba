import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { CompactSign } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestIssuer } from '../../test/support/test-oidc-issuer.js';
import { HostAuth } from './host-auth.js';
import type { HostKeys } from './host-keys.js';
import { identityFromClaims, identityToHex } from './identity.js';
import { TokenRejectedError, type TokenRejectionReason } from './token-error.js';

function newHostKeys(): HostKeys {
  const pair = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return {
    privateKey: pair.privateKey,
    publicKey: pair.publicKey,
    publicKeyPem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

async function signRaw(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  key: KeyObject,
): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader(header as { alg: string })
    .sign(key);
}

function unsignedToken(header: Record<string, unknown>, payload: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part(header)}.${part(payload)}.`;
}

async function reason(promise: Promise<unknown>): Promise<TokenRejectionReason> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TokenRejectedError) return error.reason;
    throw error;
  }
  throw new Error('expected the token to be rejected');
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('HostAuth with its own tokens', () => {
  const keys = newHostKeys();
  const auth = new HostAuth(keys);

  it('issues tokens SpacetimeDB-shaped and verifies them', async () => {
    const issued = await auth.issueNewIdentity();
    const [header, payload] = issued.token.split('.');
    expect(Buffer.from(header!, 'base64url').toString()).toBe('{"typ":"JWT","alg":"ES256"}');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    expect(Object.keys(claims)).toEqual(['hex_identity', 'sub', 'iss', 'aud', 'iat', 'exp']);
    expect(claims).toMatchObject({ iss: 'localhost', aud: ['spacetimedb'], exp: null });
    expect(claims.sub).toMatch(/^[0-9a-f-]{36}$/);
    expect(claims.hex_identity).toBe(identityToHex(issued.identity));
    expect(issued.identity).toBe(identityFromClaims('localhost', claims.sub));

    const caller = await auth.verify(issued.token);
    expect(caller.identity).toBe(issued.identity);
    expect(caller.payloadJson).toBe(Buffer.from(payload!, 'base64url').toString());
    expect(caller.claims).toEqual(claims);
  });

  it('writes payloads the real CLI can decode with standard base64 (it does not use the URL alphabet)', async () => {
    for (let i = 0; i < 20; i++) {
      const { token } = await auth.issueNewIdentity();
      expect(token.split('.')[1]).toMatch(/^[A-Za-z0-9]+$/);
    }
  });

  it('issues a different identity every time', async () => {
    const [a, b] = await Promise.all([auth.issueNewIdentity(), auth.issueNewIdentity()]);
    expect(a.identity).not.toBe(b.identity);
  });

  it('reissues a short-lived token for the same caller, keeping a foreign issuer', async () => {
    const token = await signRaw(
      { typ: 'JWT', alg: 'ES256' },
      { iss: 'https://idp.example.com', sub: 'u1', iat: nowSeconds(), role: 'x' },
      keys.privateKey,
    );
    const caller = await auth.verify(token);
    const short = await auth.reissue(caller.spacetimeClaims, 60);
    const again = await auth.verify(short.token);
    expect(again.identity).toBe(identityFromClaims('https://idp.example.com', 'u1'));
    expect(again.claims.exp).toBe((again.claims.iat as number) + 60);
    expect(again.claims.role).toBe('x');
  });

  it('rejects an expired reissued token', async () => {
    const past = new HostAuth(keys, { nowMillis: () => Date.now() - 3_600_000 });
    const caller = await past.verify((await past.issueNewIdentity()).token);
    const short = await past.reissue(caller.spacetimeClaims, 60);
    expect(await reason(auth.verify(short.token))).toBe('expired');
  });

  it('tells a caller whose localhost token another host signed that it is not ours', async () => {
    const other = new HostAuth(newHostKeys());
    const foreign = await other.issueNewIdentity();
    const error = await auth.verify(foreign.token).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenRejectedError);
    expect((error as TokenRejectedError).reason).toBe('bad-signature');
    expect((error as Error).message).toBe(
      'Authorization failed: token not signed by this instance',
    );
  });

  it('rejects a token whose payload was altered', async () => {
    const issued = await auth.issueNewIdentity();
    const [header, , signature] = issued.token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ iss: 'localhost', sub: 'admin', iat: nowSeconds() }),
    ).toString('base64url');
    expect(await reason(auth.verify(`${header}.${forged}.${signature}`))).toBe('bad-signature');
  });

  it.each([
    ['not-a-jwt', 'malformed'],
    ['a.b', 'malformed'],
    ['!!.??.**', 'malformed'],
    [`${Buffer.from('[]').toString('base64url')}.e30.x`, 'malformed'],
  ] as const)('rejects %s as %s', async (token, expected) => {
    expect(await reason(auth.verify(token))).toBe(expected);
  });

  it('rejects alg none and HMAC tokens before looking at the issuer', async () => {
    const payload = { iss: 'localhost', sub: 'x', iat: nowSeconds() };
    expect(await reason(auth.verify(unsignedToken({ alg: 'none' }, payload)))).toBe(
      'unsupported-algorithm',
    );
    const hmac = await new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new Uint8Array(32));
    expect(await reason(auth.verify(hmac))).toBe('unsupported-algorithm');
  });

  it('rejects a localhost token signed with another algorithm', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const token = await signRaw(
      { alg: 'RS256' },
      { iss: 'localhost', sub: 'x', iat: nowSeconds() },
      rsa.privateKey,
    );
    expect(await reason(auth.verify(token))).toBe('unsupported-algorithm');
  });

  it('rejects third-party issuers that are not https without contacting them', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    for (const iss of ['http://idp.example.com', 'http://localhost:1', 'not a url']) {
      const token = await signRaw(
        { alg: 'RS256' },
        { iss, sub: 'x', iat: nowSeconds() },
        rsa.privateKey,
      );
      expect(await reason(auth.verify(token))).toBe('insecure-issuer');
    }
  });
});

describe('HostAuth with OpenID Connect issuers', () => {
  const idp = new TestIssuer();
  let clock = Date.now();
  let auth: HostAuth;

  beforeAll(async () => {
    await idp.start();
    auth = new HostAuth(newHostKeys(), {
      allowInsecureLocalIssuers: true,
      nowMillis: () => clock,
    });
  });
  afterAll(() => idp.stop());

  const claims = () => ({
    iss: idp.url,
    sub: 'user-1',
    iat: Math.floor(clock / 1000),
    email: 'u@x',
  });

  it('verifies an ID token against the issuer JWKS and caches the keys', async () => {
    const key = await idp.addKey('k1', 'RS256');
    const token = await signRaw({ alg: 'RS256', kid: 'k1' }, claims(), key);
    const caller = await auth.verify(token);
    expect(caller.identity).toBe(identityFromClaims(idp.url, 'user-1'));
    expect(caller.claims.email).toBe('u@x');
    const fetches = idp.requests.length;
    await auth.verify(token);
    expect(idp.requests.length).toBe(fetches);
  });

  it('tries every key when the token has no kid, refetching once after the cooldown', async () => {
    clock += 31_000;
    const key = await idp.addKey('k2', 'ES256');
    const token = await signRaw({ alg: 'ES256' }, claims(), key);
    expect((await auth.verify(token)).identity).toBe(identityFromClaims(idp.url, 'user-1'));
  });

  it('refetches the JWKS for an unknown kid, but only once per cooldown', async () => {
    clock += 31_000;
    const rotated = await idp.addKey('k3', 'RS256');
    const before = idp.requests.length;
    const token = await signRaw({ alg: 'RS256', kid: 'k3' }, claims(), rotated);
    await auth.verify(token);
    expect(idp.requests.length).toBe(before + 2);

    const afterRotation = idp.requests.length;
    const ghost = await signRaw({ alg: 'RS256', kid: 'nope' }, claims(), rotated);
    expect(await reason(auth.verify(ghost))).toBe('unknown-key');
    expect(await reason(auth.verify(ghost))).toBe('unknown-key');
    expect(idp.requests.length).toBe(afterRotation);
  });

  it('rejects a token signed by a key the issuer does not publish', async () => {
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const token = await signRaw({ alg: 'RS256', kid: 'k1' }, claims(), stranger);
    expect(await reason(auth.verify(token))).toBe('bad-signature');
  });

  it('rejects an algorithm that does not fit the key', async () => {
    const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const token = await signRaw({ alg: 'RS384', kid: 'k1' }, claims(), key);
    expect(await reason(auth.verify(token))).toBe('unsupported-algorithm');
  });

  it('rejects expired and not-yet-valid ID tokens', async () => {
    clock += 31_000;
    const key = await idp.addKey('k4', 'ES256');
    const now = Math.floor(clock / 1000);
    const expired = await signRaw(
      { alg: 'ES256', kid: 'k4' },
      { ...claims(), exp: now - 120 },
      key,
    );
    expect(await reason(auth.verify(expired))).toBe('expired');
    const early = await signRaw({ alg: 'ES256', kid: 'k4' }, { ...claims(), nbf: now + 120 }, key);
    expect(await reason(auth.verify(early))).toBe('not-yet-valid');
  });

  it('reports an issuer it cannot reach', async () => {
    const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const token = await signRaw(
      { alg: 'RS256', kid: 'a' },
      { iss: 'http://127.0.0.1:1', sub: 'x', iat: Math.floor(clock / 1000) },
      key,
    );
    const error = (await auth.verify(token).catch((e: unknown) => e)) as TokenRejectedError;
    expect(error.reason).toBe('issuer-unreachable');
    expect(error.message).toMatch(/http:\/\/127\.0\.0\.1:1/);
  });

  it('reports an issuer whose discovery endpoint fails', async () => {
    const fresh = new HostAuth(newHostKeys(), { allowInsecureLocalIssuers: true });
    idp.broken = true;
    try {
      const key = await idp.addKey('k5', 'RS256');
      const token = await signRaw({ alg: 'RS256', kid: 'k5' }, claims(), key);
      expect(await reason(fresh.verify(token))).toBe('issuer-unreachable');
    } finally {
      idp.broken = false;
    }
  });
});
