import { describe, expect, it } from 'vitest';
import { closeReason } from './close-reason.js';

describe('closeReason', () => {
  it('keeps short reasons and cuts long ones to 123 bytes at a character boundary', () => {
    expect(closeReason('bad frame')).toBe('bad frame');
    const long = closeReason('é'.repeat(100));
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(123);
    expect(long).toMatch(/^é+\.\.\.$/);
  });
});
