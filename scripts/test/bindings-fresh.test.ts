// The checked-in client bindings of the Kith module (shared/module_bindings,
// spacetime.json's generate target) must be what generating them now gives;
// `npm run generate` refreshes them.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  AUTO_GENERATED_PREFIX,
  describeModuleSource,
  generateTypeScriptBindings,
} from '@kith/spacetime-host/codegen';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../src/start-settings.js';

const BINDINGS = path.join(repoRoot, 'shared/module_bindings');

// The line naming the generator differs between the real CLI and
// spacetime-local (and between versions); everything else must match.
const withoutGeneratorLine = (text: string) =>
  text.replace(/^\/\/ This was generated using .*$/m, '// This was generated using ...');

async function checkedIn(dir: string, prefix = ''): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const relative = `${prefix}${entry.name}`;
    if (entry.isDirectory()) {
      for (const [name, text] of await checkedIn(path.join(dir, entry.name), `${relative}/`)) {
        files.set(name, text);
      }
    } else {
      const text = await readFile(path.join(dir, entry.name), 'utf8');
      if (text.startsWith(AUTO_GENERATED_PREFIX)) files.set(relative, text);
    }
  }
  return files;
}

describe('shared/module_bindings', () => {
  it('matches a fresh generation from spacetime-module (run `npm run generate` if not)', async () => {
    const fresh = generateTypeScriptBindings(
      await describeModuleSource({ modulePath: path.join(repoRoot, 'spacetime-module') }),
    );
    const existing = await checkedIn(BINDINGS);
    expect([...existing.keys()].sort()).toEqual(fresh.map((f) => f.path).sort());
    for (const file of fresh) {
      expect(withoutGeneratorLine(existing.get(file.path) ?? ''), file.path).toBe(
        withoutGeneratorLine(file.contents),
      );
    }
  });
});
