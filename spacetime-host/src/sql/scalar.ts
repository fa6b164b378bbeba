import { BinaryReader, BinaryWriter } from 'spacetimedb';
import type { AlgebraicType } from '../sats/algebraic-type.js';
import { specialType } from './sql-type.js';

/**
 * A value SQL can write as a literal and compare: booleans, numbers, strings,
 * bytes, and the identity / connection id / timestamp / uuid newtypes (held as
 * their inner integer). Sums, options, arrays and structs have no literals and
 * no operators in SpacetimeDB's SQL.
 */
export type Scalar = boolean | number | bigint | string | Uint8Array;

export interface ScalarCodec {
  /** Reads the value from exactly its BSATN bytes. */
  readonly decode: (bytes: Uint8Array) => Scalar;
  readonly encode: (value: Scalar) => Uint8Array;
  /** SpacetimeDB's `Ord` on the values. */
  readonly compare: (a: Scalar, b: Scalar) => number;
}

/** The codec of a type SQL can compare (SpacetimeDB's `op_supports_type`), or undefined. */
export function scalarCodec(type: AlgebraicType): ScalarCodec | undefined {
  switch (type.tag) {
    case 'Bool':
      return codec(
        (r) => r.readBool(),
        (w, v) => w.writeBool(v as boolean),
        compareOrdered,
      );
    case 'String':
      return codec(
        (r) => r.readString(),
        (w, v) => w.writeString(v as string),
        compareStrings,
      );
    case 'F32':
      return codec(
        (r) => r.readF32(),
        (w, v) => w.writeF32(v as number),
        compareFloats,
      );
    case 'F64':
      return codec(
        (r) => r.readF64(),
        (w, v) => w.writeF64(v as number),
        compareFloats,
      );
    case 'Ref':
    case 'Sum':
      return undefined;
    case 'Array':
    case 'Product':
      return specialCodec(type);
    default:
      return intCodec(type.tag);
  }
}

function specialCodec(type: AlgebraicType): ScalarCodec | undefined {
  switch (specialType(type)) {
    case 'bytes':
      return codec(
        (r) => r.readUInt8Array(),
        (w, v) => w.writeUInt8Array(v as Uint8Array),
        compareBytes,
      );
    case 'identity':
      return intCodec('U256');
    case 'connection-id':
    case 'uuid':
      return intCodec('U128');
    case 'timestamp':
      return intCodec('I64');
    default:
      return undefined;
  }
}

type IntTag =
  | 'I8'
  | 'U8'
  | 'I16'
  | 'U16'
  | 'I32'
  | 'U32'
  | 'I64'
  | 'U64'
  | 'I128'
  | 'U128'
  | 'I256'
  | 'U256';

function intCodec(tag: IntTag): ScalarCodec {
  const read = `read${tag}` as const;
  const write = `write${tag}` as const;
  return codec(
    (r) => r[read](),
    (w, v) => (w[write] as (value: number | bigint) => void)(v as number | bigint),
    compareOrdered,
  );
}

function codec(
  read: (reader: BinaryReader) => Scalar,
  write: (writer: BinaryWriter, value: Scalar) => void,
  compare: (a: Scalar, b: Scalar) => number,
): ScalarCodec {
  return {
    decode: (bytes) => read(new BinaryReader(bytes)),
    encode: (value) => {
      const writer = new BinaryWriter(16);
      write(writer, value);
      return writer.getBuffer().slice();
    },
    compare,
  };
}

function compareOrdered(a: Scalar, b: Scalar): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** decorum's total order, which SATS floats use: NaN equals itself and sorts above everything. */
function compareFloats(a: Scalar, b: Scalar): number {
  const aNaN = Number.isNaN(a);
  const bNaN = Number.isNaN(b);
  if (aNaN || bNaN) return aNaN === bNaN ? 0 : aNaN ? 1 : -1;
  return compareOrdered(a, b);
}

/** By code point, which is the UTF-8 byte order Rust's `str` sorts by (JS `<` uses UTF-16 units). */
export function compareStrings(a: Scalar, b: Scalar): number {
  const x = a as string;
  const y = b as string;
  const length = Math.min(x.length, y.length);
  for (let i = 0; i < length; i++) {
    const cx = x.charCodeAt(i);
    const cy = y.charCodeAt(i);
    if (cx === cy) continue;
    const px = x.codePointAt(i)!;
    const py = y.codePointAt(i)!;
    return px < py ? -1 : 1;
  }
  return x.length - y.length < 0 ? -1 : x.length > y.length ? 1 : 0;
}

function compareBytes(a: Scalar, b: Scalar): number {
  return Buffer.compare(a as Uint8Array, b as Uint8Array);
}
