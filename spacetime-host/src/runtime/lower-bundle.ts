import { transformSync } from 'esbuild';
import { ModuleLoadError } from './module-errors.js';

/**
 * Turns an ES module bundle (as `spacetime build` writes it: target esnext,
 * may contain `using` declarations Node 20 cannot parse) into a CommonJS body
 * Node 20 can run in a `vm` context. Its `spacetime:sys@…` imports become
 * `require` calls the loader answers with the syscall modules.
 */
export function lowerBundle(program: string): string {
  try {
    return transformSync(program, {
      format: 'cjs',
      target: 'node20',
      loader: 'js',
      sourcemap: false,
    }).code;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ModuleLoadError(`the module bundle is not valid JavaScript: ${detail}`);
  }
}
