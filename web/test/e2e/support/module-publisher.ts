// Publishes the Kith module, or a variant of it, over the running stack's
// database the way `spacetime publish` does (PUT /v1/database/kith with the
// owner's token), for tests of what an open page sees when the module
// changes under it, as it does on a deploy.
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { bundleModule } from '@kith/spacetime-host';
import { WEB_ROOT } from './build-web.js';
import type { KithStack } from './kith-stack.js';

const MODULE_DIR = path.resolve(WEB_ROOT, '../spacetime-module');

export interface SourceEdit {
  /** A file under the module's src/. */
  readonly file: string;
  readonly from: string;
  readonly to: string;
}

/**
 * A copy of the module with one edit, inside the repository (the ignored
 * web/test-results/) so that its imports resolve as the module's own do.
 */
export async function moduleVariant(edit: SourceEdit): Promise<string> {
  const parent = path.join(WEB_ROOT, 'test-results', 'module-variants');
  await mkdir(parent, { recursive: true });
  const dir = await mkdtemp(path.join(parent, 'kith-'));
  await cp(path.join(MODULE_DIR, 'src'), path.join(dir, 'src'), { recursive: true });
  const file = path.join(dir, 'src', edit.file);
  const source = await readFile(file, 'utf8');
  if (!source.includes(edit.from)) {
    throw new Error(`${edit.file} no longer contains the text the variant replaces`);
  }
  await writeFile(file, source.replace(edit.from, edit.to));
  return dir;
}

/** Publishes the module in `moduleDir` (the real one by default) over the stack's `kith`. */
export async function publishModule(stack: KithStack, moduleDir = MODULE_DIR): Promise<void> {
  const program = await bundleModule(moduleDir);
  const token = (await readFile(stack.ownerTokenFile, 'utf8')).trim();
  const response = await fetch(`${stack.spacetimeUrl}/v1/database/kith?host_type=Js`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/javascript' },
    body: program,
  });
  if (!response.ok) {
    throw new Error(`publishing failed (HTTP ${response.status}): ${await response.text()}`);
  }
}
