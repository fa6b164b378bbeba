import type { ModuleBundle } from './bundle-module.js';

/**
 * What `spacetime build` checks in a bundle after rolldown is done
 * (crates/cli/src/tasks/javascript.rs), each an error there: the
 * `spacetime:sys@MAJOR.MINOR` imports must share one major version, there
 * must be at least one (else the module cannot talk to the host), and a 2.x
 * module must `export default schema(...)`. Returns the CLI's messages for
 * the checks this bundle fails; empty when it passes.
 */
export function spacetimeBuildRefusals(
  bundle: Pick<ModuleBundle, 'imports' | 'exports'>,
): string[] {
  const majors = new Set(bundle.imports.flatMap((specifier) => sysMajor(specifier) ?? []));
  if (majors.size > 1) {
    return ['The module pulls in 2 different versions of the `spacetimedb/server` package'];
  }
  const [major] = majors;
  if (major === undefined) {
    return [
      "Your module doesn't import the `spacetimedb/server` package at all - this is likely a mistake, as your module will not be able to interface with the SpacetimeDB host.",
    ];
  }
  if (major === 2 && !bundle.exports.includes('default')) {
    return [
      "It seems like you haven't exported your schema. You must `export default schema(...);`",
    ];
  }
  return [];
}

/** `spacetime:sys@2.1` → 2; anything else (including a malformed version) → undefined, as the CLI skips it. */
function sysMajor(specifier: string): number | undefined {
  const match = /^spacetime:sys@(\d+)\.(\d+)$/.exec(specifier);
  return match === null ? undefined : Number(match[1]);
}
