import { describe, expect, it } from 'vitest';
import { type AlgebraicType, type ProductType, Ty as T } from './algebraic-type.js';
import { BsatnError } from './bsatn-error.js';
import { compileIndexKey, type IndexKey, type IndexKeyCodec, type KeyRange } from './index-key.js';
import {
  bsatn,
  compareValues,
  encodeValue,
  prng,
  randomValue,
  type TestValue,
} from './testing/algebraic-values.js';

const product_ = (p: ProductType): AlgebraicType => ({ tag: 'Product', value: p });
const product = (...types: AlgebraicType[]): AlgebraicType =>
  product_({ elements: types.map((algebraicType, i) => ({ name: `f${i}`, algebraicType })) });
const rowOf = (...types: AlgebraicType[]): ProductType => ({
  elements: types.map((algebraicType, i) => ({ name: `c${i}`, algebraicType })),
});
const unit = product();
const option = T.option;
const sum = (...types: AlgebraicType[]): AlgebraicType => ({
  tag: 'Sum',
  value: { variants: types.map((algebraicType, i) => ({ name: `v${i}`, algebraicType })) },
});
const identity = product_({ elements: [{ name: '__identity__', algebraicType: T.U256 }] });
const timestamp = product_({
  elements: [{ name: '__timestamp_micros_since_unix_epoch__', algebraicType: T.I64 }],
});

const sign = (n: number) => (n < 0 ? -1 : n > 0 ? 1 : 0);

/** Checks that key order and equality match the reference `Ord` on `count` random values. */
function checkOrdering(keyType: AlgebraicType, count: number, seed: number) {
  const rand = prng(seed);
  const codec = compileIndexKey(rowOf(keyType), [0]);
  const values: TestValue[] = Array.from({ length: count }, () => randomValue(keyType, rand));
  const keys = values.map((v) => codec.fromRow(bsatn(keyType, v)));
  for (let i = 0; i < count; i++) {
    expect(codec.fromKeyBytes(bsatn(keyType, values[i]!))).toBe(keys[i]);
    for (let j = 0; j < count; j++) {
      const expected = sign(compareValues(keyType, values[i]!, values[j]!));
      const actual = sign(codec.compare(keys[i]!, keys[j]!));
      if (actual !== expected) {
        throw new Error(
          `${JSON.stringify(values[i], big)} vs ${JSON.stringify(values[j], big)}: key order ${actual}, expected ${expected}`,
        );
      }
    }
  }
}
const big = (_k: string, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v);

const ORDERED_TYPES: Record<string, AlgebraicType> = {
  Bool: T.Bool,
  I8: T.I8,
  U8: T.U8,
  I16: T.I16,
  U16: T.U16,
  I32: T.I32,
  U32: T.U32,
  I64: T.I64,
  U64: T.U64,
  I128: T.I128,
  U128: T.U128,
  I256: T.I256,
  U256: T.U256,
  F32: T.F32,
  F64: T.F64,
  String: T.String,
  bytes: T.array(T.U8),
  'Array<I32>': T.array(T.I32),
  'Array<String>': T.array(T.String),
  'Option<I32>': option(T.I32),
  'Option<String>': option(T.String),
  'simple enum': sum(unit, unit, unit),
  'sum with payloads': sum(T.I16, T.String, unit, product(T.Bool, T.F64)),
  Identity: identity,
  Timestamp: timestamp,
  'nested product': product(T.String, product(T.I8, option(T.String)), T.array(T.U8)),
  'product of strings': product(T.String, T.String),
};

