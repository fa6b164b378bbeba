// Keeps a valid ID token for connecting to the module. Tokens live 15
// minutes; a connection needs one only when it opens, so the source renews
// the token shortly before it expires and every (re)connection gets one that
// is still good. Concurrent askers share one request.
//
// The expiry is counted on this device's clock from the token's lifetime
// (`expiresIn`), never from the API's `expiresAt`: a device clock that is
// off would otherwise take every token for expired and renew in a loop.
// When a background renewal is refused, listeners hear why (the session
// ended elsewhere, or the account was banned) while the page is still live.
import type { IdToken } from '../api-client/id-token-api';

/** A token closer than this to its expiry is renewed before use. */
export const RENEW_BEFORE_EXPIRY_MS = 2 * 60_000;

/** The background renewal never runs sooner than this after the last one. */
export const MIN_RENEWAL_DELAY_MS = 10_000;

/** After a background renewal failed without a verdict (the API out of reach), the next try. */
export const RENEWAL_RETRY_MS = 30_000;

export interface IdTokenSourceOptions {
  readonly fetchToken: () => Promise<IdToken>;
  readonly now?: () => number;
  /** Schedules the background renewal; tests pass their own clock. */
  readonly setTimer?: (run: () => void, delayMs: number) => () => void;
}

export class IdTokenSource {
  readonly #fetchToken: () => Promise<IdToken>;
  readonly #now: () => number;
  readonly #setTimer: (run: () => void, delayMs: number) => () => void;
  #current: { readonly token: string; readonly expiresAtMs: number } | undefined;
  #pending: Promise<string> | undefined;
  #cancelTimer: (() => void) | undefined;
  #stopped = false;
  readonly #refusalListeners = new Set<(error: unknown) => void>();

  constructor(options: IdTokenSourceOptions) {
    this.#fetchToken = options.fetchToken;
    this.#now = options.now ?? Date.now;
    this.#setTimer =
      options.setTimer ??
      ((run, delayMs) => {
        const id = setTimeout(run, delayMs);
        return () => clearTimeout(id);
      });
  }

  /** A token that stays valid for at least RENEW_BEFORE_EXPIRY_MS. */
  fresh(): Promise<string> {
    const current = this.#current;
    if (current !== undefined && current.expiresAtMs - this.#now() > RENEW_BEFORE_EXPIRY_MS) {
      return Promise.resolve(current.token);
    }
    return this.#renew();
  }

  /**
   * Forgets the token and fetches one issued from now on. After the claims
   * changed (a new username), a token issued before would carry the old ones
   * to the module at the next reconnect, which applies them to the account.
   */
  renewNow(): Promise<string> {
    this.#current = undefined;
    this.#pending = undefined;
    return this.#renew();
  }

  /**
   * Calls `listener` with the error whenever a background renewal fails (an
   * ended session, a ban, or the API out of reach: the listener tells them
   * apart). Returns a function that removes the listener.
   */
  onRenewalFailed(listener: (error: unknown) => void): () => void {
    this.#refusalListeners.add(listener);
    return () => this.#refusalListeners.delete(listener);
  }

  /** Forgets the token and stops renewing (signing out). */
  stop(): void {
    this.#stopped = true;
    this.#current = undefined;
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
  }

  #renew(): Promise<string> {
    if (this.#pending !== undefined) return this.#pending;
    // Counted from the ask, so the time on the way only makes it renew sooner.
    const askedAtMs = this.#now();
    const pending: Promise<string> = this.#fetchToken().then(
      (issued) => {
        // Asked for before renewNow(): its askers get the newer token instead.
        if (this.#pending !== pending) return this.#pending ?? this.fresh();
        this.#pending = undefined;
        const lifetimeMs = Number.isFinite(issued.expiresIn) ? issued.expiresIn * 1000 : 0;
        const expiresAtMs = askedAtMs + lifetimeMs;
        this.#current = { token: issued.token, expiresAtMs };
        this.#schedule(expiresAtMs);
        return issued.token;
      },
      (error: unknown) => {
        if (this.#pending === pending) this.#pending = undefined;
        throw error;
      },
    );
    this.#pending = pending;
    return pending;
  }

  /** Renews in the background a little before expiry, so a reconnect never waits. */
  #schedule(expiresAtMs: number): void {
    this.#renewAfter(
      Math.max(MIN_RENEWAL_DELAY_MS, expiresAtMs - RENEW_BEFORE_EXPIRY_MS - this.#now() - 5_000),
    );
  }

  #renewAfter(delayMs: number): void {
    this.#cancelTimer?.();
    if (this.#stopped) return;
    this.#cancelTimer = this.#setTimer(() => {
      this.#cancelTimer = undefined;
      this.#renew().catch((error: unknown) => {
        if (this.#stopped) return;
        // The listeners end the page's session if the API said it is over
        // (which stops this source). Otherwise (the API out of reach) try
        // again soon: the renewal is also how an open page learns that its
        // session ended elsewhere, so it must not stop after one failure.
        for (const listener of [...this.#refusalListeners]) listener(error);
        this.#renewAfter(RENEWAL_RETRY_MS);
      });
    }, delayMs);
  }
}
