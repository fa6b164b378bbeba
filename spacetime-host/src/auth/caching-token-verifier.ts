import type { TokenVerifier, VerifiedCaller } from './token-verifier.js';

export interface TokenCacheOptions {
  /** How many verified tokens to remember; the least recently used go first. */
  readonly capacity?: number;
  /** The longest a verification is trusted without checking the signature again. */
  readonly maxAgeMillis?: number;
  readonly nowMillis?: () => number;
}

interface Entry {
  readonly caller: VerifiedCaller;
  readonly validUntil: number;
}

/**
 * Remembers tokens that verified, so a client sending the same token on every
 * HTTP request costs one signature check, not one per request (an ES256
 * verify is far dearer than the reducer call it guards). An entry never
 * outlives the token's `exp`, and lives at most `maxAgeMillis`, so a rotated
 * OIDC key stops being honoured within that time. Rejections are not cached.
 */
export class CachingTokenVerifier implements TokenVerifier {
  readonly #inner: TokenVerifier;
  readonly #entries = new Map<string, Entry>();
  readonly #capacity: number;
  readonly #maxAgeMillis: number;
  readonly #now: () => number;

  constructor(inner: TokenVerifier, options: TokenCacheOptions = {}) {
    this.#inner = inner;
    this.#capacity = options.capacity ?? 10_000;
    this.#maxAgeMillis = options.maxAgeMillis ?? 5 * 60_000;
    this.#now = options.nowMillis ?? Date.now;
    if (!(this.#capacity >= 1) || !(this.#maxAgeMillis >= 0)) {
      throw new RangeError('token cache capacity must be at least 1 and max age not negative');
    }
  }

  async verify(token: string): Promise<VerifiedCaller> {
    const now = this.#now();
    const cached = this.#entries.get(token);
    if (cached !== undefined) {
      this.#entries.delete(token);
      if (now < cached.validUntil) {
        this.#entries.set(token, cached); // most recently used
        return cached.caller;
      }
    }
    const caller = await this.#inner.verify(token);
    const exp = caller.claims.exp;
    const expiresAt = typeof exp === 'number' ? exp * 1000 : Number.POSITIVE_INFINITY;
    this.#entries.set(token, {
      caller,
      validUntil: Math.min(expiresAt, now + this.#maxAgeMillis),
    });
    if (this.#entries.size > this.#capacity) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    return caller;
  }
}
