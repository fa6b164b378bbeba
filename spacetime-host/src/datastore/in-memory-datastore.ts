import type { ModuleSchema } from '../schema/module-schema.js';
import type {
  Datastore,
  DatastoreState,
  MutTx,
  ReadTx,
  TableChanges,
  TxChanges,
} from './datastore.js';
import { DatastoreError, Errno } from './datastore-error.js';
import { MutTransaction, type TransactionOwner } from './mut-transaction.js';
import { ReadView } from './read-view.js';
import { TableCatalog } from './table-catalog.js';
import { UndoLog } from './undo-log.js';

/** The key of a sequence in DatastoreState: `${tableName}.${colId}`. */
export function sequenceKey(tableName: string, colId: number): string {
  return `${tableName}.${colId}`;
}

/**
 * The datastore of one database, held in memory: SpacetimeDB's table
 * semantics with one mutable transaction at a time.
 */
export class InMemoryDatastore implements Datastore, TransactionOwner {
  readonly committed: ReadTx;
  private readonly catalog: TableCatalog;
  private readonly log = new UndoLog();
  private active: MutTransaction | undefined;
  private offset = 0n;

  constructor(readonly schema: ModuleSchema) {
    this.catalog = new TableCatalog(schema);
    this.committed = new CommittedView(this.catalog, () => this.active !== undefined);
  }

  /**
   * A datastore holding a snapshot's rows and sequence positions. Rows are
   * validated against `schema` and its unique constraints; tables the
   * snapshot lacks start empty, sequences it lacks start at their start value.
   */
  static fromState(schema: ModuleSchema, state: DatastoreState): InMemoryDatastore {
    const datastore = new InMemoryDatastore(schema);
    const tx = datastore.open();
    tx.applyRecorded({
      txOffset: state.txOffset,
      timestamp: 0n,
      tables: state.tables.map(({ tableName, rows }) => ({
        tableId: -1,
        tableName,
        inserts: rows,
        deletes: [],
      })),
    });
    tx.keepWithoutChanges();
    for (const table of datastore.catalog.tables) {
      for (const sequence of table.sequences) {
        const value = state.sequences[sequenceKey(table.name, sequence.schema.colId)];
        sequence.value = value ?? sequence.schema.start;
      }
    }
    datastore.offset = state.txOffset;
    return datastore;
  }

  get txOffset(): bigint {
    return this.offset;
  }

  beginMutTx(): MutTx {
    return this.open();
  }

  exportState(): DatastoreState {
    this.checkIdle('export a snapshot');
    const sequences: Record<string, bigint> = {};
    for (const table of this.catalog.tables) {
      for (const sequence of table.sequences) {
        sequences[sequenceKey(table.name, sequence.schema.colId)] = sequence.value;
      }
    }
    return {
      txOffset: this.offset,
      tables: this.catalog.tables.map((table) => ({ tableName: table.name, rows: table.scan() })),
      sequences,
    };
  }

  replay(changes: TxChanges): void {
    const tx = this.open();
    try {
      tx.applyRecorded(changes);
    } catch (error) {
      tx.rollback();
      throw error;
    }
    tx.keepWithoutChanges();
    this.offset = changes.txOffset;
  }

  private open(): MutTransaction {
    this.checkIdle('begin a mutable transaction');
    const tx = new MutTransaction(this.catalog, this.log, this);
    this.active = tx;
    return tx;
  }

  /** A transaction without net changes consumes no offset, as in SpacetimeDB. */
  txCommitted(tables: TableChanges[], timestamp: bigint): TxChanges {
    if (tables.length > 0) this.offset++;
    return { txOffset: this.offset, timestamp, tables };
  }

  txEnded(): void {
    this.active = undefined;
  }

  private checkIdle(action: string): void {
    if (this.active !== undefined) {
      throw new DatastoreError(
        Errno.WOULD_BLOCK_TRANSACTION,
        `cannot ${action} while a mutable transaction is open`,
      );
    }
  }
}

class CommittedView extends ReadView {
  constructor(
    catalog: TableCatalog,
    private readonly busy: () => boolean,
  ) {
    super(catalog);
  }

  protected override checkUsable(): void {
    if (this.busy()) {
      throw new DatastoreError(
        Errno.WOULD_BLOCK_TRANSACTION,
        'the committed state cannot be read while a mutable transaction is open',
      );
    }
  }
}
