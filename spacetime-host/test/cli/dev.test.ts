// `spacetime-local dev` through the real bin, as a module developer runs it:
// a project with a spacetime.json, no host running, a module that changes.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.js';
import { useModuleCopies } from '../support/module-copies.js';
import { useTempDirs } from '../support/temp-dirs.js';
import { BIN } from './run-bin.js';

const tempDir = useTempDirs();
const modules = useModuleCopies();

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('spacetime-local dev', () => {
  it('starts a host, publishes, generates, runs the client, and follows module changes', async () => {
    const project = await modules.folder();
    const moduleDir = path.join(project, 'server');
    await modules.copyFixture('notes-v1', moduleDir);
    await writeFile(
      path.join(project, 'spacetime.json'),
      JSON.stringify({
        database: 'notes',
        'module-path': './server',
        generate: [{ language: 'typescript', 'out-dir': './client/module_bindings' }],
        dev: { run: "node -e \"require('fs').writeFileSync('client-started', '')\"" },
      }),
    );
    const home = await tempDir();
    const port = await freePort();
    const child = spawn(
      process.execPath,
      [BIN, 'dev', '--server', `http://127.0.0.1:${port}`, '--data-dir', path.join(home, 'data')],
      {
        cwd: project,
        env: { PATH: process.env.PATH ?? '', HOME: home },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      await eventually(() => expect(output).toContain('Ready. Watching for changes'), 60_000);
      expect(output).toContain(`Started a local host at http://127.0.0.1:${port}`);
      expect(output).toContain('Created database notes.');
      const bindings = path.join(project, 'client/module_bindings');
      expect(existsSync(path.join(bindings, 'index.ts'))).toBe(true);
      expect(await readFile(path.join(bindings, 'index.ts'), 'utf8')).not.toContain('add_tag');
      await eventually(() => expect(existsSync(path.join(project, 'client-started'))).toBe(true));

      await modules.copyFixture('notes-v2', moduleDir);
      await eventually(
        () => expect(output).toMatch(/Updated notes; its data was kept\.\n.*Bindings in/),
        60_000,
      );
      expect(await readFile(path.join(bindings, 'index.ts'), 'utf8')).toContain('add_tag');
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
  }, 120_000);

  it('says what is missing when there is no database or module folder', async () => {
    // Outside the repository, so that no spacetime.json above it names a database.
    const project = await tempDir();
    const home = await tempDir();
    const run = (args: string[]) =>
      new Promise<{ code: number | null; text: string }>((resolve) => {
        const child = spawn(process.execPath, [BIN, 'dev', ...args], {
          cwd: project,
          env: { PATH: process.env.PATH ?? '', HOME: home },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let text = '';
        child.stdout.on('data', (c) => {
          text += c;
        });
        child.stderr.on('data', (c) => {
          text += c;
        });
        child.on('close', (code) => resolve({ code, text }));
      });
    const noName = await run([]);
    expect(noName.code).toBe(2);
    expect(noName.text).toContain('dev needs a database name');
    const noModule = await run(['notes', '--module-path', 'nowhere']);
    expect(noModule.code).toBe(1);
    expect(noModule.text).toContain('does not exist');
  });
});
