// Opens the relational database: PostgreSQL through `pg` when a URL is given,
// otherwise PGlite (Postgres compiled to WebAssembly) in a folder or in memory.
// Both run the same migrations and the same Kysely queries.
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { CamelCasePlugin, Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database-schema.js';

export type DatabaseTarget =
  | { readonly kind: 'postgres'; readonly url: string; readonly maxConnections?: number }
  /** `dataDir` undefined keeps the database in memory (tests). */
  | { readonly kind: 'pglite'; readonly dataDir: string | undefined };

export interface OpenedDatabase {
  readonly db: Kysely<Database>;
  readonly kind: DatabaseTarget['kind'];
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /**
   * Told when the server closes an idle pooled connection (a restart, a
   * failover, an administrator, an idle timeout); the pool has dropped it
   * and opens a new one when needed.
   */
  readonly onConnectionLost?: (error: Error) => void;
}

export async function openDatabase(
  target: DatabaseTarget,
  options: OpenDatabaseOptions = {},
): Promise<OpenedDatabase> {
  const plugins = [new CamelCasePlugin()];
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({
      connectionString: target.url,
      max: target.maxConnections ?? 10,
    });
    // Without a listener the pool's 'error' event would throw and end the
    // process: one dropped idle connection must not take the API down.
    pool.on('error', (error) => options.onConnectionLost?.(error));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  if (target.dataDir !== undefined) await mkdir(target.dataDir, { recursive: true });
  const pglite = new PGlite(target.dataDir);
  await pglite.waitReady;
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }), plugins });
  return { db, kind: 'pglite', close: () => db.destroy() };
}
