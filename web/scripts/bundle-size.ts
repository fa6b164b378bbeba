// Measures what a browser downloads to show the home feed on a fresh profile:
// the production build's entry script with the chunks index.html preloads
// (JavaScript) and its stylesheets, gzipped as a server would send them, and
// the lazily loaded chunks (settings, admin) apart. Fails above the budget.
// Run: npm run bench -w @kith/web
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

/** The budget: JavaScript for the home feed's first load, gzipped. */
const FIRST_LOAD_JS_BUDGET_BYTES = 200 * 1024;

const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Asset {
  readonly file: string;
  readonly bytes: number;
  readonly gzipBytes: number;
}

async function measure(dir: string, file: string): Promise<Asset> {
  const content = await readFile(path.join(dir, file));
  return { file, bytes: content.length, gzipBytes: gzipSync(content).length };
}

/** Files index.html loads at once: the entry script, modulepreloads and stylesheets. */
function firstLoadFiles(html: string): { scripts: string[]; styles: string[] } {
  const attr = (tag: string, name: string) => new RegExp(`${name}="([^"]+)"`).exec(tag)?.[1];
  const scripts: string[] = [];
  const styles: string[] = [];
  for (const tag of html.match(/<(script|link)\b[^>]*>/g) ?? []) {
    if (tag.startsWith('<script') && tag.includes('type="module"')) {
      const src = attr(tag, 'src');
      if (src) scripts.push(src);
    } else if (tag.includes('rel="modulepreload"')) {
      const href = attr(tag, 'href');
      if (href) scripts.push(href);
    } else if (tag.includes('rel="stylesheet"')) {
      const href = attr(tag, 'href');
      if (href) styles.push(href);
    }
  }
  const local = (url: string) => url.replace(/^\//, '');
  return { scripts: scripts.map(local), styles: styles.map(local) };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

const outDir = await mkdtemp(path.join(tmpdir(), 'kith-web-bundle-'));
try {
  await build({
    root: webRoot,
    configFile: path.join(webRoot, 'vite.config.ts'),
    logLevel: 'error',
    build: { outDir, emptyOutDir: true, sourcemap: false },
  });
  const html = await readFile(path.join(outDir, 'index.html'), 'utf8');
  const first = firstLoadFiles(html);
  const scripts = await Promise.all(first.scripts.map((file) => measure(outDir, file)));
  const styles = await Promise.all(first.styles.map((file) => measure(outDir, file)));
  const allJs = (await readdir(path.join(outDir, 'assets'))).filter((file) => file.endsWith('.js'));
  const lazy = await Promise.all(
    allJs
      .map((file) => `assets/${file}`)
      .filter((file) => !first.scripts.includes(file))
      .map((file) => measure(outDir, file)),
  );
  const sum = (assets: Asset[], key: 'bytes' | 'gzipBytes') =>
    assets.reduce((total, asset) => total + asset[key], 0);

  const jsGzip = sum(scripts, 'gzipBytes');
  console.log('Kith web app, production build (vite build), gzip level 6 as served');
  console.log(`first load, JavaScript: ${kb(sum(scripts, 'bytes'))} raw, ${kb(jsGzip)} gzip`);
  for (const asset of scripts) console.log(`  ${asset.file}: ${kb(asset.gzipBytes)} gzip`);
  console.log(
    `first load, CSS: ${kb(sum(styles, 'bytes'))} raw, ${kb(sum(styles, 'gzipBytes'))} gzip`,
  );
  console.log(`loaded when opened (settings, admin): ${kb(sum(lazy, 'gzipBytes'))} gzip`);
  for (const asset of lazy) console.log(`  ${asset.file}: ${kb(asset.gzipBytes)} gzip`);
  console.log(`budget for first-load JavaScript: ${kb(FIRST_LOAD_JS_BUDGET_BYTES)} gzip`);
  if (jsGzip > FIRST_LOAD_JS_BUDGET_BYTES) {
    console.error('Over budget.');
    process.exitCode = 1;
  }
} finally {
  await rm(outDir, { recursive: true, force: true });
}
