// Test support: random SATS values, their BSATN, and a reference `Ord`
// written straight from SpacetimeDB's rules, to check the key encoders against.
import type { AlgebraicType } from '../algebraic-type.js';

/**
 * Bool: boolean; integers: bigint; floats: their IEEE bits (bigint) so NaN
 * payloads and -0 survive; String: string; Array and Product: arrays;
 * Sum: `{ tag, value }`.
 */
export type TestValue = boolean | bigint | string | TestValue[] | { tag: number; value: TestValue };

const INT_BITS: Record<string, [bits: number, signed: boolean]> = {
  I8: [8, true],
  U8: [8, false],
  I16: [16, true],
  U16: [16, false],
  I32: [32, true],
  U32: [32, false],
  I64: [64, true],
  U64: [64, false],
  I128: [128, true],
  U128: [128, false],
  I256: [256, true],
  U256: [256, false],
};

export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const F32_SPECIALS = [
  0x00000000, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000, 0x7f800001, 0x7fffffff,
  0x00000001, 0x80000001, 0x3f800000, 0xbf800000, 0x7f7fffff, 0xff7fffff,
];
const F64_SPECIALS = [
  0x0000000000000000n,
  0x8000000000000000n,
  0x7ff0000000000000n,
  0xfff0000000000000n,
  0x7ff8000000000000n,
  0xfff8000000000000n,
  0x7ff0000000000001n,
  0x0000000000000001n,
  0x8000000000000001n,
  0x3ff0000000000000n,
  0xbff0000000000000n,
];
const STRINGS = [
  '',
  'a',
  'aa',
  'ab',
  'a\u0000',
  'b',
  'ä',
  '\uffff',
  '\u{10000}',
  '\u{1f600}',
  'é',
  'z',
];

export function randomValue(ty: AlgebraicType, rand: () => number, depth = 0): TestValue {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  switch (ty.tag) {
    case 'Bool':
      return rand() < 0.5;
    case 'F32':
      return BigInt(
        rand() < 0.4
          ? pick(F32_SPECIALS)
          : new Uint32Array(new Float32Array([(rand() - 0.5) * 1e6]).buffer)[0]!,
      );
    case 'F64': {
      if (rand() < 0.4) return pick(F64_SPECIALS);
      const view = new DataView(new ArrayBuffer(8));
      view.setFloat64(0, (rand() - 0.5) * 10 ** Math.floor(rand() * 20 - 10));
      return view.getBigUint64(0);
    }
    case 'String': {
      const parts = Math.floor(rand() * 3);
      let s = '';
      for (let i = 0; i < parts; i++) s += pick(STRINGS);
      return s;
    }
    case 'Array': {
      const n = depth > 2 ? 0 : Math.floor(rand() * 4);
      return Array.from({ length: n }, () => randomValue(ty.value, rand, depth + 1));
    }
    case 'Product':
      return ty.value.elements.map((e) => randomValue(e.algebraicType, rand, depth + 1));
    case 'Sum': {
      const tag = Math.floor(rand() * ty.value.variants.length);
      return { tag, value: randomValue(ty.value.variants[tag]!.algebraicType, rand, depth + 1) };
    }
    case 'Ref':
      throw new Error('resolve types before generating values');
    default: {
      const [bits, signed] = INT_BITS[ty.tag]!;
      const min = signed ? -(1n << BigInt(bits - 1)) : 0n;
      const max = signed ? (1n << BigInt(bits - 1)) - 1n : (1n << BigInt(bits)) - 1n;
      const r = rand();
      if (r < 0.1) return min;
      if (r < 0.2) return max;
      if (r < 0.3) return 0n;
      if (r < 0.4) return signed ? -1n : 1n;
      if (r < 0.6) {
        const small = BigInt(Math.floor((rand() - (signed ? 0.5 : 0)) * 2000));
        return small < min ? min : small > max ? max : small;
      }
      let v = 0n;
      for (let i = 0; i < bits; i += 16) v = (v << 16n) | BigInt(Math.floor(rand() * 65536));
      return min + (v % (max - min + 1n));
    }
  }
}

