import { describe, expect, it } from 'vitest';
import { Ty } from '../sats/algebraic-type.js';
import { scalarCodec } from './scalar.js';
import { bytesType, identityType, timestampType } from './testing/fixture-schema.js';

describe('scalarCodec', () => {
  it('orders strings by code point, as Rust orders UTF-8', () => {
    const { compare } = scalarCodec(Ty.String)!;
    // UTF-16 puts U+1F600 (a surrogate pair) before U+FFFD; UTF-8 puts it after.
    expect(compare('\u{1F600}', '\uFFFD')).toBe(1);
    expect(compare('a', 'ab')).toBe(-1);
    expect(compare('é', 'é')).toBe(0);
    expect(compare('B', 'a')).toBe(-1);
  });

  it('orders floats totally: NaN equals itself and sorts last, -0 equals 0', () => {
    const { compare } = scalarCodec(Ty.F64)!;
    expect(compare(Number.NaN, Number.NaN)).toBe(0);
    expect(compare(Number.NaN, Number.POSITIVE_INFINITY)).toBe(1);
    expect(compare(-1, Number.NaN)).toBe(-1);
    expect(compare(-0, 0)).toBe(0);
  });

  it('orders bytes lexicographically, shorter first on a tie', () => {
    const { compare } = scalarCodec(bytesType)!;
    expect(compare(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(-1);
    expect(compare(new Uint8Array([1]), new Uint8Array([1, 0]))).toBe(-1);
    expect(compare(new Uint8Array([2]), new Uint8Array([1, 9]))).toBe(1);
  });

  it('round-trips the special newtypes through their inner integers', () => {
    const identity = scalarCodec(identityType)!;
    const bytes = identity.encode(2n ** 255n + 7n);
    expect(bytes).toHaveLength(32);
    expect(bytes[0]).toBe(7);
    expect(identity.decode(bytes)).toBe(2n ** 255n + 7n);
    const ts = scalarCodec(timestampType)!;
    expect(ts.decode(ts.encode(-5n))).toBe(-5n);
  });

  it('has no codec for types SQL cannot compare', () => {
    expect(scalarCodec(Ty.option(Ty.I32))).toBeUndefined();
    expect(scalarCodec(Ty.array(Ty.String))).toBeUndefined();
    expect(scalarCodec(Ty.product({ x: Ty.I32 }))).toBeUndefined();
    expect(scalarCodec(Ty.ref(0))).toBeUndefined();
  });
});
