// `npm start` serves the web app from web/dist: build it when it is missing
// or older than its sources, so a fresh clone (or a pull) needs no extra step.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './start-settings.js';

// What the build reads: the app, the shared code and bindings it imports, its config.
const SOURCES = [
  'web/src',
  'web/index.html',
  'web/public',
  'web/vite.config.ts',
  'web/package.json',
  'shared/src',
  'shared/module_bindings',
];

function newestChange(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) {
    newest = Math.max(newest, newestChange(path.join(target, entry)));
  }
  return newest;
}

/** Builds web/dist when it is out of date; throws when the build fails. */
export function ensureWebBuild(distDir = path.join(repoRoot, 'web/dist')): void {
  const index = path.join(distDir, 'index.html');
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  const sources = Math.max(...SOURCES.map((s) => newestChange(path.join(repoRoot, s))));
  if (built > sources) return;
  console.log(built === 0 ? 'Building the web app...' : 'The web app changed; rebuilding...');
  const result = spawnSync('npm', ['run', 'build', '-w', '@kith/web'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  if (result.status !== 0)
    throw new Error('Building the web app failed (npm run build -w @kith/web)');
}
