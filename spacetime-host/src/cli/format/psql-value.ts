import type { AlgebraicType } from '../../sats/algebraic-type.js';
import { formatDuration, formatTimestamp, formatUuid, specialType } from './special-types.js';

/**
 * One SQL result cell as `spacetime sql` prints it (satn.rs `SqlFormatter`
 * for `PsqlClient::SpacetimeDB`): strings quoted, bytes and identities as
 * `0x…` hex, timestamps in RFC 3339, durations as `+s.micros`, UUIDs quoted,
 * products as `(name = value, …)`, sums as `(variant = value)`.
 * `value` is the cell's SATS-JSON, as `POST /sql` returns rows (products as
 * arrays, sums as `[tag, value]`).
 */
export function psqlValue(type: AlgebraicType, value: unknown): string {
  switch (type.tag) {
    case 'String':
      return `"${String(value)}"`;
    case 'Bool':
      return String(value);
    case 'Array':
      if (type.value.tag === 'U8')
        return `0x${typeof value === 'string' ? value : bytesHex(value)}`;
      return `[${(value as unknown[]).map((item) => psqlValue(type.value, item)).join(', ')}]`;
    case 'Product':
      return productValue(type, value as unknown[]);
    case 'Sum': {
      const [tag, inner] = value as [number, unknown];
      const variant = type.value.variants[tag];
      if (variant === undefined) return JSON.stringify(value);
      return `(${variant.name ?? `col_${tag}`} = ${psqlValue(variant.algebraicType, inner)})`;
    }
    case 'F32':
    case 'F64':
      return value === null ? 'NaN' : String(value);
    default:
      return String(value);
  }
}

function productValue(type: Extract<AlgebraicType, { tag: 'Product' }>, fields: unknown[]): string {
  const special = specialType(type);
  if (special !== undefined) {
    const inner = fields[0];
    switch (special) {
      case 'identity':
        return `0x${bigintOf(inner).toString(16).padStart(64, '0')}`;
      case 'connection-id':
        return `0x${bigintOf(inner).toString(16).padStart(32, '0')}`;
      case 'timestamp':
        return formatTimestamp(bigintOf(inner), 'rfc3339');
      case 'duration':
        return formatDuration(bigintOf(inner));
      case 'uuid':
        return `"${formatUuid(bigintOf(inner))}"`;
    }
  }
  const parts = type.value.elements.map(
    (e, i) => `${e.name ?? `col_${i}`} = ${psqlValue(e.algebraicType, fields[i])}`,
  );
  return `(${parts.join(', ')})`;
}

/** A 64/128-bit integer arrives as a number or bigint; a 256-bit one as a `0x…` string. */
function bigintOf(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return BigInt(value);
  if (typeof value === 'string')
    return value.startsWith('-') ? -BigInt(value.slice(1)) : BigInt(value);
  return 0n;
}

function bytesHex(value: unknown): string {
  return Array.isArray(value) ? Buffer.from(value as number[]).toString('hex') : '';
}
