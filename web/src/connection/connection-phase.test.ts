import { describe, expect, it } from 'vitest';
import { connectionPhase } from './connection-phase';

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
    expect(connectionPhase({ isActive, wasLive, dataReady })).toBe(phase);
  });
});
