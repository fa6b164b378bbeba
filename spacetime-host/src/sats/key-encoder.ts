import type { AlgebraicType } from './algebraic-type.js';
import { BsatnError } from './bsatn-error.js';
import { readU32, truncated } from './bsatn-skipper.js';
import type { KeyWriter } from './key-writer.js';
import { resolveType, type Typespace } from './typespace.js';
import { isValidUtf8 } from './utf8.js';

/**
 * Reads one BSATN value at `offset`, writes its order-preserving key units to
 * `w`, and returns the offset past the value. Validates like a skipper.
 *
 * The units compare (as a JS string) exactly as SpacetimeDB orders
 * `AlgebraicValue`s: integers numerically, floats by decorum's total order
 * (-0 = +0, every NaN equal and above +inf), strings and byte arrays
 * bytewise, arrays and products lexicographically, sums by tag then payload.
 *
 * A non-final encoding is self-delimiting (no encoding is a prefix of
 * another), so keys of several columns concatenate. The final encoding may
 * drop the terminators of strings and byte arrays since nothing follows it.
 */
export type KeyEncoder = (buf: Uint8Array, offset: number, w: KeyWriter) => number;

export function compileKeyEncoder(
  ty: AlgebraicType,
  typespace: Typespace,
  final: boolean,
): KeyEncoder {
  const resolved = resolveType(ty, typespace);
  switch (resolved.tag) {
    case 'Bool':
      return encodeBool;
    case 'U8':
      return unsignedEncoder(1);
    case 'I8':
      return signedEncoder(1);
    case 'U16':
      return unsignedEncoder(2);
    case 'I16':
      return signedEncoder(2);
    case 'U32':
      return unsignedEncoder(4);
    case 'I32':
      return signedEncoder(4);
    case 'U64':
      return unsignedEncoder(8);
    case 'I64':
      return signedEncoder(8);
    case 'U128':
      return unsignedEncoder(16);
    case 'I128':
      return signedEncoder(16);
    case 'U256':
      return unsignedEncoder(32);
    case 'I256':
      return signedEncoder(32);
    case 'F32':
      return encodeF32;
    case 'F64':
      return encodeF64;
    case 'String':
      return final ? encodeBytesFinal(true) : encodeBytes(true);
    case 'Array': {
      const elem = resolveType(resolved.value, typespace);
      if (elem.tag === 'U8') return final ? encodeBytesFinal(false) : encodeBytes(false);
      return arrayEncoder(compileKeyEncoder(elem, typespace, false));
    }
    case 'Sum':
      return sumEncoder(
        resolved.value.variants.map((v) => compileKeyEncoder(v.algebraicType, typespace, final)),
      );
    case 'Product': {
      const elements = resolved.value.elements;
      return productEncoder(
        elements.map((e, i) =>
          compileKeyEncoder(e.algebraicType, typespace, final && i === elements.length - 1),
        ),
      );
    }
    default:
      throw new TypeError(`cannot index values of type ${resolved.tag}`);
  }
}

function need(buf: Uint8Array, offset: number, size: number): void {
  if (offset + size > buf.length) throw truncated(offset, size, buf.length);
}

function encodeBool(buf: Uint8Array, offset: number, w: KeyWriter): number {
  need(buf, offset, 1);
  const b = buf[offset]!;
  if (b > 1) throw new BsatnError(`bool at offset ${offset} is ${b}, not 0 or 1`);
  w.push(b);
  return offset + 1;
}

/** Little-endian bytes become big-endian 16-bit units (one unit for a single byte). */
function unsignedEncoder(size: number): KeyEncoder {
  if (size === 1) {
    return (buf, offset, w) => {
      need(buf, offset, 1);
      w.push(buf[offset]!);
      return offset + 1;
    };
  }
  return (buf, offset, w) => {
    need(buf, offset, size);
    for (let i = offset + size - 2; i >= offset; i -= 2) w.push(buf[i]! | (buf[i + 1]! << 8));
    return offset + size;
  };
}

