import type { Typespace } from '../sats/typespace.js';
import { buildProcedure, buildReducer, buildView } from './function-schemas.js';
import { ModuleDefError } from './module-def-error.js';
import type {
  FunctionSchema,
  LifecycleReducers,
  ModuleSchema,
  ReducerSchema,
  TableSchema,
  ViewSchema,
} from './module-schema.js';
import { NameResolver } from './name-resolver.js';
import {
  decodeRawModuleDef,
  type RawModuleDefV10,
  type RawModuleDefV10Section,
} from './raw-module-def.js';
import { attachSchedules } from './schedule-schemas.js';
import { buildTableSchema } from './table-schema-builder.js';
import { checkTypeNames } from './type-names.js';
import { convertTypespaceNames } from './typespace-case-conversion.js';

/** Decodes and validates what `__describe_module__` returned. Throws ModuleDefError. */
export function decodeModuleSchema(bytes: Uint8Array): ModuleSchema {
  return buildModuleSchema(decodeRawModuleDef(bytes));
}

type SectionValue<Tag extends RawModuleDefV10Section['tag']> = Extract<
  RawModuleDefV10Section,
  { tag: Tag }
>['value'];

/**
 * Validates a V10 module definition the way SpacetimeDB does before
 * publishing (crates/schema/src/def/validate/v10.rs) and resolves it into the
 * host's ModuleSchema. Every problem found is reported at once.
 */
export function buildModuleSchema(def: RawModuleDefV10): ModuleSchema {
  const section = <Tag extends RawModuleDefV10Section['tag']>(tag: Tag) =>
    def.sections.find((s) => s.tag === tag)?.value as SectionValue<Tag> | undefined;
  const errors: string[] = [];
  const seenSections = new Set<string>();
  for (const s of def.sections) {
    if (seenSections.has(s.tag)) errors.push(`the ${s.tag} section appears more than once`);
    seenSections.add(s.tag);
  }
  if ((section('Submodules') ?? []).length > 0) {
    errors.push('submodules are not supported by this host');
  }

  const declared: Typespace = section('Typespace') ?? { types: [] };
  const policy = section('CaseConversionPolicy')?.tag ?? 'SnakeCase';
  const typespace: Typespace = { types: convertTypespaceNames(declared.types, policy) };
  const names = new NameResolver(policy, section('ExplicitNames')?.entries ?? []);
  checkTypeNames(section('Types') ?? [], names);

  let nextIndexId = 0;
  const tables: TableSchema[] = [];
  const tableTypeRefs: number[] = [];
  for (const raw of section('Tables') ?? []) {
    const table = buildTableSchema(raw, {
      tableId: tables.length,
      typespace,
      declared,
      names,
      nextIndexId: () => nextIndexId++,
    });
    if (table) {
      tables.push(table);
      tableTypeRefs.push(raw.productTypeRef);
    }
  }

  const reducers: ReducerSchema[] = (section('Reducers') ?? []).map((r, id) =>
    buildReducer(r, id, names),
  );
  const procedures: FunctionSchema[] = (section('Procedures') ?? []).map((p, id) =>
    buildProcedure(p, id, names),
  );
  const views = (section('Views') ?? [])
    .map((v) => buildView(v, typespace, names))
    .filter((v): v is ViewSchema => v !== undefined);
  checkFunctionNamesUnique([...reducers, ...procedures, ...views], names);

  const scheduled = attachSchedules(section('Schedules') ?? [], {
    tables,
    tableTypeRefs,
    reducers,
    procedures,
    typespace,
    names,
  });
  const { lifecycle, reducers: withLifecycle } = attachLifecycle(
    section('LifeCycleReducers') ?? [],
    scheduled.reducers,
    names,
  );

  errors.push(...names.errors);
  if (errors.length > 0) throw new ModuleDefError(errors);
  return {
    typespace,
    tables: scheduled.tables,
    reducers: withLifecycle,
    procedures: scheduled.procedures,
    views,
    lifecycle,
  };
}

function checkFunctionNamesUnique(
  functions: readonly { readonly name: string }[],
  names: NameResolver,
): void {
  const seen = new Set<string>();
  for (const { name } of functions) {
    if (seen.has(name)) names.error(`duplicate function name \`${name}\``);
    seen.add(name);
  }
}

const LIFECYCLE_KEYS = {
  Init: 'init',
  OnConnect: 'onConnect',
  OnDisconnect: 'onDisconnect',
} as const;

function attachLifecycle(
  defs: SectionValue<'LifeCycleReducers'>,
  reducers: readonly ReducerSchema[],
  names: NameResolver,
): { lifecycle: LifecycleReducers; reducers: ReducerSchema[] } {
  const lifecycle: { -readonly [K in keyof LifecycleReducers]: number } = {};
  const out = [...reducers];
  for (const def of defs) {
    const key = LIFECYCLE_KEYS[def.lifecycleSpec.tag];
    const name = names.function(def.functionName);
    const id = out.findIndex((r) => r.name === name);
    if (id < 0) {
      names.error(`lifecycle ${def.lifecycleSpec.tag} names \`${name}\`, which is not a reducer`);
    } else if (lifecycle[key] !== undefined) {
      names.error(`more than one ${def.lifecycleSpec.tag} reducer`);
    } else {
      lifecycle[key] = id;
      // Lifecycle reducers are private: clients cannot call them.
      out[id] = { ...out[id]!, lifecycle: key, clientCallable: false };
    }
  }
  return { lifecycle, reducers: out };
}
