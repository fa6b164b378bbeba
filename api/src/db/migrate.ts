// Runs the versioned, forward-only migrations in ./migrations at start. Each
// file is named `NNNN-what.ts` and exports `up`; files run in name order, once.
// On PostgreSQL, Kysely's migrator holds an advisory lock, so instances that
// start together run each migration once.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { FileMigrationProvider, type MigrationResultSet, Migrator } from 'kysely/migration';

const migrationFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

/** Applies every pending migration; returns the names it applied. */
// biome-ignore lint/suspicious/noExplicitAny: migrations see the database before its schema exists
export async function migrateToLatest(db: Kysely<any>): Promise<readonly string[]> {
  const migrator = new Migrator({
    db,
    provider: new FileMigrationProvider({ fs, path, migrationFolder }),
  });
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
