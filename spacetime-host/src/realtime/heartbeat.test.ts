import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Heartbeat } from './heartbeat.js';

describe('Heartbeat', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('pings every interval, but not again until the last ping was answered', () => {
    let pings = 0;
    const heartbeat = new Heartbeat(
      { ping: () => pings++ },
      { pingIntervalMs: 10, idleTimeoutMs: 1000 },
      () => {},
    );
    vi.advanceTimersByTime(35);
    expect(pings).toBe(1);
    heartbeat.pong();
    vi.advanceTimersByTime(10);
    expect(pings).toBe(2);
    heartbeat.stop();
  });

  it('calls onIdle once nothing has arrived for the idle timeout, and traffic postpones it', () => {
    let idle = 0;
    const heartbeat = new Heartbeat(
      { ping: () => {} },
      { pingIntervalMs: 10, idleTimeoutMs: 100 },
      () => idle++,
    );
    vi.advanceTimersByTime(60);
    heartbeat.received();
    vi.advanceTimersByTime(60);
    expect(idle).toBe(0);
    vi.advanceTimersByTime(50);
    expect(idle).toBe(1);
    heartbeat.stop();
  });

  it('does nothing after stop', () => {
    let pings = 0;
    let idle = 0;
    const heartbeat = new Heartbeat(
      { ping: () => pings++ },
      { pingIntervalMs: 10, idleTimeoutMs: 20 },
      () => idle++,
    );
    heartbeat.stop();
    vi.advanceTimersByTime(100);
    expect([pings, idle]).toEqual([0, 0]);
  });
});
