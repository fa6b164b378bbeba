// A throwaway client project: generated bindings in src/module_bindings, the
// client sources of a fixture beside them, `spacetimedb` resolvable through a
// node_modules link to the repository's, and a tsconfig as a Vite app has
// (Bundler resolution), so tsc checks the client exactly as a user's would.
import { spawn } from 'node:child_process';
import { copyFile, mkdir, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeModuleBundle, type GeneratedFile } from '../../../src/codegen/index.js';
import { bundleModule } from '../../../src/runtime/bundle-module.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(here, '../../../..');
export const FIXTURES = path.resolve(here, '../../fixtures');

const definitions = new Map<string, Promise<Uint8Array>>();

/** The RawModuleDef of a fixture module, built and described once per test file. */
export function fixtureDefinition(name: string): Promise<Uint8Array> {
  let definition = definitions.get(name);
  if (definition === undefined) {
    definition = bundleModule(path.join(FIXTURES, name)).then(describeModuleBundle);
    definitions.set(name, definition);
  }
  return definition;
}

/** Creates the project in `dir`: bindings, the named client files, tsconfig and node_modules link. */
export async function createClientProject(
  dir: string,
  bindings: readonly GeneratedFile[],
  clientFiles: readonly string[],
): Promise<void> {
  for (const file of bindings) {
    const target = path.join(dir, 'src/module_bindings', file.path);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.contents);
  }
  for (const file of clientFiles) {
    await copyFile(file, path.join(dir, 'src', path.basename(file)));
  }
  await symlink(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  const tsconfig = {
    extends: path.join(REPO_ROOT, 'tsconfig.base.json'),
    compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', types: [] },
    include: ['src'],
  };
  await writeFile(path.join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
}

export interface TscResult {
  readonly code: number | null;
  readonly output: string;
}

/** Runs the repository's `tsc --noEmit -p dir`. */
export function typecheck(dir: string): Promise<TscResult> {
  const typescript = path.dirname(
    createRequire(import.meta.url).resolve('typescript/package.json'),
  );
  const tsc = path.join(typescript, 'bin/tsc');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsc, '--noEmit', '-p', '.'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}
