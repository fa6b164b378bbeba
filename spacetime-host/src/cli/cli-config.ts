import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CliError } from './cli-error.js';

/** What the CLI remembers about one server: the token it got there and the key that signed it. */
export interface ServerCredentials {
  readonly token: string;
  /** The server's public key when the token was issued; a different key means a reset host. */
  readonly publicKey?: string;
}

export interface CliConfigData {
  readonly defaultServer?: string;
  /** By server URL, e.g. `http://127.0.0.1:3000`. */
  readonly servers: Readonly<Record<string, ServerCredentials>>;
}

/**
 * `~/.config/spacetime-local/cli.json` (or `$SPACETIME_LOCAL_CONFIG`): like the
 * real CLI's `cli.toml`, it keeps the identity token; unlike it, one token per
 * server, since every local host signs its own.
 */
export function configPath(env: Readonly<Record<string, string | undefined>>): string {
  if (env.SPACETIME_LOCAL_CONFIG) return env.SPACETIME_LOCAL_CONFIG;
  const base = env.XDG_CONFIG_HOME || path.join(env.HOME || os.homedir(), '.config');
  return path.join(base, 'spacetime-local', 'cli.json');
}

export async function loadConfig(file: string): Promise<CliConfigData> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { servers: {} };
    throw error;
  }
  try {
    const data = JSON.parse(text) as Partial<CliConfigData>;
    return { ...data, servers: { ...(data.servers ?? {}) } };
  } catch {
    throw new CliError(`The CLI config ${file} is not valid JSON; fix or delete it.`);
  }
}

export async function saveConfig(file: string, data: CliConfigData): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  // The file holds bearer tokens: readable by the user only.
  await writeFile(temp, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
  await rename(temp, file);
}
