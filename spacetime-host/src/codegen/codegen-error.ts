/**
 * The module cannot be turned into client bindings (SpacetimeDB reports these
 * as `ClientCodegenError`s when it validates a module): an unnamed field, an
 * unnamed type used inline, a cycle of type aliases. `problems` lists each one.
 */
export class CodegenError extends Error {
  override readonly name = 'CodegenError';
  constructor(readonly problems: readonly string[]) {
    super(`cannot generate client bindings:\n  - ${problems.join('\n  - ')}`);
  }
}
