import type { SequenceSchema } from '../schema/module-schema.js';

const INTEGER_BYTES: Readonly<Record<string, number>> = {
  I8: 1,
  U8: 1,
  I16: 2,
  U16: 2,
  I32: 4,
  U32: 4,
  I64: 8,
  U64: 8,
  I128: 16,
  U128: 16,
  I256: 32,
  U256: 32,
};

/**
 * An auto-increment sequence, as SpacetimeDB runs it: values step by
 * `increment` and wrap around within [min, max]; a generated value is written
 * into the column truncated to the column's width. Values handed out are
 * never taken back, not even when the transaction rolls back.
 */
export class Sequence {
  /** The next value to hand out. */
  value: bigint;
  /** Width in bytes of the column the values are written to. */
  readonly width: number;
  private readonly signed: boolean;

  constructor(
    readonly schema: SequenceSchema,
    columnType: string,
    value: bigint = schema.start,
  ) {
    const width = INTEGER_BYTES[columnType];
    if (width === undefined) throw new TypeError(`a sequence cannot fill a ${columnType} column`);
    this.width = width;
    this.signed = columnType.startsWith('I');
    this.value = value;
  }

  next(): bigint {
    const current = this.value;
    this.value = nextInSequence(this.schema, current);
    return current;
  }

  /** After replaying a row that holds `used`, makes sure it is not handed out again. */
  skipPast(used: bigint): void {
    const { min, max, increment } = this.schema;
    if (used < min || used > max) return;
    if (increment > 0n ? used >= this.value : used <= this.value) {
      this.value = nextInSequence(this.schema, used);
    }
  }

  /** True when the `width` bytes at `offset` are all zero: the trigger for generation. */
  isTrigger(row: Uint8Array, offset: number): boolean {
    for (let i = offset; i < offset + this.width; i++) if (row[i] !== 0) return false;
    return true;
  }

  write(row: Uint8Array, offset: number, value: bigint): void {
    // Little-endian, 32 bits at a time: far fewer BigInt operations than byte by byte.
    let bits = BigInt.asUintN(this.width * 8, value);
    for (let i = 0; i < this.width; i += 4) {
      let word = Number(BigInt.asUintN(32, bits));
      const end = Math.min(this.width, i + 4);
      for (let b = i; b < end; b++) {
        row[offset + b] = word & 0xff;
        word >>>= 8;
      }
      bits >>= 32n;
    }
  }

  read(row: Uint8Array, offset: number): bigint {
    let value = 0n;
    for (let i = this.width - 1; i >= 0; i--) value = (value << 8n) | BigInt(row[offset + i]!);
    return this.signed ? BigInt.asIntN(this.width * 8, value) : value;
  }
}

/** crates/datastore sequence.rs `next_in_sequence`: step, wrapping around inside [min, max]. */
function nextInSequence({ min, max, increment }: SequenceSchema, value: bigint): bigint {
  const next = value + increment;
  const span = max - min + 1n;
  if (increment > 0n) return next > max ? min + ((next - max - 1n) % span) : next;
  return next < min ? max - ((min - next - 1n) % span) : next;
}
