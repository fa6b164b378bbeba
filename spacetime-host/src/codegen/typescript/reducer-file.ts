import { CodeWriter } from '../code-writer.js';
import type { CodegenModule, ReducerDefinition } from '../codegen-module.js';
import type { GeneratedFile } from '../generated-file.js';
import { printFileHeader } from './file-header.js';
import { reducerModuleName } from './names.js';
import { writeFields, writeTypeImports } from './type-builder.js';

/** `<reducer>_reducer.ts`: the reducer's argument schema as its default export. */
export function reducerFile(module: CodegenModule, reducer: ReducerDefinition): GeneratedFile {
  const out = new CodeWriter();
  printFileHeader(out, { typeBuildersOnly: true });
  out.newline();
  writeTypeImports(
    out,
    module,
    reducer.params.map((p) => p.type),
  );
  out.write('export default {');
  if (reducer.params.length === 0) {
    out.writeln('};');
  } else {
    out.writeln();
    out.withIndent(() => writeFields(out, module, reducer.params, { convertCase: true }));
    out.writeln('};');
  }
  return { path: `${reducerModuleName(reducer.accessorName)}.ts`, contents: out.toString() };
}
