// Editable copies of fixture modules, for tests that change a module's source.
// They live inside the repository (in an ignored `.tmp/`) so that the copies'
// `spacetimedb` imports resolve from the workspace's node_modules, as the
// originals' do.
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const SCRATCH = fileURLToPath(new URL('../../.tmp/', import.meta.url));

export interface ModuleCopies {
  /** A new scratch folder inside the repository. */
  folder(): Promise<string>;
  /** Copies fixture `name`'s `src/` into `dir` (replacing what was there). */
  copyFixture(name: string, dir: string): Promise<void>;
  /** Copies the fixture folder `relative` (e.g. `greeter-project/client`) to `dest`. */
  copyFixtureFolder(relative: string, dest: string): Promise<void>;
}

export function useModuleCopies(): ModuleCopies {
  const made: string[] = [];
  afterEach(async () => {
    for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true });
  });
  return {
    async folder() {
      await mkdir(SCRATCH, { recursive: true });
      const dir = await mkdtemp(path.join(SCRATCH, 'module-'));
      made.push(dir);
      return dir;
    },
    async copyFixture(name, dir) {
      await rm(path.join(dir, 'src'), { recursive: true, force: true });
      await cp(path.join(FIXTURES, name, 'src'), path.join(dir, 'src'), { recursive: true });
    },
    async copyFixtureFolder(relative, dest) {
      await cp(path.join(FIXTURES, relative), dest, { recursive: true });
    },
  };
}
