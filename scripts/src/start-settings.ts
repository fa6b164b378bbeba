import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, where `.data/` lives by default. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface StartSettings {
  /** All local data: the host's commit log and snapshots, later PGlite and media. */
  readonly dataDir: string;
  readonly spacetimePort: number;
}

/** Reads and checks the settings `npm start` uses, once; a bad one stops with its name. */
export function readStartSettings(env: NodeJS.ProcessEnv): StartSettings {
  return {
    dataDir: path.resolve(repoRoot, env.KITH_DATA_DIR || '.data'),
    spacetimePort: parsePort('SPACETIME_PORT', env.SPACETIME_PORT, 3000),
  };
}

function parsePort(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined || text === '') return fallback;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${name} must be a TCP port number from 1 to 65535, got "${text}"`);
  }
  return port;
}
