import { CodeWriter } from '../code-writer.js';
import type { CodegenModule, ProcedureDefinition } from '../codegen-module.js';
import type { GeneratedFile } from '../generated-file.js';
import { printFileHeader } from './file-header.js';
import { procedureModuleName } from './names.js';
import { typeBuilder, writeFields, writeTypeImports } from './type-builder.js';

/**
 * `<procedure>_procedure.ts`: `params` and `returnType`. Like the real
 * generator's, the file ends right after the return type, without `;`.
 */
export function procedureFile(
  module: CodegenModule,
  procedure: ProcedureDefinition,
): GeneratedFile {
  const out = new CodeWriter();
  printFileHeader(out, { typeBuildersOnly: true });
  out.newline();
  writeTypeImports(out, module, [...procedure.params.map((p) => p.type), procedure.returnType]);
  out.writeln('export const params = {');
  out.withIndent(() => writeFields(out, module, procedure.params, { convertCase: true }));
  out.writeln('};');
  out.write(`export const returnType = ${typeBuilder(module, procedure.returnType)}`);
  return { path: `${procedureModuleName(procedure.accessorName)}.ts`, contents: out.toString() };
}
