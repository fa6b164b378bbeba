// The database layer on each engine: migrations, the generated schema types,
// the module outbox, and pruning.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/db/migrate.js';
import { pruneExpiredRows } from '../../src/db/prune-expired-rows.js';
import { renderSchemaTypes } from '../../src/db/render-schema-types.js';
import { enqueueModuleCall } from '../../src/module-outbox/enqueue-module-call.js';
import { eventually } from '../support/eventually.js';
import {
  createTestDatabase,
  type TestDatabase,
  testDatabaseKinds,
} from '../support/test-database.js';

const schemaFile = path.join(import.meta.dirname, '../../src/db/database-schema.ts');

describe.runIf(testDatabaseKinds().includes('postgres'))('PostgreSQL connections', () => {
  it('survives the server closing an idle pooled connection, and says so', async () => {
    const lost: Error[] = [];
    const database = await createTestDatabase('postgres', {
      onConnectionLost: (error) => lost.push(error),
    });
    try {
      const { rows } = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(
        database.db,
      );
      // As a restart or an administrator would: the connection now sits idle in the pool.
      await terminateBackend(database.url ?? '', rows[0]?.pid ?? 0);
      await eventually(() => expect(lost.map((error) => error.message)).toHaveLength(1));
      expect(lost[0]?.message).toMatch(/terminating connection/);
      const after = await sql<{ one: number }>`SELECT 1 AS one`.execute(database.db);
      expect(after.rows).toEqual([{ one: 1 }]);
    } finally {
      await database.close();
    }
  });
});

async function terminateBackend(url: string, pid: number): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SELECT pg_terminate_backend($1)', [pid]);
  } finally {
    await client.end();
  }
}

describe.each(testDatabaseKinds())('database (%s)', (kind) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database?.close());

  it('applies each migration once', async () => {
    expect(await migrateToLatest(database.db)).toEqual([]);
    const applied = await sql<{
      name: string;
    }>`SELECT name FROM kysely_migration ORDER BY name`.execute(database.db);
    expect(applied.rows.map((row) => row.name)).toEqual(
      expect.arrayContaining(['0001-accounts', '0003-module-outbox']),
    );
  });

  it('matches the committed schema types (run `npm run db:types -w api` after changing a migration)', async () => {
    expect(await renderSchemaTypes(database.db)).toBe(await readFile(schemaFile, 'utf8'));
  });

  it('queues module calls with their arguments as a JSON array', async () => {
    await database.db.transaction().execute(async (trx) => {
      await enqueueModuleCall(trx, 'delete_user', ['0b7c5a3e-0000-4000-8000-000000000001']);
      await enqueueModuleCall(trx, 'remove_media', ['media-1']);
    });
    const rows = await database.db
      .selectFrom('moduleOutbox')
      .select(['id', 'reducer', 'args', 'attempts', 'lastError'])
      .orderBy('id')
      .execute();
    expect(rows.map(({ id: _id, ...row }) => row)).toEqual([
      {
        reducer: 'delete_user',
        args: ['0b7c5a3e-0000-4000-8000-000000000001'],
        attempts: 0,
        lastError: null,
      },
      { reducer: 'remove_media', args: ['media-1'], attempts: 0, lastError: null },
    ]);
    expect(typeof rows[0]?.id).toBe('number');
    await expect(
      database.db
        .insertInto('moduleOutbox')
        .values({ reducer: 'delete_user', args: '{"not":"an array"}' })
        .execute(),
    ).rejects.toThrow();
  });

  it('drops a queued call when its transaction rolls back', async () => {
    const before = await database.db.selectFrom('moduleOutbox').select('id').execute();
    await expect(
      database.db.transaction().execute(async (trx) => {
        await enqueueModuleCall(trx, 'delete_user', ['never-sent']);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await database.db.selectFrom('moduleOutbox').select('id').execute()).toEqual(before);
  });

  it('prunes ended sessions, old reset links, finished windows and forgotten failures, and nothing live', async () => {
    const { db } = database;
    const user = await db
      .insertInto('users')
      .values({ username: 'prune_me', displayName: 'p', role: 'member', passwordHash: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const hour = 3_600_000;
    await db
      .insertInto('sessions')
      .values([
        {
          userId: user.id,
          tokenHash: 'ended',
          csrfToken: 'c',
          kind: 'cookie',
          expiresAt: new Date(Date.now() - hour),
        },
        {
          userId: user.id,
          tokenHash: 'live',
          csrfToken: 'c',
          kind: 'cookie',
          expiresAt: new Date(Date.now() + hour),
        },
      ])
      .execute();
    await db
      .insertInto('passwordResets')
      .values([
        { userId: user.id, tokenHash: 'old', expiresAt: new Date(Date.now() - 25 * hour) },
        { userId: user.id, tokenHash: 'recent', expiresAt: new Date(Date.now() - hour) },
      ])
      .execute();
    await db
      .insertInto('rateLimits')
      .values([
        { bucket: 'b', key: 'old', windowStartedAt: new Date(Date.now() - 25 * hour), hits: 3 },
        { bucket: 'b', key: 'now', windowStartedAt: new Date(), hits: 3 },
      ])
      .execute();
    await db
      .insertInto('loginThrottles')
      .values([
        {
          scope: 'account',
          key: 'forgotten',
          failures: 3,
          lastFailureAt: new Date(Date.now() - 25 * hour),
        },
        {
          scope: 'account',
          key: 'still_locked',
          failures: 30,
          lastFailureAt: new Date(Date.now() - 25 * hour),
          lockedUntil: new Date(Date.now() + hour),
        },
        { scope: 'ip', key: 'recent', failures: 1, lastFailureAt: new Date() },
      ])
      .execute();

    await pruneExpiredRows(db);

    expect(
      (await db.selectFrom('sessions').select('tokenHash').execute()).map((row) => row.tokenHash),
    ).toEqual(['live']);
    expect(
      (await db.selectFrom('passwordResets').select('tokenHash').execute()).map(
        (row) => row.tokenHash,
      ),
    ).toEqual(['recent']);
    expect(
      (await db.selectFrom('rateLimits').select('key').execute()).map((row) => row.key),
    ).toEqual(['now']);
    expect(
      (await db.selectFrom('loginThrottles').select('key').orderBy('key').execute()).map(
        (row) => row.key,
      ),
    ).toEqual(['recent', 'still_locked']);
  });
});
