import { describeModuleSource, type ModuleSource } from './module-source.js';
import {
  generateTypeScriptBindings,
  type TypeScriptBindingsOptions,
} from './typescript/generate-typescript.js';
import {
  type FilesWritten,
  type WriteOptions,
  writeGeneratedFiles,
} from './write-generated-files.js';

export type WriteBindingsOptions = ModuleSource &
  TypeScriptBindingsOptions &
  WriteOptions & {
    /** The folder the bindings go to, e.g. `web/src/module_bindings`. */
    readonly outDir: string;
  };

/**
 * `spacetime generate --lang typescript`: builds the module (or reads its
 * bundle), asks it for its definition, generates the bindings and writes
 * them into `outDir`, deleting bindings it no longer generates. Nothing is
 * written unless every step before writing succeeded.
 */
export async function writeBindings(options: WriteBindingsOptions): Promise<FilesWritten> {
  const source: ModuleSource =
    'jsPath' in options ? { jsPath: options.jsPath } : { modulePath: options.modulePath };
  const files = generateTypeScriptBindings(await describeModuleSource(source), options);
  return writeGeneratedFiles(options.outDir, files, options);
}
