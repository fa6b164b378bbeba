// Builds the web app with its own Vite config, as `npm run build -w
// @kith/web` does, so the stack under test serves this very code. Each stack
// builds into its own folder: the e2e files run side by side, and one
// build emptying web/dist would pull the app from under another's browser.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

export const WEB_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export async function buildWeb(outDir: string): Promise<void> {
  await build({
    root: WEB_ROOT,
    configFile: path.join(WEB_ROOT, 'vite.config.ts'),
    logLevel: 'error',
    build: { outDir, emptyOutDir: true, sourcemap: false },
  });
}
