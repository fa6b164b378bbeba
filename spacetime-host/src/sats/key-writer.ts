/**
 * Accumulates the UTF-16 code units of one index key. Keys are compared as JS
 * strings (code unit by code unit), so every encoder writes units whose order
 * matches SpacetimeDB's `Ord` for the value. One writer is shared: encoding a
 * key never re-enters another encoding.
 */
export class KeyWriter {
  private units = new Uint16Array(256);
  length = 0;

  reset(): void {
    this.length = 0;
  }

  push(unit: number): void {
    if (this.length === this.units.length) this.grow();
    this.units[this.length++] = unit;
  }

  /** The key written since the last reset. */
  toKey(): string {
    const u = this.units;
    switch (this.length) {
      case 0:
        return '';
      case 1:
        return String.fromCharCode(u[0]!);
      case 2:
        return String.fromCharCode(u[0]!, u[1]!);
      case 3:
        return String.fromCharCode(u[0]!, u[1]!, u[2]!);
      case 4:
        return String.fromCharCode(u[0]!, u[1]!, u[2]!, u[3]!);
      default:
        return unitsToString(u, this.length);
    }
  }

  private grow(): void {
    const next = new Uint16Array(this.units.length * 2);
    next.set(this.units);
    this.units = next;
  }
}

/** Chunked so `apply` never exceeds the engine's argument limit. */
const CHUNK = 8192;
/** Plain arrays of each short length: `apply` on them is much faster than on typed arrays. */
const SHORT = 64;
const argumentArrays = Array.from({ length: SHORT + 1 }, (_, n) => new Array<number>(n).fill(0));

function unitsToString(units: Uint16Array, length: number): string {
  if (length <= SHORT) {
    const args = argumentArrays[length]!;
    for (let i = 0; i < length; i++) args[i] = units[i]!;
    return String.fromCharCode.apply(null, args);
  }
  if (length <= CHUNK) {
    return String.fromCharCode.apply(null, units.subarray(0, length) as unknown as number[]);
  }
  let out = '';
  for (let i = 0; i < length; i += CHUNK) {
    const part = units.subarray(i, Math.min(length, i + CHUNK));
    out += String.fromCharCode.apply(null, part as unknown as number[]);
  }
  return out;
}

export const sharedKeyWriter = new KeyWriter();

/**
 * The smallest string greater than every string that starts with `prefix`,
 * or undefined when no such string exists (the prefix is all U+FFFF).
 */
export function prefixSuccessor(prefix: string): string | undefined {
  for (let i = prefix.length - 1; i >= 0; i--) {
    const unit = prefix.charCodeAt(i);
    if (unit < 0xffff) return prefix.slice(0, i) + String.fromCharCode(unit + 1);
  }
  return undefined;
}
