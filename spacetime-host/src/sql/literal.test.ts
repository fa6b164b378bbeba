import { describe, expect, it } from 'vitest';
import { Ty } from '../sats/algebraic-type.js';
import { parseIntLiteral, parseLiteral, parseRfc3339Micros } from './literal.js';
import { bytesType, connectionIdType, identityType, uuidType } from './testing/fixture-schema.js';

describe('parseIntLiteral', () => {
  it('reads decimals that are whole numbers, scientific notation included', () => {
    expect(parseIntLiteral('127', 'I8')).toBe(127n);
    expect(parseIntLiteral('-128', 'I8')).toBe(-128n);
    expect(parseIntLiteral('+1', 'U8')).toBe(1n);
    expect(parseIntLiteral('1e3', 'U32')).toBe(1000n);
    expect(parseIntLiteral('1E3', 'U32')).toBe(1000n);
    expect(parseIntLiteral('2.50e1', 'U32')).toBe(25n);
    expect(parseIntLiteral('1e40', 'U256')).toBe(10n ** 40n);
    expect(parseIntLiteral('0e999', 'U8')).toBe(0n);
  });

  it('refuses fractions, out-of-range values and non-numbers', () => {
    for (const [text, tag] of [
      ['128', 'I8'],
      ['-1', 'U8'],
      ['1e3', 'U8'],
      ['0.1', 'U8'],
      ['1e-3', 'U32'],
      ['1e999', 'U256'],
      ['abc', 'U32'],
      ['', 'U32'],
      ['.', 'U32'],
      ['0x10', 'U32'],
    ] as const) {
      expect(parseIntLiteral(text, tag), `${text} as ${tag}`).toBeUndefined();
    }
  });
});

describe('parseLiteral', () => {
  it('reads floats, rounding to f32 where needed', () => {
    expect(parseLiteral('.5', Ty.F64)).toBe(0.5);
    expect(parseLiteral('1053e-1', Ty.F64)).toBe(105.3);
    expect(parseLiteral('0.1', Ty.F32)).toBe(Math.fround(0.1));
    expect(parseLiteral('1e40', Ty.F32)).toBe(Number.POSITIVE_INFINITY);
    expect(parseLiteral('Infinity', Ty.F64)).toBeUndefined();
  });

  it('takes any literal text as a string', () => {
    expect(parseLiteral('12', Ty.String)).toBe('12');
  });

  it('reads identities, connection ids and bytes as hex, with or without 0x', () => {
    const hex = 'ab'.repeat(32);
    expect(parseLiteral(hex, identityType)).toBe(BigInt(`0x${hex}`));
    expect(parseLiteral(`0x${hex}`, identityType)).toBe(BigInt(`0x${hex}`));
    expect(parseLiteral('ab', identityType)).toBeUndefined();
    expect(parseLiteral(`${'00'.repeat(15)}ff`, connectionIdType)).toBe(255n);
    expect(parseLiteral('0xC0FFEE', bytesType)).toEqual(new Uint8Array([0xc0, 0xff, 0xee]));
    expect(parseLiteral('abc', bytesType)).toBeUndefined();
  });

  it('reads the uuid forms the uuid crate accepts', () => {
    const value = 0x67e5504410b1426f9247bb680e5fe0c8n;
    for (const text of [
      '67e5504410b1426f9247bb680e5fe0c8',
      '67e55044-10b1-426f-9247-bb680e5fe0c8',
      '{67e55044-10b1-426f-9247-bb680e5fe0c8}',
      'urn:uuid:67e55044-10b1-426f-9247-bb680e5fe0c8',
    ]) {
      expect(parseLiteral(text, uuidType), text).toBe(value);
    }
    expect(parseLiteral('67e55044-10b1-426f-9247', uuidType)).toBeUndefined();
  });

  it('has no literals for bools, sums, arrays or durations', () => {
    expect(parseLiteral('true', Ty.Bool)).toBeUndefined();
    expect(parseLiteral('1', Ty.option(Ty.I32))).toBeUndefined();
    expect(parseLiteral('1', Ty.array(Ty.I32))).toBeUndefined();
    expect(parseLiteral('1', Ty.product({ __time_duration_micros__: Ty.I64 }))).toBeUndefined();
  });
});

describe('parseRfc3339Micros', () => {
  it('reads RFC 3339 timestamps as chrono does', () => {
    expect(parseRfc3339Micros('1970-01-01T00:00:00Z')).toBe(0n);
    expect(parseRfc3339Micros('2025-02-10T15:45:30Z')).toBe(1_739_202_330_000_000n);
    expect(parseRfc3339Micros('2025-02-10T15:45:30.123Z')).toBe(1_739_202_330_123_000n);
    expect(parseRfc3339Micros('2025-02-10T15:45:30.123456789Z')).toBe(1_739_202_330_123_456n);
    expect(parseRfc3339Micros('2025-02-10 17:45:30+02:00')).toBe(1_739_202_330_000_000n);
    expect(parseRfc3339Micros('2025-02-10t10:45:30-05:00')).toBe(1_739_202_330_000_000n);
    expect(parseRfc3339Micros('1969-12-31T23:59:59.5Z')).toBe(-500_000n);
  });

  it('refuses dates that do not exist and text that is not RFC 3339', () => {
    for (const text of [
      '2025-02-30T00:00:00Z',
      '2025-13-01T00:00:00Z',
      '2025-02-10T24:00:00Z',
      '2025-02-10 15:45:30',
      '2025-02-10',
      'yesterday',
    ]) {
      expect(parseRfc3339Micros(text), text).toBeUndefined();
    }
  });
});
