import { describe, expect, it } from 'vitest';
import { parseSatsJson, stringifySatsJson } from './sats-json-text.js';

describe('parseSatsJson', () => {
  it('keeps integers beyond 2^53 exact as bigints and the rest as numbers', () => {
    expect(
      parseSatsJson('[18446744073709551615, -170141183460469231731687303715884105728]'),
    ).toEqual([18446744073709551615n, -170141183460469231731687303715884105728n]);
    expect(parseSatsJson('[1, -2.5, 1e3, 9007199254740991]')).toEqual([
      1, -2.5, 1000, 9007199254740991,
    ]);
  });

  it('parses objects, strings with escapes, and keywords', () => {
    expect(parseSatsJson(' {"a": [true, false, null], "b\\n": "\\u00e9\\"x"} ')).toEqual({
      a: [true, false, null],
      'b\n': 'é"x',
    });
    const parsed = parseSatsJson('{"__proto__": 1}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.hasOwn(parsed, '__proto__')).toBe(true);
  });

  it('rejects malformed JSON with a position', () => {
    for (const text of ['', '[1,]', '{"a" 1}', '"abc', 'tru', '[1] 2', '01', '{a: 1}', '"\\x"']) {
      expect(() => parseSatsJson(text), text).toThrow(SyntaxError);
    }
    expect(() => parseSatsJson('[1,]')).toThrow(/position 3/);
  });
});

describe('stringifySatsJson', () => {
  it('writes bigints as exact digits and non-finite numbers as null', () => {
    expect(stringifySatsJson({ n: 2n ** 64n - 1n, f: Number.NaN, s: 'a"b', u: undefined })).toBe(
      '{"n":18446744073709551615,"f":null,"s":"a\\"b"}',
    );
    expect(stringifySatsJson([[1, []], null, true, 0.1])).toBe('[[1,[]],null,true,0.1]');
  });

  it('round-trips with parseSatsJson', () => {
    const value = { rows: [[1, 2n ** 70n, 'x', [0, []]]], total_duration_micros: 12 };
    expect(parseSatsJson(stringifySatsJson(value))).toEqual(value);
  });
});
