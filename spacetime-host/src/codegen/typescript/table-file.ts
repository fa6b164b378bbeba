import { CodeWriter } from '../code-writer.js';
import type { CodegenModule, TableDefinition } from '../codegen-module.js';
import type { GeneratedFile } from '../generated-file.js';
import { printFileHeader } from './file-header.js';
import { tableModuleName } from './names.js';
import { writeFields, writeTypeImports } from './type-builder.js';

/** `<table>_table.ts`: the row schema of a table or view, as the module declared it. */
export function tableFile(module: CodegenModule, table: TableDefinition): GeneratedFile {
  const out = new CodeWriter();
  printFileHeader(out, { typeBuildersOnly: true });
  writeTypeImports(
    out,
    module,
    table.fields.map((f) => f.type),
  );
  out.writeln();
  out.writeln('export default __t.row({');
  out.withIndent(() =>
    writeFields(out, module, table.fields, {
      convertCase: true,
      ...(table.primaryKey === undefined ? {} : { primaryKey: table.primaryKey }),
      columnNames: table.columnNames,
    }),
  );
  out.writeln('});');
  return { path: `${tableModuleName(table.accessorName)}.ts`, contents: out.toString() };
}
