import type { AlgebraicType } from '../sats/algebraic-type.js';
import { type Case, convertCase } from './case-conversion.js';
import { isSpecial } from './special-types.js';

/**
 * Renames product fields and sum variants as SpacetimeDB does before storing
 * a module's typespace: under the snake_case policy fields become snake_case
 * and variants camelCase; special types (Identity, Option, ScheduleAt, …)
 * keep their names.
 */
export function convertTypespaceNames(
  types: readonly AlgebraicType[],
  policy: 'None' | 'SnakeCase',
): AlgebraicType[] {
  if (policy === 'None') return [...types];
  return types.map((ty) => convertType(ty, 'snake', 'camel'));
}

function convertType(ty: AlgebraicType, fields: Case, variants: Case): AlgebraicType {
  if (isSpecial(ty)) return ty;
  switch (ty.tag) {
    case 'Product':
      return {
        tag: 'Product',
        value: {
          elements: ty.value.elements.map((e) => ({
            name: e.name === undefined ? undefined : convertCase(e.name, fields),
            algebraicType: convertType(e.algebraicType, fields, variants),
          })),
        },
      };
    case 'Sum':
      return {
        tag: 'Sum',
        value: {
          variants: ty.value.variants.map((v) => ({
            name: v.name === undefined ? undefined : convertCase(v.name, variants),
            algebraicType: convertType(v.algebraicType, fields, variants),
          })),
        },
      };
    case 'Array':
      return { tag: 'Array', value: convertType(ty.value, fields, variants) };
    default:
      return ty;
  }
}
