import type { AlgebraicType, ProductType } from '../sats/algebraic-type.js';
import { buildModuleSchema } from '../schema/build-module-schema.js';
import { convertCase } from '../schema/case-conversion.js';
import type { TableSchema } from '../schema/module-schema.js';
import type { RawModuleDefV10, RawModuleDefV10Section } from '../schema/raw-module-def.js';
import { CodegenError } from './codegen-error.js';
import { compareBytewise } from './compare-bytewise.js';
import { type Field, type TypeUse, TypeUseParser } from './type-use.js';

/**
 * What client code generation reads from a module: the parts of SpacetimeDB's
 * validated `ModuleDef` that `crates/codegen/src/typescript.rs` uses, with
 * SpacetimeDB's names (canonical names for the wire, accessor names, as the
 * module declared them, for generated identifiers).
 */
export interface CodegenModule {
  /** Named types, sorted as SpacetimeDB sorts them (scope, then name). */
  readonly types: readonly TypeDefinition[];
  /** Tables, sorted by canonical name. */
  readonly tables: readonly TableDefinition[];
  /** Views, sorted by canonical name; shaped like tables for the client. */
  readonly views: readonly TableDefinition[];
  /** Reducers in the module's order. */
  readonly reducers: readonly ReducerDefinition[];
  /** Procedures, sorted by canonical name. */
  readonly procedures: readonly ProcedureDefinition[];
  /** The generated name of each named type's Ref (`Scope.name` → `ScopeName`). */
  typeName(ref: number): string;
}

export interface TypeDefinition {
  readonly ref: number;
  /** The generated identifier: every segment of the scoped name, PascalCase, joined. */
  readonly name: string;
  readonly kind: 'product' | 'sum';
  /** Fields of a product, or variants of a sum (a variant without data is `Unit`). */
  readonly elements: readonly Field[];
}

export interface TableDefinition {
  /** The canonical name, as the database and the wire know it. */
  readonly name: string;
  /** The name the module declared it under. */
  readonly accessorName: string;
  readonly rowRef: number;
  /** Columns with their declared names. */
  readonly fields: readonly Field[];
  /** Canonical column names, parallel to `fields`. */
  readonly columnNames: readonly string[];
  readonly primaryKey?: number;
  /** Indexes sorted by canonical name. */
  readonly indexes: readonly { name: string; accessorName?: string; columns: readonly number[] }[];
  /** Unique constraints sorted by name; columns ascending. */
  readonly constraints: readonly { name: string; columns: readonly number[] }[];
  readonly isPublic: boolean;
  readonly isEvent: boolean;
}

export interface ReducerDefinition {
  readonly name: string;
  readonly accessorName: string;
  /** Parameters with canonical names. */
  readonly params: readonly Field[];
  readonly lifecycle?: 'init' | 'onConnect' | 'onDisconnect';
  /** Not callable by clients: declared private, a lifecycle reducer or a scheduled one. */
  readonly isPrivate: boolean;
}

export interface ProcedureDefinition {
  readonly name: string;
  readonly accessorName: string;
  readonly params: readonly Field[];
  readonly returnType: TypeUse;
  readonly isPrivate: boolean;
}

type SectionValue<Tag extends RawModuleDefV10Section['tag']> = Extract<
  RawModuleDefV10Section,
  { tag: Tag }
>['value'];

/**
 * Validates `raw` as the host does before publishing (throws `ModuleDefError`)
 * and derives what codegen needs, as SpacetimeDB's V10 validation does
 * (crates/schema/src/def/validate/v10.rs). Throws `CodegenError` for types
 * a client cannot be generated for.
 */
