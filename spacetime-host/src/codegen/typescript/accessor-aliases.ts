import type { CodeWriter } from '../code-writer.js';
import type { BindingSelection } from './binding-selection.js';
import { camel } from './names.js';

/**
 * A table declared as `user_profile` is `userProfile` in generated code;
 * its declared spelling stays usable as a deprecated alias (as in SpacetimeDB
 * 2.x bindings), unless another table already takes that name.
 */
export interface AccessorAlias {
  readonly deprecated: string;
  readonly target: string;
}

export function accessorAliases(selection: BindingSelection): AccessorAlias[] {
  const all = [...selection.tables, ...selection.views];
  const generated = new Set(all.map((t) => camel(t.accessorName)));
  return all
    .filter((t) => t.accessorName !== camel(t.accessorName))
    .map((t) => ({ deprecated: t.accessorName, target: camel(t.accessorName) }))
    .filter((alias) => !generated.has(alias.deprecated));
}

const literal = (text: string) => JSON.stringify(text);
const deprecation = (target: string) =>
  `/** @deprecated Use \`${target}\` instead. This alias will be removed in the next major version. */`;

/** The schema type with the aliases added, which `REMOTE_MODULE` then claims to satisfy. */
export function writeAliasedSchemaType(out: CodeWriter, aliases: readonly AccessorAlias[]): void {
  out.writeln();
  out.writeln(
    'type __SchemaWithTableAccessorAliases = Omit<typeof tablesSchema.schemaType, "tables"> & {',
  );
  out.withIndent(() => {
    out.writeln('tables: typeof tablesSchema.schemaType.tables & {');
    out.withIndent(() => {
      for (const { deprecated, target } of aliases) {
        out.writeln(deprecation(target));
        out.writeln(
          `readonly ${literal(deprecated)}: Omit<typeof tablesSchema.schemaType.tables[${literal(target)}], "accessorName"> & { readonly accessorName: ${literal(deprecated)} };`,
        );
      }
    });
    out.writeln('};');
  });
  out.writeln('};');
}

/** The runtime alias map, the function that installs it, and the `DbView` / `Tables` types with the aliases. */
export function writeAliasHelpers(out: CodeWriter, aliases: readonly AccessorAlias[]): void {
  out.writeln();
  out.writeln('const tableAccessorAliases = {');
  out.withIndent(() => {
    for (const { deprecated, target } of aliases) {
      out.writeln(`${literal(deprecated)}: ${literal(target)},`);
    }
  });
  out.writeln('} as const;');

  out.writeln();
  out.writeln(
    'function __withTableAccessorAliases<T extends object>(target: T, freeze = false): T {',
  );
  out.withIndent(() => {
    out.writeln(
      'const out = Object.create(Object.getPrototypeOf(target)) as T & Record<string, unknown>;',
    );
    out.writeln('Object.defineProperties(out, Object.getOwnPropertyDescriptors(target));');
    out.writeln(
      'for (const [deprecatedAccessor, targetAccessor] of Object.entries(tableAccessorAliases)) {',
    );
    out.withIndent(() => {
      out.writeln('if (deprecatedAccessor in out) {');
      out.withIndent(() => out.writeln('continue;'));
      out.writeln('}');
      out.writeln('Object.defineProperty(out, deprecatedAccessor, {');
      out.withIndent(() => {
        out.writeln('enumerable: true,');
        out.writeln('configurable: false,');
        out.writeln('get: () => out[targetAccessor],');
      });
      out.writeln('});');
    });
    out.writeln('}');
    out.writeln('return freeze ? Object.freeze(out) : out;');
  });
  out.writeln('}');

  writeAliasedType(
    out,
    'DbView',
    '__DbViewBase',
    '__DbConnectionImpl<typeof REMOTE_MODULE>["db"]',
    aliases,
  );
  writeAliasedType(
    out,
    'Tables',
    '__TablesBase',
    '__QueryBuilder<typeof tablesSchema.schemaType>',
    aliases,
  );
}

function writeAliasedType(
  out: CodeWriter,
  name: string,
  base: string,
  baseType: string,
  aliases: readonly AccessorAlias[],
): void {
  out.writeln();
  out.writeln(`type ${base} = ${baseType};`);
  out.writeln(`export type ${name} = ${base} & {`);
  out.withIndent(() => {
    for (const { deprecated, target } of aliases) {
      out.writeln(deprecation(target));
      out.writeln(`readonly ${literal(deprecated)}: ${base}[${literal(target)}];`);
    }
  });
  out.writeln('};');
}
