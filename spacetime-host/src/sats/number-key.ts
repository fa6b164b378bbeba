import type { AlgebraicType } from './algebraic-type.js';
import { BsatnError } from './bsatn-error.js';
import { readU32 } from './bsatn-skipper.js';
import { EMPTY_TYPESPACE, resolveType, type Typespace } from './typespace.js';

/**
 * Reads a single-column key that fits a JS number: small integers, bools and
 * simple-enum tags keep their numeric order. 64-bit integers ("mixed") are
 * numbers while exactly representable (|v| <= 2^53) and otherwise strings:
 * U+0000 + units for values below -2^53, U+0001 + units above 2^53, with
 * the sign bit flipped so the strings sort among themselves.
 */
export interface NumberKeyReader {
  readonly size: number;
  readonly mixed: boolean;
  /** Reads from a row already known to be valid. */
  read(buf: Uint8Array, offset: number): number | string;
  /** Reads and validates (bool 0/1, enum tag in range). */
  readChecked(buf: Uint8Array, offset: number): number | string;
}

const TWO_POW_32 = 4294967296;
/** |hi| below this keeps hi * 2^32 + lo within ±2^53. */
const SAFE_HI = 0x200000;

export function numberKeyReader(
  ty: AlgebraicType,
  typespace: Typespace = EMPTY_TYPESPACE,
): NumberKeyReader | undefined {
  switch (ty.tag) {
    case 'Bool':
      return byteReader(1, 'bool');
    case 'U8':
      return plain(1, (b, o) => b[o]!);
    case 'I8':
      return plain(1, (b, o) => (b[o]! << 24) >> 24);
    case 'U16':
      return plain(2, (b, o) => b[o]! | (b[o + 1]! << 8));
    case 'I16':
      return plain(2, (b, o) => ((b[o]! | (b[o + 1]! << 8)) << 16) >> 16);
    case 'U32':
      return plain(4, readU32);
    case 'I32':
      return plain(4, (b, o) => b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24));
    case 'U64':
      return { size: 8, mixed: true, read: readU64Key, readChecked: readU64Key };
    case 'I64':
      return { size: 8, mixed: true, read: readI64Key, readChecked: readI64Key };
    case 'Sum': {
      const variants = ty.value.variants;
      const simple =
        variants.length > 0 &&
        variants.every((v) => {
          const payload = resolveType(v.algebraicType, typespace);
          return payload.tag === 'Product' && payload.value.elements.length === 0;
        });
      return simple ? byteReader(variants.length - 1, 'tag') : undefined;
    }
    default:
      return undefined;
  }
}

function plain(size: number, read: (buf: Uint8Array, offset: number) => number): NumberKeyReader {
  return { size, mixed: false, read, readChecked: read };
}

/** A one-byte key whose value must not exceed `max` (bools, enum tags). */
function byteReader(max: number, what: 'bool' | 'tag'): NumberKeyReader {
  return {
    size: 1,
    mixed: false,
    read: (b, o) => b[o]!,
    readChecked: (b, o) => {
      const v = b[o]!;
      if (v > max) {
        throw new BsatnError(
          what === 'bool'
            ? `bool is ${v}, not 0 or 1`
            : `sum tag ${v} is not one of ${max + 1} variants`,
        );
      }
      return v;
    },
  };
}

function readU64Key(buf: Uint8Array, offset: number): number | string {
  const lo = readU32(buf, offset);
  const hi = readU32(buf, offset + 4);
  if (hi < SAFE_HI) return hi * TWO_POW_32 + lo;
  return String.fromCharCode(1, hi >>> 16, hi & 0xffff, lo >>> 16, lo & 0xffff);
}

function readI64Key(buf: Uint8Array, offset: number): number | string {
  const lo = readU32(buf, offset);
  const hi =
    buf[offset + 4]! |
    (buf[offset + 5]! << 8) |
    (buf[offset + 6]! << 16) |
    (buf[offset + 7]! << 24);
  if (hi >= -SAFE_HI && hi < SAFE_HI) return hi * TWO_POW_32 + lo;
  const flipped = (hi ^ 0x80000000) >>> 0;
  return String.fromCharCode(
    hi < 0 ? 0 : 1,
    flipped >>> 16,
    flipped & 0xffff,
    lo >>> 16,
    lo & 0xffff,
  );
}
