/** The bundle could not be turned into a running module (syntax, a throw at load, a bad default export). */
export class ModuleLoadError extends Error {
  override readonly name = 'ModuleLoadError';
}

/**
 * The module threw its `SenderError`: the caller's mistake, reported to the
 * caller with the module's message (SpacetimeDB's `ExecutionError::User`).
 */
export class ModuleSenderError extends Error {
  override readonly name = 'ModuleSenderError';
}

/**
 * Any other exception or a host failure during a call (SpacetimeDB's
 * `Recoverable` or `Trap`). `stack` is the module's stack trace, for the logs.
 */
export class ModuleExecutionError extends Error {
  override readonly name = 'ModuleExecutionError';

  constructor(
    message: string,
    readonly moduleStack?: string,
  ) {
    super(message);
  }
}
