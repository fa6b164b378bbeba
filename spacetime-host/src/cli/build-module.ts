import { existsSync } from 'node:fs';
import path from 'node:path';
import { bundleModuleWithExports } from '../runtime/bundle-module.js';
import { spacetimeBuildRefusals } from '../runtime/spacetime-build-refusals.js';
import type { ConsoleIo } from './cli-io.js';
import { typecheckModule } from './typecheck-module.js';

/**
 * `spacetime build` for a TypeScript module folder, as `publish`, `generate`
 * and `dev` run it: the folder's own tsc (type errors stop the build), then
 * rolldown with the CLI's options (unresolved imports stop it), printing the
 * build's warnings. Where the real CLI would refuse the folder but the host
 * can still run it (no `tsconfig.json`, no `spacetimedb/server` import, no
 * default export), this says so loudly and goes on, so local experiments keep
 * working while the user learns the module would not publish to SpacetimeDB.
 */
export async function buildModule(moduleDir: string, io: ConsoleIo): Promise<string> {
  const dir = path.resolve(moduleDir);
  await typecheckModule(dir, io);
  const refusals: string[] = [];
  if (!existsSync(path.join(dir, 'tsconfig.json'))) {
    refusals.push(`no tsconfig.json in ${dir} (rolldown loads it: "Failed to load tsconfig")`);
  }
  const bundle = await bundleModuleWithExports(dir, {
    onWarning: (message) => io.stderr(`warning: ${message}\n`),
  });
  refusals.push(...spacetimeBuildRefusals(bundle));
  for (const refusal of refusals) {
    io.stderr(`warning: \`spacetime build\` would refuse this module: ${refusal}\n`);
  }
  return bundle.code;
}
