import { existsSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

export interface BundleOptions {
  /** `spacetime build --debug` defines NODE_ENV as development. */
  readonly debug?: boolean;
  /** Append an inline source map, as `spacetime build` does (default true). */
  readonly sourcemap?: boolean;
}

/** The module folder cannot be bundled (no `src/index.ts`, unresolved imports, syntax errors). */
export class BundleError extends Error {
  override readonly name = 'BundleError';
}

/**
 * Bundles a module folder's `src/index.ts` and everything it imports the way
 * `spacetime build` does for TypeScript (crates/cli/src/tasks/javascript.rs):
 * one ES module for the browser platform (no Node shims), `spacetime:sys*`
 * left external, conditions production/import/default, NODE_ENV defined,
 * target esnext. Returns the bundle's text, which a real SpacetimeDB accepts.
 */
export async function bundleModule(
  moduleDir: string,
  options: BundleOptions = {},
): Promise<string> {
  const entry = path.resolve(moduleDir, 'src/index.ts');
  if (!existsSync(entry)) throw new BundleError(`no module entry point at ${entry}`);
  try {
    const result = await build({
      entryPoints: [entry],
      absWorkingDir: path.resolve(moduleDir),
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      target: 'esnext',
      external: ['spacetime:sys*'],
      conditions: ['production', 'import', 'default'],
      mainFields: ['module', 'main'],
      resolveExtensions: ['.ts', '.tsx', '.mjs', '.js', '.cjs', '.json'],
      define: {
        'process.env.NODE_ENV': JSON.stringify(options.debug ? 'development' : 'production'),
      },
      sourcemap: options.sourcemap === false ? false : 'inline',
      sourceRoot: '',
      minify: false,
      logLevel: 'silent',
    });
    const output = result.outputFiles[0];
    if (output === undefined) throw new BundleError(`esbuild produced no output for ${entry}`);
    return output.text;
  } catch (error) {
    if (error instanceof BundleError) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new BundleError(`could not bundle ${entry}: ${detail}`);
  }
}
