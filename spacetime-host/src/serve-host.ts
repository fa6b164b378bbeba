import { type RunningServer, type StartServerOptions, startServer } from './http/start-server.js';
import { createRealtime } from './realtime/realtime-server.js';

/**
 * Serves everything a SpacetimeDB server serves: the HTTP API and the
 * WebSocket subscribe route. `spacetime-local start`, `npm start`, tests and
 * benchmarks all serve a host through this one function.
 */
export async function serveHost(options: StartServerOptions): Promise<RunningServer> {
  const realtime = createRealtime();
  const server = await startServer({
    ...options,
    http: { ...options.http, subscribe: realtime.subscribe },
    websocket: realtime.websocket,
  });
  return {
    ...server,
    async close() {
      await realtime.close();
      await server.close();
    },
  };
}
