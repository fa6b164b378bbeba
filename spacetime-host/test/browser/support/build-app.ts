// Bundles the Solid page in ../app for the browser with Vite, as an app's
// own build would (the SDK's `browser` export, solid-js's DOM build).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import solid from 'vite-plugin-solid';

const APP_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '../app');

/** Writes index.html and its assets into `outDir`. */
export async function buildApp(outDir: string): Promise<void> {
  await build({
    configFile: false,
    envDir: false,
    root: APP_DIR,
    publicDir: false,
    cacheDir: path.join(outDir, '.vite-cache'),
    base: './',
    logLevel: 'warn',
    plugins: [solid()],
    build: { outDir, emptyOutDir: true, minify: false, target: 'es2022' },
  });
}
