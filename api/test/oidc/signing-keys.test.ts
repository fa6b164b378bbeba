import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLocalJWKSet, exportJWK, generateKeyPair, jwtVerify } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfiguredSigningKeys } from '../../src/oidc/configured-signing-keys.js';
import { DataDirSigningKeys } from '../../src/oidc/data-dir-signing-keys.js';
import type { KeyRotationTimes } from '../../src/oidc/key-rotation-policy.js';
import { generateSigningJwk, SigningKeyError } from '../../src/oidc/signing-key.js';
import { TokenIssuer } from '../../src/oidc/token-issuer.js';

const HOUR = 3_600_000;
const TIMES: KeyRotationTimes = {
  rotateAfterMs: 24 * HOUR,
  publishAheadMs: HOUR,
  tokenLifetimeMs: 15 * 60_000,
  clockSkewMs: 60_000,
};
const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});
async function keyDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kith-keys-'));
  dirs.push(dir);
  return path.join(dir, 'api-keys');
}

describe('DataDirSigningKeys', () => {
  it('creates one private key on first start (folder 0700, file 0600) and keeps it across restarts', async () => {
    const dir = await keyDir();
    const first = await DataDirSigningKeys.open({ dir, times: TIMES });
    const signer = await first.signer();
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    const files = await readdir(dir);
    expect(files).toEqual([`${signer.kid}.json`]);
    expect((await stat(path.join(dir, files[0]!))).mode & 0o777).toBe(0o600);
    const again = await DataDirSigningKeys.open({ dir, times: TIMES });
    expect((await again.signer()).kid).toBe(signer.kid);
    // The JWKS shows only public parts.
    const jwks = await again.publicJwks();
    expect(jwks).toHaveLength(1);
    expect(jwks[0]).not.toHaveProperty('d');
    expect(jwks[0]).toMatchObject({
      kty: 'EC',
      crv: 'P-256',
      alg: 'ES256',
      use: 'sig',
      kid: signer.kid,
    });
  });

  it('rotates: publishes the next key ahead, signs with it later, drops the old one after its tokens expire', async () => {
    const dir = await keyDir();
    let now = Date.parse('2026-01-01T00:00:00Z');
    const keys = await DataDirSigningKeys.open({ dir, times: TIMES, nowMs: () => now });
    const tokens = new TokenIssuer({
      keys,
      issuer: 'https://kith.test',
      audience: 'kith',
      lifetimeSeconds: 900,
      nowMs: () => now,
    });
    const old = await keys.signer();

    now += TIMES.rotateAfterMs;
    expect((await keys.signer()).kid).toBe(old.kid);
    const published = await keys.publicJwks();
    expect(published.map((jwk) => jwk.kid)).toHaveLength(2);
    const next = published.find((jwk) => jwk.kid !== old.kid)!;

    // The last token the old key signs, a minute before the switch.
    now += TIMES.publishAheadMs - 60_000;
    const oldToken = await tokens.issueServiceToken();
    expect(JSON.parse(Buffer.from(oldToken.token.split('.')[0]!, 'base64url').toString()).kid).toBe(
      old.kid,
    );
    now += 60_000;
    expect((await keys.signer()).kid).toBe(next.kid);
    const newToken = await tokens.issueServiceToken();
    // Both verify against the published set while both are alive.
    const set = createLocalJWKSet({ keys: [...(await keys.publicJwks())] });
    for (const { token } of [oldToken, newToken]) {
      await expect(jwtVerify(token, set, { currentDate: new Date(now) })).resolves.toBeDefined();
    }

    now += TIMES.tokenLifetimeMs + TIMES.clockSkewMs;
    expect((await keys.publicJwks()).map((jwk) => jwk.kid)).toEqual([next.kid]);
    expect(await readdir(dir)).toEqual([`${next.kid}.json`]);
  });

  it('refuses to start over a damaged key file rather than silently replacing it', async () => {
    const dir = await keyDir();
    const keys = await DataDirSigningKeys.open({ dir, times: TIMES });
    const file = path.join(dir, `${(await keys.signer()).kid}.json`);
    await writeFile(file, (await readFile(file, 'utf8')).slice(0, 40));
    await expect(DataDirSigningKeys.open({ dir, times: TIMES })).rejects.toThrow(SigningKeyError);
  });
});

describe('ConfiguredSigningKeys (OIDC_SIGNING_KEYS)', () => {
  it('signs with the first key and publishes all of them', async () => {
    const first = await generateSigningJwk();
    const second = await generateSigningJwk();
    const keys = await ConfiguredSigningKeys.fromSetting(JSON.stringify([first, second]));
    expect((await keys.signer()).kid).toBe(first.kid);
    expect((await keys.publicJwks()).map((jwk) => jwk.kid)).toEqual([first.kid, second.kid]);
  });

  it.each([
    ['not JSON', 'nope', /not JSON/],
    ['an empty list', '[]', /non-empty/],
    ['an object', '{}', /non-empty/],
    ['a list with a number', '[1]', /private EC P-256/],
    ['a key without kid', 'NO_KID', /needs a "kid"/],
    ['a public key only', 'PUBLIC', /private EC P-256/],
    ['an RSA key', 'RSA', /private EC P-256/],
    ['a repeated kid', 'TWICE', /repeats a kid/],
  ])('refuses %s, naming the setting', async (_name, text, message) => {
    const good = await generateSigningJwk();
    const { d: _d, ...publicOnly } = good;
    const rsa = {
      ...(await exportJWK((await generateKeyPair('RS256', { extractable: true })).privateKey)),
      kid: 'r',
    };
    const { kid: _kid, ...noKid } = good;
    const settings: Record<string, string> = {
      NO_KID: JSON.stringify([noKid]),
      PUBLIC: JSON.stringify([publicOnly]),
      RSA: JSON.stringify([rsa]),
      TWICE: JSON.stringify([good, good]),
    };
    const error = await ConfiguredSigningKeys.fromSetting(settings[text] ?? text).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SigningKeyError);
    expect((error as Error).message).toMatch(/OIDC_SIGNING_KEYS/);
    expect((error as Error).message).toMatch(message);
  });
});
