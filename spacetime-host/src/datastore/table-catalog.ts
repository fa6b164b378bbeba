import type { ModuleSchema } from '../schema/module-schema.js';
import { DatastoreError, Errno } from './datastore-error.js';
import { Table } from './table.js';
import type { TableIndex } from './table-index.js';

/**
 * Every table and index of a database, with the name lookups the module uses:
 * a table is found by its canonical name or its accessor/source name (an
 * alias, as `table_id_from_name_or_alias` does), an index by its canonical
 * name or its source name.
 */
export class TableCatalog {
  readonly tables: readonly Table[];
  private readonly indexes: (TableIndex | undefined)[] = [];
  private readonly indexTables: number[] = [];
  private readonly tableIds = new Map<string, number>();
  private readonly indexIds = new Map<string, number>();

  constructor(schema: ModuleSchema) {
    this.tables = schema.tables.map((tableSchema, position) => {
      if (tableSchema.tableId !== position) {
        throw new RangeError(
          `table \`${tableSchema.name}\` has id ${tableSchema.tableId}, expected ${position}`,
        );
      }
      return new Table(tableSchema);
    });
    for (const table of this.tables) {
      for (const alias of [table.schema.accessorName, table.schema.sourceName]) {
        if (alias !== undefined && !this.tableIds.has(alias)) this.tableIds.set(alias, table.id);
      }
      for (const index of table.indexes) {
        const id = index.schema.indexId;
        if (this.indexes[id] !== undefined) throw new RangeError(`index id ${id} is used twice`);
        this.indexes[id] = index;
        this.indexTables[id] = table.id;
        if (!this.indexIds.has(index.schema.sourceName))
          this.indexIds.set(index.schema.sourceName, id);
      }
    }
    // Canonical names take precedence over aliases.
    for (const table of this.tables) this.tableIds.set(table.name, table.id);
    for (const table of this.tables) {
      for (const index of table.indexes) this.indexIds.set(index.schema.name, index.schema.indexId);
    }
  }

  table(tableId: number): Table {
    const table = this.tables[tableId];
    if (table === undefined) throw new DatastoreError(Errno.NO_SUCH_TABLE, `table id ${tableId}`);
    return table;
  }

  index(indexId: number): TableIndex {
    const index = this.indexes[indexId];
    if (index === undefined) throw new DatastoreError(Errno.NO_SUCH_INDEX, `index id ${indexId}`);
    return index;
  }

  /** The table that owns index `indexId` (which must exist). */
  tableOfIndex(indexId: number): Table {
    return this.tables[this.indexTables[indexId]!]!;
  }

  tableIdFromName(name: string): number {
    const id = this.tableIds.get(name);
    if (id === undefined)
      throw new DatastoreError(Errno.NO_SUCH_TABLE, `no table named \`${name}\``);
    return id;
  }

  indexIdFromName(name: string): number {
    const id = this.indexIds.get(name);
    if (id === undefined)
      throw new DatastoreError(Errno.NO_SUCH_INDEX, `no index named \`${name}\``);
    return id;
  }

  tableByName(name: string): Table {
    return this.tables[this.tableIdFromName(name)]!;
  }
}
