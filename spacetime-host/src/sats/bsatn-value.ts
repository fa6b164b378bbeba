import type { AlgebraicType } from './algebraic-type.js';
import { BsatnError } from './bsatn-error.js';
import { readU32, truncated } from './bsatn-skipper.js';
import { resolveType, type Typespace } from './typespace.js';
import { isValidUtf8 } from './utf8.js';

/**
 * Decodes one BSATN value into plain JS data, shaped as the `spacetimedb`
 * library shapes it: products are objects keyed by field name, sums are
 * `{ tag: variantName, value }`, `some | none` options are the value or
 * `undefined`, `Array<U8>` is a Uint8Array, integers up to 32 bits are
 * numbers and wider ones bigints. Meant for metadata (module defs), not rows.
 */
export function decodeBsatnValue(
  ty: AlgebraicType,
  typespace: Typespace,
  bytes: Uint8Array,
): unknown {
  const reader = new ValueReader(bytes, typespace);
  const value = reader.read(ty);
  if (reader.offset !== bytes.length) {
    throw new BsatnError(`${bytes.length - reader.offset} trailing byte(s) after the value`);
  }
  return value;
}

const decoder = new TextDecoder();

class ValueReader {
  offset = 0;
  private readonly view: DataView;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly typespace: Typespace,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  read(ty: AlgebraicType): unknown {
    const t = resolveType(ty, this.typespace);
    switch (t.tag) {
      case 'Product': {
        const out: Record<string, unknown> = {};
        t.value.elements.forEach((e, i) => {
          out[e.name ?? String(i)] = this.read(e.algebraicType);
        });
        return out;
      }
      case 'Sum': {
        const tag = this.take(1, (o) => this.bytes[o]!);
        const variant = t.value.variants[tag];
        if (variant === undefined)
          throw new BsatnError(`sum tag ${tag} is not one of the variants`);
        const value = this.read(variant.algebraicType);
        const names = t.value.variants.map((v) => v.name);
        if (names.length === 2 && names[0] === 'some' && names[1] === 'none') {
          return tag === 0 ? value : undefined;
        }
        return { tag: variant.name ?? String(tag), value };
      }
      case 'Array': {
        const count = this.take(4, (o) => readU32(this.bytes, o));
        if (resolveType(t.value, this.typespace).tag === 'U8') {
          return this.take(count, (o) => this.bytes.slice(o, o + count));
        }
        const out: unknown[] = [];
        for (let i = 0; i < count; i++) out.push(this.read(t.value));
        return out;
      }
      case 'String': {
        const length = this.take(4, (o) => readU32(this.bytes, o));
        return this.take(length, (o) => {
          if (!isValidUtf8(this.bytes, o, o + length)) throw new BsatnError('string is not UTF-8');
          return decoder.decode(this.bytes.subarray(o, o + length));
        });
      }
      case 'Bool':
        return this.take(1, (o) => {
          const b = this.bytes[o]!;
          if (b > 1) throw new BsatnError(`bool is ${b}, not 0 or 1`);
          return b === 1;
        });
      case 'I8':
        return this.take(1, (o) => this.view.getInt8(o));
      case 'U8':
        return this.take(1, (o) => this.bytes[o]!);
      case 'I16':
        return this.take(2, (o) => this.view.getInt16(o, true));
      case 'U16':
        return this.take(2, (o) => this.view.getUint16(o, true));
      case 'I32':
        return this.take(4, (o) => this.view.getInt32(o, true));
      case 'U32':
        return this.take(4, (o) => this.view.getUint32(o, true));
      case 'F32':
        return this.take(4, (o) => this.view.getFloat32(o, true));
      case 'F64':
        return this.take(8, (o) => this.view.getFloat64(o, true));
      default:
        return this.take(WIDE_INTS[t.tag]!.bytes, (o) => this.wideInt(o, t.tag));
    }
  }

  private wideInt(offset: number, tag: string): bigint {
    const { bytes, signed } = WIDE_INTS[tag]!;
    let value = 0n;
    for (let i = bytes - 1; i >= 0; i--) value = (value << 8n) | BigInt(this.bytes[offset + i]!);
    return signed ? BigInt.asIntN(bytes * 8, value) : value;
  }

  private take<T>(size: number, read: (offset: number) => T): T {
    if (this.offset + size > this.bytes.length) {
      throw truncated(this.offset, size, this.bytes.length);
    }
    const value = read(this.offset);
    this.offset += size;
    return value;
  }
}

const WIDE_INTS: Readonly<Record<string, { bytes: number; signed: boolean }>> = {
  I64: { bytes: 8, signed: true },
  U64: { bytes: 8, signed: false },
  I128: { bytes: 16, signed: true },
  U128: { bytes: 16, signed: false },
  I256: { bytes: 32, signed: true },
  U256: { bytes: 32, signed: false },
};
