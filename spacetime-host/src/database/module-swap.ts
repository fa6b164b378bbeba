import type { Database } from './database.js';

/**
 * What a database tells those holding its handle when an update replaces
 * its module (SpacetimeDB's `UpdatePerformed` and
 * `UpdatePerformedWithClientDisconnect`, host_controller.rs `update_module`).
 */
export interface ModuleSwap {
  /** The database serving from now on: the new module over the migrated data. */
  readonly successor: Database;
  /**
   * The plan had SpacetimeDB's `DisconnectAllUsers` step (a column added, a
   * table or view removed, a view's columns changed): the successor has run
   * its client_disconnected for every client, whose sessions must now end.
   * Otherwise the clients stay connected, now served by the successor.
   */
  readonly disconnectsClients: boolean;
}

export type SwapListener = (swap: ModuleSwap) => void;

/**
 * A database's passage to the one an update replaces it with. While the
 * update runs, the retiring database takes no calls and whoever needs the
 * outcome waits for it (a client leaving mid-update, whose
 * client_disconnected the successor must run). Listeners hear the swap
 * synchronously when it settles, so they can move to the successor before
 * anything else reaches it.
 */
export class Succession {
  readonly #listeners = new Set<SwapListener>();
  #swap: ModuleSwap | undefined;
  #pending: Promise<ModuleSwap | undefined> | undefined;
  #settle: ((swap: ModuleSwap | undefined) => void) | undefined;
  #settled = false;

  /** `logError` hears listeners that throw; the others still hear the swap. */
  constructor(private readonly logError: (message: string) => void) {}

  /** The update that replaced the database, once one did. */
  get swap(): ModuleSwap | undefined {
    return this.#swap;
  }

  /** True from `begin` until `settle`: an update is replacing the database. */
  get pending(): boolean {
    return this.#pending !== undefined && !this.#settled;
  }

  listen(listener: SwapListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** An update starts replacing the database. */
  begin(): void {
    this.#pending ??= new Promise((resolve) => {
      this.#settle = resolve;
    });
  }

  /** The update is over: `swap` when it replaced the database, undefined when it failed. */
  settle(swap: ModuleSwap | undefined): void {
    this.#swap = swap;
    this.#settled = true;
    this.#settle?.(swap);
    if (swap === undefined) return;
    for (const listener of [...this.#listeners]) {
      try {
        listener(swap);
      } catch (error) {
        this.logError(`a module swap listener failed: ${error}`);
      }
    }
    this.#listeners.clear();
  }

  /** The swap once the update under way settles; undefined when none replaced the database. */
  outcome(): Promise<ModuleSwap | undefined> {
    return this.#pending ?? Promise.resolve(this.#swap);
  }
}
