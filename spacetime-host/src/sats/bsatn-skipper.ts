import type { AlgebraicType } from './algebraic-type.js';
import { BsatnError } from './bsatn-error.js';
import { PRIMITIVE_SIZES } from './primitive-sizes.js';
import { EMPTY_TYPESPACE, type Typespace } from './typespace.js';
import { isValidUtf8 } from './utf8.js';

/**
 * Validates one BSATN value starting at `offset` and returns the offset just
 * past it. Throws `BsatnError` when the bytes are not a value of the type.
 */
export type Skipper = (buf: Uint8Array, offset: number) => number;

/**
 * A fixed-size layout: `size` bytes, where the byte at each `checks[i][0]`
 * must be at most `checks[i][1]` (bools: 1, sum tags: variants - 1).
 */
interface FixedShape {
  readonly size: number;
  readonly checks: readonly (readonly [offset: number, max: number])[];
}

type Shape =
  | { readonly fixed: FixedShape }
  | { readonly fixed?: undefined; readonly skip: Skipper };

/** Compiles a validating skipper for `ty`; Refs resolve through `typespace` (recursion allowed). */
export function compileSkipper(ty: AlgebraicType, typespace: Typespace = EMPTY_TYPESPACE): Skipper {
  return toSkipper(new ShapeCompiler(typespace).shape(ty));
}

/** The BSATN size of every value of `ty`, or undefined when values vary in size. */
export function bsatnFixedSize(
  ty: AlgebraicType,
  typespace: Typespace = EMPTY_TYPESPACE,
): number | undefined {
  return new ShapeCompiler(typespace).shape(ty).fixed?.size;
}

/** Checks that `bytes` holds exactly one value (no trailing bytes). */
export function checkBsatn(skip: Skipper, bytes: Uint8Array): void {
  const end = skip(bytes, 0);
  if (end !== bytes.length) {
    throw new BsatnError(`${bytes.length - end} trailing byte(s) after the value`);
  }
}

/**
 * Splits a BSATN `Vec<T>` (u32 count, then the elements) into views of each
 * element; throws when the count, an element, or the total length is wrong.
 */
export function splitBsatnVec(skip: Skipper, bytes: Uint8Array): Uint8Array[] {
  if (bytes.length < 4) throw truncated(0, 4, bytes.length);
  const count = readU32(bytes, 0);
  const out: Uint8Array[] = [];
  let offset = 4;
  for (let i = 0; i < count; i++) {
    const end = skip(bytes, offset);
    out.push(bytes.subarray(offset, end));
    offset = end;
  }
  if (offset !== bytes.length) {
    throw new BsatnError(`${bytes.length - offset} trailing byte(s) after the vector`);
  }
  return out;
}

export function readU32(buf: Uint8Array, offset: number): number {
  return (
    (buf[offset]! |
      (buf[offset + 1]! << 8) |
      (buf[offset + 2]! << 16) |
      (buf[offset + 3]! << 24)) >>>
    0
  );
}

export function truncated(offset: number, needed: number, length: number): BsatnError {
  return new BsatnError(
    `truncated: ${needed} byte(s) needed at offset ${offset}, ${Math.max(0, length - offset)} left`,
  );
}

class ShapeCompiler {
  /** Skippers of Refs being compiled, so recursive types terminate. */
  private readonly refs = new Map<number, { skip?: Skipper }>();

  constructor(private readonly typespace: Typespace) {}

  shape(ty: AlgebraicType): Shape {
    switch (ty.tag) {
      case 'Ref':
        return this.ref(ty.value);
      case 'Product':
        return this.product(ty.value.elements.map((e) => this.shape(e.algebraicType)));
      case 'Sum':
        return this.sum(ty.value.variants.map((v) => this.shape(v.algebraicType)));
      case 'Array':
        return { skip: arraySkipper(this.shape(ty.value)) };
      case 'String':
        return { skip: skipString };
      case 'Bool':
        return { fixed: { size: 1, checks: [[0, 1]] } };
      default: {
        const size = PRIMITIVE_SIZES[ty.tag];
        if (size === undefined) throw new TypeError(`unknown algebraic type ${String(ty.tag)}`);
        return { fixed: { size, checks: [] } };
      }
    }
  }

