import type { JWK } from 'jose';
import { TokenRejectedError } from './token-error.js';

export interface OidcKeySourceOptions {
  /** Accept `http://localhost…` issuers (for tests and local identity providers). */
  readonly allowInsecureLocalIssuers?: boolean;
  readonly fetch?: typeof fetch;
  readonly nowMillis?: () => number;
  /** After this, the next use refetches the JWKS (SpacetimeDB: 5 minutes). */
  readonly refreshAfterMs?: number;
  /** After this, a JWKS that cannot be refetched is no longer used (SpacetimeDB: 2 hours). */
  readonly expireAfterMs?: number;
  /** An unknown `kid` refetches the JWKS at most this often, so bad tokens cannot hammer the issuer. */
  readonly unknownKeyCooldownMs?: number;
  readonly timeoutMs?: number;
  /** Issuers remembered at once; the least recently fetched is dropped first. */
  readonly maxIssuers?: number;
}

interface CachedKeySet {
  readonly keys: readonly JWK[];
  readonly fetchedAt: number;
}

const LOCAL_HOSTNAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Public keys of third-party OpenID Connect issuers: discovers
 * `<iss>/.well-known/openid-configuration`, fetches its `jwks_uri` and caches
 * the key set per issuer.
 */
export class OidcKeySource {
  private readonly cache = new Map<string, CachedKeySet>();
  private readonly inFlight = new Map<string, Promise<CachedKeySet>>();
  private readonly options: Required<OidcKeySourceOptions>;

  constructor(options: OidcKeySourceOptions = {}) {
    this.options = {
      allowInsecureLocalIssuers: options.allowInsecureLocalIssuers ?? false,
      fetch: options.fetch ?? globalThis.fetch,
      nowMillis: options.nowMillis ?? Date.now,
      refreshAfterMs: options.refreshAfterMs ?? 5 * 60_000,
      expireAfterMs: options.expireAfterMs ?? 2 * 60 * 60_000,
      unknownKeyCooldownMs: options.unknownKeyCooldownMs ?? 30_000,
      timeoutMs: options.timeoutMs ?? 5_000,
      maxIssuers: options.maxIssuers ?? 64,
    };
  }

  /** Throws `insecure-issuer` unless the issuer may be contacted at all. */
  checkIssuer(issuer: string): URL {
    let url: URL;
    try {
      url = new URL(issuer);
    } catch {
      throw new TokenRejectedError(
        'insecure-issuer',
        `Invalid token: issuer "${issuer}" is not a URL`,
      );
    }
    if (url.protocol === 'https:') return url;
    const local = LOCAL_HOSTNAMES.has(url.hostname);
    if (url.protocol === 'http:' && local && this.options.allowInsecureLocalIssuers) return url;
    const hint = local ? ' (set allowInsecureLocalIssuers to accept http://localhost issuers)' : '';
    throw new TokenRejectedError(
      'insecure-issuer',
      `Invalid token: issuer "${issuer}" must use https${hint}`,
    );
  }

  /**
   * The issuer's signing keys. With a `kid` the JWKS is refetched (at most once
   * per cooldown) when the cached set does not have it, as keys rotate.
   */
  async keysFor(issuer: string, kid: string | undefined): Promise<readonly JWK[]> {
    this.checkIssuer(issuer);
    const now = this.options.nowMillis();
    let entry = this.cache.get(issuer);
    if (entry === undefined || now - entry.fetchedAt >= this.options.expireAfterMs) {
      entry = await this.refresh(issuer);
    } else if (now - entry.fetchedAt >= this.options.refreshAfterMs) {
      entry = await this.refresh(issuer).catch(() => entry as CachedKeySet);
    }
    if (kid === undefined || entry.keys.some((key) => key.kid === kid)) return entry.keys;
    if (now - entry.fetchedAt >= this.options.unknownKeyCooldownMs) {
      entry = await this.refresh(issuer);
      if (entry.keys.some((key) => key.kid === kid)) return entry.keys;
    }
    throw new TokenRejectedError(
      'unknown-key',
      `Invalid token: key id "${kid}" is not in the JWKS of issuer ${issuer}`,
    );
  }

  /**
   * A freshly fetched key set after no cached key verified a token without a
   * `kid`, or undefined while the cooldown since the last fetch lasts.
   */
  async refetchedKeys(issuer: string): Promise<readonly JWK[] | undefined> {
    const entry = this.cache.get(issuer);
    const now = this.options.nowMillis();
    if (entry !== undefined && now - entry.fetchedAt < this.options.unknownKeyCooldownMs) {
      return undefined;
    }
    return (await this.refresh(issuer)).keys;
  }

  private refresh(issuer: string): Promise<CachedKeySet> {
    const pending = this.inFlight.get(issuer);
    if (pending !== undefined) return pending;
    const request = this.download(issuer)
      .then((keys) => {
        const entry = { keys, fetchedAt: this.options.nowMillis() };
        this.cache.delete(issuer);
        this.cache.set(issuer, entry);
        while (this.cache.size > this.options.maxIssuers) {
          const oldest = this.cache.keys().next().value as string;
          this.cache.delete(oldest);
        }
        return entry;
      })
      .finally(() => this.inFlight.delete(issuer));
    this.inFlight.set(issuer, request);
    return request;
  }

  private async download(issuer: string): Promise<readonly JWK[]> {
    const configUrl = `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
    const config = await this.getJson(issuer, configUrl);
    const jwksUri = (config as { jwks_uri?: unknown }).jwks_uri;
    if (typeof jwksUri !== 'string') {
      throw unreachable(issuer, `${configUrl} has no "jwks_uri"`);
    }
    const jwks = await this.getJson(issuer, jwksUri);
    const keys = (jwks as { keys?: unknown }).keys;
    if (!Array.isArray(keys)) throw unreachable(issuer, `${jwksUri} has no "keys" array`);
    // Symmetric keys cannot be published safely, and encryption keys do not sign.
    return keys.filter(
      (key): key is JWK =>
        typeof key === 'object' &&
        key !== null &&
        typeof key.kty === 'string' &&
        key.kty !== 'oct' &&
        (key.use === undefined || key.use === 'sig'),
    );
  }

  private async getJson(issuer: string, url: string): Promise<unknown> {
    let response: Response;
    try {
      response = await this.options.fetch(url, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(this.options.timeoutMs),
        redirect: 'follow',
      });
    } catch (error) {
      throw unreachable(issuer, `${url}: ${(error as Error).message}`, error);
    }
    if (!response.ok) throw unreachable(issuer, `${url} answered ${response.status}`);
    try {
      return await response.json();
    } catch (error) {
      throw unreachable(issuer, `${url} did not return JSON`, error);
    }
  }
}

function unreachable(issuer: string, detail: string, cause?: unknown): TokenRejectedError {
  return new TokenRejectedError(
    'issuer-unreachable',
    `Error fetching public key for issuer ${issuer}: ${detail}`,
    { cause },
  );
}
