import type { AlgebraicType } from '../sats/algebraic-type.js';
import type { Scalar } from './scalar.js';
import { specialType } from './sql-type.js';

/**
 * SpacetimeDB's `parse(value, ty)` (crates/expr/src/lib.rs): reads the text of
 * a literal as a value of the type the context expects. Numbers may use
 * scientific notation (`1e3` is a valid u32); strings, hex and numbers all
 * reach here as text, so `'42'` is a valid u32 in a WHERE clause. Returns
 * undefined when the text is not a value of the type.
 */
export function parseLiteral(text: string, type: AlgebraicType): Scalar | undefined {
  switch (type.tag) {
    case 'String':
      return text;
    case 'F32': {
      const value = parseFloatLiteral(text);
      return value === undefined ? undefined : Math.fround(value);
    }
    case 'F64':
      return parseFloatLiteral(text);
    case 'I8':
    case 'U8':
    case 'I16':
    case 'U16':
    case 'I32':
    case 'U32': {
      const value = parseIntLiteral(text, type.tag);
      return value === undefined ? undefined : Number(value);
    }
    case 'I64':
    case 'U64':
    case 'I128':
    case 'U128':
    case 'I256':
    case 'U256':
      return parseIntLiteral(text, type.tag);
    default:
      return parseSpecial(text, type);
  }
}

function parseSpecial(text: string, type: AlgebraicType): Scalar | undefined {
  switch (specialType(type)) {
    case 'timestamp':
      return parseRfc3339Micros(text);
    case 'bytes': {
      const hex = stripHexPrefix(text);
      return /^(?:[0-9a-fA-F]{2})*$/.test(hex)
        ? new Uint8Array(Buffer.from(hex, 'hex'))
        : undefined;
    }
    case 'identity':
      return fixedHex(stripHexPrefix(text), 32);
    case 'connection-id':
      return fixedHex(stripHexPrefix(text), 16);
    case 'uuid':
      return parseUuid(text);
    default:
      // Sums, options, structs, arrays and durations have no literals.
      return undefined;
  }
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

const INT_BITS: Readonly<Record<string, readonly [signed: boolean, bits: bigint]>> = {
  I8: [true, 8n],
  U8: [false, 8n],
  I16: [true, 16n],
  U16: [false, 16n],
  I32: [true, 32n],
  U32: [false, 32n],
  I64: [true, 64n],
  U64: [false, 64n],
  I128: [true, 128n],
  U128: [false, 128n],
  I256: [true, 256n],
  U256: [false, 256n],
};

/** A decimal, possibly in scientific notation, that is a whole number within the type's range. */
export function parseIntLiteral(text: string, tag: string): bigint | undefined {
  const match = DECIMAL.exec(text);
  const [signed, bits] = INT_BITS[tag] ?? [false, 0n];
  if (!match || bits === 0n) return undefined;
  const [, sign, whole = '', fraction = '', exponent = '0'] = match;
  if (whole === '' && fraction === '') return undefined;
  const digits = BigInt(`${whole}${fraction}` || '0');
  const scale = Number(exponent) - fraction.length;
  let magnitude: bigint;
  if (digits === 0n) {
    magnitude = 0n;
  } else if (scale >= 0) {
    // 10^80 already exceeds every SATS integer; stop before building huge numbers.
    if (scale > 80) return undefined;
    magnitude = digits * 10n ** BigInt(scale);
  } else {
    if (-scale > 10_000) return undefined;
    const divisor = 10n ** BigInt(-scale);
    if (digits % divisor !== 0n) return undefined;
    magnitude = digits / divisor;
  }
  const value = sign === '-' ? -magnitude : magnitude;
  const min = signed ? -(2n ** (bits - 1n)) : 0n;
  const max = signed ? 2n ** (bits - 1n) - 1n : 2n ** bits - 1n;
  return value < min || value > max ? undefined : value;
}

function parseFloatLiteral(text: string): number | undefined {
  const match = DECIMAL.exec(text);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) return undefined;
  return Number(text);
}

/** SpacetimeDB's `from_hex_pad`: an optional `0x` prefix before the digits. */
function stripHexPrefix(text: string): string {
  return text.startsWith('0x') ? text.slice(2) : text;
}

/** Exactly `bytes` bytes of big-endian hex, as `Identity::from_hex` and `ConnectionId::from_hex` read it. */
function fixedHex(hex: string, bytes: number): bigint | undefined {
  return hex.length === bytes * 2 && /^[0-9a-fA-F]*$/.test(hex) ? BigInt(`0x${hex}`) : undefined;
}

const UUID_FORMS = [
  /^([0-9a-fA-F]{32})$/,
  /^([0-9a-fA-F]{8})-([0-9a-fA-F]{4})-([0-9a-fA-F]{4})-([0-9a-fA-F]{4})-([0-9a-fA-F]{12})$/,
  /^\{([0-9a-fA-F]{8})-([0-9a-fA-F]{4})-([0-9a-fA-F]{4})-([0-9a-fA-F]{4})-([0-9a-fA-F]{12})\}$/,
  /^urn:uuid:([0-9a-fA-F]{8})-([0-9a-fA-F]{4})-([0-9a-fA-F]{4})-([0-9a-fA-F]{4})-([0-9a-fA-F]{12})$/,
];

/** The forms the `uuid` crate's `parse_str` accepts: simple, hyphenated, braced, URN. */
function parseUuid(text: string): bigint | undefined {
  for (const form of UUID_FORMS) {
    const match = form.exec(text);
    if (match) return BigInt(`0x${match.slice(1).join('')}`);
  }
  return undefined;
}

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/**
 * Microseconds since the Unix epoch of an RFC 3339 timestamp, as chrono's
 * `parse_from_rfc3339` reads it (`T` or a space between date and time, any
 * number of fractional digits, `Z` or an offset); sub-microsecond digits are
 * dropped.
 */
export function parseRfc3339Micros(text: string): bigint | undefined {
  const match = RFC3339.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as number[];
  const [fraction = '', , offsetSign, offsetHours = '0', offsetMinutes = '0'] = match.slice(7);
  if (hour! > 23 || minute! > 59 || second! > 60) return undefined;
  if (Number(offsetHours) > 23 || Number(offsetMinutes) > 59) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(year!, month! - 1, day!);
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month! - 1 ||
    date.getUTCDate() !== day
  ) {
    return undefined;
  }
  const seconds = BigInt(date.getTime() / 1000) + BigInt(hour! * 3600 + minute! * 60 + second!);
  const micros = BigInt(fraction.padEnd(6, '0').slice(0, 6));
  const offset = BigInt((Number(offsetHours) * 60 + Number(offsetMinutes)) * 60);
  const utcSeconds = offsetSign === '-' ? seconds + offset : seconds - offset;
  return utcSeconds * 1_000_000n + micros;
}
