// Per-test hosts and SDK clients for the realtime suites: each test starts
// what it needs, and everything is closed after it, clients before servers.
import { afterEach } from 'vitest';
import { useTempDirs } from '../../support/temp-dirs.js';
import { DB_NAME, type RealtimeTestServer, startRealtimeServer } from './realtime-test-server.js';
import { type ConnectOptions, connectSdk, type SdkClient } from './sdk-client.js';

export interface SdkHarness {
  /** A fresh host with the chat fixture published, in a temporary data directory. */
  server(): Promise<RealtimeTestServer>;
  /** An SDK client of `server`'s chat database. */
  client(server: RealtimeTestServer, options?: ConnectOptions): Promise<SdkClient>;
}

export function useSdkHarness(): SdkHarness {
  const tempDir = useTempDirs();
  const open: (SdkClient | RealtimeTestServer)[] = [];
  afterEach(async () => {
    for (const item of open.splice(0).reverse()) {
      if ('conn' in item) item.conn.disconnect();
      else await item.close();
    }
  });
  return {
    async server() {
      const started = await startRealtimeServer(await tempDir());
      open.push(started);
      return started;
    },
    async client(server, options = {}) {
      const connected = await connectSdk(server.url, DB_NAME, options);
      open.push(connected);
      return connected;
    },
  };
}
