import { describe, expect, it } from 'vitest';
import { type AlgebraicType, type ProductType, type SumType, Ty } from './algebraic-type.js';
import { algebraicTypeToJson, productTypeToJson } from './sats-type-json.js';

const productOf = (value: ProductType): AlgebraicType => ({ tag: 'Product', value });
const sumOf = (value: SumType): AlgebraicType => ({ tag: 'Sum', value });

describe('algebraicTypeToJson', () => {
  it('writes types as SpacetimeDB does in a /sql schema', () => {
    const schema = productTypeToJson({
      elements: [
        { name: 'id', algebraicType: Ty.U32 },
        {
          name: 'owner',
          algebraicType: productOf({
            elements: [{ name: '__identity__', algebraicType: Ty.U256 }],
          }),
        },
        { name: 'tags', algebraicType: Ty.array(Ty.String) },
        { name: undefined, algebraicType: Ty.ref(4) },
      ],
    });
    expect(schema).toEqual({
      elements: [
        { name: { some: 'id' }, algebraic_type: { U32: [] } },
        {
          name: { some: 'owner' },
          algebraic_type: {
            Product: {
              elements: [{ name: { some: '__identity__' }, algebraic_type: { U256: [] } }],
            },
          },
        },
        { name: { some: 'tags' }, algebraic_type: { Array: { String: [] } } },
        { name: { none: [] }, algebraic_type: { Ref: 4 } },
      ],
    });
  });

  it('writes sums with their variants', () => {
    const option = sumOf({
      variants: [
        { name: 'some', algebraicType: Ty.Bool },
        { name: 'none', algebraicType: productOf({ elements: [] }) },
      ],
    });
    expect(algebraicTypeToJson(option)).toEqual({
      Sum: {
        variants: [
          { name: { some: 'some' }, algebraic_type: { Bool: [] } },
          { name: { some: 'none' }, algebraic_type: { Product: { elements: [] } } },
        ],
      },
    });
  });
});
