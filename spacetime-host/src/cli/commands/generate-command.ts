import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { GeneratedFile } from '../../codegen/index.js';
import { CliError, UsageError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { type Command, NO_CONFIG_FLAG, YES_FLAG } from '../command.js';
import { confirm } from '../confirm.js';
import { boolFlag, type ParsedArgs, stringFlag } from '../parse-args.js';
import { loadProjectConfig, type ProjectConfig } from '../project-config.js';

const USAGE =
  'spacetime-local generate [DATABASE] --lang <LANG> [--module-path <DIR> | --js-path <PATH>] [--out-dir <DIR>] [--include-private] [-y] [--env <ENV>] [--no-config]';

/** The real CLI's `--lang` values and their aliases; only TypeScript is generated here. */
const LANGUAGES: Readonly<Record<string, string>> = {
  typescript: 'typescript',
  ts: 'typescript',
  TS: 'typescript',
  csharp: 'csharp',
  'c#': 'csharp',
  cs: 'csharp',
  rust: 'rust',
  rs: 'rust',
  RS: 'rust',
  unrealcpp: 'unrealcpp',
  uecpp: 'unrealcpp',
  ue5cpp: 'unrealcpp',
  unreal: 'unrealcpp',
};

/** One set of (TypeScript) bindings to write. */
interface GenerateRun {
  readonly source: { readonly modulePath: string } | { readonly jsPath: string };
  readonly outDir: string;
}

/**
 * `spacetime generate`: client bindings for a module, from the command line
 * or the `generate` entries of `spacetime.json`, with the real CLI's flags,
 * defaults and messages (crates/cli/src/subcommands/generate.rs). Only
 * `--lang typescript` is generated; bindings are written only after the
 * module built, loaded and validated.
 */
export const generateCommand: Command = {
  name: 'generate',
  summary: 'Generate TypeScript client bindings for a module',
  usage: USAGE,
  flags: [
    { long: 'lang', short: 'l', value: 'required' },
    { long: 'out-dir', short: 'o', value: 'required' },
    { long: 'module-path', short: 'p', value: 'required' },
    { long: 'js-path', short: 'j', value: 'required' },
    { long: 'bin-path', short: 'b', value: 'required' },
    { long: 'namespace', value: 'required' },
    { long: 'include-private', value: 'none' },
    { long: 'env', value: 'required' },
    NO_CONFIG_FLAG,
    YES_FLAG,
  ],
  async run(args, ctx) {
    const { io } = ctx;
    const runs = await planRuns(args, io);
    for (const run of runs) {
      await generate(run, args, io);
    }
  },
};

async function planRuns(args: ParsedArgs, io: CliIo): Promise<GenerateRun[]> {
  const [database, ...extra] = args.positionals;
  if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'`, USAGE);
  const lang = stringFlag(args, 'lang');
  if (lang !== undefined && LANGUAGES[lang] === undefined) {
    throw new UsageError(
      `invalid value '${lang}' for '--lang <LANG>'\n  [possible values: csharp, typescript, rust, unrealcpp]`,
      USAGE,
    );
  }
  if (stringFlag(args, 'bin-path') !== undefined) {
    throw new CliError(
      'spacetime-local reads JavaScript/TypeScript modules only; --bin-path (WebAssembly) is not supported. Use --module-path or --js-path.',
    );
  }
  if (stringFlag(args, 'js-path') !== undefined && stringFlag(args, 'module-path') !== undefined) {
    throw new UsageError("the argument '--js-path' cannot be used with '--module-path'", USAGE);
  }
  const config = boolFlag(args, 'no-config')
    ? undefined
    : await loadProjectConfig(io.cwd, stringFlag(args, 'env'));
  for (const file of config?.loadedFiles ?? []) io.stdout(`Using configuration from ${file}\n`);

  const fromConfig = configuredRuns(config, database, args, io);
  if (fromConfig.length > 0) return fromConfig;
  return [commandLineRun(args, io, config?.configDir)];
}

/** The `generate` entries of `spacetime.json`, with the command line's values taking precedence. */
function configuredRuns(
  config: ProjectConfig | undefined,
  database: string | undefined,
  args: ParsedArgs,
  io: CliIo,
): GenerateRun[] {
  if (config === undefined || config.generate.length === 0) return [];
  if (database !== undefined && !globMatches(database, config.database)) {
    throw new CliError(
      `No database target matches '${database}'. Available databases: ${config.database ?? ''}`,
    );
  }
  if (config.generate.length > 1) {
    const perEntry = ['lang', 'out-dir', 'module-path', 'js-path'].filter(
      (flag) => stringFlag(args, flag) !== undefined,
    );
    if (perEntry.length > 0) {
      throw new CliError(
        `${perEntry.map((f) => `--${f}`).join(', ')} cannot be used when spacetime.json has several generate targets; remove them or pass --no-config.`,
      );
    }
  }
  return config.generate.map((entry) => {
    requireTypeScript(stringFlag(args, 'lang') ?? entry.language);
    return {
      source: moduleSource(args, io, entry.modulePath),
      outDir: resolveFlag(args, 'out-dir', io) ?? entry.outDir,
    };
  });
}

/** One run from the flags alone; defaults are relative to the project folder, as the real CLI's. */
function commandLineRun(args: ParsedArgs, io: CliIo, configDir: string | undefined): GenerateRun {
  const base = configDir ?? io.cwd;
  const lang = stringFlag(args, 'lang');
  if (lang === undefined) {
    const detected = detectLanguage(base);
    io.stdout(
      `Detected client language '${detected}' from '${base}'. If this is not correct, pass --lang or add a generate target in spacetime.json.\n`,
    );
    requireTypeScript(detected);
  } else {
    requireTypeScript(lang);
  }
  return {
    source: moduleSource(args, io, path.join(base, 'spacetimedb')),
    outDir: resolveFlag(args, 'out-dir', io) ?? path.join(base, 'src', 'module_bindings'),
  };
}

function moduleSource(args: ParsedArgs, io: CliIo, defaultModulePath: string) {
  const jsPath = resolveFlag(args, 'js-path', io);
  if (jsPath !== undefined) return { jsPath };
  const modulePath = resolveFlag(args, 'module-path', io) ?? defaultModulePath;
  if (!existsSync(modulePath) || !statSync(modulePath).isDirectory()) {
    throw new CliError(
      `Could not find module source at '${modulePath}'. If this is not correct, pass --module-path or add module-path in spacetime.json. You can also pass --js-path to generate without building from source.`,
    );
  }
  return { modulePath };
}

/** Refuses every language but TypeScript, naming it. */
function requireTypeScript(lang: string): void {
  const language = LANGUAGES[lang];
  if (language === undefined) {
    throw new CliError(
      `Unknown language '${lang}'; the languages are csharp, typescript, rust and unrealcpp.`,
    );
  }
  if (language !== 'typescript') {
    throw new CliError(
      `spacetime-local generates TypeScript bindings only (--lang typescript); for --lang ${language}, use the real \`spacetime\` CLI.`,
    );
  }
}

/** The real CLI's guess from the client project: package.json, Cargo.toml or a .csproj. */
function detectLanguage(dir: string): string {
  if (existsSync(path.join(dir, 'package.json'))) return 'typescript';
  if (existsSync(path.join(dir, 'Cargo.toml'))) return 'rust';
  if (existsSync(dir) && readdirSync(dir).some((name) => name.endsWith('.csproj'))) return 'csharp';
  throw new CliError(
    `Could not auto-detect client language from '${dir}'. If this is not correct, pass --lang or add a generate target in spacetime.json.`,
  );
}

function resolveFlag(args: ParsedArgs, name: string, io: CliIo): string | undefined {
  const value = stringFlag(args, name);
  return value === undefined ? undefined : path.resolve(io.cwd, value);
}

/** clap-style glob for the DATABASE filter: `*` any run, `?` one character. */
function globMatches(pattern: string, name: string | undefined): boolean {
  if (name === undefined) return false;
  const source = [...pattern]
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 'u').test(name);
}

