import { CodeWriter } from '../code-writer.js';
import type { GeneratedFile } from '../generated-file.js';
import {
  type AccessorAlias,
  accessorAliases,
  writeAliasedSchemaType,
  writeAliasHelpers,
} from './accessor-aliases.js';
import type { BindingSelection } from './binding-selection.js';
import { printFileHeader } from './file-header.js';
import {
  camel,
  procedureArgsName,
  procedureModuleName,
  reducerArgsName,
  reducerModuleName,
  rowName,
  tableModuleName,
} from './names.js';
import { writeTableOptions } from './table-options.js';

export interface IndexFileOptions {
  /** Who wrote the bindings, for the header, e.g. `spacetime-local (spacetimedb 2.10.1)`. */
  readonly generatedBy: string;
  /** The `spacetimedb` version the bindings are for; the SDK checks it is recent enough. */
  readonly version: string;
}

/**
 * `index.ts`: the module's tables, reducers and procedures as the SDK's
 * schema objects, and the typed `DbConnection`, `SubscriptionBuilder` and
 * context types a client imports.
 */
export function indexFile(selection: BindingSelection, options: IndexFileOptions): GeneratedFile {
  const out = new CodeWriter();
  printFileHeader(out, { generatedBy: options.generatedBy, typeBuildersOnly: false });
  writeImports(out, selection);
  const aliases = accessorAliases(selection);
  writeSchemas(out, selection);
  if (aliases.length > 0) writeAliasedSchemaType(out, aliases);
  writeRemoteModule(out, aliases, options.version);
  if (aliases.length > 0) writeAliasHelpers(out, aliases);
  writeAccessors(out, aliases);
  writeContextTypes(out, aliases);
  writeConnectionClasses(out, aliases);
  return { path: 'index.ts', contents: out.toString() };
}

function writeImports(out: CodeWriter, selection: BindingSelection): void {
  out.writeln();
  out.writeln('// Import all reducer arg schemas');
  for (const { accessorName } of selection.invokableReducers) {
    out.writeln(
      `import ${reducerArgsName(accessorName)} from "./${reducerModuleName(accessorName)}";`,
    );
  }
  out.writeln();
  out.writeln('// Import all procedure arg schemas');
  for (const { accessorName } of selection.procedures) {
    out.writeln(
      `import * as ${procedureArgsName(accessorName)} from "./${procedureModuleName(accessorName)}";`,
    );
  }
  out.writeln();
  out.writeln('// Import all table schema definitions');
  for (const { accessorName } of selection.rowSchemas) {
    out.writeln(`import ${rowName(accessorName)} from "./${tableModuleName(accessorName)}";`);
  }
  out.writeln();
  out.writeln('/** Type-only namespace exports for generated type groups. */');
}

function writeSchemas(out: CodeWriter, selection: BindingSelection): void {
  out.writeln();
  out.writeln(
    '/** The schema information for all tables in this module. This is defined the same was as the tables would have been defined in the server. */',
  );
  out.writeln('const tablesSchema = __schema({');
  out.withIndent(() => {
    for (const table of [...selection.tables, ...selection.views]) {
      out.writeln(`${camel(table.accessorName)}: __table({`);
      out.withIndent(() => writeTableOptions(out, table));
      out.writeln(`}, ${rowName(table.accessorName)}),`);
    }
  });
  out.writeln('});');

  out.writeln();
  out.writeln(
    '/** The schema information for all reducers in this module. This is defined the same way as the reducers would have been defined in the server, except the body of the reducer is omitted in code generation. */',
  );
  out.writeln('const reducersSchema = __reducers(');
  out.withIndent(() => {
    for (const reducer of selection.invokableReducers) {
      out.writeln(`__reducerSchema("${reducer.name}", ${reducerArgsName(reducer.accessorName)}),`);
    }
  });
  out.writeln(');');

  out.writeln();
  out.writeln(
    '/** The schema information for all procedures in this module. This is defined the same way as the procedures would have been defined in the server. */',
  );
  out.writeln('const proceduresSchema = __procedures(');
  out.withIndent(() => {
    for (const procedure of selection.procedures) {
      const args = procedureArgsName(procedure.accessorName);
      out.writeln(`__procedureSchema("${procedure.name}", ${args}.params, ${args}.returnType),`);
    }
  });
  out.writeln(');');
}

function writeRemoteModule(out: CodeWriter, aliases: readonly AccessorAlias[], version: string) {
  const aliased = aliases.length > 0;
  out.writeln();
  out.writeln('/** The remote SpacetimeDB module schema, both runtime and type information. */');
  out.writeln('const REMOTE_MODULE = {');
  out.withIndent(() => {
    out.writeln('versionInfo: {');
    out.withIndent(() => out.writeln(`cliVersion: "${version}" as const,`));
    out.writeln('},');
    out.writeln(
      aliased
        ? 'tables: tablesSchema.schemaType.tables as __SchemaWithTableAccessorAliases["tables"],'
        : 'tables: tablesSchema.schemaType.tables,',
    );
    out.writeln('reducers: reducersSchema.reducersType.reducers,');
    out.writeln('...proceduresSchema,');
  });
  out.writeln('} satisfies __RemoteModule<');
  out.withIndent(() => {
    out.writeln(aliased ? '__SchemaWithTableAccessorAliases,' : 'typeof tablesSchema.schemaType,');
    out.writeln('typeof reducersSchema.reducersType,');
    out.writeln('typeof proceduresSchema');
  });
  out.writeln('>;');
}

