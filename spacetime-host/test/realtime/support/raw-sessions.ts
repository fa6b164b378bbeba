// Servers and raw clients that a test file opens, closed after each test.
import { afterEach } from 'vitest';
import type { ServerMessage } from '../../../src/protocol/server-message.js';
import { useTempDirs } from '../../support/temp-dirs.js';
import { connectRaw, type RawClient, type RawClientOptions } from './raw-client.js';
import {
  DB_NAME,
  type RealtimeTestServer,
  type StartOptions,
  startRealtimeServer,
} from './realtime-test-server.js';

export interface RawSessions {
  server(options?: StartOptions): Promise<RealtimeTestServer>;
  /** A raw client past its InitialConnection. */
  raw(s: RealtimeTestServer, options?: RawClientOptions): Promise<RawClient>;
}

export function useRawSessions(): RawSessions {
  const tempDir = useTempDirs();
  const cleanup: (() => unknown)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });
  return {
    server: async (options = {}) => {
      const started = await startRealtimeServer(await tempDir(), options);
      cleanup.push(() => started.close());
      return started;
    },
    raw: async (s, options = {}) => {
      const client = await connectRaw(s.url, DB_NAME, options);
      cleanup.push(() => client.socket.terminate());
      await client.next('InitialConnection');
      return client;
    },
  };
}

export type Of<T extends ServerMessage['tag']> = Extract<ServerMessage, { tag: T }>;
type TableUpdate = Of<'TransactionUpdate'>['querySets'][number]['tables'][number];

export const tablesOf = (update: { querySets: Of<'TransactionUpdate'>['querySets'] }) =>
  update.querySets.flatMap((q) => q.tables.map((t) => t.tableName));

/** A table update's (first) rows, which must be a persistent table's. */
export function persistent(table: TableUpdate) {
  const rows = table.rows[0]!;
  if (rows.tag !== 'PersistentTable') throw new Error('expected persistent rows');
  return rows;
}
