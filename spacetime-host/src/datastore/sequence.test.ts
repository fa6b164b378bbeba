import { describe, expect, it } from 'vitest';
import { Sequence } from './sequence.js';

const sequence = (min: bigint, max: bigint, increment: bigint, start: bigint, column = 'I64') =>
  new Sequence({ colId: 0, min, max, increment, start }, column);

const take = (s: Sequence, n: number) => Array.from({ length: n }, () => s.next());

describe('Sequence', () => {
  it('steps and wraps within min..max like SpacetimeDB next_in_sequence', () => {
    expect(take(sequence(1n, 10n, 3n, 9n), 3)).toEqual([9n, 2n, 5n]);
    expect(take(sequence(1n, 10n, -3n, 4n), 3)).toEqual([4n, 1n, 8n]);
    expect(take(sequence(1n, 10n, 1n, 9n), 3)).toEqual([9n, 10n, 1n]);
  });

  it('detects zero triggers and writes truncated little-endian values', () => {
    const s = sequence(1n, 1000n, 1n, 1n, 'U8');
    const row = Uint8Array.of(7, 0, 9);
    expect(s.isTrigger(row, 1)).toBe(true);
    expect(s.isTrigger(row, 0)).toBe(false);
    s.write(row, 1, 300n);
    expect(row).toEqual(Uint8Array.of(7, 44, 9));
    const signed = sequence(-5n, 5n, 1n, 1n, 'I16');
    const bytes = new Uint8Array(2);
    signed.write(bytes, 0, -2n);
    expect(bytes).toEqual(Uint8Array.of(0xfe, 0xff));
    expect(signed.read(bytes, 0)).toBe(-2n);
  });

  it('skips past replayed values only in its direction of travel', () => {
    const up = sequence(1n, 100n, 1n, 5n);
    up.skipPast(3n);
    expect(up.value).toBe(5n);
    up.skipPast(40n);
    expect(up.value).toBe(41n);
    up.skipPast(1000n); // outside the range: written explicitly, not generated
    expect(up.value).toBe(41n);
    const down = sequence(-100n, 0n, -2n, -1n);
    down.skipPast(-10n);
    expect(down.value).toBe(-12n);
  });

  it('refuses columns that cannot hold integers', () => {
    expect(() => sequence(1n, 2n, 1n, 1n, 'String')).toThrow(TypeError);
  });
});
