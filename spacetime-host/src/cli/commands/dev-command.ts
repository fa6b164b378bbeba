import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { startDevSession } from '../../dev/dev-session.js';
import { ApiClient } from '../api-client.js';
import { loadConfig } from '../cli-config.js';
import { CliError, UsageError } from '../cli-error.js';
import { type Command, type CommandContext, NO_CONFIG_FLAG, SERVER_FLAG } from '../command.js';
import { serverToken } from '../credentials.js';
import { boolFlag, type ParsedArgs, stringFlag } from '../parse-args.js';
import { type GenerateTarget, loadProjectConfig, type ProjectConfig } from '../project-config.js';
import type { ClearMode } from '../publish-program.js';
import { resolveServerUrl } from '../server-url.js';
import { yesFlags } from '../yes-flags.js';
import { defaultDataDir, serveDataDir } from './start-command.js';

const USAGE =
  'spacetime-local dev [DATABASE] [--module-path PATH] [--module-bindings-path PATH] [-s SERVER] [--run COMMAND | --server-only] [-c|--delete-data[=always|on-conflict|never]] [-y] [--skip-generate] [--skip-publish] [--data-dir DIR] [--env ENV] [--no-config]';

/**
 * `spacetime dev`: publish the module, regenerate client bindings and run the
 * client's dev server, then do it again on every change to the module. When
 * the server is this machine's and nothing answers there, a host is started
 * in-process (the real CLI expects `spacetime start` to be running).
 */
export const devCommand: Command = {
  name: 'dev',
  summary: 'Republish the module and regenerate bindings on every change; run the client',
  usage: USAGE,
  flags: [
    SERVER_FLAG,
    NO_CONFIG_FLAG,
    { long: 'project-path', value: 'required' },
    { long: 'module-path', value: 'required' },
    { long: 'module-bindings-path', value: 'required' },
    { long: 'client-lang', value: 'required' },
    { long: 'run', value: 'required' },
    { long: 'server-only', value: 'none' },
    { long: 'skip-publish', value: 'none' },
    { long: 'skip-generate', value: 'none' },
    { long: 'env', value: 'required' },
    {
      long: 'delete-data',
      short: 'c',
      value: 'optional',
      implied: 'always',
      choices: ['always', 'on-conflict', 'never'],
    },
    { long: 'yes', short: 'y', value: 'optional', implied: 'all' },
    { long: 'data-dir', value: 'required' },
  ],
  async run(args, ctx) {
    const extra = args.positionals.slice(1);
    if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'`, USAGE);
    const projectDir = path.resolve(ctx.io.cwd, stringFlag(args, 'project-path') ?? '.');
    const project = boolFlag(args, 'no-config')
      ? undefined
      : await loadProjectConfig(projectDir, stringFlag(args, 'env') ?? 'dev');
    const plan = devPlan(args, projectDir, project);
    const clear = (stringFlag(args, 'delete-data') ?? 'never') as ClearMode;
    const yes = yesFlags(stringFlag(args, 'yes'));

    const serverUrl = resolveServerUrl(
      stringFlag(args, 'server') ?? project?.server,
      ctx.io.env,
      (await loadConfig(ctx.configFile)).defaultServer,
    );
    const embedded = await startHostIfAbsent(ctx, serverUrl, stringFlag(args, 'data-dir'));
    const client = new ApiClient(serverUrl);
    const token = await serverToken(client, ctx.configFile, ctx.io);

    ctx.io.stdout(
      `spacetime-local dev: ${plan.database} on ${serverUrl}\n  module   ${plan.modulePath}\n${plan.generate
        .map((t) => `  bindings ${t.outDir} (${t.language})\n`)
        .join('')}`,
    );
    const session = await startDevSession({
      serverUrl,
      token,
      database: plan.database,
      modulePath: plan.modulePath,
      generate: boolFlag(args, 'skip-generate') ? [] : plan.generate,
      skipPublish: boolFlag(args, 'skip-publish'),
      clear,
      yes,
      io: ctx.io,
      bundle: (dir) => ctx.io.bundleModule(dir),
    });
    const runCommand = boolFlag(args, 'server-only')
      ? undefined
      : (stringFlag(args, 'run') ?? project?.devRun);
    const clientProcess =
      runCommand === undefined ? undefined : startClient(runCommand, plan.projectDir, ctx);
    ctx.io.stdout('Press Ctrl+C to stop.\n');
    await ctx.io.untilStopped();
    ctx.io.stdout('Stopping...\n');
    await session.close();
    await stopClient(clientProcess);
    await embedded?.close();
  },
};

