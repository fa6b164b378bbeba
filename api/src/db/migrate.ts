// Runs the versioned, forward-only migrations in ./migrations at start. Each
// file is named `NNNN-what.ts` and exports `up`; files run in name order, once.
// On PostgreSQL, Kysely's migrator holds an advisory lock, so instances that
// start together run each migration once.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Kysely } from 'kysely';
import {
  type Migration,
  type MigrationProvider,
  type MigrationResultSet,
  Migrator,
} from 'kysely/migration';

const migrationFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

/**
 * Loads every migration file of the folder. The import happens here rather
 * than in Kysely's FileMigrationProvider so that whatever runs our TypeScript
 * (tsx, Vitest) also loads the migrations.
 */
class FolderMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await readdir(migrationFolder)).filter(
      (file) => /\.(ts|js)$/.test(file) && !file.endsWith('.d.ts') && !file.includes('.test.'),
    );
    const migrations: Record<string, Migration> = {};
    for (const file of files) {
      const module = (await import(
        pathToFileURL(path.join(migrationFolder, file)).href
      )) as Partial<Migration>;
      if (typeof module.up !== 'function') {
        throw new MigrationError(`migration ${file} does not export an up function`);
      }
      migrations[file.replace(/\.(ts|js)$/, '')] = { up: module.up, down: module.down };
    }
    return migrations;
  }
}

/** Applies every pending migration; returns the names it applied. */
// biome-ignore lint/suspicious/noExplicitAny: migrations see the database before its schema exists
export async function migrateToLatest(db: Kysely<any>): Promise<readonly string[]> {
  const migrator = new Migrator({ db, provider: new FolderMigrationProvider() });
  const resultSet: MigrationResultSet = await migrator.migrateToLatest();
  if (resultSet.error !== undefined) {
    const failed = resultSet.results?.find((result) => result.status === 'Error');
    throw new MigrationError(
      `migration ${failed?.migrationName ?? '(unknown)'} failed: ${String(resultSet.error)}`,
      { cause: resultSet.error },
    );
  }
  return (resultSet.results ?? [])
    .filter((result) => result.status === 'Success')
    .map((result) => result.migrationName);
}
