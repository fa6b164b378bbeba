import type { AlgebraicType, ProductType } from '../sats/algebraic-type.js';
import { resolveTypeDeep, type Typespace } from '../sats/typespace.js';
import type { FunctionSchema, ReducerSchema, ViewSchema } from './module-schema.js';
import type { NameResolver } from './name-resolver.js';
import type { RawProcedureDefV10, RawReducerDefV10, RawViewDefV10 } from './raw-module-def.js';
import { asProduct, isUnit } from './special-types.js';

function checkParams(params: ProductType, what: string, names: NameResolver): void {
  params.elements.forEach((p, i) => {
    if (p.name === undefined) names.error(`${what}: parameter ${i} has no name`);
    else names.plain(p.name);
  });
}

export function buildReducer(
  raw: RawReducerDefV10,
  id: number,
  names: NameResolver,
): ReducerSchema {
  const name = names.function(raw.sourceName);
  checkParams(raw.params, `reducer \`${name}\``, names);
  if (!isUnit(raw.okReturnType) || raw.errReturnType.tag !== 'String') {
    names.error(`reducer \`${name}\` must return Result<(), String>`);
  }
  return {
    id,
    name,
    params: raw.params,
    clientCallable: raw.visibility.tag === 'ClientCallable',
  };
}

export function buildProcedure(
  raw: RawProcedureDefV10,
  id: number,
  names: NameResolver,
): FunctionSchema {
  const name = names.function(raw.sourceName);
  checkParams(raw.params, `procedure \`${name}\``, names);
  return {
    id,
    name,
    params: raw.params,
    returnType: raw.returnType,
    clientCallable: raw.visibility.tag === 'ClientCallable',
  };
}

/** `{ __query__: T }` (query-builder views), `Option<T>` and `Array<T>` name the row type T. */
function viewRowTypeRef(returnType: AlgebraicType): number | undefined {
  if (returnType.tag === 'Product') {
    const [only] = returnType.value.elements;
    if (
      returnType.value.elements.length === 1 &&
      only!.name === '__query__' &&
      only!.algebraicType.tag === 'Ref'
    ) {
      return only!.algebraicType.value;
    }
    return undefined;
  }
  const inner =
    returnType.tag === 'Array'
      ? returnType.value
      : returnType.tag === 'Sum' && returnType.value.variants[0]?.name === 'some'
        ? returnType.value.variants[0].algebraicType
        : undefined;
  return inner?.tag === 'Ref' ? inner.value : undefined;
}

export function buildView(
  raw: RawViewDefV10,
  typespace: Typespace,
  names: NameResolver,
): ViewSchema | undefined {
  const name = names.function(raw.sourceName);
  names.claim(name);
  checkParams(raw.params, `view \`${name}\``, names);
  const ref = viewRowTypeRef(raw.returnType);
  const row = ref === undefined ? undefined : asProduct(typespace.types[ref]);
  if (!row) {
    names.error(`view \`${name}\` must return an array or option of a product type`);
    return undefined;
  }
  return {
    id: raw.index,
    name,
    perSender: !raw.isAnonymous,
    isPublic: raw.isPublic,
    params: raw.params,
    returnType: raw.returnType,
    rowType: {
      elements: row.elements.map((e) => ({
        name: e.name,
        algebraicType: resolveOrKeep(e.algebraicType, typespace),
      })),
    },
  };
}

/** Recursive row types cannot be flattened; they keep their Refs. */
function resolveOrKeep(ty: AlgebraicType, typespace: Typespace): AlgebraicType {
  try {
    return resolveTypeDeep(ty, typespace);
  } catch {
    return ty;
  }
}
