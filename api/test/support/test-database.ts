// Databases for tests: an in-memory PGlite always, and a freshly created
// PostgreSQL database (dropped afterwards) when DATABASE_URL is set, as CI
// sets it. Suites loop over testDatabaseKinds() so every route runs on both.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import {
  type DatabaseTarget,
  type OpenDatabaseOptions,
  type OpenedDatabase,
  openDatabase,
} from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { dropTestDatabase } from './drop-test-database.js';

export type TestDatabaseKind = 'pglite' | 'postgres';

/** The server tests may use; read here because tests are not the service. */
const serverUrl = process.env.DATABASE_URL || undefined;

export function testDatabaseKinds(): TestDatabaseKind[] {
  return serverUrl === undefined ? ['pglite'] : ['pglite', 'postgres'];
}

export interface TestDatabase extends OpenedDatabase {
  /** The PostgreSQL URL of this database (postgres only). */
  readonly url: string | undefined;
}

/** A new, empty, migrated database of the given kind. */
export async function createTestDatabase(
  kind: TestDatabaseKind,
  options: OpenDatabaseOptions = {},
): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const opened = await openDatabase({ kind: 'pglite', dataDir: undefined });
    await migrateToLatest(opened.db);
    return { ...opened, url: undefined };
  }
  if (serverUrl === undefined) throw new Error('DATABASE_URL is not set');
  const name = `kith_test_${randomBytes(6).toString('hex')}`;
  await runOnServer(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const target: DatabaseTarget = { kind: 'postgres', url: url.href, maxConnections: 8 };
  const opened = await openDatabase(target, options);
  try {
    await migrateToLatest(opened.db);
  } catch (error) {
    await opened.close();
    await dropTestDatabase(serverUrl, name);
    throw error;
  }
  return {
    ...opened,
    url: url.href,
    async close() {
      await opened.close();
      await dropTestDatabase(serverUrl as string, name);
    },
  };
}

async function runOnServer(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
