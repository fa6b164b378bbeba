import type { AlgebraicType, ProductType } from '../sats/algebraic-type.js';

/*
 * SpacetimeDB's "special" types, recognised by shape (crates/sats
 * product_type.rs and sum_type.rs). Their names are never case-converted.
 */

const SPECIAL_NEWTYPES: Readonly<Record<string, string>> = {
  __identity__: 'U256',
  __connection_id__: 'U128',
  __timestamp_micros_since_unix_epoch__: 'I64',
  __time_duration_micros__: 'I64',
  __uuid__: 'U128',
};

function isNewtype(ty: AlgebraicType, field: string, inner: string): boolean {
  if (ty.tag !== 'Product' || ty.value.elements.length !== 1) return false;
  const [only] = ty.value.elements;
  return only!.name === field && only!.algebraicType.tag === inner;
}

export function isUnit(ty: AlgebraicType): boolean {
  return ty.tag === 'Product' && ty.value.elements.length === 0;
}

export function isOption(ty: AlgebraicType): boolean {
  return (
    ty.tag === 'Sum' &&
    ty.value.variants.length === 2 &&
    ty.value.variants[0]!.name === 'some' &&
    ty.value.variants[1]!.name === 'none' &&
    isUnit(ty.value.variants[1]!.algebraicType)
  );
}

export function isScheduleAt(ty: AlgebraicType): boolean {
  if (ty.tag !== 'Sum' || ty.value.variants.length !== 2) return false;
  const [interval, time] = ty.value.variants;
  return (
    interval!.name === 'Interval' &&
    isNewtype(interval!.algebraicType, '__time_duration_micros__', 'I64') &&
    time!.name === 'Time' &&
    isNewtype(time!.algebraicType, '__timestamp_micros_since_unix_epoch__', 'I64')
  );
}

export function isSpecial(ty: AlgebraicType): boolean {
  if (ty.tag === 'Product') {
    const [only] = ty.value.elements;
    return (
      ty.value.elements.length === 1 &&
      only!.name !== undefined &&
      SPECIAL_NEWTYPES[only!.name] === only!.algebraicType.tag
    );
  }
  if (ty.tag === 'Sum') {
    const names = ty.value.variants.map((v) => v.name);
    const result = names.length === 2 && names[0] === 'ok' && names[1] === 'err';
    return isOption(ty) || isScheduleAt(ty) || result;
  }
  return false;
}

export function isInteger(ty: AlgebraicType): boolean {
  return /^[IU](8|16|32|64|128|256)$/.test(ty.tag);
}

export function asProduct(ty: AlgebraicType | undefined): ProductType | undefined {
  return ty?.tag === 'Product' ? ty.value : undefined;
}
