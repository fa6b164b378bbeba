/** A module definition that SpacetimeDB would refuse to publish; `errors` lists every reason. */
export class ModuleDefError extends Error {
  constructor(readonly errors: readonly string[]) {
    super(`invalid module definition:\n  - ${errors.join('\n  - ')}`);
    this.name = 'ModuleDefError';
  }
}
