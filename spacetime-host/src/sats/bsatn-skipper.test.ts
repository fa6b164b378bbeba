import { describe, expect, it } from 'vitest';
import { type AlgebraicType, type ProductType, Ty as T } from './algebraic-type.js';
import { BsatnError } from './bsatn-error.js';
import { bsatnFixedSize, checkBsatn, compileSkipper, splitBsatnVec } from './bsatn-skipper.js';
import { bsatn, prng, randomValue } from './testing/algebraic-values.js';

const product_ = (p: ProductType): AlgebraicType => ({ tag: 'Product', value: p });
const product = (...types: AlgebraicType[]): AlgebraicType =>
  product_({ elements: types.map((algebraicType, i) => ({ name: `f${i}`, algebraicType })) });
const sum = (...types: AlgebraicType[]): AlgebraicType => ({
  tag: 'Sum',
  value: { variants: types.map((algebraicType, i) => ({ name: `v${i}`, algebraicType })) },
});
const unit = product();
const option = T.option;
const bytes = (...b: number[]) => Uint8Array.from(b);
const str = (s: string) => {
  const utf8 = new TextEncoder().encode(s);
  return [utf8.length, 0, 0, 0, ...utf8];
};

const SAMPLE_TYPES: Record<string, AlgebraicType> = {
  scalars: product(T.Bool, T.I8, T.U16, T.I32, T.U64, T.I128, T.U256, T.F32, T.F64),
  strings: product(T.String, T.array(T.U8), T.String),
  nested: product(T.U32, option(product(T.String, T.array(T.I16))), sum(unit, T.U8, T.String)),
  arrays: T.array(product(T.Bool, option(T.U32))),
};

describe('compileSkipper', () => {
  for (const [name, ty] of Object.entries(SAMPLE_TYPES)) {
    it(`skips exactly one value of ${name}`, () => {
      const rand = prng(name.length);
      const skip = compileSkipper(ty);
      for (let i = 0; i < 200; i++) {
        const value = bsatn(ty, randomValue(ty, rand));
        expect(skip(value, 0)).toBe(value.length);
        const padded = new Uint8Array(value.length + 3);
        padded.set(value, 3);
        expect(skip(padded, 3)).toBe(padded.length);
        if (value.length > 0) {
          expect(() => skip(value.subarray(0, value.length - 1), 0)).toThrow(BsatnError);
        }
      }
    });
  }

  it('rejects bools other than 0 and 1, in rows and arrays', () => {
    expect(compileSkipper(product(T.U8, T.Bool))(bytes(9, 1), 0)).toBe(2);
    expect(() => compileSkipper(product(T.U8, T.Bool))(bytes(9, 2), 0)).toThrow(/bool/);
    expect(() => compileSkipper(T.array(T.Bool))(bytes(2, 0, 0, 0, 0, 7), 0)).toThrow(/bool/);
  });

  it('rejects unknown sum tags, including in simple enums', () => {
    const simple = sum(unit, unit, unit);
    expect(compileSkipper(simple)(bytes(2), 0)).toBe(1);
    expect(() => compileSkipper(simple)(bytes(3), 0)).toThrow(/tag 3/);
    expect(() => compileSkipper(option(T.U8))(bytes(2, 1), 0)).toThrow(/tag 2/);
    expect(() => compileSkipper(sum())(bytes(0), 0)).toThrow(BsatnError);
  });

  it('rejects invalid UTF-8 but accepts every valid form', () => {
    const skip = compileSkipper(T.String);
    for (const s of ['', 'plain', 'ä', '€', '\u{10ffff}', '\u{1f600}'.repeat(20)]) {
      const encoded = bytes(...str(s));
      expect(skip(encoded, 0)).toBe(encoded.length);
    }
    const bad = [
      [0xc0, 0x80], // overlong NUL
      [0xe0, 0x80, 0x80], // overlong
      [0xed, 0xa0, 0x80], // surrogate U+D800
      [0xf4, 0x90, 0x80, 0x80], // above U+10FFFF
      [0xe2, 0x82], // truncated sequence
      [0x80], // lone continuation
      [0xff],
    ];
    for (const b of bad) {
      expect(() => skip(bytes(b.length, 0, 0, 0, ...b), 0)).toThrow(/UTF-8/);
      const long = [...new Array(40).fill(0x61), ...b];
      expect(() => skip(bytes(long.length, 0, 0, 0, ...long), 0)).toThrow(/UTF-8/);
    }
  });

  it('rejects lengths that run past the buffer', () => {
    expect(() => compileSkipper(T.String)(bytes(5, 0, 0, 0, 0x61), 0)).toThrow(/truncated/);
    expect(() => compileSkipper(T.array(T.U32))(bytes(1, 0, 0, 0, 1, 2), 0)).toThrow(/truncated/);
    expect(() => compileSkipper(T.array(T.U32))(bytes(255, 255, 255, 255), 0)).toThrow(/truncated/);
    expect(() => compileSkipper(T.U64)(bytes(1, 2, 3), 0)).toThrow(/truncated/);
  });

  it('follows Refs through a typespace, including recursive ones', () => {
    // List = Sum { nil: (), cons: (U8, Ref(0)) }
    const list = sum(unit, product(T.U8, T.ref(0)));
    const skip = compileSkipper(T.ref(0), { types: [list] });
    expect(skip(bytes(1, 7, 1, 8, 0), 0)).toBe(5);
    expect(() => skip(bytes(1, 7, 1, 8), 0)).toThrow(BsatnError);
  });
});

describe('checkBsatn and splitBsatnVec', () => {
  const row = product(T.U32, T.String);
  const skip = compileSkipper(row);

  it('rejects trailing bytes', () => {
    const value = bytes(1, 0, 0, 0, ...str('x'));
    expect(() => checkBsatn(skip, value)).not.toThrow();
    expect(() => checkBsatn(skip, bytes(...value, 0))).toThrow(/trailing/);
  });

  it('splits a Vec of rows into views', () => {
    const a = [1, 0, 0, 0, ...str('a')];
    const b = [2, 0, 0, 0, ...str('bb')];
    const rows = splitBsatnVec(skip, bytes(2, 0, 0, 0, ...a, ...b));
    expect(rows.map((r) => Array.from(r))).toEqual([a, b]);
    expect(splitBsatnVec(skip, bytes(0, 0, 0, 0))).toEqual([]);
    expect(() => splitBsatnVec(skip, bytes(2, 0, 0, 0, ...a))).toThrow(BsatnError);
    expect(() => splitBsatnVec(skip, bytes(1, 0, 0, 0, ...a, 9))).toThrow(/trailing/);
    expect(() => splitBsatnVec(skip, bytes(1, 0))).toThrow(/truncated/);
  });
});

describe('bsatnFixedSize', () => {
  it('knows fixed layouts and nothing else', () => {
    expect(bsatnFixedSize(product(T.U32, T.I64, T.Bool))).toBe(13);
    expect(bsatnFixedSize(sum(unit, unit))).toBe(1);
    expect(bsatnFixedSize(sum(T.U32, T.I32))).toBe(5);
    expect(bsatnFixedSize(option(T.U32))).toBeUndefined();
    expect(bsatnFixedSize(T.String)).toBeUndefined();
    expect(bsatnFixedSize(product(T.U256, T.U128))).toBe(48);
  });
});