function writeAccessors(out: CodeWriter, aliases: readonly AccessorAlias[]): void {
  out.writeln();
  out.writeln(
    '/** The tables available in this remote SpacetimeDB module. Each table reference doubles as a query builder. */',
  );
  if (aliases.length > 0) {
    out.writeln('const tablesBase: __TablesBase = __makeQueryBuilder(tablesSchema.schemaType);');
    out.writeln(
      'export const tables: Tables = __withTableAccessorAliases(tablesBase, true) as Tables;',
    );
  } else {
    out.writeln(
      'export const tables: __QueryBuilder<typeof tablesSchema.schemaType> = __makeQueryBuilder(tablesSchema.schemaType);',
    );
  }
  out.writeln();
  out.writeln('/** The reducers available in this remote SpacetimeDB module. */');
  out.writeln(
    'export const reducers = __convertToAccessorMap(reducersSchema.reducersType.reducers);',
  );
  out.writeln();
  out.writeln('/** The procedures available in this remote SpacetimeDB module. */');
  out.writeln('export const procedures = __convertToAccessorMap(proceduresSchema.procedures);');
}

const CONTEXT_TYPES = [
  ['EventContext', '__EventContextInterface', 'all possible events'],
  ['ReducerEventContext', '__ReducerEventContextInterface', 'reducer events'],
  ['SubscriptionEventContext', '__SubscriptionEventContextInterface', 'subscription events'],
  ['ErrorContext', '__ErrorContextInterface', 'error events'],
] as const;

function writeContextTypes(out: CodeWriter, aliases: readonly AccessorAlias[]): void {
  out.writeln();
  for (const [name, library, events] of CONTEXT_TYPES) {
    out.writeln(`/** The context type returned in callbacks for ${events}. */`);
    out.writeln(
      aliases.length > 0
        ? `export type ${name} = Omit<${library}<typeof REMOTE_MODULE>, "db"> & { db: DbView };`
        : `export type ${name} = ${library}<typeof REMOTE_MODULE>;`,
    );
  }
  out.writeln(
    '/** The subscription handle type to manage active subscriptions created from a {@link SubscriptionBuilder}. */',
  );
  out.writeln('export type SubscriptionHandle = __SubscriptionHandleImpl<typeof REMOTE_MODULE>;');
}

function writeConnectionClasses(out: CodeWriter, aliases: readonly AccessorAlias[]): void {
  out.writeln();
  out.writeln(
    '/** Builder class to configure a new subscription to the remote SpacetimeDB instance. */',
  );
  out.writeln(
    'export class SubscriptionBuilder extends __SubscriptionBuilderImpl<typeof REMOTE_MODULE> {}',
  );
  out.writeln();
  out.writeln(
    '/** Builder class to configure a new database connection to the remote SpacetimeDB instance. */',
  );
  out.writeln('export class DbConnectionBuilder extends __DbConnectionBuilder<DbConnection> {}');
  out.writeln();
  out.writeln(
    '/** The typed database connection to manage connections to the remote SpacetimeDB instance. This class has type information specific to the generated module. */',
  );
  out.writeln('export class DbConnection extends __DbConnectionImpl<typeof REMOTE_MODULE> {');
  out.withIndent(() => {
    if (aliases.length > 0) {
      out.writeln('declare db: DbView;');
      out.writeln();
      out.writeln('constructor(config: __DbConnectionConfig<typeof REMOTE_MODULE>) {');
      out.withIndent(() => {
        out.writeln('super(config);');
        out.writeln('this.db = __withTableAccessorAliases(this.db) as DbView;');
      });
      out.writeln('}');
      out.writeln();
    }
    out.writeln(
      '/** Creates a new {@link DbConnectionBuilder} to configure and connect to the remote SpacetimeDB instance. */',
    );
    out.writeln('static builder = (): DbConnectionBuilder => {');
    out.withIndent(() =>
      out.writeln(
        'return new DbConnectionBuilder(REMOTE_MODULE, (config: __DbConnectionConfig<typeof REMOTE_MODULE>) => new DbConnection(config));',
      ),
    );
    out.writeln('};');
    out.writeln();
    out.writeln(
      '/** Creates a new {@link SubscriptionBuilder} to configure a subscription to the remote SpacetimeDB instance. */',
    );
    out.writeln('override subscriptionBuilder = (): SubscriptionBuilder => {');
    out.withIndent(() => out.writeln('return new SubscriptionBuilder(this);'));
    out.writeln('};');
  });
  out.writeln('}');
  out.newline();
}
