// The checked-in bindings the SDK tests connect through (module_bindings) must
// be what generating them from the chat fixture gives now. To refresh them,
// from spacetime-host/:
//   npx spacetime-local generate -l typescript -y \
//     -p test/realtime/fixtures/chat-module -o test/realtime/module_bindings
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeModuleBundle, generateTypeScriptBindings } from '../../src/codegen/index.js';
import { chatBundle } from './support/realtime-test-server.js';

const BINDINGS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'module_bindings');

/** Every file under `dir`, by path relative to it. */
async function checkedIn(dir: string): Promise<Map<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = new Map<string, string>();
  for (const entry of entries.filter((e) => e.isFile())) {
    const full = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, full).split(path.sep).join('/'), await readFile(full, 'utf8'));
  }
  return files;
}

describe('test/realtime/module_bindings', () => {
  it('is exactly what the generator writes for the chat fixture, file for file', async () => {
    const fresh = generateTypeScriptBindings(describeModuleBundle(await chatBundle()));
    const existing = await checkedIn(BINDINGS);

    expect([...existing.keys()].sort()).toEqual(fresh.map((f) => f.path).sort());
    for (const file of fresh) {
      expect(existing.get(file.path), file.path).toBe(file.contents);
    }
  });
});
