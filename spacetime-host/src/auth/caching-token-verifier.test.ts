import { describe, expect, it } from 'vitest';
import { CachingTokenVerifier } from './caching-token-verifier.js';
import { TokenRejectedError } from './token-error.js';
import type { TokenVerifier, VerifiedCaller } from './token-verifier.js';

/** An inner verifier that accepts tokens named `good-*` and counts its checks. */
function countingVerifier(expSeconds?: number): TokenVerifier & { checks: string[] } {
  const checks: string[] = [];
  return {
    checks,
    async verify(token) {
      checks.push(token);
      if (!token.startsWith('good')) throw new TokenRejectedError('bad-signature', 'bad');
      const claims = expSeconds === undefined ? {} : { exp: expSeconds };
      return { identity: 1n, claims, payloadJson: '{}' } as unknown as VerifiedCaller;
    },
  };
}

describe('CachingTokenVerifier', () => {
  it('checks a token once, then answers from the cache', async () => {
    const inner = countingVerifier();
    const cache = new CachingTokenVerifier(inner);
    const first = await cache.verify('good-a');
    const second = await cache.verify('good-a');
    expect(second).toBe(first);
    expect(inner.checks).toEqual(['good-a']);
  });

  it('never caches a rejection', async () => {
    const inner = countingVerifier();
    const cache = new CachingTokenVerifier(inner);
    await expect(cache.verify('forged')).rejects.toThrow(TokenRejectedError);
    await expect(cache.verify('forged')).rejects.toThrow(TokenRejectedError);
    expect(inner.checks).toEqual(['forged', 'forged']);
  });

  it('checks again once the token has expired', async () => {
    let now = 1_000_000;
    const inner = countingVerifier(1_000 + 10); // exp 10 s after `now`
    const cache = new CachingTokenVerifier(inner, { nowMillis: () => now });
    await cache.verify('good-a');
    now += 9_000;
    await cache.verify('good-a');
    now += 2_000;
    await cache.verify('good-a');
    expect(inner.checks).toHaveLength(2);
  });

  it('checks again after the maximum age even for a token without exp', async () => {
    let now = 0;
    const inner = countingVerifier();
    const cache = new CachingTokenVerifier(inner, { nowMillis: () => now, maxAgeMillis: 100 });
    await cache.verify('good-a');
    now = 99;
    await cache.verify('good-a');
    now = 100;
    await cache.verify('good-a');
    expect(inner.checks).toHaveLength(2);
  });

  it('evicts the least recently used token past its capacity', async () => {
    const inner = countingVerifier();
    const cache = new CachingTokenVerifier(inner, { capacity: 2 });
    await cache.verify('good-a');
    await cache.verify('good-b');
    await cache.verify('good-a'); // a is now the most recent
    await cache.verify('good-c'); // evicts b
    await cache.verify('good-a');
    await cache.verify('good-b');
    expect(inner.checks).toEqual(['good-a', 'good-b', 'good-c', 'good-b']);
  });

  it('refuses a nonsensical configuration', () => {
    expect(() => new CachingTokenVerifier(countingVerifier(), { capacity: 0 })).toThrow(RangeError);
  });
});