describe('index keys order like SpacetimeDB', () => {
  for (const [name, ty] of Object.entries(ORDERED_TYPES)) {
    it(name, () => checkOrdering(ty, 120, name.length * 31 + 7));
  }

  const keyOf = (codec: IndexKeyCodec, ty: AlgebraicType, v: TestValue) =>
    codec.fromKeyBytes(bsatn(ty, v));
  const order = (ty: AlgebraicType, values: TestValue[]) => {
    const codec = compileIndexKey(rowOf(ty), [0]);
    const keys = values.map((v) => keyOf(codec, ty, v));
    return values.map((_, i) => values.map((__, j) => sign(codec.compare(keys[i]!, keys[j]!))));
  };

  it('floats: -inf < -1 < -0 = +0 < 1 < +inf < NaN, all NaNs equal', () => {
    const f64 = (x: number) => {
      const view = new DataView(new ArrayBuffer(8));
      view.setFloat64(0, x);
      return view.getBigUint64(0);
    };
    const values = [
      f64(-Infinity),
      f64(-1),
      f64(-0),
      f64(0),
      f64(1),
      f64(Infinity),
      f64(Number.NaN),
    ];
    const m = order(T.F64, [...values, 0xfff8000000000001n]);
    expect(m[0]).toEqual([0, -1, -1, -1, -1, -1, -1, -1]);
    expect(m[2]![3]).toBe(0); // -0 == +0
    expect(m[6]![7]).toBe(0); // NaNs with different payloads and signs are equal
    expect(m[5]![6]).toBe(-1); // +inf < NaN
  });

  it('signed integers: negatives below zero, extremes at the ends', () => {
    const m = order(T.I64, [
      -(2n ** 63n),
      -(2n ** 53n) - 1n,
      -(2n ** 53n),
      -1n,
      0n,
      2n ** 53n,
      2n ** 63n - 1n,
    ]);
    for (let i = 0; i < m.length; i++) {
      for (let j = 0; j < m.length; j++) expect(m[i]![j]).toBe(sign(i - j));
    }
  });

  it('strings compare bytewise: prefixes first, supplementary above U+FFFF', () => {
    const values = ['', 'a', 'a\u0000', 'aa', 'ab', 'b', '\uffff', '\u{10000}'];
    const m = order(T.String, values);
    for (let i = 0; i < values.length; i++) {
      for (let j = 0; j < values.length; j++) expect(m[i]![j]).toBe(sign(i - j));
    }
  });

  it('options: Some(x) sorts before None (tag 0 before tag 1)', () => {
    const m = order(option(T.I32), [
      { tag: 0, value: 2147483647n },
      { tag: 1, value: [] },
    ]);
    expect(m[0]![1]).toBe(-1);
  });
});

describe('multi-column keys', () => {
  const row = rowOf(T.U32, T.String, T.I16, T.array(T.U8));

  it('order lexicographically by the index columns in index order', () => {
    const rand = prng(99);
    const codec = compileIndexKey(row, [1, 2, 0]);
    const keyTy = product(T.String, T.I16, T.U32);
    const rowTy = product_(row);
    const rows = Array.from({ length: 150 }, () => randomValue(rowTy, rand) as TestValue[]);
    const keyValues = rows.map((r) => [r[1]!, r[2]!, r[0]!]);
    const keys = rows.map((r) => codec.fromRow(bsatn(rowTy, r)));
    rows.forEach((_, i) => {
      expect(codec.fromKeyBytes(bsatn(keyTy, keyValues[i]!))).toBe(keys[i]);
      rows.forEach((__, j) => {
        expect(sign(codec.compare(keys[i]!, keys[j]!))).toBe(
          sign(compareValues(keyTy, keyValues[i]!, keyValues[j]!)),
        );
      });
    });
  });

  it('reads columns after variable-length ones', () => {
    const codec = compileIndexKey(row, [2]);
    const rowTy = product_(row);
    expect(codec.kind).toBe('number');
    expect(codec.fromRow(bsatn(rowTy, [5n, 'hello', -3n, [1n, 2n]]))).toBe(-3);
    expect(codec.fromRow(bsatn(rowTy, [5n, '', 7n, []]))).toBe(7);
  });
});

