import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CliError } from './cli-error.js';
import { loadProjectConfig } from './project-config.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function project(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'project-config-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  return dir;
}

describe('loadProjectConfig', () => {
  it('is undefined without a spacetime.json', async () => {
    expect(await loadProjectConfig(await project({}))).toBeUndefined();
  });

  it('finds the file from a subfolder and resolves paths against its folder', async () => {
    const dir = await project({
      'spacetime.json': `{
        // JSON5, as the real CLI reads it: comments and trailing commas
        "database": "kith",
        "module-path": "./spacetime-module",
        "generate": [{ "language": "typescript", "out-dir": "./shared/module_bindings" },],
        "dev": { "run": "npm run dev:apps" },
      }`,
    });
    await mkdir(path.join(dir, 'web', 'src'), { recursive: true });
    const config = await loadProjectConfig(path.join(dir, 'web', 'src'));
    expect(config).toMatchObject({
      configDir: dir,
      database: 'kith',
      modulePath: path.join(dir, 'spacetime-module'),
      devRun: 'npm run dev:apps',
      generate: [
        {
          language: 'typescript',
          outDir: path.join(dir, 'shared', 'module_bindings'),
          modulePath: path.join(dir, 'spacetime-module'),
        },
      ],
    });
  });

  it('layers env and local files over the base, whole keys at a time', async () => {
    const dir = await project({
      'spacetime.json': '{ "database": "kith", "server": "maincloud", "module-path": "m" }',
      'spacetime.dev.json': '{ "server": "local" }',
      'spacetime.local.json': '{ "database": "kith-mine" }',
    });
    expect(await loadProjectConfig(dir)).toMatchObject({
      database: 'kith-mine',
      server: 'maincloud',
    });
    expect(await loadProjectConfig(dir, 'dev')).toMatchObject({
      database: 'kith-mine',
      server: 'local',
      loadedFiles: ['spacetime.json', 'spacetime.dev.json', 'spacetime.local.json'].map((f) =>
        path.join(dir, f),
      ),
    });
  });

  it('names the file and the key when the config is wrong', async () => {
    const bad = await project({ 'spacetime.json': '{ "database": 42 }' });
    await expect(loadProjectConfig(bad)).rejects.toThrow(/spacetime\.json.*\n\s+database:/);
    const broken = await project({ 'spacetime.json': '{ "database": ' });
    await expect(loadProjectConfig(broken)).rejects.toBeInstanceOf(CliError);
    const noOut = await project({
      'spacetime.json': '{ "module-path": "m", "generate": [{ "language": "typescript" }] }',
    });
    await expect(loadProjectConfig(noOut)).rejects.toThrow(/needs an `out-dir`/);
    const children = await project({
      'spacetime.json': '{ "database": "a", "children": [{ "database": "b" }] }',
    });
    await expect(loadProjectConfig(children)).rejects.toThrow(/not supported/);
  });
});
