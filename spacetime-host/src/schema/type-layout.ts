import type { AlgebraicType } from '../sats/algebraic-type.js';

/**
 * The size and alignment SpacetimeDB's table storage (BFLATN) gives a type
 * (crates/sats/src/layout.rs). Migrations compare sum layouts: a sum may only
 * gain variants if its layout stays the same.
 */
export interface Layout {
  readonly size: number;
  readonly align: number;
}

const PRIMITIVE: Readonly<Record<string, Layout>> = {
  Bool: { size: 1, align: 1 },
  I8: { size: 1, align: 1 },
  U8: { size: 1, align: 1 },
  I16: { size: 2, align: 2 },
  U16: { size: 2, align: 2 },
  I32: { size: 4, align: 4 },
  U32: { size: 4, align: 4 },
  F32: { size: 4, align: 4 },
  I64: { size: 8, align: 8 },
  U64: { size: 8, align: 8 },
  F64: { size: 8, align: 8 },
  I128: { size: 16, align: 16 },
  U128: { size: 16, align: 16 },
  I256: { size: 32, align: 32 },
  U256: { size: 32, align: 32 },
  // Strings and arrays are stored out of line behind a 4-byte VarLenRef.
  String: { size: 4, align: 2 },
};

function alignTo(base: number, align: number): number {
  if (align === 0) return base;
  const misalignment = base % align;
  return misalignment === 0 ? base : base + align - misalignment;
}

/** `ty` must not contain Refs (column types are stored fully resolved). */
export function typeLayout(ty: AlgebraicType): Layout {
  switch (ty.tag) {
    case 'Array':
      return PRIMITIVE.String!;
    case 'Product': {
      let offset = 0;
      let align = 1;
      for (const element of ty.value.elements) {
        const field = typeLayout(element.algebraicType);
        offset = alignTo(offset, field.align) + field.size;
        align = Math.max(align, field.align);
      }
      return { size: alignTo(offset, align), align };
    }
    case 'Sum': {
      let maxSize = 0;
      let maxAlign = 0;
      for (const variant of ty.value.variants) {
        const payload = typeLayout(variant.algebraicType);
        maxSize = Math.max(maxSize, payload.size);
        maxAlign = Math.max(maxAlign, payload.align);
      }
      // [tag | padding to align | payload]
      const align = Math.max(maxAlign, 1);
      return { size: align + alignTo(maxSize, maxAlign), align };
    }
    case 'Ref':
      throw new TypeError('typeLayout needs a resolved type');
    default:
      return PRIMITIVE[ty.tag]!;
  }
}
