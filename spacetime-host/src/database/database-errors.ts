/**
 * Why a database refused a request before running anything (the HTTP layer
 * maps each to a status). Messages follow SpacetimeDB's `ReducerCallError`,
 * `ProcedureCallError` and `ClientConnectedError` texts.
 */
export class DatabaseRequestError extends Error {}

/** Unknown reducer, or a private one called by someone other than the owner (SpacetimeDB hides it too). */
export class NoSuchReducerError extends DatabaseRequestError {
  override readonly name = 'NoSuchReducerError';
  constructor(readonly reducer: string) {
    super('no such reducer');
  }
}

export class NoSuchProcedureError extends DatabaseRequestError {
  override readonly name = 'NoSuchProcedureError';
  constructor(readonly procedure: string) {
    super('No such procedure');
  }
}

export class NoSuchViewError extends DatabaseRequestError {
  override readonly name = 'NoSuchViewError';
  constructor(readonly view: string) {
    super(`no such view: ${view}`);
  }
}

/** `init`, `clientConnected` and `clientDisconnected` run only when the host decides. */
export class LifecycleReducerError extends DatabaseRequestError {
  override readonly name = 'LifecycleReducerError';
  constructor(
    readonly reducer: string,
    readonly lifecycle: 'init' | 'onConnect' | 'onDisconnect',
  ) {
    super(`can't directly call special ${LIFECYCLE_NAMES[lifecycle]} lifecycle reducer`);
  }
}

const LIFECYCLE_NAMES = {
  init: 'Init',
  onConnect: 'OnConnect',
  onDisconnect: 'OnDisconnect',
} as const;

/** The arguments are not the BSATN of the function's parameters; nothing ran. */
export class InvalidArgumentsError extends DatabaseRequestError {
  override readonly name = 'InvalidArgumentsError';
  constructor(
    readonly kind: 'reducer' | 'procedure' | 'view',
    readonly functionName: string,
    readonly detail: string,
  ) {
    super(`invalid arguments for ${kind} ${functionName}: ${detail}`);
  }
}

/** The module's `clientConnected` reducer failed, so the connection must be refused. */
export class ConnectionRejectedError extends DatabaseRequestError {
  override readonly name = 'ConnectionRejectedError';
}

/** Only the database owner may update or delete it. */
export class NotOwnerError extends DatabaseRequestError {
  override readonly name = 'NotOwnerError';
}

/** The new module's schema cannot be applied to the existing data (publish with `clear` instead). */
export class IncompatibleUpdateError extends DatabaseRequestError {
  override readonly name = 'IncompatibleUpdateError';
  constructor(readonly reasons: readonly string[]) {
    super(`Database update rejected: ${reasons.join('; ')}`);
  }
}

/** Publishing failed: the module did not load, its schema is invalid, or its `init` reducer failed. */
export class PublishError extends DatabaseRequestError {
  override readonly name = 'PublishError';
}

export class DatabaseClosedError extends Error {
  override readonly name = 'DatabaseClosedError';
  constructor() {
    super('the database is closed');
  }
}
