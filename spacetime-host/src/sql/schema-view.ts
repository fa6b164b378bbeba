import type { ColumnSchema, ModuleSchema, TableSchema } from '../schema/module-schema.js';

/**
 * The tables a caller may name in SQL. As in SpacetimeDB (`SchemaViewer`), a
 * private table is invisible to anyone but the database owner, so naming it
 * reads "no such table ... it may be marked private".
 */
export class SchemaView {
  constructor(
    readonly schema: ModuleSchema,
    private readonly callerIsOwner: boolean,
  ) {}

  /** By canonical name, then by the name the module declared (SpacetimeDB's `table_id_from_name_or_alias`). */
  table(name: string): TableSchema | undefined {
    const tables = this.schema.tables;
    const table =
      tables.find((t) => t.name === name) ??
      tables.find((t) => t.accessorName === name || t.sourceName === name);
    return table && (table.isPublic || this.callerIsOwner) ? table : undefined;
  }

  isView(name: string): boolean {
    return this.schema.views.some((v) => v.name === name);
  }
}

/** A column by the name the module gave it, then by its canonical name (`get_column_by_name_or_alias`). */
export function findColumn(table: TableSchema, name: string): ColumnSchema | undefined {
  const byAlias = table.rowType.elements.findIndex((e) => e.name === name);
  return (
    (byAlias >= 0 ? table.columns[byAlias] : undefined) ??
    table.columns.find((c) => c.name === name)
  );
}
