import { describe, expect, it } from 'vitest';
import type { IdToken } from '../api-client/id-token-api';
import {
  IdTokenSource,
  MIN_RENEWAL_DELAY_MS,
  RENEW_BEFORE_EXPIRY_MS,
  RENEWAL_RETRY_MS,
} from './id-token-source';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * A clock and timers the test moves by hand, and an issuer counting its
 * tokens. The issuer's clock is `deviceClockAheadMs` behind the device's.
 */
function harness(
  options: { failWith?: Error; deviceClockAheadMs?: number; lifetimeSeconds?: number } = {},
) {
  let now = 1_000_000;
  let failWith = options.failWith;
  const lifetimeSeconds = options.lifetimeSeconds ?? 900;
  const timers: { at: number; run: () => void }[] = [];
  let issued = 0;
  const pending: ((token: IdToken) => void)[] = [];
  const source = new IdTokenSource({
    now: () => now,
    setTimer: (run, delay) => {
      const timer = { at: now + delay, run };
      timers.push(timer);
      return () => timers.splice(timers.indexOf(timer), 1);
    },
    fetchToken: () => {
      if (failWith) return Promise.reject(failWith);
      issued += 1;
      const serverNow = now - (options.deviceClockAheadMs ?? 0);
      const token = {
        token: `t${issued}`,
        expiresAt: new Date(serverNow + lifetimeSeconds * 1000).toISOString(),
        expiresIn: lifetimeSeconds,
      };
      return new Promise<IdToken>((resolve) => pending.push(resolve)).then(() => token);
    },
  });
  return {
    source,
    issued: () => issued,
    failWith: (error: Error | undefined) => {
      failWith = error;
    },
    /** When the next background renewal runs, from now. */
    nextRenewalIn: () => Math.min(...timers.map((timer) => timer.at)) - now,
    answer: () => {
      for (const resolve of pending.splice(0)) resolve({} as IdToken);
    },
    advance(ms: number) {
      now += ms;
      for (const timer of [...timers].sort((a, b) => a.at - b.at)) {
        if (timer.at <= now) {
          timers.splice(timers.indexOf(timer), 1);
          timer.run();
        }
      }
    },
    timers,
  };
}

describe('ID tokens for the connection', () => {
  it('asks the API once for concurrent askers and reuses a token that stays good', async () => {
    const h = harness();
    const first = h.source.fresh();
    const second = h.source.fresh();
    h.answer();
    expect([await first, await second]).toEqual(['t1', 't1']);
    h.advance(5 * MINUTE);
    expect(await h.source.fresh()).toBe('t1');
    expect(h.issued()).toBe(1);
  });

  it('renews in the background before expiry, so a reconnect gets a good token at once', async () => {
    const h = harness();
    const first = h.source.fresh();
    h.answer();
    await first;
    h.advance(15 * MINUTE - RENEW_BEFORE_EXPIRY_MS);
    expect(h.issued()).toBe(2);
    h.answer();
    await Promise.resolve();
    await Promise.resolve();
    expect(await h.source.fresh()).toBe('t2');
  });

  it('never hands out a token about to expire', async () => {
    const h = harness();
    const first = h.source.fresh();
    h.answer();
    await first;
    h.timers.splice(0); // as if the tab slept through the renewal
    h.advance(14 * MINUTE);
    const next = h.source.fresh();
    h.answer();
    expect(await next).toBe('t2');
  });

  it('renews at once when asked (a new username), even while the old token is still good', async () => {
    const h = harness();
    const first = h.source.fresh();
    h.answer();
    expect(await first).toBe('t1');
    const renewed = h.source.renewNow();
    h.answer();
    expect(await renewed).toBe('t2');
    expect(await h.source.fresh()).toBe('t2');
    expect(h.issued()).toBe(2);
  });

  it('gives a reconnect that asked before the renewal the renewed token, not the old one', async () => {
    const h = harness();
    const askedBefore = h.source.fresh();
    const renewed = h.source.renewNow();
    h.answer();
    expect(await askedBefore).toBe('t2');
    expect(await renewed).toBe('t2');
    expect(await h.source.fresh()).toBe('t2');
  });

  it('passes on why the API refused, and stops renewing once stopped', async () => {
    const refused = new Error('session ended');
    const failing = harness({ failWith: refused });
    await expect(failing.source.fresh()).rejects.toBe(refused);

    const h = harness();
    const first = h.source.fresh();
    h.answer();
    await first;
    h.source.stop();
    expect(h.timers).toEqual([]);
  });

  it.each([
    ['an hour ahead of', HOUR],
    ['an hour behind', -HOUR],
  ])('counts the token’s life on the device’s clock, even one %s the API’s', async (_, ahead) => {
    const h = harness({ deviceClockAheadMs: ahead });
    const first = h.source.fresh();
    h.answer();
    expect(await first).toBe('t1');
    expect(h.nextRenewalIn()).toBe(15 * MINUTE - RENEW_BEFORE_EXPIRY_MS - 5_000);
    h.advance(MINUTE);
    void h.source.fresh();
    expect(h.issued()).toBe(1);
  });

  it('never renews sooner than the floor, however short the token’s life', async () => {
    const h = harness({ lifetimeSeconds: 30 });
    const first = h.source.fresh();
    h.answer();
    await first;
    expect(h.nextRenewalIn()).toBe(MIN_RENEWAL_DELAY_MS);
    h.advance(MIN_RENEWAL_DELAY_MS - 1);
    expect(h.issued()).toBe(1);
  });

  it('tells its listeners why a background renewal was refused, until stopped', async () => {
    const h = harness();
    const heard: unknown[] = [];
    h.source.onRenewalFailed((error) => heard.push(error));
    const first = h.source.fresh();
    h.answer();
    await first;
    const ended = new Error('session ended');
    h.failWith(ended);
    h.advance(15 * MINUTE);
    await Promise.resolve();
    await Promise.resolve();
    expect(heard).toEqual([ended]);

    const stopped = harness();
    const stoppedHeard: unknown[] = [];
    stopped.source.onRenewalFailed((error) => stoppedHeard.push(error));
    const token = stopped.source.fresh();
    stopped.answer();
    await token;
    stopped.failWith(ended);
    const timer = stopped.timers[0];
    stopped.source.stop();
    timer?.run();
    await Promise.resolve();
    await Promise.resolve();
    expect(stoppedHeard).toEqual([]);
  });

  it('tries again after a renewal that failed without a verdict, and goes on renewing', async () => {
    const h = harness();
    const heard: unknown[] = [];
    h.source.onRenewalFailed((error) => heard.push(error));
    const first = h.source.fresh();
    h.answer();
    await first;
    h.failWith(new Error('network error'));
    h.advance(h.nextRenewalIn());
    await Promise.resolve();
    await Promise.resolve();
    expect(heard).toHaveLength(1);
    // The API is back: the retry renews, and renewals carry on from there.
    expect(h.nextRenewalIn()).toBe(RENEWAL_RETRY_MS);
    h.failWith(undefined);
    h.advance(RENEWAL_RETRY_MS);
    h.answer();
    await Promise.resolve();
    await Promise.resolve();
    await Promise.resolve();
    expect(h.issued()).toBe(2);
    expect(h.nextRenewalIn()).toBeGreaterThan(RENEWAL_RETRY_MS);
  });
});
