// A tiny stand-in for web/dist (what `vite build` writes): index.html that
// loads a hashed script and stylesheet from assets/, and a favicon. Tests add
// files of their own next to it.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const SCRIPT_PATH = '/assets/index-4f2a9c1b.js';
export const STYLE_PATH = '/assets/index-77aa00bb.css';

export const INDEX_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Kith (test build)</title>
    <link rel="stylesheet" href="${STYLE_PATH}" />
    <script type="module" src="${SCRIPT_PATH}"></script>
  </head>
  <body><div id="root"></div></body>
</html>
`;

/** Writes the build into `distDir` with `script` as its one script. */
export async function writeFakeWebBuild(distDir: string, script: string): Promise<void> {
  await mkdir(path.join(distDir, 'assets'), { recursive: true });
  await writeFile(path.join(distDir, 'index.html'), INDEX_HTML);
  await writeFile(path.join(distDir, SCRIPT_PATH), script);
  await writeFile(path.join(distDir, STYLE_PATH), 'body { margin: 0 }\n');
  await writeFile(
    path.join(distDir, 'favicon.svg'),
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>',
  );
}
