import { existsSync } from 'node:fs';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { type OutputChunk, type RolldownLog, rolldown } from 'rolldown';
import { spacetimeBuildOptions } from './spacetime-build-options.js';

export interface BundleOptions {
  /** `spacetime build --debug` defines NODE_ENV as development. */
  readonly debug?: boolean;
  /** Receives each warning of the build, which `spacetime build` prints and goes on. */
  readonly onWarning?: (message: string) => void;
}

/** A built module: the bundle's text and what it imports and exports, which the CLI checks. */
export interface ModuleBundle {
  readonly code: string;
  readonly imports: readonly string[];
  readonly exports: readonly string[];
}

/** The module folder cannot be bundled (no `src/index.ts`, unresolved imports, syntax errors). */
export class BundleError extends Error {
  override readonly name = 'BundleError';
  constructor(
    message: string,
    /** rolldown's diagnostics, one per problem, without terminal colours. */
    readonly diagnostics: readonly string[] = [],
  ) {
    super(diagnostics.length === 0 ? message : `${message}\n${diagnostics.join('\n')}`);
  }
}

/**
 * Bundles a module folder's `src/index.ts` and everything it imports as
 * `spacetime build` does for TypeScript: with rolldown, the bundler the CLI
 * links, and the CLI's options (see spacetimeBuildOptions). As the CLI, an
 * import that does not resolve is an error ("Module not found"), not a
 * warning. The result is the text a real SpacetimeDB accepts as the module.
 */
export async function bundleModule(
  moduleDir: string,
  options: BundleOptions = {},
): Promise<string> {
  return (await bundleModuleWithExports(moduleDir, options)).code;
}

/** bundleModule, also giving the bundle's imports and exports. */
export async function bundleModuleWithExports(
  moduleDir: string,
  options: BundleOptions = {},
): Promise<ModuleBundle> {
  const dir = path.resolve(moduleDir);
  const entry = path.join(dir, 'src/index.ts');
  if (!existsSync(entry)) throw new BundleError(`no module entry point at ${entry}`);
  const tsconfigPath = path.join(dir, 'tsconfig.json');
  const { input, output } = spacetimeBuildOptions(dir, {
    debug: options.debug ?? false,
    tsconfig: existsSync(tsconfigPath) ? tsconfigPath : false,
  });
  const unresolved: string[] = [];
  try {
    const bundle = await rolldown({
      ...input,
      onLog: (level, log) => {
        if (level !== 'warn') return;
        if (log.code === 'UNRESOLVED_IMPORT') unresolved.push(describeUnresolved(log));
        else options.onWarning?.(plain(log.message));
      },
    });
    try {
      const result = await bundle.generate(output);
      if (unresolved.length > 0) {
        throw new BundleError(`could not bundle ${entry}:`, [
          ...unresolved,
          'You may have forgotten to install dependencies with your package manager.',
        ]);
      }
      return toModuleBundle(result.output.find(isEntryChunk), entry);
    } finally {
      await bundle.close();
    }
  } catch (error) {
    if (error instanceof BundleError) throw error;
    throw new BundleError(`could not bundle ${entry}:`, diagnosticsOf(error));
  }
}

function isEntryChunk(output: { type: string }): output is OutputChunk {
  return output.type === 'chunk' && (output as OutputChunk).isEntry;
}

function toModuleBundle(chunk: OutputChunk | undefined, entry: string): ModuleBundle {
  if (chunk === undefined) throw new BundleError(`rolldown produced no bundle for ${entry}`);
  return { code: chunk.code, imports: chunk.imports, exports: chunk.exports };
}

/** The CLI's wording for an import that does not resolve: rolldown's "treating it as external" is no longer true. */
function describeUnresolved(log: RolldownLog): string {
  return plain(log.message).replace(/, treating it as an external dependency/g, '.');
}

/** rolldown throws one Error carrying every build error in `errors`. */
function diagnosticsOf(error: unknown): string[] {
  const errors = (error as { errors?: readonly unknown[] } | null)?.errors;
  if (Array.isArray(errors) && errors.length > 0) {
    return errors.map((each) => plain(each instanceof Error ? each.message : String(each)));
  }
  return [plain(error instanceof Error ? error.message : String(error))];
}

function plain(text: string): string {
  return stripVTControlCharacters(text).trim();
}
