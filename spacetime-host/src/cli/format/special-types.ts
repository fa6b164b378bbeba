import type { AlgebraicType } from '../../sats/algebraic-type.js';

/** SpacetimeDB's special products, recognised by their single, reserved field name. */
export type SpecialType = 'identity' | 'connection-id' | 'timestamp' | 'duration' | 'uuid';

const MARKERS: Readonly<Record<string, readonly [SpecialType, string]>> = {
  __identity__: ['identity', 'U256'],
  __connection_id__: ['connection-id', 'U128'],
  __timestamp_micros_since_unix_epoch__: ['timestamp', 'I64'],
  __time_duration_micros__: ['duration', 'I64'],
  __uuid__: ['uuid', 'U128'],
};

export function specialType(type: AlgebraicType): SpecialType | undefined {
  if (type.tag !== 'Product' || type.value.elements.length !== 1) return undefined;
  const element = type.value.elements[0]!;
  const marker = element.name === undefined ? undefined : MARKERS[element.name];
  return marker !== undefined && element.algebraicType.tag === marker[1] ? marker[0] : undefined;
}

/**
 * chrono's RFC 3339 (`to_rfc3339`) or Debug form of a UTC instant, with the
 * fraction shown only when non-zero, in groups of 3 digits as chrono does.
 */
export function formatTimestamp(micros: bigint, style: 'rfc3339' | 'debug'): string {
  const seconds = micros >= 0n ? micros / 1_000_000n : -((-micros + 999_999n) / 1_000_000n);
  const fraction = Number(micros - seconds * 1_000_000n);
  const date = new Date(Number(seconds) * 1000).toISOString().slice(0, 19);
  let frac = '';
  if (fraction !== 0) {
    frac =
      fraction % 1000 === 0
        ? `.${String(fraction / 1000).padStart(3, '0')}`
        : `.${String(fraction).padStart(6, '0')}`;
  }
  return `${date}${frac}${style === 'rfc3339' ? '+00:00' : 'Z'}`;
}

/** SpacetimeDB's `TimeDuration` Display: `+1.500000`, `-0.000001`. */
export function formatDuration(micros: bigint): string {
  const sign = micros < 0n ? '-' : '+';
  const abs = micros < 0n ? -micros : micros;
  return `${sign}${abs / 1_000_000n}.${String(abs % 1_000_000n).padStart(6, '0')}`;
}

export function formatUuid(value: bigint): string {
  const hex = value.toString(16).padStart(32, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
