// Bundles the fixture modules once per test file.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleModule } from '../../src/runtime/bundle-module.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');
const cache = new Map<string, Promise<string>>();

export type FixtureName =
  | 'transfer-module'
  | 'sdk-test-module'
  | 'notes-v1'
  | 'notes-v2'
  | 'notes-incompatible'
  | 'failing-init';

export function fixtureBundle(name: FixtureName): Promise<string> {
  let bundle = cache.get(name);
  if (bundle === undefined) {
    bundle = bundleModule(path.join(fixtures, name));
    cache.set(name, bundle);
  }
  return bundle;
}
