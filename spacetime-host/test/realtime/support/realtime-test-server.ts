// Starts the real host (Host + HTTP API + WebSocket server + subscription
// engine) over a data directory with the chat fixture published.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HostAuth, type HostAuthOptions } from '../../../src/auth/host-auth.js';
import type { Clock } from '../../../src/clock/clock.js';
import type { Database } from '../../../src/database/database.js';
import { Host } from '../../../src/database/host.js';
import { type RunningServer, startServer } from '../../../src/http/start-server.js';
import type { RealtimeOptions } from '../../../src/realtime/realtime-options.js';
import { createRealtime, type Realtime } from '../../../src/realtime/realtime-server.js';
import {
  type SubscriptionPort,
  subscriptionEngineFor,
} from '../../../src/realtime/subscription-port.js';
import { bundleModule } from '../../../src/runtime/bundle-module.js';

const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/chat-module');
let bundle: Promise<string> | undefined;

/** The chat fixture, bundled once per test file. */
export function chatBundle(): Promise<string> {
  bundle ??= bundleModule(fixture);
  return bundle;
}

export const OWNER =
  0xc200_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0001n;
export const DB_NAME = 'chat';

export interface RealtimeTestServer {
  readonly url: string;
  readonly port: number;
  readonly host: Host;
  readonly auth: HostAuth;
  readonly realtime: Realtime;
  readonly engines: SubscriptionPort[];
  readonly errors: unknown[];
  database(): Database;
  close(): Promise<void>;
}

export interface StartOptions {
  readonly port?: number;
  readonly realtime?: RealtimeOptions;
  readonly auth?: HostAuthOptions;
  /** The databases' time (a ManualClock moves it for tests of time rules); the wall clock by default. */
  readonly clock?: Clock;
}

export async function startRealtimeServer(
  dataDir: string,
  options: StartOptions = {},
): Promise<RealtimeTestServer> {
  const host = await Host.open({
    dataDir,
    ...(options.clock !== undefined && { clock: options.clock }),
  });
  if (host.find(DB_NAME) === undefined) {
    await host.publish({
      program: await chatBundle(),
      name: DB_NAME,
      publisher: OWNER,
      clear: false,
    });
  }
  const auth = await HostAuth.open(dataDir, options.auth);
  const engines: SubscriptionPort[] = [];
  const errors: unknown[] = [];
  const realtime = createRealtime(
    { logError: (_message, error) => errors.push(error), ...options.realtime },
    (database) => {
      const engine = subscriptionEngineFor(database);
      engines.push(engine);
      return engine;
    },
  );
  const server: RunningServer = await startServer({
    host,
    auth,
    port: options.port ?? 0,
    http: { subscribe: realtime.subscribe, logError: (_message, error) => errors.push(error) },
    websocket: realtime.websocket,
  });
  return {
    url: server.url,
    port: server.port,
    host,
    auth,
    realtime,
    engines,
    errors,
    database: () => host.find(DB_NAME) as Database,
    close: async () => {
      await realtime.close();
      await server.close();
      await host.close();
    },
  };
}
