import { BinaryReader } from 'spacetimedb';
import type { AlgebraicType } from './algebraic-type.js';
import { resolveType, type Typespace } from './typespace.js';

// SATS-JSON: SpacetimeDB's JSON form of algebraic values (crates/sats/src/ser/serde.rs,
// de/serde.rs), converted straight from BSATN here and to BSATN in sats-json-encode.ts.
//
// In memory a JSON value uses `bigint` for every 64- and 128-bit integer (write it with
// `stringifySatsJson`); 256-bit integers are `"0x…"` strings (`"-0x…"` when negative),
// byte arrays are lowercase hex strings, and a non-finite float is `null`, all as
// serde_json writes them.

/**
 * - `bare`: how SpacetimeDB serialises a value without its type, e.g. the rows
 *   of `POST /sql`: a product is an array, a sum is `[tag, value]`.
 * - `typed`: how it serialises a value with its type (`ValueWithType`, e.g. the
 *   module def of `GET /schema`): a product is an object keyed by field name, a
 *   sum is `{"<variant name>": value}`. Products or variants without names fall
 *   back to the bare form.
 */
export type SatsJsonForm = 'bare' | 'typed';

/** A SATS-JSON value that does not fit its type; `path` names the bad part, e.g. `args[1].owner`. */
export class SatsJsonError extends Error {
  override readonly name = 'SatsJsonError';
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(path === '' ? problem : `${path}: ${problem}`);
  }
}

/** Decodes one BSATN value into SATS-JSON; throws `SatsJsonError` on malformed or trailing bytes. */
export function bsatnToJson(
  type: AlgebraicType,
  typespace: Typespace,
  bytes: Uint8Array,
  form: SatsJsonForm = 'bare',
): unknown {
  const reader = new BinaryReader(bytes);
  let value: unknown;
  try {
    value = readValue(type, typespace, reader, form);
  } catch (error) {
    if (error instanceof SatsJsonError) throw error;
    throw new SatsJsonError('', `invalid BSATN: ${(error as Error).message}`);
  }
  if (reader.remaining !== 0) {
    throw new SatsJsonError('', `invalid BSATN: ${reader.remaining} trailing byte(s)`);
  }
  return value;
}

/** Reads one value of `type` at the reader's position (no trailing-bytes check). */
export function readValue(
  type: AlgebraicType,
  typespace: Typespace,
  reader: BinaryReader,
  form: SatsJsonForm,
): unknown {
  const ty = resolveType(type, typespace);
  switch (ty.tag) {
    case 'Product': {
      const elements = ty.value.elements;
      if (form === 'typed' && elements.length > 0 && elements.every((e) => e.name !== undefined)) {
        const entries = elements.map(
          (e) => [e.name!, readValue(e.algebraicType, typespace, reader, form)] as const,
        );
        return Object.fromEntries(entries);
      }
      return elements.map((e) => readValue(e.algebraicType, typespace, reader, form));
    }
    case 'Sum': {
      const tag = reader.readU8();
      const variant = ty.value.variants[tag];
      if (variant === undefined)
        throw new SatsJsonError('', `invalid BSATN: unknown sum tag ${tag}`);
      const value = readValue(variant.algebraicType, typespace, reader, form);
      return form === 'typed' && variant.name !== undefined
        ? { [variant.name]: value }
        : [tag, value];
    }
    case 'Array': {
      if (resolveType(ty.value, typespace).tag === 'U8') return toHex(reader.readUInt8Array());
      const length = reader.readU32();
      const items: unknown[] = [];
      for (let i = 0; i < length; i++) items.push(readValue(ty.value, typespace, reader, form));
      return items;
    }
    case 'String':
      return reader.readString();
    case 'Bool':
      return reader.readBool();
    case 'I8':
      return reader.readI8();
    case 'U8':
      return reader.readU8();
    case 'I16':
      return reader.readI16();
    case 'U16':
      return reader.readU16();
    case 'I32':
      return reader.readI32();
    case 'U32':
      return reader.readU32();
    case 'I64':
      return reader.readI64();
    case 'U64':
      return reader.readU64();
    case 'I128':
      return reader.readI128();
    case 'U128':
      return reader.readU128();
    case 'I256':
      return int256ToJson(reader.readI256());
    case 'U256':
      return int256ToJson(reader.readU256());
    case 'F32':
      return f32ToJson(reader.readF32());
    case 'F64':
      return finiteOrNull(reader.readF64());
  }
}

/** ethnum's serde form: `0x`-prefixed minimal lowercase hex, with `-` before a negative value. */
function int256ToJson(value: bigint): string {
  return value < 0n ? `-0x${(-value).toString(16)}` : `0x${value.toString(16)}`;
}

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/**
 * serde_json prints an f32 with its shortest round-tripping digits (`0.1`, not
 * `0.10000000149011612`); the returned number stringifies to those digits.
 */
function f32ToJson(value: number): number | null {
  if (!Number.isFinite(value)) return null;
  for (let precision = 1; precision < 10; precision++) {
    const shortest = Number(value.toPrecision(precision));
    if (Math.fround(shortest) === value) return shortest;
  }
  return value;
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}
