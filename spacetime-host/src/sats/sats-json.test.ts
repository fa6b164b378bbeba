import { BinaryWriter } from 'spacetimedb';
import { describe, expect, it } from 'vitest';
import { type AlgebraicType, type ProductType, type SumType, Ty } from './algebraic-type.js';
import { bsatnToJson, SatsJsonError } from './sats-json.js';
import { jsonToBsatn } from './sats-json-encode.js';
import type { Typespace } from './typespace.js';

const productOf = (value: ProductType): AlgebraicType => ({ tag: 'Product', value });
const sumOf = (value: SumType): AlgebraicType => ({ tag: 'Sum', value });

const noTypes: Typespace = { types: [] };

const identityType = productOf({
  elements: [{ name: '__identity__', algebraicType: Ty.U256 }],
});
const timestampType = productOf({
  elements: [{ name: '__timestamp_micros_since_unix_epoch__', algebraicType: Ty.I64 }],
});
const optionI32 = sumOf({
  variants: [
    { name: 'some', algebraicType: Ty.I32 },
    { name: 'none', algebraicType: productOf({ elements: [] }) },
  ],
});
const bytesType = Ty.array(Ty.U8);

function bytesOf(write: (w: BinaryWriter) => void): Uint8Array {
  const writer = new BinaryWriter(16);
  write(writer);
  return writer.getBuffer().slice();
}

function product(...elements: [string, AlgebraicType][]): ProductType {
  return { elements: elements.map(([name, algebraicType]) => ({ name, algebraicType })) };
}

describe('bsatnToJson', () => {
  it('writes small integers as numbers and 64/128-bit integers as bigints', () => {
    const row = product(['a', Ty.I8], ['b', Ty.U32], ['c', Ty.U64], ['d', Ty.I128]);
    const bytes = bytesOf((w) => {
      w.writeI8(-5);
      w.writeU32(4_000_000_000);
      w.writeU64(2n ** 64n - 1n);
      w.writeI128(-(2n ** 100n));
    });
    expect(bsatnToJson(productOf(row), noTypes, bytes)).toEqual([
      -5,
      4_000_000_000,
      2n ** 64n - 1n,
      -(2n ** 100n),
    ]);
  });

  it('writes 256-bit integers as 0x-prefixed minimal hex, with a sign when negative', () => {
    expect(
      bsatnToJson(
        Ty.U256,
        noTypes,
        bytesOf((w) => w.writeU256(255n)),
      ),
    ).toBe('0xff');
    expect(
      bsatnToJson(
        Ty.U256,
        noTypes,
        bytesOf((w) => w.writeU256(0n)),
      ),
    ).toBe('0x0');
    expect(
      bsatnToJson(
        Ty.I256,
        noTypes,
        bytesOf((w) => w.writeI256(-26n)),
      ),
    ).toBe('-0x1a');
  });

  it('writes an f32 with its shortest digits and a non-finite float as null', () => {
    expect(
      bsatnToJson(
        Ty.F32,
        noTypes,
        bytesOf((w) => w.writeF32(0.1)),
      ),
    ).toBe(0.1);
    expect(
      bsatnToJson(
        Ty.F32,
        noTypes,
        bytesOf((w) => w.writeF32(16777216)),
      ),
    ).toBe(16777216);
    expect(
      bsatnToJson(
        Ty.F64,
        noTypes,
        bytesOf((w) => w.writeF64(Number.NaN)),
      ),
    ).toBe(null);
    expect(
      bsatnToJson(
        Ty.F32,
        noTypes,
        bytesOf((w) => w.writeF32(-Infinity)),
      ),
    ).toBe(null);
  });

  it('writes bytes as lowercase hex and other arrays as JSON arrays', () => {
    const bytes = bytesOf((w) => w.writeUInt8Array(new Uint8Array([0xab, 0x01])));
    expect(bsatnToJson(bytesType, noTypes, bytes)).toBe('ab01');
    const strings = bytesOf((w) => {
      w.writeU32(2);
      w.writeString('x');
      w.writeString('é');
    });
    expect(bsatnToJson(Ty.array(Ty.String), noTypes, strings)).toEqual(['x', 'é']);
  });

  it('bare form: products are arrays and sums are [tag, value], as /sql rows are', () => {
    const some = bytesOf((w) => {
      w.writeU8(0);
      w.writeI32(5);
    });
    expect(bsatnToJson(optionI32, noTypes, some)).toEqual([0, 5]);
    expect(bsatnToJson(optionI32, noTypes, new Uint8Array([1]))).toEqual([1, []]);
    const identity = bytesOf((w) => w.writeU256(0xc2n));
    expect(bsatnToJson(identityType, noTypes, identity)).toEqual(['0xc2']);
    const ts = bytesOf((w) => w.writeI64(1_700_000_000_000_000n));
    expect(bsatnToJson(timestampType, noTypes, ts)).toEqual([1_700_000_000_000_000n]);
  });

  it('typed form: products are objects and sums are {name: value}', () => {
    const some = bytesOf((w) => {
      w.writeU8(0);
      w.writeI32(5);
    });
    expect(bsatnToJson(optionI32, noTypes, some, 'typed')).toEqual({ some: 5 });
    expect(bsatnToJson(optionI32, noTypes, new Uint8Array([1]), 'typed')).toEqual({ none: [] });
    const identity = bytesOf((w) => w.writeU256(1n));
    expect(bsatnToJson(identityType, noTypes, identity, 'typed')).toEqual({ __identity__: '0x1' });
  });

  it('writes ScheduleAt and TimeDuration as the sums and newtypes they are', () => {
    const duration = productOf({
      elements: [{ name: '__time_duration_micros__', algebraicType: Ty.I64 }],
    });
    const scheduleAt = sumOf({
      variants: [
        { name: 'Interval', algebraicType: duration },
        { name: 'Time', algebraicType: timestampType },
      ],
    });
    const bytes = bytesOf((w) => {
      w.writeU8(0);
      w.writeI64(5_000_000n);
    });
    expect(bsatnToJson(scheduleAt, noTypes, bytes)).toEqual([0, [5_000_000n]]);
    expect(bsatnToJson(scheduleAt, noTypes, bytes, 'typed')).toEqual({
      Interval: { __time_duration_micros__: 5_000_000n },
    });
    expect(jsonToBsatn(scheduleAt, noTypes, { Time: [1n] })).toEqual(
      bytesOf((w) => {
        w.writeU8(1);
        w.writeI64(1n);
      }),
    );
  });

  it('resolves refs through the typespace', () => {
    const typespace: Typespace = {
      types: [productOf(product(['x', Ty.U8], ['next', optionI32]))],
    };
    const bytes = new Uint8Array([7, 1]);
    expect(bsatnToJson(Ty.ref(0), typespace, bytes, 'typed')).toEqual({
      x: 7,
      next: { none: [] },
    });
  });

  it('rejects truncated input, trailing bytes, bad tags and dangling refs', () => {
    expect(() => bsatnToJson(Ty.U32, noTypes, new Uint8Array([1, 2]))).toThrow(/invalid BSATN/);
    expect(() => bsatnToJson(Ty.U8, noTypes, new Uint8Array([1, 2]))).toThrow(/1 trailing byte/);
    expect(() => bsatnToJson(optionI32, noTypes, new Uint8Array([9]))).toThrow(/unknown sum tag 9/);
    expect(() => bsatnToJson(Ty.ref(3), noTypes, new Uint8Array())).toThrow(SatsJsonError);
  });
});

