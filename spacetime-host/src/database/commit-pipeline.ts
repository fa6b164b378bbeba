import type { Clock } from '../clock/clock.js';
import type { Datastore, MutTx, TxChanges } from '../datastore/datastore.js';
import type { Durability } from '../durability/durability.js';
import type { ScheduleKeeper } from './schedule-keeper.js';

const NOTHING_TO_WRITE = Promise.resolve();

/**
 * Hears a committed transaction as soon as it commits; `durable` settles when
 * it is on disk (WebSocket clients with confirmed reads wait for it).
 */
export type CommitListener = (changes: TxChanges, durable: Promise<void>) => void;

/**
 * What follows every committed transaction, whoever committed it (reducer,
 * procedure, scheduler, SQL): schedule timers follow the changes, listeners
 * hear them, the commit log gets them, and every `snapshotEvery` commits a
 * snapshot is taken so recovery does not replay the whole log. Listeners
 * hear the module's tables only: the host's own tables after them (the
 * clients in `st_client`) are logged but are no one's subscription.
 */
export class CommitPipeline {
  readonly #listeners = new Set<CommitListener>();
  #commitsSinceSnapshot = 0;

  constructor(
    private readonly datastore: Datastore,
    private readonly durability: Durability,
    private readonly schedules: ScheduleKeeper,
    private readonly clock: Clock,
    private readonly moduleHash: string,
    private readonly snapshotEvery: number,
    private readonly logError: (message: string) => void,
    /** Tables with ids from here on are the host's, not the module's. */
    private readonly moduleTableCount: number,
  ) {}

  /** Commits `tx` now; resolves when it is durable. */
  commit(tx: MutTx): Promise<void> {
    return this.afterCommit(tx.commit(this.clock.now()));
  }

  /** Resolves when `changes` are durable. */
  afterCommit(changes: TxChanges): Promise<void> {
    // A transaction that changed nothing takes no offset and is not logged (as in SpacetimeDB).
    if (changes.tables.length === 0) return NOTHING_TO_WRITE;
    this.schedules.apply(changes);
    const durable = this.durability.append(changes);
    const heard = moduleChanges(changes, this.moduleTableCount);
    if (heard.tables.length > 0) {
      for (const listener of this.#listeners) {
        try {
          listener(heard, durable);
        } catch (error) {
          this.logError(`a commit listener failed: ${error}`);
        }
      }
    }
    if (++this.#commitsSinceSnapshot >= this.snapshotEvery) {
      this.snapshot().catch((error) => this.logError(`snapshot failed: ${error}`));
    }
    return durable;
  }

  onCommit(listener: CommitListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** Snapshots the committed state as it is now; resolves when written. */
  snapshot(): Promise<void> {
    this.#commitsSinceSnapshot = 0;
    return this.durability.snapshot(this.datastore.exportState(), this.moduleHash);
  }
}

/** `changes` without the host's tables (the same object when it has none, as almost every commit). */
function moduleChanges(changes: TxChanges, moduleTableCount: number): TxChanges {
  if (changes.tables.every((table) => table.tableId < moduleTableCount)) return changes;
  return {
    ...changes,
    tables: changes.tables.filter((table) => table.tableId < moduleTableCount),
  };
}
