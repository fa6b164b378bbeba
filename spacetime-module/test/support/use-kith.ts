// Per-test Kith hosts in temporary data directories, closed after each test.
import { afterEach } from 'vitest';
import { useTempDirs } from '../../../spacetime-host/test/support/temp-dirs.js';
import { type KithServer, type KithServerOptions, startKithServer } from './kith-server.js';

export function useKithServers(): (options?: KithServerOptions) => Promise<KithServer> {
  const tempDir = useTempDirs();
  const open: KithServer[] = [];
  afterEach(async () => {
    for (const server of open.splice(0).reverse()) await server.close();
  });
  return async (options) => {
    const server = await startKithServer(await tempDir(), options);
    open.push(server);
    return server;
  };
}