interface DevPlan {
  readonly projectDir: string;
  readonly database: string;
  readonly modulePath: string;
  readonly generate: readonly GenerateTarget[];
}

/** What to publish and generate, from the flags and `spacetime.json` (flags win). */
function devPlan(
  args: ParsedArgs,
  cwdProject: string,
  project: ProjectConfig | undefined,
): DevPlan {
  const projectDir = project?.configDir ?? cwdProject;
  const database = (args.positionals[0] as string | undefined) ?? project?.database;
  if (database === undefined) {
    throw new UsageError(
      'dev needs a database name: `spacetime-local dev <NAME>`, or `"database"` in spacetime.json',
      USAGE,
    );
  }
  const modulePathFlag = stringFlag(args, 'module-path');
  const modulePath =
    modulePathFlag !== undefined
      ? path.resolve(projectDir, modulePathFlag)
      : (project?.modulePath ?? path.join(projectDir, 'spacetimedb'));
  if (!existsSync(modulePath) || !statSync(modulePath).isDirectory()) {
    throw new CliError(
      `The module folder ${modulePath} does not exist. Give it with --module-path, or as "module-path" in spacetime.json.`,
    );
  }
  const language = stringFlag(args, 'client-lang') ?? 'typescript';
  const bindingsFlag = stringFlag(args, 'module-bindings-path');
  if (bindingsFlag !== undefined && path.isAbsolute(bindingsFlag)) {
    throw new UsageError('Module bindings path must be a relative path', USAGE);
  }
  const generate =
    project !== undefined && project.generate.length > 0 && bindingsFlag === undefined
      ? project.generate
      : [
          {
            language,
            outDir: path.join(projectDir, bindingsFlag ?? path.join('src', 'module_bindings')),
            modulePath,
          },
        ];
  return { projectDir, database, modulePath, generate };
}

/**
 * A host for a local server address that nobody serves yet, so `dev` works on
 * a machine with nothing running; a remote server must already be up.
 */
async function startHostIfAbsent(
  ctx: CommandContext,
  serverUrl: string,
  dataDirFlag: string | undefined,
): Promise<{ close(): Promise<void> } | undefined> {
  const url = new URL(serverUrl);
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (!loopback || (await answersPing(serverUrl))) return undefined;
  const dataDir = path.resolve(ctx.io.cwd, dataDirFlag ?? defaultDataDir(ctx.io.env));
  const served = await serveDataDir(ctx, {
    dataDir,
    address: url.hostname === 'localhost' ? '127.0.0.1' : url.hostname.replace(/^\[|\]$/g, ''),
    port: Number(url.port || 80),
    allowInsecureLocalIssuers: true,
  });
  ctx.io.stdout(`Started a local host at ${served.url} (data in ${dataDir})\n`);
  return served;
}

async function answersPing(serverUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${serverUrl}/v1/ping`, { signal: AbortSignal.timeout(2_000) });
    return response.ok;
  } catch {
    return false;
  }
}

/** The client's dev server, in its own process group so that stopping reaches its children. */
function startClient(command: string, cwd: string, ctx: CommandContext): ChildProcess {
  ctx.io.stdout(`Client command: ${command}\n`);
  const child = spawn(command, { cwd, shell: true, stdio: 'inherit', detached: true });
  child.on('exit', (code, signal) => {
    if (signal === null && code !== 0) {
      ctx.io.stderr(`The client command \`${command}\` exited with code ${code}.\n`);
    }
  });
  return child;
}

async function stopClient(child: ChildProcess | undefined): Promise<void> {
  if (child?.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-(child.pid as number), 'SIGKILL');
    } catch {}
  }, 5_000);
  await exited;
  clearTimeout(timer);
}
