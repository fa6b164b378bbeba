// Where the interactive API reference's script lives: the standalone build
// that the @scalar/api-reference package ships, served by the API itself so
// the docs page loads no code from another site.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface ApiReferenceBundle {
  /** Absolute path of the single-file browser build. */
  readonly file: string;
  /** The package's version, part of the URL so the file can be cached forever. */
  readonly version: string;
}

/** Finds the installed bundle; throws when the package is missing or changed its layout. */
export function locateApiReferenceBundle(): ApiReferenceBundle {
  // The package's exports hide package.json and dist/browser; its main entry
  // (dist/index.js) locates the folder.
  const entry = createRequire(import.meta.url).resolve('@scalar/api-reference');
  const packageDir = path.resolve(path.dirname(entry), '..');
  const file = path.join(packageDir, 'dist', 'browser', 'standalone.js');
  if (!existsSync(file)) {
    throw new Error(`@scalar/api-reference has no standalone build at ${file}; run npm install`);
  }
  const { version } = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as {
    version: string;
  };
  return { file, version };
}
