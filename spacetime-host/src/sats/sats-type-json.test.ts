import { AlgebraicType } from 'spacetimedb';
import { describe, expect, it } from 'vitest';
import { algebraicTypeToJson, productTypeToJson } from './sats-type-json.js';

describe('algebraicTypeToJson', () => {
  it('writes types as SpacetimeDB does in a /sql schema', () => {
    const schema = productTypeToJson({
      elements: [
        { name: 'id', algebraicType: AlgebraicType.U32 },
        {
          name: 'owner',
          algebraicType: AlgebraicType.Product({
            elements: [{ name: '__identity__', algebraicType: AlgebraicType.U256 }],
          }),
        },
        { name: 'tags', algebraicType: AlgebraicType.Array(AlgebraicType.String) },
        { name: undefined, algebraicType: AlgebraicType.Ref(4) },
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
    const option = AlgebraicType.Sum({
      variants: [
        { name: 'some', algebraicType: AlgebraicType.Bool },
        { name: 'none', algebraicType: AlgebraicType.Product({ elements: [] }) },
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
