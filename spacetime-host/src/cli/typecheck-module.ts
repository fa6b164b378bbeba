import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { CliError } from './cli-error.js';
import type { ConsoleIo } from './cli-io.js';

/**
 * The first step of `spacetime build` for TypeScript: run the module folder's
 * own `node_modules/.bin/tsc --noEmit` there, failing the build on type
 * errors, or warn that it is missing and go on, as the CLI does. Only that
 * path counts: a `tsc` hoisted to a workspace root is not looked for.
 */
export async function typecheckModule(moduleDir: string, io: ConsoleIo): Promise<void> {
  const tsc = path.join(
    moduleDir,
    'node_modules',
    '.bin',
    process.platform === 'win32' ? 'tsc.cmd' : 'tsc',
  );
  if (!existsSync(tsc)) {
    io.stderr(
      'tsc not found in node_modules. Make sure you have the `typescript` package as a dev-dependency and that your dependencies are installed.\n',
    );
    return;
  }
  const code = await run(tsc, ['--noEmit'], moduleDir, io);
  if (code !== 0)
    throw new CliError(`tsc exited with ${code === null ? 'a signal' : `code ${code}`}`, code ?? 1);
}

/** Runs a command, passing its output on to the user as it comes. */
function run(
  command: string,
  args: readonly string[],
  cwd: string,
  io: ConsoleIo,
): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: process.platform === 'win32',
    });
    child.stdout.on('data', (chunk: Buffer) => io.stdout(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => io.stderr(chunk.toString()));
    child.on('error', (error) => reject(new CliError(`Failed to execute tsc: ${error.message}`)));
    child.on('close', resolve);
  });
}