export function buildCodegenModule(raw: RawModuleDefV10): CodegenModule {
  const schema = buildModuleSchema(raw);
  const section = <Tag extends RawModuleDefV10Section['tag']>(tag: Tag) =>
    raw.sections.find((s) => s.tag === tag)?.value as SectionValue<Tag> | undefined;
  const policy = section('CaseConversionPolicy')?.tag ?? 'SnakeCase';
  const canonical = (name: string) => (policy === 'None' ? name : convertCase(name, 'snake'));
  const typespace = section('Typespace') ?? { types: [] };
  const typeDefs = section('Types') ?? [];
  const parser = new TypeUseParser(typespace, new Set(typeDefs.map((t) => t.ty)));
  const productFields = (ref: number, where: string): Field[] => {
    const ty = typespace.types[ref];
    if (ty?.tag !== 'Product') {
      parser.problems.push(`${where}: Ref(${ref}) is not a product type`);
      return [];
    }
    return parser.fields(ty.value, where);
  };
  const params = (product: ProductType, where: string) =>
    parser.fields(product, where).map((f) => ({ ...f, name: canonical(f.name) }));

  const types = buildTypes(typeDefs, typespace.types, parser, policy);
  const rawTables = section('Tables') ?? [];
  const tables = schema.tables.map((table, i) =>
    tableDefinition(table, rawTables[i]!, productFields(rawTables[i]!.productTypeRef, table.name)),
  );

  // A module that validated has one ViewSchema per raw view, in order; likewise reducers and procedures.
  const views = (section('Views') ?? []).map((rawView, i): TableDefinition => {
    const { name } = schema.views[i]!;
    const [rowRef, isQuery] = viewRowRef(rawView.returnType)!;
    const fields = productFields(rowRef, name);
    const keyColumn = (section('ViewPrimaryKeys') ?? []).find(
      (k) => k.viewSourceName === rawView.sourceName,
    )?.columns[0];
    const declaredKey = fields.findIndex((f) => f.name === keyColumn);
    const primaryKey =
      declaredKey >= 0 ? declaredKey : isQuery ? inheritedPrimaryKey(tables, rowRef) : undefined;
    return {
      name,
      accessorName: rawView.sourceName,
      rowRef,
      fields,
      columnNames: fields.map((f) => canonical(f.name)),
      ...(primaryKey === undefined ? {} : { primaryKey }),
      indexes: [],
      constraints: [],
      isPublic: rawView.isPublic,
      isEvent: false,
    };
  });

  const reducers = (section('Reducers') ?? []).map((rawReducer, i): ReducerDefinition => {
    const reducer = schema.reducers[i]!;
    return {
      name: reducer.name,
      accessorName: rawReducer.sourceName,
      params: params(rawReducer.params, `reducer ${reducer.name}`),
      ...(reducer.lifecycle === undefined ? {} : { lifecycle: reducer.lifecycle }),
      isPrivate: !reducer.clientCallable,
    };
  });

  const procedures = (section('Procedures') ?? []).map((rawProcedure, i): ProcedureDefinition => {
    const procedure = schema.procedures[i]!;
    return {
      name: procedure.name,
      accessorName: rawProcedure.sourceName,
      params: params(rawProcedure.params, `procedure ${procedure.name}`),
      returnType: parser.use(rawProcedure.returnType, `procedure ${procedure.name} return type`),
      isPrivate: !procedure.clientCallable,
    };
  });

  if (parser.problems.length > 0) throw new CodegenError(parser.problems);
  const names = new Map(types.map((t) => [t.ref, t.name]));
  const byName = <T extends { name: string }>(items: T[]) =>
    items.sort((a, b) => compareBytewise(a.name, b.name));
  return {
    types,
    tables: byName(tables),
    views: byName(views),
    reducers,
    procedures: byName(procedures),
    typeName(ref) {
      const name = names.get(ref);
      if (name === undefined) throw new CodegenError([`type Ref(${ref}) has no name`]);
      return name;
    },
  };
}

