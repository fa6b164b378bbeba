// The module developer's loop end to end, as `spacetime-local dev` runs it:
// a page served by the project's Vite dev server (spacetime.json's dev.run)
// shows live rows through bindings that dev generated; the developer edits
// the reducer and, without reloading, the page's next call runs the new code
// against the same data.
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from '../cli/run-bin.js';
import { eventually } from '../support/eventually.js';
import { useModuleCopies } from '../support/module-copies.js';
import { useTempDirs } from '../support/temp-dirs.js';
import { launchChromium } from './support/launch-chromium.js';

// Vite's command-line entry, found from its package.json (it does not export the bin).
const VITE_BIN = path.join(
  path.dirname(fileURLToPath(import.meta.resolve('vite/package.json'))),
  'bin/vite.js',
);

const tempDir = useTempDirs();
const modules = useModuleCopies();
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('spacetime-local dev with a browser', () => {
  it('puts a reducer change live in the open page, keeping the data', async () => {
    const project = await modules.folder();
    await modules.copyFixture('greeter-project/server-v1', path.join(project, 'server'));
    await modules.copyFixtureFolder('greeter-project/client', path.join(project, 'client'));
    const [hostPort, vitePort] = [await freePort(), await freePort()];
    await writeFile(
      path.join(project, 'spacetime.json'),
      JSON.stringify({
        database: 'greeter',
        'module-path': './server',
        generate: [{ language: 'typescript', 'out-dir': './client/module_bindings' }],
        dev: {
          run: `cd client && "${process.execPath}" "${VITE_BIN}" --host 127.0.0.1 --port ${vitePort} --strictPort`,
        },
      }),
    );
    const home = await tempDir();
    const dev = spawn(
      process.execPath,
      [BIN, 'dev', '-s', `http://127.0.0.1:${hostPort}`, '--data-dir', path.join(home, 'data')],
      { cwd: project, env: { PATH: process.env.PATH ?? '', HOME: home }, stdio: 'pipe' },
    );
    let output = '';
    dev.stdout.on('data', (chunk) => {
      output += chunk;
    });
    dev.stderr.on('data', (chunk) => {
      output += chunk;
    });
    const exited = new Promise<number | null>((resolve) => dev.on('close', resolve));
    const page = await browser.newPage();
    page.setDefaultTimeout(30_000);
    try {
      await eventually(() => expect(output).toContain('Ready. Watching for changes'), 60_000);
      const query = new URLSearchParams({ host: `ws://127.0.0.1:${hostPort}`, db: 'greeter' });
      const pageUrl = `http://127.0.0.1:${vitePort}/?${query}`;
      await expect
        .poll(
          () =>
            fetch(pageUrl).then(
              (r) => r.status,
              () => 0,
            ),
          { timeout: 60_000 },
        )
        .toBe(200);
      await page.goto(pageUrl);
      await page.getByTestId('status').filter({ hasText: 'live' }).waitFor();
      const greetings = page.getByTestId('greetings').locator('li');

      await page.getByRole('button', { name: 'Greet Ana' }).click();
      await expect.poll(() => greetings.allTextContents()).toEqual(['Hello, Ana']);

      await modules.copyFixture('greeter-project/server-v2', path.join(project, 'server'));
      await eventually(
        () => expect(output).toContain('Updated greeter; its data was kept.'),
        60_000,
      );

      await page.getByRole('button', { name: 'Greet Ana' }).click();
      await expect
        .poll(() => greetings.allTextContents(), { timeout: 30_000 })
        .toEqual(['Hello, Ana', 'Welcome back, Ana!']);
    } finally {
      await page.close();
      dev.kill('SIGINT');
    }
    expect(await exited).toBe(0);
  }, 180_000);
});