  private ref(index: number): Shape {
    const pending = this.refs.get(index);
    if (pending !== undefined) {
      // A recursive occurrence: defer to the skipper once it exists.
      return { skip: (buf, offset) => pending.skip!(buf, offset) };
    }
    const target = this.typespace.types[index];
    if (target === undefined) throw new RangeError(`type Ref(${index}) is out of range`);
    const slot: { skip?: Skipper } = {};
    this.refs.set(index, slot);
    const shape = this.shape(target);
    slot.skip = toSkipper(shape);
    this.refs.delete(index);
    return shape;
  }

  private product(fields: Shape[]): Shape {
    const steps: Shape[] = [];
    for (const field of fields) {
      const last = steps[steps.length - 1];
      if (field.fixed && last?.fixed) {
        steps[steps.length - 1] = { fixed: concatFixed(last.fixed, field.fixed) };
      } else {
        steps.push(field);
      }
    }
    if (steps.length === 0) return { fixed: { size: 0, checks: [] } };
    if (steps.length === 1) return steps[0]!;
    const skippers = steps.map(toSkipper);
    return {
      skip: (buf, offset) => {
        let at = offset;
        for (let i = 0; i < skippers.length; i++) at = skippers[i]!(buf, at);
        return at;
      },
    };
  }

  private sum(variants: Shape[]): Shape {
    const n = variants.length;
    const first = variants[0]?.fixed;
    const sameFixed =
      first !== undefined &&
      variants.every((v) => v.fixed && v.fixed.size === first.size && v.fixed.checks.length === 0);
    if (n > 0 && sameFixed) {
      return { fixed: { size: 1 + first.size, checks: [[0, n - 1]] } };
    }
    const skippers = variants.map(toSkipper);
    return {
      skip: (buf, offset) => {
        if (offset >= buf.length) throw truncated(offset, 1, buf.length);
        const tag = buf[offset]!;
        const variant = skippers[tag];
        if (variant === undefined) {
          throw new BsatnError(`sum tag ${tag} at offset ${offset} is not one of ${n} variants`);
        }
        return variant(buf, offset + 1);
      },
    };
  }
}

function concatFixed(a: FixedShape, b: FixedShape): FixedShape {
  return {
    size: a.size + b.size,
    checks: [...a.checks, ...b.checks.map(([at, max]) => [at + a.size, max] as const)],
  };
}

function toSkipper(shape: Shape): Skipper {
  return shape.fixed ? fixedSkipper(shape.fixed) : shape.skip;
}

function fixedSkipper({ size, checks }: FixedShape): Skipper {
  if (checks.length === 0) {
    return (buf, offset) => {
      const end = offset + size;
      if (end > buf.length) throw truncated(offset, size, buf.length);
      return end;
    };
  }
  const at = checks.map(([o]) => o);
  const max = checks.map(([, m]) => m);
  return (buf, offset) => {
    const end = offset + size;
    if (end > buf.length) throw truncated(offset, size, buf.length);
    for (let i = 0; i < at.length; i++) {
      const value = buf[offset + at[i]!]!;
      if (value > max[i]!) throw badByte(offset + at[i]!, value, max[i]!);
    }
    return end;
  };
}

function badByte(offset: number, value: number, max: number): BsatnError {
  return max === 1
    ? new BsatnError(`bool at offset ${offset} is ${value}, not 0 or 1`)
    : new BsatnError(`sum tag ${value} at offset ${offset} is not one of ${max + 1} variants`);
}

function skipString(buf: Uint8Array, offset: number): number {
  if (offset + 4 > buf.length) throw truncated(offset, 4, buf.length);
  const start = offset + 4;
  const end = start + readU32(buf, offset);
  if (end > buf.length) throw truncated(start, end - start, buf.length);
  if (!isValidUtf8(buf, start, end))
    throw new BsatnError(`string at offset ${offset} is not UTF-8`);
  return end;
}

function arraySkipper(elem: Shape): Skipper {
  const fixed = elem.fixed;
  if (fixed && fixed.checks.length === 0) {
    const size = fixed.size;
    return (buf, offset) => {
      if (offset + 4 > buf.length) throw truncated(offset, 4, buf.length);
      const end = offset + 4 + readU32(buf, offset) * size;
      if (end > buf.length) throw truncated(offset + 4, end - offset - 4, buf.length);
      return end;
    };
  }
  const skipElem = toSkipper(elem);
  return (buf, offset) => {
    if (offset + 4 > buf.length) throw truncated(offset, 4, buf.length);
    const count = readU32(buf, offset);
    let at = offset + 4;
    for (let i = 0; i < count; i++) at = skipElem(buf, at);
    return at;
  };
}
