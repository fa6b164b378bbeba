// `npm run generate`: writes the Kith module's client bindings to
// shared/module_bindings (spacetime.json's generate target), with the real
// `spacetime` CLI when it is installed and with `spacetime-local` otherwise.
// Both produce the same files; the test in scripts/test/bindings-fresh.test.ts
// fails when the checked-in bindings are stale.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './start-settings.js';

const GENERATE_ARGS = [
  'generate',
  '--lang',
  'typescript',
  '--out-dir',
  'shared/module_bindings',
  '--module-path',
  'spacetime-module',
  '--yes',
];

/** The first executable named `name` on PATH, as a shell would find it. */
function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {}
  }
  return undefined;
}

const realCli =
  process.env.KITH_GENERATE_WITH === 'spacetime-local' ? undefined : onPath('spacetime');
const [command, args] =
  realCli === undefined
    ? [
        process.execPath,
        [path.join(repoRoot, 'spacetime-host/bin/spacetime-local.mjs'), ...GENERATE_ARGS],
      ]
    : [realCli, GENERATE_ARGS];

console.log(`Generating bindings with ${realCli ?? 'spacetime-local'}...`);
const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit' });
process.exit(result.status ?? 1);
