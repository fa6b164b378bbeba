import type { AlgebraicType } from './algebraic-type.js';

/** The BSATN size in bytes of each fixed-size primitive type (little-endian, no padding). */
export const PRIMITIVE_SIZES: Readonly<Partial<Record<AlgebraicType['tag'], number>>> = {
  Bool: 1,
  I8: 1,
  U8: 1,
  I16: 2,
  U16: 2,
  I32: 4,
  U32: 4,
  F32: 4,
  I64: 8,
  U64: 8,
  F64: 8,
  I128: 16,
  U128: 16,
  I256: 32,
  U256: 32,
};