describe('key kinds', () => {
  it('uses numbers for small integers, bools and simple enums', () => {
    for (const ty of [T.U8, T.I8, T.U16, T.I16, T.U32, T.I32, T.Bool, sum(unit, unit)]) {
      expect(compileIndexKey(rowOf(ty), [0]).kind).toBe('number');
    }
    expect(
      compileIndexKey(rowOf(T.U32), [0]).fromKeyBytes(Uint8Array.of(0xff, 0xff, 0xff, 0xff)),
    ).toBe(4294967295);
    expect(
      compileIndexKey(rowOf(T.I32), [0]).fromKeyBytes(Uint8Array.of(0xff, 0xff, 0xff, 0xff)),
    ).toBe(-1);
  });

  it('uses numbers for 64-bit integers while exact, strings beyond', () => {
    const codec = compileIndexKey(rowOf(T.U64), [0]);
    expect(codec.kind).toBe('mixed');
    const key = (v: bigint) => codec.fromKeyBytes(bsatn(T.U64, v));
    expect(key(2n ** 53n - 1n)).toBe(2 ** 53 - 1);
    expect(typeof key(2n ** 53n)).toBe('string');
    expect(key(2n ** 64n - 1n)).not.toBe(key(2n ** 64n - 2n));
    expect(compileIndexKey(rowOf(timestamp), [0]).kind).toBe('mixed');
  });

  it('rejects key bytes of the wrong length or content', () => {
    expect(() => compileIndexKey(rowOf(T.U32), [0]).fromKeyBytes(Uint8Array.of(1, 2, 3))).toThrow(
      BsatnError,
    );
    expect(() =>
      compileIndexKey(rowOf(T.U32), [0]).fromKeyBytes(Uint8Array.of(1, 2, 3, 4, 5)),
    ).toThrow(BsatnError);
    expect(() => compileIndexKey(rowOf(T.Bool), [0]).fromKeyBytes(Uint8Array.of(2))).toThrow(
      /bool/,
    );
    expect(() =>
      compileIndexKey(rowOf(sum(unit, unit)), [0]).fromKeyBytes(Uint8Array.of(2)),
    ).toThrow(/tag/);
    const strKey = compileIndexKey(rowOf(T.String, T.U8), [0, 1]);
    expect(() => strKey.fromKeyBytes(Uint8Array.of(1, 0, 0, 0, 0x61))).toThrow(BsatnError);
    expect(() => strKey.fromKeyBytes(Uint8Array.of(1, 0, 0, 0, 0x61, 1, 9))).toThrow(/trailing/);
    expect(() => strKey.fromKeyBytes(Uint8Array.of(1, 0, 0, 0, 0xff, 1))).toThrow(/UTF-8/);
  });

  it('rejects bad index definitions', () => {
    expect(() => compileIndexKey(rowOf(T.U32), [])).toThrow(RangeError);
    expect(() => compileIndexKey(rowOf(T.U32), [1])).toThrow(RangeError);
  });
});

// --- range scans ---------------------------------------------------------

type Bound = { tag: 0 | 1; value: TestValue } | { tag: 2 };

function rangeArgs(
  prefixTypes: AlgebraicType[],
  prefix: TestValue[],
  rangeTy: AlgebraicType,
  start: Bound,
  end?: Bound,
) {
  const out: number[] = [];
  prefixTypes.forEach((ty, i) => {
    encodeValue(ty, prefix[i]!, out);
  });
  const prefixLen = out.length;
  const writeBound = (b: Bound) => {
    out.push(b.tag);
    if (b.tag !== 2) encodeValue(rangeTy, b.value, out);
  };
  writeBound(start);
  const rstartLen = out.length - prefixLen;
  if (end) writeBound(end);
  const rendLen = out.length - prefixLen - rstartLen;
  return { buf: Uint8Array.from(out), prefixLen, prefixElems: prefix.length, rstartLen, rendLen };
}

function inRange(codec: IndexKeyCodec, range: KeyRange, key: IndexKey): boolean {
  if (range.lo !== undefined) {
    const c = codec.compare(key, range.lo);
    if (c < 0 || (c === 0 && !range.loInclusive)) return false;
  }
  if (range.hi !== undefined) {
    const c = codec.compare(key, range.hi);
    if (c > 0 || (c === 0 && !range.hiInclusive)) return false;
  }
  return true;
}

function boundHolds(ty: AlgebraicType, v: TestValue, b: Bound, side: 'start' | 'end'): boolean {
  if (b.tag === 2) return true;
  const c = compareValues(ty, v, b.value);
  if (side === 'start') return b.tag === 0 ? c >= 0 : c > 0;
  return b.tag === 0 ? c <= 0 : c < 0;
}

