import { describe, expect, it } from 'vitest';
import { randomConnectionId } from './random-connection-id.js';

describe('randomConnectionId', () => {
  it('gives distinct non-zero u128 values across several refills of its pool', () => {
    const ids = Array.from({ length: 2000 }, () => randomConnectionId());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toBeGreaterThan(0n);
      expect(id).toBeLessThan(1n << 128n);
    }
  });

  it('uses the high 64 bits too', () => {
    const ids = Array.from({ length: 64 }, () => randomConnectionId());
    expect(ids.some((id) => id >= 1n << 64n)).toBe(true);
  });
});
