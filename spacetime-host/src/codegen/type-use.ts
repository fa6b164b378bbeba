import type { AlgebraicType, PrimitiveTag, ProductType } from '../sats/algebraic-type.js';
import type { Typespace } from '../sats/typespace.js';

/**
 * How generated code refers to a type, as SpacetimeDB's `AlgebraicTypeUse`
 * (crates/schema/src/type_for_generate.rs): special types by name, and every
 * named product or sum through a `Ref` to its definition in `types.ts`.
 */
export type TypeUse =
  | { readonly kind: 'Ref'; readonly ref: number }
  | { readonly kind: 'Array'; readonly element: TypeUse }
  | { readonly kind: 'Option'; readonly inner: TypeUse }
  | { readonly kind: 'Result'; readonly ok: TypeUse; readonly err: TypeUse }
  | { readonly kind: 'Primitive'; readonly primitive: Exclude<PrimitiveTag, 'String'> }
  | { readonly kind: SpecialKind };

type SpecialKind =
  | 'ScheduleAt'
  | 'Identity'
  | 'ConnectionId'
  | 'Timestamp'
  | 'TimeDuration'
  | 'Uuid'
  | 'Unit'
  | 'Never'
  | 'String';

/** A named field of a product (or variant of a sum) and how its type is used. */
export interface Field {
  readonly name: string;
  readonly type: TypeUse;
}

/** The single-field products SpacetimeDB treats as special types, by field name. */
const NEWTYPES: Readonly<Record<string, readonly [string, SpecialKind]>> = {
  __identity__: ['U256', 'Identity'],
  __connection_id__: ['U128', 'ConnectionId'],
  __timestamp_micros_since_unix_epoch__: ['I64', 'Timestamp'],
  __time_duration_micros__: ['I64', 'TimeDuration'],
  __uuid__: ['U128', 'Uuid'],
};

function newtypeKind(ty: AlgebraicType): SpecialKind | undefined {
  if (ty.tag !== 'Product' || ty.value.elements.length !== 1) return undefined;
  const [only] = ty.value.elements;
  const known = only!.name === undefined ? undefined : NEWTYPES[only!.name];
  return known !== undefined && only!.algebraicType.tag === known[0] ? known[1] : undefined;
}

const isUnitType = (ty: AlgebraicType) => ty.tag === 'Product' && ty.value.elements.length === 0;

/** `some(T) | none` → T; `ok(T) | err(E)` → [T, E]; as in spacetimedb_sats `SumType`. */
function twoVariants(ty: AlgebraicType, first: string, second: string) {
  if (ty.tag !== 'Sum' || ty.value.variants.length !== 2) return undefined;
  const [a, b] = ty.value.variants;
  return a!.name === first && b!.name === second ? ([a!, b!] as const) : undefined;
}

function isScheduleAt(ty: AlgebraicType): boolean {
  const variants = twoVariants(ty, 'Interval', 'Time');
  return (
    variants !== undefined &&
    newtypeKind(variants[0].algebraicType) === 'TimeDuration' &&
    newtypeKind(variants[1].algebraicType) === 'Timestamp'
  );
}

/**
 * Turns a module's declared types into `TypeUse`s. `definitions` are the Refs
 * the module names in its Types section: a Ref to one of them stays a Ref;
 * a Ref to anything else is replaced by what it points to (as SpacetimeDB
 * contracts alias chains). Problems are collected, not thrown.
 */
export class TypeUseParser {
  readonly problems: string[] = [];
  readonly #aliases = new Map<number, TypeUse>();
  readonly #resolving = new Set<number>();

  constructor(
    private readonly typespace: Typespace,
    private readonly definitions: ReadonlySet<number>,
  ) {}

  /** How `ty` is used; `where` names the place for error messages. */
  use(ty: AlgebraicType, where: string): TypeUse {
    const special = newtypeKind(ty);
    if (special !== undefined) return { kind: special };
    if (isUnitType(ty)) return { kind: 'Unit' };
    if (ty.tag === 'Sum' && ty.value.variants.length === 0) return { kind: 'Never' };
    const option = twoVariants(ty, 'some', 'none');
    if (option !== undefined && isUnitType(option[1].algebraicType)) {
      return { kind: 'Option', inner: this.use(option[0].algebraicType, where) };
    }
    const result = twoVariants(ty, 'ok', 'err');
    if (result !== undefined) {
      return {
        kind: 'Result',
        ok: this.use(result[0].algebraicType, where),
        err: this.use(result[1].algebraicType, where),
      };
    }
    if (isScheduleAt(ty)) return { kind: 'ScheduleAt' };
    switch (ty.tag) {
      case 'Ref':
        return this.#ref(ty.value, where);
      case 'Array':
        return { kind: 'Array', element: this.use(ty.value, where) };
      case 'String':
        return { kind: 'String' };
      case 'Product':
      case 'Sum':
        this.problems.push(
          `${where}: an unnamed ${ty.tag === 'Product' ? 'product' : 'sum'} type cannot be used here; give it a name (t.object / t.enum)`,
        );
        return { kind: 'Unit' };
      default:
        return { kind: 'Primitive', primitive: ty.tag };
    }
  }

  /** The named fields of a product (a table row, a type definition, parameters). */
  fields(product: ProductType, where: string): Field[] {
    return product.elements.map((element, i) => {
      if (element.name === undefined) {
        this.problems.push(`${where}: element ${i} has no name`);
      }
      return {
        name: element.name ?? `_${i}`,
        type: this.use(element.algebraicType, `${where}.${element.name ?? i}`),
      };
    });
  }

  #ref(ref: number, where: string): TypeUse {
    if (this.definitions.has(ref)) return { kind: 'Ref', ref };
    const known = this.#aliases.get(ref);
    if (known !== undefined) return known;
    const target = this.typespace.types[ref];
    if (target === undefined) {
      this.problems.push(`${where}: type Ref(${ref}) is out of range of the typespace`);
      return { kind: 'Unit' };
    }
    if (this.#resolving.has(ref) || (target.tag === 'Ref' && target.value === ref)) {
      this.problems.push(`${where}: type Ref(${ref}) is recursive without a named type`);
      return { kind: 'Unit' };
    }
    this.#resolving.add(ref);
    const use = this.use(target, where);
    this.#resolving.delete(ref);
    this.#aliases.set(ref, use);
    return use;
  }
}

/** Whether `use` mentions a named type anywhere (generated code must then read it lazily). */
export function containsRef(use: TypeUse): boolean {
  switch (use.kind) {
    case 'Ref':
      return true;
    case 'Array':
      return containsRef(use.element);
    case 'Option':
      return containsRef(use.inner);
    case 'Result':
      return containsRef(use.ok) || containsRef(use.err);
    default:
      return false;
  }
}

/** Every Ref in `use`, depth first. */
export function refsOf(use: TypeUse): number[] {
  switch (use.kind) {
    case 'Ref':
      return [use.ref];
    case 'Array':
      return refsOf(use.element);
    case 'Option':
      return refsOf(use.inner);
    case 'Result':
      return [...refsOf(use.ok), ...refsOf(use.err)];
    default:
      return [];
  }
}
