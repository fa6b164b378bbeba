import { describe, expect, it } from 'vitest';
import { formatDuration } from './format-duration.js';

describe('formatDuration', () => {
  it.each([
    [0, '0ns'],
    [999, '999ns'],
    [1_500, '1.5µs'],
    [1_000_000, '1ms'],
    [12_345_678, '12.345678ms'],
    [2_000_000_001, '2.000000001s'],
  ])('%d ns prints as %s', (ns, text) => {
    expect(formatDuration(ns)).toBe(text);
  });
});
