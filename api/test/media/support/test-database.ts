// The databases the media, OIDC and outbox tests run on: PGlite in memory
// always, and PostgreSQL when DATABASE_URL is set, each test file in a
// database of its own created for it and dropped after.
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../../../src/db/database.js';
import type { Database } from '../../../src/db/database-schema.js';
import { migrateToLatest } from '../../../src/db/migrate.js';
import { dropTestDatabase } from '../../support/drop-test-database.js';

export type DatabaseKind = 'pglite' | 'postgres';

export interface TestDatabase {
  readonly db: Kysely<Database>;
  readonly kind: DatabaseKind;
  close(): Promise<void>;
}

/** The kinds this run tests against. */
export function databaseKinds(): DatabaseKind[] {
  return process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export async function openTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const opened = await openDatabase({ kind: 'pglite', dataDir: undefined });
    await migrateToLatest(opened.db);
    return { db: opened.db, kind, close: () => opened.close() };
  }
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error('DATABASE_URL is not set');
  const name = `kith_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(adminUrl, (admin) => admin.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const opened = await openDatabase({ kind: 'postgres', url: url.toString(), maxConnections: 8 });
  await migrateToLatest(opened.db);
  return {
    db: opened.db,
    kind,
    async close() {
      await opened.close();
      await dropTestDatabase(adminUrl, name);
    },
  };
}

async function withAdmin(url: string, use: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await use(client);
  } finally {
    await client.end();
  }
}

/** A member or admin account, as the accounts feature would have made it. */
export async function createTestUser(
  db: Kysely<Database>,
  username: string,
  role: 'member' | 'admin' = 'member',
): Promise<string> {
  const row = await db
    .insertInto('users')
    .values({
      username,
      displayName: username.toUpperCase(),
      role,
      passwordHash: 'not-a-real-hash',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
