export { CodegenError } from './codegen-error.js';
export { describeModuleBundle } from './describe-module.js';
export type { GeneratedFile } from './generated-file.js';
export { describeModuleSource, type ModuleSource, ModuleSourceError } from './module-source.js';
export { installedSpacetimedbVersion } from './spacetimedb-version.js';
export { AUTO_GENERATED_PREFIX } from './typescript/file-header.js';
export {
  generateTypeScriptBindings,
  privateTableNames,
  type TypeScriptBindingsOptions,
} from './typescript/generate-typescript.js';
export { type WriteBindingsOptions, writeBindings } from './write-bindings.js';
export {
  type FilesWritten,
  type WriteOptions,
  writeGeneratedFiles,
} from './write-generated-files.js';
