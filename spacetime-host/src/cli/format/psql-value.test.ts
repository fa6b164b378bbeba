import { describe, expect, it } from 'vitest';
import { type AlgebraicType, Ty } from '../../sats/algebraic-type.js';
import { psqlValue } from './psql-value.js';

const special = (name: string, inner: AlgebraicType): AlgebraicType => ({
  tag: 'Product',
  value: { elements: [{ name, algebraicType: inner }] },
});
const IDENTITY = special('__identity__', Ty.U256);
const CONNECTION_ID = special('__connection_id__', Ty.U128);
const TIMESTAMP = special('__timestamp_micros_since_unix_epoch__', Ty.I64);
const DURATION = special('__time_duration_micros__', Ty.I64);
const UUID = special('__uuid__', Ty.U128);

describe('psqlValue (SpacetimeDB psql client format)', () => {
  it('prints the special types as `spacetime sql` does (its output_special_types case)', () => {
    expect(psqlValue(Ty.String, 'a')).toBe('"a"');
    expect(psqlValue(Ty.U256, '0x0')).toBe('0x0');
    expect(psqlValue(IDENTITY, ['0x0'])).toBe(`0x${'0'.repeat(64)}`);
    expect(psqlValue(CONNECTION_ID, [0])).toBe(`0x${'0'.repeat(32)}`);
    expect(psqlValue(TIMESTAMP, [0])).toBe('1970-01-01T00:00:00+00:00');
    expect(psqlValue(DURATION, [0])).toBe('+0.000000');
    expect(psqlValue(UUID, [0])).toBe('"00000000-0000-0000-0000-000000000000"');
  });

  it('prints records, bytes and nested products like SATN', () => {
    const record: AlgebraicType = {
      tag: 'Product',
      value: {
        elements: [
          { name: 'bool', algebraicType: Ty.Bool },
          { name: 'str', algebraicType: Ty.String },
          { name: 'bytes', algebraicType: { tag: 'Array', value: Ty.U8 } },
          { name: 'identity', algebraicType: IDENTITY },
        ],
      },
    };
    expect(psqlValue(record, [true, 'This is spacetimedb', '01020304050607', ['0x0']])).toBe(
      `(bool = true, str = "This is spacetimedb", bytes = 0x01020304050607, identity = 0x${'0'.repeat(64)})`,
    );
    const tuple: AlgebraicType = {
      tag: 'Product',
      value: { elements: [{ name: undefined, algebraicType: Ty.I32 }] },
    };
    expect(psqlValue(tuple, [5])).toBe('(col_0 = 5)');
  });

  it('prints sums as (variant = value) and exact big integers', () => {
    const option: AlgebraicType = {
      tag: 'Sum',
      value: {
        variants: [
          { name: 'some', algebraicType: Ty.U64 },
          { name: 'none', algebraicType: { tag: 'Product', value: { elements: [] } } },
        ],
      },
    };
    expect(psqlValue(option, [0, 18446744073709551615n])).toBe('(some = 18446744073709551615)');
    expect(psqlValue(option, [1, []])).toBe('(none = ())');
  });

  it('prints timestamps and durations with chrono-style fractions', () => {
    expect(psqlValue(TIMESTAMP, [1_700_000_000_123_000])).toBe('2023-11-14T22:13:20.123+00:00');
    expect(psqlValue(TIMESTAMP, [1_700_000_000_123_456])).toBe('2023-11-14T22:13:20.123456+00:00');
    expect(psqlValue(TIMESTAMP, [-1])).toBe('1969-12-31T23:59:59.999999+00:00');
    expect(psqlValue(DURATION, [-1_500_000])).toBe('-1.500000');
  });

  it('prints other arrays as a bracketed list', () => {
    expect(psqlValue({ tag: 'Array', value: Ty.String }, ['a', 'b'])).toBe('["a", "b"]');
  });
});
