import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, where `.data/` lives by default. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface StartSettings {
  /** All local data: the host's commit log and snapshots, later PGlite and media. */
  readonly dataDir: string;
  readonly spacetimePort: number;
  /** The API's public URL, which is also the issuer of its tokens (the API reads it too). */
  readonly publicUrl: string;
  /** Where `npm run dev`'s Vite server answers (Vite's default port). */
  readonly devWebOrigin: string;
}

/** Reads and checks the settings `npm start` uses, once; a bad one stops with its name. */
export function readStartSettings(env: NodeJS.ProcessEnv): StartSettings {
  return {
    dataDir: path.resolve(repoRoot, env.KITH_DATA_DIR || '.data'),
    spacetimePort: parsePort('SPACETIME_PORT', env.SPACETIME_PORT, 3000),
    publicUrl: parseUrl('PUBLIC_URL', env.PUBLIC_URL, 'http://127.0.0.1:8080'),
    devWebOrigin: 'http://127.0.0.1:5173',
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

function parseUrl(name: string, text: string | undefined, fallback: string): string {
  const value = text === undefined || text === '' ? fallback : text;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} must be an http(s) URL such as ${fallback}, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`${name} must be an http(s) URL such as ${fallback}, got "${value}"`);
  }
  return value.replace(/\/+$/, '');
}
