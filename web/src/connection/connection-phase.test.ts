import { describe, expect, it } from 'vitest';
import { connectionPhase, isServing } from './connection-phase';

describe('the connection as the person is told', () => {
  it.each([
    [false, false, false, 'connecting'],
    [true, false, false, 'connecting'],
    [true, false, true, 'live'],
    [false, true, false, 'reconnecting'],
    [true, true, false, 'reconnecting'],
    [false, true, true, 'reconnecting'],
    [true, true, true, 'live'],
  ])('active %s, was live %s, data ready %s: %s', (isActive, wasLive, dataReady, phase) => {
    expect(
      connectionPhase({ isActive, wasLive, dataReady, subscriptionFailed: false, givenUp: false }),
    ).toBe(phase);
  });

  it.each([
    [true, false, false, 'failed'],
    [true, true, false, 'failed'],
    // The failed view is never ready, but one that failed and others that arrived still fail.
    [true, true, true, 'failed'],
    // A failure belongs to its connection: once that is gone, the drop is what matters.
    [false, false, false, 'connecting'],
    [false, true, false, 'reconnecting'],
  ])(
    'a refused subscription, active %s, was live %s, data ready %s: %s',
    (isActive, wasLive, dataReady, phase) => {
      expect(
        connectionPhase({ isActive, wasLive, dataReady, subscriptionFailed: true, givenUp: false }),
      ).toBe(phase);
    },
  );

  it.each([
    [false, false, 'closed'],
    [false, true, 'closed'],
    [true, false, 'closed'],
  ])(
    'a connection the SDK gave up, was live %s, a view failed %s: %s',
    (wasLive, subscriptionFailed, phase) => {
      expect(
        connectionPhase({
          isActive: false,
          wasLive,
          dataReady: true,
          subscriptionFailed,
          givenUp: true,
        }),
      ).toBe(phase);
    },
  );

  it('is live again once a new connection is up, whatever the last one did', () => {
    expect(
      connectionPhase({
        isActive: true,
        wasLive: true,
        dataReady: true,
        subscriptionFailed: false,
        givenUp: true,
      }),
    ).toBe('live');
  });

  it.each([
    ['live', true],
    ['failed', true],
    ['connecting', false],
    ['reconnecting', false],
    ['closed', false],
  ] as const)(
    '%s: the connection serves (presence, a ban seen from inside): %s',
    (phase, serving) => {
      expect(isServing(phase)).toBe(serving);
    },
  );
});
