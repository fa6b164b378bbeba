import { readFile, stat } from 'node:fs/promises';
import { bundleModule } from '../runtime/bundle-module.js';
import { describeModuleBundle } from './describe-module.js';

/** Where a module comes from: its folder (bundled as `spacetime build` does) or an already built bundle. */
export type ModuleSource = { readonly modulePath: string } | { readonly jsPath: string };

/** The module folder or bundle named by a `ModuleSource` does not exist or cannot be read. */
export class ModuleSourceError extends Error {
  override readonly name = 'ModuleSourceError';
}

/**
 * The BSATN `RawModuleDef` of a module. Throws `ModuleSourceError` for a
 * missing folder or file, `BundleError` when the folder does not build and
 * `ModuleLoadError` when the bundle does not load.
 */
export async function describeModuleSource(source: ModuleSource): Promise<Uint8Array> {
  if ('jsPath' in source) {
    let program: string;
    try {
      program = await readFile(source.jsPath, 'utf8');
    } catch (error) {
      throw new ModuleSourceError(
        `cannot read the module bundle ${source.jsPath}: ${(error as Error).message}`,
        { cause: error },
      );
    }
    return describeModuleBundle(program);
  }
  const isFolder = await stat(source.modulePath).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isFolder) {
    throw new ModuleSourceError(`there is no module folder at ${source.modulePath}`);
  }
  return describeModuleBundle(await bundleModule(source.modulePath));
}
