import type { DatastoreState, TxChanges } from '../datastore/datastore.js';

/**
 * Durable storage for one database: an append-only commit log of transactions
 * plus periodic snapshots. Lives in `<dataDir>/databases/<identityHex>/`.
 */
export interface Durability {
  /**
   * Queues a committed transaction; resolves once it is synced to disk. Many
   * appends made in one tick share one fsync (group commit).
   */
  append(changes: TxChanges): Promise<void>;
  /** Writes a snapshot of `state`; later recovery starts from it. */
  snapshot(state: DatastoreState, moduleHash: string): Promise<void>;
  /** The latest snapshot (if any) and every transaction after it, in order. */
  recover(): Promise<RecoveredState>;
  close(): Promise<void>;
}

export interface RecoveredState {
  readonly snapshot?: { readonly state: DatastoreState; readonly moduleHash: string };
  readonly transactions: AsyncIterable<TxChanges> | Iterable<TxChanges>;
  /** True when a torn or corrupt trailing record was found and dropped. */
  readonly droppedTornTail: boolean;
}
