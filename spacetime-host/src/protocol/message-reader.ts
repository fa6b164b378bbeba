import { ProtocolError } from './protocol-error.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A strict little-endian BSATN reader for untrusted frames: every read is
 * bounds-checked and strings must be valid UTF-8, so garbage fails with a
 * `ProtocolError` instead of decoding into nonsense.
 */
export class MessageReader {
  #offset = 0;
  readonly #view: DataView;

  constructor(readonly bytes: Uint8Array) {
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get offset(): number {
    return this.#offset;
  }

  get remaining(): number {
    return this.bytes.length - this.#offset;
  }

  u8(): number {
    this.#need(1, 'u8');
    return this.bytes[this.#offset++]!;
  }

  u16(): number {
    this.#need(2, 'u16');
    const value = this.#view.getUint16(this.#offset, true);
    this.#offset += 2;
    return value;
  }

  u32(): number {
    this.#need(4, 'u32');
    const value = this.#view.getUint32(this.#offset, true);
    this.#offset += 4;
    return value;
  }

  i64(): bigint {
    this.#need(8, 'i64');
    const value = this.#view.getBigInt64(this.#offset, true);
    this.#offset += 8;
    return value;
  }

  u64(): bigint {
    this.#need(8, 'u64');
    const value = this.#view.getBigUint64(this.#offset, true);
    this.#offset += 8;
    return value;
  }

  u128(): bigint {
    const low = this.u64();
    return (this.u64() << 64n) | low;
  }

  u256(): bigint {
    const low = this.u128();
    return (this.u128() << 128n) | low;
  }

  /** A length-prefixed byte array, as a view into the frame (no copy). */
  bytesField(what = 'bytes'): Uint8Array {
    const length = this.u32();
    this.#need(length, what);
    const value = this.bytes.subarray(this.#offset, this.#offset + length);
    this.#offset += length;
    return value;
  }

  string(what = 'string'): string {
    const raw = this.bytesField(what);
    try {
      return utf8.decode(raw);
    } catch {
      throw new ProtocolError(`invalid UTF-8 in ${what}`);
    }
  }

  /** An array's length, checked against the bytes left so a bogus count cannot allocate much. */
  arrayLength(minElementBytes: number, what: string): number {
    const length = this.u32();
    if (length * minElementBytes > this.remaining) {
      throw new ProtocolError(`${what}: ${length} elements cannot fit in ${this.remaining} bytes`);
    }
    return length;
  }

  #need(count: number, what: string): void {
    if (this.#offset + count > this.bytes.length) {
      throw new ProtocolError(
        `unexpected end of message reading ${what} at byte ${this.#offset} of ${this.bytes.length}`,
      );
    }
  }
}