/** Two's complement with the sign bit flipped sorts like an unsigned number. */
function signedEncoder(size: number): KeyEncoder {
  if (size === 1) {
    return (buf, offset, w) => {
      need(buf, offset, 1);
      w.push(buf[offset]! ^ 0x80);
      return offset + 1;
    };
  }
  return (buf, offset, w) => {
    need(buf, offset, size);
    const top = offset + size - 2;
    w.push((buf[top]! | (buf[top + 1]! << 8)) ^ 0x8000);
    for (let i = top - 2; i >= offset; i -= 2) w.push(buf[i]! | (buf[i + 1]! << 8));
    return offset + size;
  };
}

/**
 * decorum's total order coalesces -0 with +0 and every NaN into one NaN above
 * +inf; after canonicalising, IEEE bits with negatives inverted and positives'
 * sign bit set sort as unsigned integers.
 */
function encodeF32(buf: Uint8Array, offset: number, w: KeyWriter): number {
  need(buf, offset, 4);
  let bits = readU32(buf, offset);
  if ((bits & 0x7f800000) === 0x7f800000 && (bits & 0x007fffff) !== 0) bits = 0x7fc00000;
  else if (bits === 0x80000000) bits = 0;
  bits = bits & 0x80000000 ? ~bits >>> 0 : (bits | 0x80000000) >>> 0;
  w.push(bits >>> 16);
  w.push(bits & 0xffff);
  return offset + 4;
}

function encodeF64(buf: Uint8Array, offset: number, w: KeyWriter): number {
  need(buf, offset, 8);
  let lo = readU32(buf, offset);
  let hi = readU32(buf, offset + 4);
  if ((hi & 0x7ff00000) === 0x7ff00000 && ((hi & 0x000fffff) | lo) !== 0) {
    hi = 0x7ff80000;
    lo = 0;
  } else if (hi === 0x80000000 && lo === 0) {
    hi = 0;
  }
  if (hi & 0x80000000) {
    hi = ~hi >>> 0;
    lo = ~lo >>> 0;
  } else {
    hi = (hi | 0x80000000) >>> 0;
  }
  w.push(hi >>> 16);
  w.push(hi & 0xffff);
  w.push(lo >>> 16);
  w.push(lo & 0xffff);
  return offset + 8;
}

function byteRange(buf: Uint8Array, offset: number, utf8: boolean): number {
  need(buf, offset, 4);
  const start = offset + 4;
  const end = start + readU32(buf, offset);
  if (end > buf.length) throw truncated(start, end - start, buf.length);
  if (utf8 && !isValidUtf8(buf, start, end)) {
    throw new BsatnError(`string at offset ${offset} is not UTF-8`);
  }
  return end;
}

/** Bytes shifted up by one and a 0 terminator: a shorter string sorts first. */
function encodeBytes(utf8: boolean): KeyEncoder {
  return (buf, offset, w) => {
    const end = byteRange(buf, offset, utf8);
    for (let i = offset + 4; i < end; i++) w.push(buf[i]! + 1);
    w.push(0);
    return end;
  };
}

function encodeBytesFinal(utf8: boolean): KeyEncoder {
  return (buf, offset, w) => {
    const end = byteRange(buf, offset, utf8);
    for (let i = offset + 4; i < end; i++) w.push(buf[i]!);
    return end;
  };
}

/** Each element is preceded by 1 and the array ends with 0. */
function arrayEncoder(elem: KeyEncoder): KeyEncoder {
  return (buf, offset, w) => {
    need(buf, offset, 4);
    const count = readU32(buf, offset);
    let at = offset + 4;
    for (let i = 0; i < count; i++) {
      w.push(1);
      at = elem(buf, at, w);
    }
    w.push(0);
    return at;
  };
}

function sumEncoder(variants: KeyEncoder[]): KeyEncoder {
  return (buf, offset, w) => {
    need(buf, offset, 1);
    const tag = buf[offset]!;
    const variant = variants[tag];
    if (variant === undefined) {
      throw new BsatnError(
        `sum tag ${tag} at offset ${offset} is not one of ${variants.length} variants`,
      );
    }
    w.push(tag);
    return variant(buf, offset + 1, w);
  };
}

function productEncoder(fields: KeyEncoder[]): KeyEncoder {
  if (fields.length === 1) return fields[0]!;
  return (buf, offset, w) => {
    let at = offset;
    for (let i = 0; i < fields.length; i++) at = fields[i]!(buf, at, w);
    return at;
  };
}