describe('jsonToBsatn', () => {
  const transferArgs = productOf(product(['from', Ty.U32], ['to', Ty.U32], ['amount', Ty.I64]));

  it('accepts a product as an array or as an object keyed by field name', () => {
    const expected = bytesOf((w) => {
      w.writeU32(1);
      w.writeU32(2);
      w.writeI64(-30n);
    });
    expect(jsonToBsatn(transferArgs, noTypes, [1, 2, -30])).toEqual(expected);
    expect(jsonToBsatn(transferArgs, noTypes, { amount: -30n, to: 2, from: 1 })).toEqual(expected);
  });

  it('accepts every sum form SpacetimeDB accepts', () => {
    const some5 = new Uint8Array([0, 5, 0, 0, 0]);
    const none = new Uint8Array([1]);
    expect(jsonToBsatn(optionI32, noTypes, { some: 5 })).toEqual(some5);
    expect(jsonToBsatn(optionI32, noTypes, { '0': 5 })).toEqual(some5);
    expect(jsonToBsatn(optionI32, noTypes, [0, 5])).toEqual(some5);
    expect(jsonToBsatn(optionI32, noTypes, ['some', 5])).toEqual(some5);
    expect(jsonToBsatn(optionI32, noTypes, { none: [] })).toEqual(none);
    expect(jsonToBsatn(optionI32, noTypes, { none: {} })).toEqual(none);
    expect(jsonToBsatn(optionI32, noTypes, null)).toEqual(none);
  });

  it('accepts bytes as hex or as an array of numbers', () => {
    const expected = bytesOf((w) => w.writeUInt8Array(new Uint8Array([0xde, 0xad])));
    expect(jsonToBsatn(bytesType, noTypes, 'DEad')).toEqual(expected);
    expect(jsonToBsatn(bytesType, noTypes, [0xde, 0xad])).toEqual(expected);
    expect(() => jsonToBsatn(bytesType, noTypes, '0xdead')).toThrow('expected a hex string');
    expect(() => jsonToBsatn(bytesType, noTypes, 'abc')).toThrow('expected a hex string');
  });

  it('accepts 256-bit integers only as 0x-prefixed strings', () => {
    expect(jsonToBsatn(identityType, noTypes, { __identity__: '0xff' })).toEqual(
      bytesOf((w) => w.writeU256(255n)),
    );
    expect(jsonToBsatn(Ty.I256, noTypes, '-0x10')).toEqual(bytesOf((w) => w.writeI256(-16n)));
    expect(() => jsonToBsatn(Ty.U256, noTypes, 255)).toThrow(
      'expected a u256 as a "0x"-prefixed hex string, got 255',
    );
    expect(() => jsonToBsatn(Ty.U256, noTypes, '-0x1')).toThrow(/u256/);
    expect(() => jsonToBsatn(Ty.I256, noTypes, `0x8${'0'.repeat(63)}`)).toThrow(
      /out of range for i256/,
    );
  });

  it('names the path of a bad field', () => {
    const owner = productOf(product(['owner', Ty.U32]));
    const args = productOf(product(['name', Ty.String], ['pet', owner]));
    const error = (() => {
      try {
        jsonToBsatn(args, noTypes, ['rex', { owner: 'x' }], 'args');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(SatsJsonError);
    expect((error as SatsJsonError).message).toBe('args[1].owner: expected a u32, got "x"');
    expect((error as SatsJsonError).path).toBe('args[1].owner');
  });

  it('rejects wrong arity, unknown or missing fields, unknown variants and out-of-range ints', () => {
    expect(() => jsonToBsatn(transferArgs, noTypes, [1, 2], 'args')).toThrow(
      'args: expected 3 element(s), got 2',
    );
    expect(() => jsonToBsatn(transferArgs, noTypes, { from: 1, to: 2, amt: 3 })).toThrow(
      'unknown field `amt`, expected one of `from`, `to`, `amount`',
    );
    expect(() => jsonToBsatn(transferArgs, noTypes, { from: 1, to: 2 })).toThrow(
      'missing field `amount`',
    );
    expect(() => jsonToBsatn(optionI32, noTypes, { maybe: 1 }, 'x')).toThrow(
      'x: unknown variant "maybe", expected one of `some`, `none`',
    );
    expect(() => jsonToBsatn(optionI32, noTypes, [7, 1])).toThrow(/unknown variant tag 7/);
    expect(() => jsonToBsatn(optionI32, noTypes, { some: 1, none: [] })).toThrow(/expected a sum/);
    expect(() => jsonToBsatn(Ty.U8, noTypes, 256)).toThrow('256 is out of range for u8');
    expect(() => jsonToBsatn(Ty.I32, noTypes, 1.5)).toThrow('expected an i32, got 1.5');
    expect(() => jsonToBsatn(Ty.U64, noTypes, -1n)).toThrow('-1 is out of range for u64');
    expect(() => jsonToBsatn(Ty.Bool, noTypes, 'true')).toThrow('expected a bool');
    expect(() => jsonToBsatn(Ty.String, noTypes, undefined, 'name')).toThrow(
      'name: expected a string, got nothing',
    );
    expect(() => jsonToBsatn(Ty.Bool, noTypes, null)).toThrow('got null');
  });

  it('round-trips through bsatnToJson in both forms', () => {
    const row = productOf(
      product(
        ['id', Ty.U64],
        ['owner', identityType],
        ['tags', Ty.array(Ty.String)],
        ['score', optionI32],
        ['blob', bytesType],
        ['ratio', Ty.F32],
        ['big', Ty.I256],
      ),
    );
    const json = [2n ** 63n, ['0xabc'], ['a', 'b'], [0, -7], '00ff', 0.1, '-0x5'];
    const bytes = jsonToBsatn(row, noTypes, json);
    expect(bsatnToJson(row, noTypes, bytes)).toEqual(json);
    const typed = bsatnToJson(row, noTypes, bytes, 'typed');
    expect(typed).toEqual({
      id: 2n ** 63n,
      owner: { __identity__: '0xabc' },
      tags: ['a', 'b'],
      score: { some: -7 },
      blob: '00ff',
      ratio: 0.1,
      big: '-0x5',
    });
    expect(jsonToBsatn(row, noTypes, typed)).toEqual(bytes);
  });
});
