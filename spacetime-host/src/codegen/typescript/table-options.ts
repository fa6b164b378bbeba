import type { CodeWriter } from '../code-writer.js';
import type { TableDefinition } from '../codegen-module.js';
import { camel } from './names.js';

/**
 * The options of one `__table({...})` in `index.ts`: the canonical name, the
 * indexes that have accessors (the client uses a btree for every one of
 * them), the unique constraints, and whether it is an event table.
 */
export function writeTableOptions(out: CodeWriter, table: TableDefinition): void {
  const column = (col: number) => camel(table.fields[col]!.name);
  out.writeln(`name: '${table.name}',`);
  out.writeln('indexes: [');
  out.withIndent(() => {
    for (const index of table.indexes) {
      if (index.accessorName === undefined) continue;
      out.writeln(
        `{ accessor: '${index.accessorName}', name: '${index.name}', algorithm: 'btree', columns: [`,
      );
      out.withIndent(() => {
        for (const col of index.columns) out.writeln(`'${column(col)}',`);
      });
      out.writeln('] },');
    }
  });
  out.writeln('],');
  out.writeln('constraints: [');
  out.withIndent(() => {
    for (const constraint of table.constraints) {
      const columns = constraint.columns.map((col) => `'${column(col)}'`).join(', ');
      out.writeln(`{ name: '${constraint.name}', constraint: 'unique', columns: [${columns}] },`);
    }
  });
  out.writeln('],');
  if (table.isEvent) out.writeln('event: true,');
}
