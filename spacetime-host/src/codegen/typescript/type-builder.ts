import type { CodeWriter } from '../code-writer.js';
import type { CodegenModule } from '../codegen-module.js';
import { containsRef, type Field, refsOf, type TypeUse } from '../type-use.js';
import { camel } from './names.js';

/** The `spacetimedb` type builder expression for `use`, e.g. `__t.option(__t.i32())`. */
export function typeBuilder(module: CodegenModule, use: TypeUse): string {
  switch (use.kind) {
    case 'Unit':
      return '__t.unit()';
    case 'Never':
      return '__t.never()';
    case 'Identity':
      return '__t.identity()';
    case 'ConnectionId':
      return '__t.connectionId()';
    case 'Timestamp':
      return '__t.timestamp()';
    case 'TimeDuration':
      return '__t.timeDuration()';
    case 'ScheduleAt':
      return '__t.scheduleAt()';
    case 'Uuid':
      return '__t.uuid()';
    case 'String':
      return '__t.string()';
    case 'Option':
      return `__t.option(${typeBuilder(module, use.inner)})`;
    case 'Result':
      return `__t.result(${typeBuilder(module, use.ok)}, ${typeBuilder(module, use.err)})`;
    case 'Array':
      return use.element.kind === 'Primitive' && use.element.primitive === 'U8'
        ? '__t.byteArray()'
        : `__t.array(${typeBuilder(module, use.element)})`;
    case 'Ref':
      return module.typeName(use.ref);
    case 'Primitive':
      return `__t.${use.primitive.toLowerCase()}()`;
  }
}

export interface FieldOptions {
  /** Field names become camelCase (everything but sum variants, which arrive PascalCase). */
  readonly convertCase: boolean;
  readonly primaryKey?: number;
  /** Canonical column names: a column whose generated name differs says `.name("…")`. */
  readonly columnNames?: readonly string[];
}

/**
 * One object-literal entry per field. A field whose type mentions a named
 * type is a getter, so `types.ts` can declare types in any order (and
 * recursively) without reading a `const` before it is initialised.
 */
export function writeFields(
  out: CodeWriter,
  module: CodegenModule,
  fields: readonly Field[],
  options: FieldOptions,
): void {
  fields.forEach((field, i) => {
    const name = options.convertCase ? camel(field.name) : field.name;
    let builder = typeBuilder(module, field.type);
    if (options.primaryKey === i) builder += '.primaryKey()';
    const columnName = options.columnNames?.[i];
    if (options.convertCase && columnName !== undefined && columnName !== name) {
      builder += `.name("${columnName}")`;
    }
    if (containsRef(field.type)) {
      out.writeln(`get ${name}() {`);
      out.withIndent(() => out.writeln(`return ${builder};`));
      out.writeln('},');
    } else {
      out.writeln(`${name}: ${builder},`);
    }
  });
}

/** `import { A, B } from "./types";` for the named types `uses` mention (in Ref order), then a blank line. */
export function writeTypeImports(
  out: CodeWriter,
  module: CodegenModule,
  uses: readonly TypeUse[],
): void {
  const refs = [...new Set(uses.flatMap(refsOf))].sort((a, b) => a - b);
  if (refs.length === 0) return;
  out.writeln('import {');
  out.withIndent(() => {
    for (const ref of refs) out.writeln(`${module.typeName(ref)},`);
  });
  out.writeln('} from "./types";');
  out.newline();
}