export function encodeValue(ty: AlgebraicType, value: TestValue, out: number[] = []): number[] {
  const le = (v: bigint, bytes: number) => {
    let x = BigInt.asUintN(bytes * 8, v);
    for (let i = 0; i < bytes; i++) {
      out.push(Number(x & 0xffn));
      x >>= 8n;
    }
  };
  switch (ty.tag) {
    case 'Bool':
      out.push(value ? 1 : 0);
      break;
    case 'F32':
      le(value as bigint, 4);
      break;
    case 'F64':
      le(value as bigint, 8);
      break;
    case 'String': {
      const bytes = new TextEncoder().encode(value as string);
      le(BigInt(bytes.length), 4);
      out.push(...bytes);
      break;
    }
    case 'Array':
      le(BigInt((value as TestValue[]).length), 4);
      for (const v of value as TestValue[]) encodeValue(ty.value, v, out);
      break;
    case 'Product':
      ty.value.elements.forEach((e, i) => {
        encodeValue(e.algebraicType, (value as TestValue[])[i]!, out);
      });
      break;
    case 'Sum': {
      const { tag, value: inner } = value as { tag: number; value: TestValue };
      out.push(tag);
      encodeValue(ty.value.variants[tag]!.algebraicType, inner, out);
      break;
    }
    default:
      le(value as bigint, INT_BITS[ty.tag]![0] / 8);
  }
  return out;
}

export function bsatn(ty: AlgebraicType, value: TestValue): Uint8Array {
  return Uint8Array.from(encodeValue(ty, value));
}

/** SpacetimeDB's `Ord for AlgebraicValue`, restricted to values of one type. */
export function compareValues(ty: AlgebraicType, a: TestValue, b: TestValue): number {
  switch (ty.tag) {
    case 'Bool':
      return Number(a) - Number(b);
    case 'F32':
    case 'F64':
      return compareFloats(ty.tag, a as bigint, b as bigint);
    case 'String':
      return compareBytes(
        new TextEncoder().encode(a as string),
        new TextEncoder().encode(b as string),
      );
    case 'Array':
      return compareSeq((a as TestValue[]).length, (b as TestValue[]).length, (i) =>
        compareValues(ty.value, (a as TestValue[])[i]!, (b as TestValue[])[i]!),
      );
    case 'Product':
      return compareSeq(ty.value.elements.length, ty.value.elements.length, (i) =>
        compareValues(
          ty.value.elements[i]!.algebraicType,
          (a as TestValue[])[i]!,
          (b as TestValue[])[i]!,
        ),
      );
    case 'Sum': {
      const x = a as { tag: number; value: TestValue };
      const y = b as { tag: number; value: TestValue };
      if (x.tag !== y.tag) return x.tag - y.tag;
      return compareValues(ty.value.variants[x.tag]!.algebraicType, x.value, y.value);
    }
    default:
      return a === b ? 0 : (a as bigint) < (b as bigint) ? -1 : 1;
  }
}

/** decorum's total order: -0 = +0, all NaNs equal and above +inf. */
function compareFloats(tag: 'F32' | 'F64', a: bigint, b: bigint): number {
  const toNumber = (bits: bigint) => {
    const view = new DataView(new ArrayBuffer(8));
    if (tag === 'F32') {
      view.setUint32(0, Number(bits));
      return view.getFloat32(0);
    }
    view.setBigUint64(0, bits);
    return view.getFloat64(0);
  };
  const x = toNumber(a);
  const y = toNumber(b);
  if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : 1;
  if (Number.isNaN(y)) return -1;
  return x < y ? -1 : x > y ? 1 : 0;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  return compareSeq(a.length, b.length, (i) => a[i]! - b[i]!);
}

function compareSeq(lenA: number, lenB: number, at: (i: number) => number): number {
  const n = Math.min(lenA, lenB);
  for (let i = 0; i < n; i++) {
    const c = at(i);
    if (c !== 0) return c;
  }
  return lenA - lenB;
}
