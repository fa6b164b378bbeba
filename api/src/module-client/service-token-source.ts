import type { IssuedToken } from '../oidc/token-issuer.js';

/** Renew this long before expiry, so a token never expires on its way to the module. */
const RENEW_BEFORE_MS = 60_000;

/**
 * The API's service token, signed once and reused until shortly before it
 * expires: every module call needs one, and signing costs a P-256 signature.
 */
export class ServiceTokenSource {
  private current: IssuedToken | undefined;
  private pending: Promise<IssuedToken> | undefined;

  constructor(
    private readonly issue: () => Promise<IssuedToken>,
    private readonly nowMs: () => number = Date.now,
  ) {}

  async token(): Promise<string> {
    const current = this.current;
    if (current !== undefined && current.expiresAt.getTime() - RENEW_BEFORE_MS > this.nowMs()) {
      return current.token;
    }
    this.pending ??= this.issue().finally(() => {
      this.pending = undefined;
    });
    this.current = await this.pending;
    return this.current.token;
  }
}
