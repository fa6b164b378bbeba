import type { ModuleSchema, TableSchema } from '../schema/module-schema.js';
import { RowLayout } from '../sql/row-layout.js';
import { SchemaView } from '../sql/schema-view.js';

/**
 * What compiling a subscription needs that does not depend on the query:
 * the schema as owners and as others see it, and one row layout per table or
 * view, shared by every plan (thousands of subscribers, one layout each).
 */
export class CompileCache {
  readonly #views = new Map<boolean, SchemaView>();
  /** By table id; a view read as a table has an id after the real tables'. */
  readonly #layouts = new Map<number, RowLayout>();

  constructor(readonly schema: ModuleSchema) {}

  schemaView(callerIsOwner: boolean): SchemaView {
    let view = this.#views.get(callerIsOwner);
    if (view === undefined) {
      view = new SchemaView(this.schema, callerIsOwner, { views: true });
      this.#views.set(callerIsOwner, view);
    }
    return view;
  }

  layout(table: TableSchema): RowLayout {
    let layout = this.#layouts.get(table.tableId);
    if (layout === undefined) {
      layout = new RowLayout(table, this.schema.typespace);
      this.#layouts.set(table.tableId, layout);
    }
    return layout;
  }
}
