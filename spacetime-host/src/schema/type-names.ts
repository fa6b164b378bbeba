import type { NameResolver } from './name-resolver.js';
import type { RawTypeDefV10 } from './raw-module-def.js';

/**
 * Refuses two named types with one name, as SpacetimeDB does
 * (crates/schema/src/def/validate/v9.rs, `validate_type_def`): types have a
 * namespace of their own, keyed by the full scoped name after case
 * conversion. With the TypeScript SDK a table's row type is named after the
 * table, so a table `every_primitive` and `t.object('EveryPrimitive', ...)`
 * clash, and clients could not be generated for both.
 */
export function checkTypeNames(types: readonly RawTypeDefV10[], names: NameResolver): void {
  const seen = new Set<string>();
  for (const { sourceName } of types) {
    const segments = [...sourceName.scope, sourceName.sourceName].map((s) => names.typeSegment(s));
    // Printed as SpacetimeDB prints a ScopedTypeName: `Scope::Name`.
    const name = segments.join('::');
    if (seen.has(name)) names.error(`name \`${name}\` is used for multiple types`);
    seen.add(name);
  }
}
