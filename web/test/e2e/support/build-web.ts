// Builds the web app into web/dist with its own Vite config, as `npm run
// build -w @kith/web` does, so the stack under test serves this very code.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

export const WEB_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export async function buildWeb(): Promise<void> {
  await build({
    root: WEB_ROOT,
    configFile: path.join(WEB_ROOT, 'vite.config.ts'),
    logLevel: 'error',
    build: { sourcemap: false },
  });
}
