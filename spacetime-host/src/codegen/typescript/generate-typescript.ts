import { decodeRawModuleDef, type RawModuleDefV10 } from '../../schema/raw-module-def.js';
import { buildCodegenModule } from '../codegen-module.js';
import type { GeneratedFile } from '../generated-file.js';
import { installedSpacetimedbVersion } from '../spacetimedb-version.js';
import { selectBindings } from './binding-selection.js';
import { procedureTypesFile, reducerTypesFile } from './function-types-files.js';
import { indexFile } from './index-file.js';
import { procedureFile } from './procedure-file.js';
import { reducerFile } from './reducer-file.js';
import { tableFile } from './table-file.js';
import { typesFile } from './types-file.js';

export interface TypeScriptBindingsOptions {
  /** Also generate private tables, reducers and procedures (`--include-private`). */
  readonly includePrivate?: boolean;
  /** The `spacetimedb` version to write in; the installed package's by default. */
  readonly spacetimedbVersion?: string;
}

/**
 * The TypeScript client bindings `spacetime generate --lang typescript`
 * writes for a module, file for file and byte for byte except the line that
 * says which tool wrote them. `module` is the module's `RawModuleDef`, decoded
 * or as the BSATN bytes `__describe_module__` returns. Pure: the same module
 * always gives the same files, in the same order.
 */
export function generateTypeScriptBindings(
  module: RawModuleDefV10 | Uint8Array,
  options: TypeScriptBindingsOptions = {},
): GeneratedFile[] {
  const def = buildCodegenModule(
    module instanceof Uint8Array ? decodeRawModuleDef(module) : module,
  );
  const selection = selectBindings(def, options.includePrivate ?? false);
  const version = options.spacetimedbVersion ?? installedSpacetimedbVersion();
  return [
    ...selection.tables.map((table) => tableFile(def, table)),
    ...selection.views.map((view) => tableFile(def, view)),
    ...selection.reducers.map((reducer) => reducerFile(def, reducer)),
    ...selection.procedures.map((procedure) => procedureFile(def, procedure)),
    indexFile(selection, { generatedBy: `spacetime-local (spacetimedb ${version})`, version }),
    reducerTypesFile(selection),
    procedureTypesFile(selection),
    typesFile(def),
  ];
}

/** The private tables of a module, by canonical name: left out of bindings unless `includePrivate`. */
export function privateTableNames(module: RawModuleDefV10 | Uint8Array): string[] {
  return codegenModule(module)
    .tables.filter((t) => !t.isPublic)
    .map((t) => t.name);
}

function codegenModule(module: RawModuleDefV10 | Uint8Array) {
  return buildCodegenModule(module instanceof Uint8Array ? decodeRawModuleDef(module) : module);
}
