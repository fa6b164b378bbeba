import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

let cached: string | undefined;

/**
 * The version of the installed `spacetimedb` package, which generated
 * bindings are written for (the real CLI writes its own version, which
 * matches the SDK it ships with). The package does not export its
 * `package.json`, so it is found beside the resolved entry point.
 */
export function installedSpacetimedbVersion(): string {
  if (cached !== undefined) return cached;
  let dir = path.dirname(createRequire(import.meta.url).resolve('spacetimedb'));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'spacetimedb' && typeof pkg.version === 'string') {
        cached = pkg.version;
        return cached;
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the package.json of `spacetimedb`');
    dir = parent;
  }
}
