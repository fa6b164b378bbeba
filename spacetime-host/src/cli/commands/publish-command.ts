import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseIdentityHex } from '../../auth/identity.js';
import { databaseNameProblem } from '../../http/name-or-identity.js';
import type { ApiClient } from '../api-client.js';
import { responseError } from '../api-client.js';
import { CliError, UsageError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { ANONYMOUS_FLAG, type Command, connect, SERVER_FLAG } from '../command.js';
import { confirm } from '../confirm.js';
import { boolFlag, type ParsedArgs, stringFlag } from '../parse-args.js';
import { type YesFlags, yesFlags } from '../yes-flags.js';

const USAGE =
  'spacetime-local publish [NAME|IDENTITY] [-p MODULE_PATH | -j JS_FILE] [-c|--delete-data[=always|on-conflict|never]] [-y|--yes[=...]] [-s SERVER]';

type ClearMode = 'always' | 'on-conflict' | 'never';

interface PrePublishAnswer {
  readonly AutoMigrate?: { migrate_plan: string; break_clients: boolean; token: string };
  readonly ManualMigrate?: { reason: string };
}

/**
 * `spacetime publish`: bundles the module folder (as `spacetime build`) and
 * uploads it, creating the database or updating it in place; with
 * `--delete-data` an existing database's data is destroyed first.
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
  ],
  async run(args, ctx) {
    const [name, ...extra] = args.positionals;
    if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'`, USAGE);
    if (name !== undefined) validateName(name);
    if (stringFlag(args, 'bin-path') !== undefined) {
      throw new CliError(
        'spacetime-local runs JavaScript/TypeScript modules only; --bin-path (WebAssembly) is not supported.',
      );
    }
    const clear = (stringFlag(args, 'delete-data') ?? 'never') as ClearMode;
    const yes = yesFlags(stringFlag(args, 'yes'));
    const client = await connect(args, ctx);
    const program = await loadProgram(args, ctx.io);

    ctx.io.stdout(
      `Uploading to ${stringFlag(args, 'server') ?? client.baseUrl} => ${client.baseUrl}\n`,
    );
    const query: Record<string, string | undefined> = {
      num_replicas: stringFlag(args, 'num-replicas'),
      host_type: 'Js',
    };
    if (name !== undefined) {
      if (clear === 'always') {
        await confirmClear(ctx.io, name, yes);
        query.clear = 'true';
      } else {
        Object.assign(
          query,
          await prePublish(
            client,
            ctx.io,
            name,
            program,
            clear,
            yes,
            boolFlag(args, 'break-clients'),
          ),
        );
      }
    }
    ctx.io.stdout('Publishing module...\n');
    const response = await client.request(
      name === undefined ? 'POST' : 'PUT',
      name === undefined ? '/v1/database' : `/v1/database/${encodeURIComponent(name)}`,
      { body: program, query },
    );
    if (!response.ok || response.headers.get('content-type') !== 'application/json') {
      throw await responseError(response);
    }
    const result = (await response.json()) as {
      Success?: { domain: string | null; database_identity: string; op: 'created' | 'updated' };
      PermissionDenied?: { name: string };
    };
    if (result.Success === undefined) {
      throw new CliError(
        `The database ${result.PermissionDenied?.name ?? name} is not registered to the identity you provided.`,
      );
    }
    const op = result.Success.op === 'created' ? 'Created new' : 'Updated';
    ctx.io.stdout(
      result.Success.domain === null
        ? `${op} database with identity: ${result.Success.database_identity}\n`
        : `${op} database with name: ${result.Success.domain}, identity: ${result.Success.database_identity}\n`,
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
async function loadProgram(args: ParsedArgs, io: CliIo): Promise<string> {
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
      : isDirectory(path.join(io.cwd, 'spacetimedb'))
        ? path.join(io.cwd, 'spacetimedb')
        : io.cwd;
  if (!existsSync(dir)) throw new CliError(`Project path does not exist: ${dir}`);
  io.stdout(`Building module ${dir}...\n`);
  try {
    return await io.bundleModule(dir);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
}

function isDirectory(dir: string): boolean {
  return existsSync(dir) && statSync(dir).isDirectory();
}

async function confirmClear(io: CliIo, name: string, yes: YesFlags): Promise<void> {
  io.stdout(`This will DESTROY the current ${name} module, and ALL corresponding data.\n`);
  if (
    !(await confirm(io, `Are you sure you want to proceed? [deleting ${name}]`, yes.deleteData))
  ) {
    throw new CliError('Aborted.');
  }
}

/**
 * The real CLI's `apply_pre_publish_if_needed`: ask the server for a
 * migration plan (404 = new database) and add its token to the publish.
 */
async function prePublish(
  client: ApiClient,
  io: CliIo,
  name: string,
  program: string,
  clear: ClearMode,
  yes: YesFlags,
  forceBreakClients: boolean,
): Promise<Record<string, string>> {
  io.stdout('Checking for breaking changes...\n');
  const response = await client.request(
    'POST',
    `/v1/database/${encodeURIComponent(name)}/pre_publish`,
    {
      body: program,
      query: { pretty_print_style: 'NoColor', host_type: 'Js' },
    },
  );
  if (response.status === 404) return {};
  if (!response.ok) {
    throw new CliError(
      `Pre-publish check failed with status ${response.status}: ${await response.text()}`,
    );
  }
  const answer = (await response.json()) as PrePublishAnswer;
  if (answer.ManualMigrate !== undefined) {
    io.stdout(`${answer.ManualMigrate.reason}\n`);
    if (clear === 'never') {
      io.stdout('Aborting publish due to required manual migration.\n');
      throw new CliError(
        'Aborting because publishing would require manual migration or deletion of data and --delete-data was not specified.',
      );
    }
    io.stdout('Proceeding with database clear due to --delete-data=on-conflict.\n');
    await confirmClear(io, name, yes);
    return { clear: 'true' };
  }
  const plan = answer.AutoMigrate;
  if (plan === undefined) return {};
  io.stdout(`${plan.migrate_plan}\n`);
  if (
    plan.break_clients &&
    !(await confirm(
      io,
      'The above changes will BREAK existing clients. Do you want to proceed?',
      forceBreakClients || yes.breakClients,
    ))
  ) {
    throw new CliError('Publishing aborted by user');
  }
  return { token: plan.token, policy: 'BreakClients' };
}
