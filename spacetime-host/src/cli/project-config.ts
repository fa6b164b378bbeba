import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import JSON5 from 'json5';
import { z } from 'zod';
import { CliError } from './cli-error.js';

export const CONFIG_FILENAME = 'spacetime.json';

/** One `generate` entry of `spacetime.json`, with its paths resolved. */
export interface GenerateTarget {
  readonly language: string;
  readonly outDir: string;
  readonly modulePath: string;
}

/**
 * A project's `spacetime.json`, merged as the real CLI merges it
 * (crates/cli/src/spacetime_config.rs): the base file, then
 * `spacetime.<env>.json`, `spacetime.local.json`, `spacetime.<env>.local.json`,
 * each later file replacing whole keys. Paths are resolved against the folder
 * that holds `spacetime.json`.
 */
export interface ProjectConfig {
  readonly configDir: string;
  readonly loadedFiles: readonly string[];
  readonly database?: string;
  readonly modulePath?: string;
  readonly server?: string;
  readonly generate: readonly GenerateTarget[];
  readonly devRun?: string;
}

const generateEntry = z
  .object({
    language: z.string().min(1),
    'out-dir': z.string().min(1).optional(),
    'module-path': z.string().min(1).optional(),
  })
  .loose();

// Unknown keys are kept (the real CLI has more: build-options, num-replicas...),
// but the ones spacetime-local reads must have the right shape.
const configFile = z
  .object({
    database: z.string().min(1).optional(),
    'module-path': z.string().min(1).optional(),
    server: z.string().min(1).optional(),
    generate: z.array(generateEntry).optional(),
    dev: z
      .object({ run: z.string().min(1).optional() })
      .strict()
      .optional(),
    children: z.array(z.unknown()).optional(),
  })
  .loose();

type ConfigFile = z.infer<typeof configFile>;

/** The folder holding `spacetime.json`, searched from `startDir` upwards; undefined when none. */
export function findProjectDir(startDir: string): string | undefined {
  let dir = path.resolve(startDir);
  for (;;) {
    if (existsSync(path.join(dir, CONFIG_FILENAME))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Loads and merges the project's config files; undefined when there is no `spacetime.json`. */
export async function loadProjectConfig(
  startDir: string,
  env?: string,
): Promise<ProjectConfig | undefined> {
  const configDir = findProjectDir(startDir);
  if (configDir === undefined) return undefined;
  const names = [
    CONFIG_FILENAME,
    ...(env === undefined ? [] : [`spacetime.${env}.json`]),
    'spacetime.local.json',
    ...(env === undefined ? [] : [`spacetime.${env}.local.json`]),
  ];
  const loadedFiles: string[] = [];
  let merged: ConfigFile = {};
  for (const name of names) {
    const file = path.join(configDir, name);
    if (!existsSync(file)) continue;
    merged = { ...merged, ...(await readConfigFile(file)) };
    loadedFiles.push(file);
  }
  if (merged.children !== undefined) {
    throw new CliError(
      `${path.join(configDir, CONFIG_FILENAME)}: \`children\` (several databases) is not supported by spacetime-local; use one database per project.`,
    );
  }
  const resolve = (p: string) => path.resolve(configDir, p);
  const modulePath =
    merged['module-path'] === undefined ? undefined : resolve(merged['module-path']);
  return {
    configDir,
    loadedFiles,
    ...(merged.database === undefined ? {} : { database: merged.database }),
    ...(modulePath === undefined ? {} : { modulePath }),
    ...(merged.server === undefined ? {} : { server: merged.server }),
    ...(merged.dev?.run === undefined ? {} : { devRun: merged.dev.run }),
    generate: (merged.generate ?? []).map((entry) => {
      const entryModulePath =
        entry['module-path'] === undefined ? modulePath : resolve(entry['module-path']);
      if (entryModulePath === undefined) {
        throw new CliError(
          `${path.join(configDir, CONFIG_FILENAME)}: a \`generate\` entry needs a \`module-path\` (on the entry or at the top level).`,
        );
      }
      if (entry['out-dir'] === undefined) {
        throw new CliError(
          `${path.join(configDir, CONFIG_FILENAME)}: the \`generate\` entry for ${entry.language} needs an \`out-dir\`.`,
        );
      }
      return {
        language: entry.language,
        outDir: resolve(entry['out-dir']),
        modulePath: entryModulePath,
      };
    }),
  };
}

async function readConfigFile(file: string): Promise<ConfigFile> {
  let parsed: unknown;
  try {
    parsed = JSON5.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new CliError(`Cannot read ${file}: ${(error as Error).message}`);
  }
  const result = configFile.safeParse(parsed);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new CliError(`${file} is not a valid spacetime.json:\n${problems.join('\n')}`);
  }
  return result.data;
}
