import { CodeWriter } from '../code-writer.js';
import type { CodegenModule, TypeDefinition } from '../codegen-module.js';
import type { GeneratedFile } from '../generated-file.js';
import { printFileHeader } from './file-header.js';
import { pascal } from './names.js';
import { writeFields } from './type-builder.js';

/**
 * `types.ts`: every named type of the module, as `__t.object` / `__t.enum`
 * builders with a same-named inferred type. A type named after a reducer is
 * that reducer's parameter list, which its own file already declares.
 */
export function typesFile(module: CodegenModule): GeneratedFile {
  const out = new CodeWriter();
  printFileHeader(out, { typeBuildersOnly: true });
  out.newline();
  const reducerTypeNames = new Set(module.reducers.map((r) => pascal(r.accessorName)));
  for (const type of module.types) {
    if (reducerTypeNames.has(type.name)) continue;
    if (type.kind === 'product') writeProduct(out, module, type);
    else writeSum(out, module, type);
  }
  return { path: 'types.ts', contents: out.toString() };
}

function writeProduct(out: CodeWriter, module: CodegenModule, type: TypeDefinition): void {
  out.write(`export const ${type.name} = __t.object("${type.name}", {`);
  if (type.elements.length === 0) {
    out.writeln('});');
  } else {
    out.writeln();
    out.withIndent(() => writeFields(out, module, type.elements, { convertCase: true }));
    out.writeln('});');
  }
  out.writeln(`export type ${type.name} = __Infer<typeof ${type.name}>;`);
  out.newline();
}

function writeSum(out: CodeWriter, module: CodegenModule, type: TypeDefinition): void {
  const { name } = type;
  out.writeln(`// The tagged union or sum type for the algebraic type \`${name}\`.`);
  out.write(`export const ${name}`);
  // The library's own self-describing type needs its recursive type spelled out.
  if (name === 'AlgebraicType')
    out.write(': __TypeBuilder<__AlgebraicTypeType, __AlgebraicTypeType>');
  out.writeln(` = __t.enum("${name}", {`);
  const variants = type.elements.map((v) => ({ ...v, name: pascal(v.name) }));
  out.withIndent(() => writeFields(out, module, variants, { convertCase: false }));
  out.writeln('});');
  out.writeln(`export type ${name} = __Infer<typeof ${name}>;`);
  out.newline();
}
