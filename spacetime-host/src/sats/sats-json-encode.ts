import { BinaryWriter } from 'spacetimedb';
import type { AlgebraicType, SumType } from './algebraic-type.js';
import { SatsJsonError } from './sats-json.js';
import { stringifySatsJson } from './sats-json-text.js';
import { resolveType, type Typespace } from './typespace.js';

/**
 * Encodes a SATS-JSON value as BSATN, accepting what SpacetimeDB's JSON
 * deserializer accepts (crates/sats/src/de/serde.rs): a product as an array of
 * its elements or an object keyed by field name; a sum as
 * `{"<name or tag>": value}`, `[tag or name, value]`, or `null` for an
 * option's `none`; bytes as a hex string or an array of numbers; 64/128-bit
 * integers as numbers or `bigint`s; 256-bit integers as `"0x…"` strings.
 *
 * `rootPath` prefixes error paths: with `args`, a bad field reads
 * `args[1].owner: expected a u32, got "x"`.
 */
export function jsonToBsatn(
  type: AlgebraicType,
  typespace: Typespace,
  json: unknown,
  rootPath = '',
): Uint8Array {
  const writer = new BinaryWriter(64);
  writeJson(type, typespace, json, rootPath, writer);
  return writer.getBuffer().slice();
}

type IntTag = 'I8' | 'U8' | 'I16' | 'U16' | 'I32' | 'U32' | 'I64' | 'U64' | 'I128' | 'U128';

const INT_RANGES: Readonly<Record<IntTag, readonly [bigint, bigint]>> = {
  I8: [-(2n ** 7n), 2n ** 7n - 1n],
  U8: [0n, 2n ** 8n - 1n],
  I16: [-(2n ** 15n), 2n ** 15n - 1n],
  U16: [0n, 2n ** 16n - 1n],
  I32: [-(2n ** 31n), 2n ** 31n - 1n],
  U32: [0n, 2n ** 32n - 1n],
  I64: [-(2n ** 63n), 2n ** 63n - 1n],
  U64: [0n, 2n ** 64n - 1n],
  I128: [-(2n ** 127n), 2n ** 127n - 1n],
  U128: [0n, 2n ** 128n - 1n],
};

const INT256 = /^([+-]?)0x([0-9a-fA-F]+)$/;
const HEX = /^(?:[0-9a-fA-F]{2})*$/;

function writeJson(
  type: AlgebraicType,
  typespace: Typespace,
  json: unknown,
  path: string,
  writer: BinaryWriter,
): void {
  const ty = resolveType(type, typespace);
  switch (ty.tag) {
    case 'Product': {
      const elements = ty.value.elements;
      if (Array.isArray(json)) {
        if (json.length !== elements.length) {
          fail(path, `expected ${elements.length} element(s), got ${json.length}`);
        }
        elements.forEach((e, i) => {
          writeJson(e.algebraicType, typespace, json[i], `${path}[${i}]`, writer);
        });
        return;
      }
      if (!isObject(json)) {
        fail(
          path,
          `expected a product (an array of ${elements.length} or an object), got ${describe(json)}`,
        );
      }
      const names = elements.map((e) => e.name);
      for (const key of Object.keys(json)) {
        if (!names.includes(key)) fail(path, `unknown field \`${key}\`, expected ${oneOf(names)}`);
      }
      for (const e of elements) {
        const name = e.name ?? '';
        if (!Object.hasOwn(json, name)) fail(path, `missing field \`${name}\``);
        writeJson(e.algebraicType, typespace, json[name], joinField(path, name), writer);
      }
      return;
    }
    case 'Sum':
      writeSum(ty.value, typespace, json, path, writer);
      return;
    case 'Array': {
      if (resolveType(ty.value, typespace).tag === 'U8' && typeof json === 'string') {
        if (!HEX.test(json)) fail(path, `expected a hex string, got ${describe(json)}`);
        writer.writeUInt8Array(Buffer.from(json, 'hex'));
        return;
      }
      if (!Array.isArray(json)) fail(path, `expected an array, got ${describe(json)}`);
      writer.writeU32(json.length);
      json.forEach((item, i) => {
        writeJson(ty.value, typespace, item, `${path}[${i}]`, writer);
      });
      return;
    }
    case 'String':
      if (typeof json !== 'string') fail(path, `expected a string, got ${describe(json)}`);
      writer.writeString(json);
      return;
    case 'Bool':
      if (typeof json !== 'boolean') fail(path, `expected a bool, got ${describe(json)}`);
      writer.writeBool(json);
      return;
    case 'F32':
    case 'F64': {
      const n = typeof json === 'bigint' ? Number(json) : json;
      if (typeof n !== 'number')
        fail(path, `expected an ${ty.tag.toLowerCase()}, got ${describe(json)}`);
      if (ty.tag === 'F32') writer.writeF32(n);
      else writer.writeF64(n);
      return;
    }
    case 'I256':
    case 'U256':
      writeInt256(ty.tag, json, path, writer);
      return;
    case 'Ref':
      throw new SatsJsonError(path, 'unresolved type reference');
    default:
      writeInt(ty.tag, json, path, writer);
  }
}