async function generate(run: GenerateRun, args: ParsedArgs, io: CliIo): Promise<void> {
  if (stringFlag(args, 'namespace') !== undefined) {
    throw new CliError('--namespace is only supported with --lang csharp');
  }
  // Loaded on demand: esbuild and the module runtime are only needed here.
  const codegen = await import('../../codegen/index.js');
  const shown = (file: string) => displayPath(io.cwd, file);
  const where = 'jsPath' in run.source ? run.source.jsPath : run.source.modulePath;
  io.stdout(`Generating TypeScript module bindings for module ${shown(where)}\n`);

  const program = await loadProgram(run, io);
  let files: GeneratedFile[];
  let privateTables: string[];
  const includePrivate = boolFlag(args, 'include-private');
  try {
    const definition = codegen.describeModuleBundle(program);
    files = codegen.generateTypeScriptBindings(definition, { includePrivate });
    privateTables = codegen.privateTableNames(definition);
  } catch (error) {
    throw new CliError(`could not extract schema: ${(error as Error).message}`);
  }
  if (privateTables.length > 0 && !includePrivate) {
    io.stdout(`Skipping private tables during codegen: ${privateTables.join(', ')}.\n`);
  }

  const result = await codegen.writeGeneratedFiles(run.outDir, files, {
    onWrite: (file) => io.stdout(`Writing file ${shown(file)}\n`),
    async confirmRemoval(stale) {
      io.stdout('The following files were not generated by this command and will be deleted:\n');
      for (const file of stale) io.stdout(`  ${shown(file)}\n`);
      return confirm(io, 'Are you sure you want to delete these files?', boolFlag(args, 'yes'));
    },
  });
  if (result.removed.length > 0) io.stdout('Files deleted successfully.\n');
  if (result.kept.length > 0) io.stdout('Files not deleted.\n');
  io.stdout('Generate finished successfully.\n');
}

async function loadProgram(run: GenerateRun, io: CliIo): Promise<string> {
  if ('jsPath' in run.source) {
    const file = run.source.jsPath;
    io.stdout(`Skipping build. Instead we are inspecting ${displayPath(io.cwd, file)}\n`);
    try {
      return await readFile(file, 'utf8');
    } catch (error) {
      throw new CliError(`Cannot read ${file}: ${(error as Error).message}`);
    }
  }
  io.stdout(`Building module ${displayPath(io.cwd, run.source.modulePath)}...\n`);
  try {
    return await io.bundleModule(run.source.modulePath);
  } catch (error) {
    // A failed typecheck keeps tsc's exit code, as `spacetime build` exits with it.
    if (error instanceof CliError) throw error;
    throw new CliError((error as Error).message);
  }
}

/** A path as the user would type it: relative to the working directory when inside it. */
function displayPath(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative)
    ? file
    : relative;
}
