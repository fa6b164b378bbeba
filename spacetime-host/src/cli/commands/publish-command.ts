import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseIdentityHex } from '../../auth/identity.js';
import { databaseNameProblem } from '../../http/name-or-identity.js';
import { CliError, UsageError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { ANONYMOUS_FLAG, type Command, connect, NO_CONFIG_FLAG, SERVER_FLAG } from '../command.js';
import { boolFlag, type ParsedArgs, stringFlag } from '../parse-args.js';
import { loadProjectConfig } from '../project-config.js';
import { type ClearMode, publishProgram } from '../publish-program.js';
import { yesFlags } from '../yes-flags.js';

const USAGE =
  'spacetime-local publish [NAME|IDENTITY] [-p MODULE_PATH | -j JS_FILE] [-c|--delete-data[=always|on-conflict|never]] [-y|--yes[=...]] [-s SERVER] [--no-config]';

/**
 * `spacetime publish`: bundles the module folder (as `spacetime build`) and
 * uploads it, creating the database or updating it in place; with
 * `--delete-data` an existing database's data is destroyed first. As the real
 * CLI, it takes the database name, module path and server from the project's
 * `spacetime.json` when the command line does not give them.
 */
export const publishCommand: Command = {
  name: 'publish',
  summary: 'Create or update a database from a module folder',
  usage: USAGE,
  flags: [
    SERVER_FLAG,
    ANONYMOUS_FLAG,
    { long: 'module-path', short: 'p', value: 'required' },
    { long: 'js-path', short: 'j', value: 'required' },
    { long: 'bin-path', short: 'b', value: 'required' },
    {
      long: 'delete-data',
      short: 'c',
      value: 'optional',
      implied: 'always',
      choices: ['always', 'on-conflict', 'never'],
    },
    { long: 'yes', short: 'y', value: 'optional', implied: 'all' },
    { long: 'break-clients', value: 'none' },
    { long: 'num-replicas', value: 'required' },
    NO_CONFIG_FLAG,
  ],
  async run(args, ctx) {
    const [nameArg, ...extra] = args.positionals;
    if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'`, USAGE);
    const project = boolFlag(args, 'no-config') ? undefined : await loadProjectConfig(ctx.io.cwd);
    const name = nameArg ?? project?.database;
    if (name !== undefined) validateName(name);
    if (stringFlag(args, 'bin-path') !== undefined) {
      throw new CliError(
        'spacetime-local runs JavaScript/TypeScript modules only; --bin-path (WebAssembly) is not supported.',
      );
    }
    const clear = (stringFlag(args, 'delete-data') ?? 'never') as ClearMode;
    const yes = yesFlags(stringFlag(args, 'yes'));
    const client = await connect(args, ctx, project?.server);
    const program = await loadProgram(args, ctx.io, project?.modulePath);

    ctx.io.stdout(
      `Uploading to ${stringFlag(args, 'server') ?? client.baseUrl} => ${client.baseUrl}\n`,
    );
    const result = await publishProgram(client, ctx.io, {
      name,
      program,
      clear,
      yes,
      breakClients: boolFlag(args, 'break-clients'),
      numReplicas: stringFlag(args, 'num-replicas'),
    });
    const op = result.op === 'created' ? 'Created new' : 'Updated';
    ctx.io.stdout(
      result.domain === null
        ? `${op} database with identity: ${result.databaseIdentity}\n`
        : `${op} database with name: ${result.domain}, identity: ${result.databaseIdentity}\n`,
    );
  },
};

function validateName(name: string): void {
  if (name.includes('/')) {
    throw new CliError('spacetime-local does not support parent databases (`parent/child` names).');
  }
  if (parseIdentityHex(name) !== undefined) return;
  const problem = databaseNameProblem(name);
  if (problem !== undefined) throw new CliError(problem);
}

/** The module bundle: a prebuilt file (`--js-path`), or the module folder bundled as `spacetime build` does. */
async function loadProgram(
  args: ParsedArgs,
  io: CliIo,
  projectModulePath: string | undefined,
): Promise<string> {
  const jsPath = stringFlag(args, 'js-path');
  if (jsPath !== undefined) {
    const file = path.resolve(io.cwd, jsPath);
    io.stdout(`(JS) Skipping build. Instead we are publishing ${file}\n`);
    try {
      return await readFile(file, 'utf8');
    } catch (error) {
      throw new CliError(`Cannot read ${file}: ${(error as Error).message}`);
    }
  }
  const modulePath = stringFlag(args, 'module-path');
  const dir =
    modulePath !== undefined
      ? path.resolve(io.cwd, modulePath)
      : projectModulePath !== undefined
        ? projectModulePath
        : isDirectory(path.join(io.cwd, 'spacetimedb'))
          ? path.join(io.cwd, 'spacetimedb')
          : io.cwd;
  if (!existsSync(dir)) throw new CliError(`Project path does not exist: ${dir}`);
  io.stdout(`Building module ${dir}...\n`);
  try {
    return await io.bundleModule(dir);
  } catch (error) {
    // A failed typecheck keeps tsc's exit code, as `spacetime build` exits with it.
    if (error instanceof CliError) throw error;
    throw new CliError((error as Error).message);
  }
}

function isDirectory(dir: string): boolean {
  return existsSync(dir) && statSync(dir).isDirectory();
}