function writeInt(tag: IntTag, json: unknown, path: string, writer: BinaryWriter): void {
  const name = tag.toLowerCase();
  let value: bigint;
  if (typeof json === 'bigint') value = json;
  else if (typeof json === 'number' && Number.isInteger(json)) value = BigInt(json);
  else fail(path, `expected ${article(name)} ${name}, got ${describe(json)}`);
  const [min, max] = INT_RANGES[tag];
  if (value < min || value > max) fail(path, `${value} is out of range for ${name}`);
  switch (tag) {
    case 'I8':
      writer.writeI8(Number(value));
      return;
    case 'U8':
      writer.writeU8(Number(value));
      return;
    case 'I16':
      writer.writeI16(Number(value));
      return;
    case 'U16':
      writer.writeU16(Number(value));
      return;
    case 'I32':
      writer.writeI32(Number(value));
      return;
    case 'U32':
      writer.writeU32(Number(value));
      return;
    case 'I64':
      writer.writeI64(value);
      return;
    case 'U64':
      writer.writeU64(value);
      return;
    case 'I128':
      writer.writeI128(value);
      return;
    case 'U128':
      writer.writeU128(value);
      return;
  }
}

/** ethnum's serde accepts only `0x`-prefixed hex strings (with a sign for i256), never numbers. */
function writeInt256(
  tag: 'I256' | 'U256',
  json: unknown,
  path: string,
  writer: BinaryWriter,
): void {
  const name = tag.toLowerCase();
  const match = typeof json === 'string' ? INT256.exec(json) : null;
  if (!match || (tag === 'U256' && match[1] === '-')) {
    fail(
      path,
      `expected ${article(name)} ${name} as a "0x"-prefixed hex string, got ${describe(json)}`,
    );
  }
  const magnitude = BigInt(`0x${match[2]}`);
  const value = match[1] === '-' ? -magnitude : magnitude;
  const [min, max] = tag === 'U256' ? [0n, 2n ** 256n - 1n] : [-(2n ** 255n), 2n ** 255n - 1n];
  if (value < min || value > max) fail(path, `${json} is out of range for ${name}`);
  if (tag === 'U256') writer.writeU256(value);
  else writer.writeI256(value);
}

function writeSum(
  sum: SumType,
  typespace: Typespace,
  json: unknown,
  path: string,
  writer: BinaryWriter,
): void {
  let tag: number;
  let value: unknown;
  if (json === null && isOption(sum)) {
    tag = 1;
    value = [];
  } else if (Array.isArray(json) && json.length === 2) {
    tag = variantTag(sum, json[0], path);
    value = json[1];
  } else if (isObject(json) && Object.keys(json).length === 1) {
    const key = Object.keys(json)[0]!;
    tag = variantTag(sum, key, path);
    value = json[key];
  } else {
    fail(path, `expected a sum ({"<variant>": value} or [tag, value]), got ${describe(json)}`);
  }
  const variant = sum.variants[tag]!;
  writer.writeU8(tag);
  writeJson(
    variant.algebraicType,
    typespace,
    value,
    joinField(path, variant.name ?? String(tag)),
    writer,
  );
}

/** A variant key is a tag number, or a string that parses as one (as Rust's `u8::from_str`), or a name. */
function variantTag(sum: SumType, key: unknown, path: string): number {
  let tag: number | undefined;
  if (typeof key === 'number' || typeof key === 'bigint') tag = Number(key);
  else if (typeof key === 'string' && /^\+?\d+$/.test(key)) tag = Number(key);
  if (tag !== undefined) {
    if (!Number.isInteger(tag) || tag < 0 || tag >= sum.variants.length) {
      fail(
        path,
        `unknown variant tag ${describe(key)}, the sum has ${sum.variants.length} variant(s)`,
      );
    }
    return tag;
  }
  const names = sum.variants.map((v) => v.name);
  const index = typeof key === 'string' ? names.indexOf(key) : -1;
  if (index < 0) fail(path, `unknown variant ${describe(key)}, expected ${oneOf(names)}`);
  return index;
}

function isOption(sum: SumType): boolean {
  const [some, none] = sum.variants;
  return (
    sum.variants.length === 2 &&
    some?.name === 'some' &&
    none?.name === 'none' &&
    none.algebraicType.tag === 'Product' &&
    none.algebraicType.value.elements.length === 0
  );
}

function isObject(json: unknown): json is Record<string, unknown> {
  return typeof json === 'object' && json !== null && !Array.isArray(json);
}

function joinField(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}

function oneOf(names: readonly (string | undefined)[]): string {
  const named = names.filter((n) => n !== undefined).map((n) => `\`${n}\``);
  return named.length === 0 ? 'no names' : `one of ${named.join(', ')}`;
}

/** `an i32`, `an f64`, but `a u32`: by how the type name is read aloud. */
function article(typeName: string): string {
  return /^[aeiof]/.test(typeName) ? 'an' : 'a';
}

function describe(json: unknown): string {
  if (json === undefined) return 'nothing';
  const text = stringifySatsJson(json);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function fail(path: string, problem: string): never {
  throw new SatsJsonError(path, problem);
}
