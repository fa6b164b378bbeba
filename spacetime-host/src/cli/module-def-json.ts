import type { AlgebraicType, ProductType } from '../sats/algebraic-type.js';
import { convertCase } from '../schema/case-conversion.js';
import { CliError } from './cli-error.js';
import { productTypeFromJson, typeFromJson } from './format/type-from-json.js';

/** A reducer or procedure of a module, named as clients call it. */
export interface ModuleFunction {
  readonly kind: 'reducer' | 'procedure';
  /** The canonical name (after explicit names and the case-conversion policy). */
  readonly name: string;
  readonly params: ProductType;
  readonly lifecycle?: string;
}

export interface ModuleTable {
  readonly name: string;
  readonly rowType: AlgebraicType;
  readonly isPublic: boolean;
}

/** What the CLI reads from `GET /schema?version=10` (a `RawModuleDefV10` as SATS-JSON). */
export interface ModuleOverview {
  readonly typespace: readonly AlgebraicType[];
  readonly functions: readonly ModuleFunction[];
  readonly tables: readonly ModuleTable[];
}

type Json = Record<string, unknown>;

export function readModuleDef(def: unknown): ModuleOverview {
  try {
    return overview(def as { sections?: Json[] });
  } catch (error) {
    throw new CliError(
      `The server's module definition is not a RawModuleDefV10: ${(error as Error).message}`,
    );
  }
}

function overview(def: { sections?: Json[] }): ModuleOverview {
  const sections = new Map<string, unknown>();
  for (const section of def.sections ?? []) {
    const [tag, payload] = Object.entries(section)[0] ?? [];
    if (tag !== undefined) sections.set(tag, payload);
  }
  const typespace = ((sections.get('Typespace') as { types?: unknown[] })?.types ?? []).map(
    typeFromJson,
  );
  const snake = !('None' in ((sections.get('CaseConversionPolicy') as Json | undefined) ?? {}));
  const explicit = explicitNames(sections.get('ExplicitNames'));
  const canonical = (kind: 'Function' | 'Table', source: string) =>
    explicit.get(`${kind}:${source}`) ?? (snake ? convertCase(source, 'snake') : source);

  const lifecycles = new Map<string, string>();
  for (const entry of (sections.get('LifeCycleReducers') as Json[] | undefined) ?? []) {
    const spec = Object.keys((entry.lifecycle_spec as Json) ?? {})[0];
    if (spec !== undefined) lifecycles.set(String(entry.function_name), spec);
  }
  const functions: ModuleFunction[] = [];
  for (const [section, kind] of [
    ['Reducers', 'reducer'],
    ['Procedures', 'procedure'],
  ] as const) {
    for (const raw of (sections.get(section) as Json[] | undefined) ?? []) {
      const source = String(raw.source_name);
      const lifecycle = lifecycles.get(source);
      functions.push({
        kind,
        name: canonical('Function', source),
        params: productTypeFromJson(raw.params),
        ...(lifecycle === undefined ? {} : { lifecycle }),
      });
    }
  }
  const tables = ((sections.get('Tables') as Json[] | undefined) ?? []).map((raw) => ({
    name: canonical('Table', String(raw.source_name)),
    rowType: typespace[Number(raw.product_type_ref)] ?? { tag: 'Product', value: { elements: [] } },
    isPublic: 'Public' in ((raw.table_access as Json) ?? {}),
  }));
  return { typespace, functions, tables };
}

function explicitNames(section: unknown): Map<string, string> {
  const names = new Map<string, string>();
  for (const entry of (section as { entries?: Json[] })?.entries ?? []) {
    const [kind, mapping] = Object.entries(entry)[0] ?? [];
    const { source_name, canonical_name } = (mapping ?? {}) as Json;
    if (kind !== undefined) names.set(`${kind}:${String(source_name)}`, String(canonical_name));
  }
  return names;
}

/** Follows `Ref`s into the typespace. */
export function resolve(type: AlgebraicType, typespace: readonly AlgebraicType[]): AlgebraicType {
  let current = type;
  for (let hops = 0; current.tag === 'Ref' && hops <= typespace.length; hops++) {
    current = typespace[current.value] ?? current;
  }
  return current;
}

/** A short human name for a type: `u32`, `string`, `Identity`, `Array<u8>`, `(a: u32, b: string)`. */
export function typeName(type: AlgebraicType, typespace: readonly AlgebraicType[]): string {
  const resolved = resolve(type, typespace);
  switch (resolved.tag) {
    case 'Product': {
      const only = resolved.value.elements[0];
      if (resolved.value.elements.length === 1 && only?.name?.startsWith('__')) {
        return specialName(only.name) ?? `(${only.name})`;
      }
      return `(${resolved.value.elements.map((e) => `${e.name ?? '_'}: ${typeName(e.algebraicType, typespace)}`).join(', ')})`;
    }
    case 'Sum': {
      const [some, none] = resolved.value.variants;
      if (resolved.value.variants.length === 2 && some?.name === 'some' && none?.name === 'none') {
        return `Option<${typeName(some.algebraicType, typespace)}>`;
      }
      return resolved.value.variants.map((v) => v.name ?? '_').join(' | ');
    }
    case 'Array':
      return `Array<${typeName(resolved.value, typespace)}>`;
    case 'Ref':
      return `Ref(${resolved.value})`;
    default:
      return resolved.tag.toLowerCase();
  }
}

function specialName(field: string): string | undefined {
  return {
    __identity__: 'Identity',
    __connection_id__: 'ConnectionId',
    __timestamp_micros_since_unix_epoch__: 'Timestamp',
    __time_duration_micros__: 'TimeDuration',
    __uuid__: 'Uuid',
  }[field];
}