describe('range scans', () => {
  const elems = [T.String, option(T.I32), T.U8];
  const row = rowOf(...elems);
  const rowTy = product_(row);

  it('match a brute-force filter for every prefix length and bound kind', () => {
    const rand = prng(1234);
    const codec = compileIndexKey(row, [0, 1, 2]);
    const rows = Array.from({ length: 120 }, () => randomValue(rowTy, rand) as TestValue[]);
    const keys = rows.map((r) => codec.fromRow(bsatn(rowTy, r)));
    const randomBound = (ty: AlgebraicType): Bound => {
      const r = rand();
      if (r < 0.2) return { tag: 2 };
      return { tag: r < 0.6 ? 0 : 1, value: randomValue(ty, rand) };
    };
    const hitsByPrefixLength = [0, 0, 0];
    for (let trial = 0; trial < 300; trial++) {
      const k = Math.floor(rand() * elems.length);
      // Use a real row's prefix half the time so prefixes actually match.
      const source =
        rand() < 0.5
          ? rows[Math.floor(rand() * rows.length)]!
          : (randomValue(rowTy, rand) as TestValue[]);
      const prefix = source.slice(0, k);
      const start = randomBound(elems[k]!);
      const end = rand() < 0.2 ? undefined : randomBound(elems[k]!);
      const range = codec.range(rangeArgs(elems.slice(0, k), prefix, elems[k]!, start, end));
      rows.forEach((r, i) => {
        const expected =
          prefix.every((p, j) => compareValues(elems[j]!, r[j]!, p) === 0) &&
          boundHolds(elems[k]!, r[k]!, start, 'start') &&
          boundHolds(elems[k]!, r[k]!, end ?? start, 'end');
        if (expected) hitsByPrefixLength[k]!++;
        expect(inRange(codec, range, keys[i]!)).toBe(expected);
      });
    }
    // The check is only meaningful if ranges of every prefix length matched rows.
    for (const hits of hitsByPrefixLength) expect(hits).toBeGreaterThan(20);
  });

  it('works on single-column number and mixed keys', () => {
    for (const ty of [T.I32, T.I64, T.U64, T.U8]) {
      const rand = prng(5);
      const codec = compileIndexKey(rowOf(ty), [0]);
      const values = Array.from({ length: 60 }, () => randomValue(ty, rand));
      for (let trial = 0; trial < 60; trial++) {
        const start: Bound = { tag: rand() < 0.5 ? 0 : 1, value: randomValue(ty, rand) };
        const end: Bound = rand() < 0.3 ? { tag: 2 } : { tag: 0, value: randomValue(ty, rand) };
        const range = codec.range(rangeArgs([], [], ty, start, end));
        for (const v of values) {
          const expected = boundHolds(ty, v, start, 'start') && boundHolds(ty, v, end, 'end');
          expect(inRange(codec, range, codec.fromKeyBytes(bsatn(ty, v)))).toBe(expected);
        }
      }
    }
  });

  it('marks a full-key included..included range as a point', () => {
    const codec = compileIndexKey(rowOf(T.U32), [0]);
    const range = codec.range(rangeArgs([], [], T.U32, { tag: 0, value: 7n }));
    expect(range.point).toBe(7);
    const multi = compileIndexKey(row, [0, 1, 2]);
    const prefixRange = multi.range(
      rangeArgs([T.String], ['a'], elems[1]!, { tag: 0, value: { tag: 1, value: [] } }),
    );
    expect(prefixRange.point).toBeUndefined();
  });

  it('allows prefix scans within a single product column', () => {
    const pair = product(T.U16, T.String);
    const codec = compileIndexKey(rowOf(pair), [0]);
    const range = codec.range(rangeArgs([T.U16], [3n], T.String, { tag: 2 }, { tag: 2 }));
    const key = (a: bigint, s: string) => codec.fromRow(bsatn(product_(rowOf(pair)), [[a, s]]));
    expect(inRange(codec, range, key(3n, ''))).toBe(true);
    expect(inRange(codec, range, key(3n, 'zzz'))).toBe(true);
    expect(inRange(codec, range, key(2n, 'zzz'))).toBe(false);
    expect(inRange(codec, range, key(4n, ''))).toBe(false);
  });

  it('rejects malformed range arguments', () => {
    const codec = compileIndexKey(row, [0, 1, 2]);
    const ok = rangeArgs([T.String], ['a'], elems[1]!, { tag: 2 });
    expect(() => codec.range(ok)).not.toThrow();
    expect(() => codec.range({ ...ok, prefixElems: 3 })).toThrow(/no room/);
    expect(() => codec.range({ ...ok, prefixElems: 0 })).toThrow(/prefix/);
    expect(() => codec.range({ ...ok, prefixLen: ok.prefixLen + 1, rstartLen: 0 })).toThrow(
      BsatnError,
    );
    expect(() => codec.range({ ...ok, rendLen: 99 })).toThrow(/past the buffer/);
    const badTag = rangeArgs([T.String], ['a'], elems[1]!, { tag: 2 });
    badTag.buf[badTag.prefixLen] = 3;
    expect(() => codec.range(badTag)).toThrow(/tag 3/);
    const single = compileIndexKey(rowOf(T.U32), [0]);
    expect(() =>
      single.range({
        buf: Uint8Array.of(2, 0),
        prefixLen: 0,
        prefixElems: 0,
        rstartLen: 2,
        rendLen: 0,
      }),
    ).toThrow(/trailing/);
    expect(() =>
      single.range({
        buf: Uint8Array.of(0, 1, 2),
        prefixLen: 0,
        prefixElems: 0,
        rstartLen: 3,
        rendLen: 0,
      }),
    ).toThrow(BsatnError);
    expect(() =>
      single.range({
        buf: Uint8Array.of(9, 2),
        prefixLen: 1,
        prefixElems: 1,
        rstartLen: 1,
        rendLen: 0,
      }),
    ).toThrow(/no room/);
  });
});
