import { resolveType } from '../sats/typespace.js';
import { convertCase } from '../schema/case-conversion.js';
import type {
  ColumnSchema,
  ModuleSchema,
  TableSchema,
  ViewSchema,
} from '../schema/module-schema.js';

/**
 * The tables (and, when the caller can materialise them, the views) a caller
 * may name in SQL. As in SpacetimeDB (`SchemaViewer`), a private table is
 * invisible to anyone but the database owner, so naming it reads "no such
 * table ... it may be marked private".
 */
export class SchemaView {
  private readonly viewTables: ReadonlyMap<string, TableSchema>;

  constructor(
    readonly schema: ModuleSchema,
    private readonly callerIsOwner: boolean,
    options: { readonly views?: boolean } = {},
  ) {
    const views = options.views ? schema.views : [];
    this.viewTables = new Map(
      views
        .map((v, position) => [v, position] as const)
        .filter(([v]) => v.params.elements.length === 0)
        .map(([v, position]) => [v.name, viewAsTable(schema, v, position)]),
    );
  }

  /** By canonical name, then by the name the module declared (SpacetimeDB's `table_id_from_name_or_alias`). */
  table(name: string): TableSchema | undefined {
    const tables = this.schema.tables;
    const table =
      tables.find((t) => t.name === name) ??
      tables.find((t) => t.accessorName === name || t.sourceName === name) ??
      this.viewTables.get(name);
    return table && (table.isPublic || this.callerIsOwner) ? table : undefined;
  }

  isView(name: string): boolean {
    return this.schema.views.some((v) => v.name === name);
  }

  /** A view this query cannot read: views are off, or it takes parameters. */
  isUnreadableView(name: string): boolean {
    return this.isView(name) && !this.viewTables.has(name);
  }

  /** The view a table id returned by `table()` stands for, if any. */
  viewName(tableId: number): string | undefined {
    return tableId >= this.schema.tables.length
      ? [...this.viewTables.values()].find((t) => t.tableId === tableId)?.name
      : undefined;
  }
}

/**
 * A column by its canonical name, or by the name the module declared it with
 * (SpacetimeDB's `get_column_by_name_or_alias`). The schema keeps only the
 * canonical name, so a declared name is recognised by converting it the way
 * the SnakeCase policy does: query-builder views write `"ownerId"` for
 * `owner_id`.
 */
export function findColumn(table: TableSchema, name: string): ColumnSchema | undefined {
  const columns = table.columns;
  return (
    columns.find((c) => c.name === name) ??
    columns.find((c) => c.name === convertCase(name, 'snake'))
  );
}

/** A view read like a table without indexes; its id follows the real tables' ids (view ids repeat). */
function viewAsTable(schema: ModuleSchema, view: ViewSchema, position: number): TableSchema {
  return {
    tableId: schema.tables.length + position,
    name: view.name,
    sourceName: view.name,
    rowType: view.rowType,
    columns: view.rowType.elements.map((e, colId) => ({
      colId,
      name: e.name ?? String(colId),
      type: resolveType(e.algebraicType, schema.typespace),
    })),
    indexes: [],
    uniqueConstraints: [],
    sequences: [],
    isPublic: view.isPublic,
    isEvent: false,
  };
}
