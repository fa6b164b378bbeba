import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../test/support/temp-dirs.js';
import { buildModule } from './build-module.js';
import { CliError } from './cli-error.js';
import type { ConsoleIo } from './cli-io.js';

const tempDir = useTempDirs();
// The workspace's tsc, linked into each test module folder as its own.
const TSC = path.join(
  path.dirname(createRequire(import.meta.url).resolve('typescript/package.json')),
  'bin/tsc',
);
const TSCONFIG = JSON.stringify({
  compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', strict: true, types: [] },
  include: ['src'],
});

function recordingIo(): ConsoleIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (text: string) => {
      io.out += text;
    },
    stderr: (text: string) => {
      io.err += text;
    },
    prompt: async () => undefined,
  };
  return io;
}

async function moduleFolder(files: Record<string, string>, withTsc: boolean): Promise<string> {
  const dir = await tempDir();
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  if (withTsc) {
    await mkdir(path.join(dir, 'node_modules/.bin'), { recursive: true });
    await symlink(TSC, path.join(dir, 'node_modules/.bin/tsc'));
  }
  return dir;
}

describe('buildModule (spacetime build for the CLI)', () => {
  it('type-checks with the folder’s own tsc and stops at a type error with tsc’s exit code', async () => {
    const dir = await moduleFolder(
      {
        'tsconfig.json': TSCONFIG,
        'src/index.ts': 'const n: number = "one";\nexport default n;\n',
      },
      true,
    );
    const io = recordingIo();
    const error = await buildModule(dir, io).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CliError);
    const { exitCode, message } = error as CliError;
    expect(exitCode).toBeGreaterThan(0);
    expect(message).toBe(`tsc exited with code ${exitCode}`);
    expect(io.out).toMatch(/src\/index\.ts.*error TS2322/);
  });

  it('bundles once the types are right, without the missing-tsc warning', async () => {
    const dir = await moduleFolder(
      {
        'tsconfig.json': TSCONFIG,
        'src/index.ts':
          '// @ts-expect-error the host provides it\nimport { moduleHooks } from "spacetime:sys@2.0";\nexport default moduleHooks;\n',
      },
      true,
    );
    const io = recordingIo();
    const program = await buildModule(dir, io);
    expect(program).toMatch(/^import \{ moduleHooks \} from "spacetime:sys@2\.0";/);
    expect(io.err).toBe('');
  });

  it('warns, as the CLI, when the folder has no tsc, and says what a real build would refuse', async () => {
    const dir = await moduleFolder({ 'src/index.ts': 'export const greeting = "hi";\n' }, false);
    const io = recordingIo();
    expect(await buildModule(dir, io)).toContain('"hi"');
    expect(io.err).toContain('tsc not found in node_modules.');
    expect(io.err).toMatch(/would refuse this module: no tsconfig\.json/);
    expect(io.err).toMatch(
      /would refuse this module: Your module doesn't import the `spacetimedb\/server` package/,
    );
  });
});