function buildTypes(
  defs: SectionValue<'Types'>,
  types: readonly AlgebraicType[],
  parser: TypeUseParser,
  policy: 'None' | 'SnakeCase',
): TypeDefinition[] {
  const scoped = (segment: string) =>
    policy === 'None' ? segment : convertCase(segment, 'pascal');
  const sortable = defs.map((def) => {
    const scope = def.sourceName.scope.map(scoped);
    const name = scoped(def.sourceName.sourceName);
    const ty = types[def.ty];
    const generatedName = [...scope, name].map((s) => convertCase(s, 'pascal')).join('');
    let definition: Pick<TypeDefinition, 'kind' | 'elements'>;
    if (ty?.tag === 'Product') {
      definition = { kind: 'product', elements: parser.fields(ty.value, generatedName) };
    } else if (ty?.tag === 'Sum') {
      definition = {
        kind: 'sum',
        elements: parser.fields({ elements: ty.value.variants }, generatedName),
      };
    } else {
      parser.problems.push(`type \`${[...scope, name].join('.')}\` is not a product or sum type`);
      definition = { kind: 'product', elements: [] };
    }
    return { scope, name, def: { ref: def.ty, name: generatedName, ...definition } };
  });
  sortable.sort((a, b) => compareScopedNames(a, b));
  return sortable.map((s) => s.def);
}

/** SpacetimeDB's `Ord` on `ScopedTypeName`: the scope (element-wise, shorter first), then the name. */
function compareScopedNames(
  a: { scope: readonly string[]; name: string },
  b: { scope: readonly string[]; name: string },
): number {
  for (let i = 0; i < Math.min(a.scope.length, b.scope.length); i++) {
    const order = compareBytewise(a.scope[i]!, b.scope[i]!);
    if (order !== 0) return order;
  }
  return a.scope.length - b.scope.length || compareBytewise(a.name, b.name);
}

function tableDefinition(
  table: TableSchema,
  raw: SectionValue<'Tables'>[number],
  fields: readonly Field[],
): TableDefinition {
  const columnNames = table.columns.map((c) => c.name);
  const constraints = raw.constraints.map((c) => ({
    name: `${table.name}_${c.data.value.columns.map((col) => columnNames[col]).join('_')}_key`,
    columns: [...c.data.value.columns].sort((a, b) => a - b),
  }));
  return {
    name: table.name,
    accessorName: raw.sourceName,
    rowRef: raw.productTypeRef,
    fields,
    columnNames,
    ...(table.primaryKey === undefined ? {} : { primaryKey: table.primaryKey }),
    indexes: table.indexes
      .map((index) => ({
        name: index.name,
        ...(index.accessorName === undefined ? {} : { accessorName: index.accessorName }),
        columns: index.columns,
      }))
      .sort((a, b) => compareBytewise(a.name, b.name)),
    constraints: constraints.sort((a, b) => compareBytewise(a.name, b.name)),
    isPublic: table.isPublic,
    isEvent: table.isEvent,
  };
}

/**
 * The row type a view returns, and whether it is a query-builder view
 * (`{ __query__: T }`), as spacetimedb_lib's `extract_view_return_product_type_ref`.
 */
function viewRowRef(returnType: AlgebraicType): [number, boolean] | undefined {
  if (returnType.tag === 'Product') {
    const [only] = returnType.value.elements;
    return returnType.value.elements.length === 1 &&
      only!.name === '__query__' &&
      only!.algebraicType.tag === 'Ref'
      ? [only!.algebraicType.value, true]
      : undefined;
  }
  const inner =
    returnType.tag === 'Array'
      ? returnType.value
      : returnType.tag === 'Sum' && returnType.value.variants[0]?.name === 'some'
        ? returnType.value.variants[0].algebraicType
        : undefined;
  return inner?.tag === 'Ref' ? [inner.value, false] : undefined;
}

/** A query view over a table keeps that table's primary key, unless tables of its row type disagree. */
function inheritedPrimaryKey(tables: readonly TableDefinition[], rowRef: number) {
  const keys = new Set(
    tables
      .filter((t) => t.rowRef === rowRef && t.primaryKey !== undefined)
      .map((t) => t.primaryKey),
  );
  return keys.size === 1 ? [...keys][0] : undefined;
}
