import type { Caller } from './database-api.js';

/**
 * The clients a database knows by connection id, for `get_jwt_payload`
 * (SpacetimeDB reads it from `st_connection_credentials`). Who is connected
 * is recorded durably in the client tables (client-tables.ts); this keeps
 * the JWTs at hand for the calls that read them.
 */
export class Connections {
  readonly #callers = new Map<bigint, Caller>();

  add(caller: Caller): void {
    this.#callers.set(caller.connectionId, caller);
  }

  remove(connectionId: bigint): void {
    this.#callers.delete(connectionId);
  }

  /** Takes over every client of `previous` (the database an update replaced), which forgets them. */
  adopt(previous: Connections): void {
    for (const [id, caller] of previous.#callers) this.#callers.set(id, caller);
    previous.#callers.clear();
  }

  jwtPayload(connectionId: bigint): string | undefined {
    return this.#callers.get(connectionId)?.jwtPayload;
  }

  /** True when `caller` brought a JWT that `during` must make visible. */
  needsJwt(caller: Caller): boolean {
    return (
      caller.connectionId !== 0n &&
      caller.jwtPayload !== undefined &&
      !this.#callers.has(caller.connectionId)
    );
  }

  /**
   * Runs `body` with `caller` known when it brought a JWT without connecting
   * (an HTTP call), so its JWT is readable during that call only.
   */
  during<T>(caller: Caller, body: () => T): T {
    const id = caller.connectionId;
    if (id === 0n || caller.jwtPayload === undefined || this.#callers.has(id)) return body();
    this.#callers.set(id, caller);
    try {
      return body();
    } finally {
      this.#callers.delete(id);
    }
  }
}
