import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer, type WebSocketServerLike } from '@hono/node-server';
import type { HostApi } from '../database/database-api.js';
import { createHttpApp } from './http-app.js';
import type { HttpAuth } from './http-auth.js';
import type { HttpAppOptions } from './http-options.js';
import { ListenError } from './listen-error.js';

export interface StartServerOptions {
  readonly host: HostApi;
  readonly auth: HttpAuth;
  /** Port to listen on; 0 picks a free one. Default 3000, as `spacetime start`. */
  readonly port?: number;
  /** Address to listen on. Default `127.0.0.1`. */
  readonly listen?: string;
  readonly http?: HttpAppOptions;
  /** A `ws` `WebSocketServer({ noServer: true })` for the subscribe route's upgrades. */
  readonly websocket?: WebSocketServerLike;
}

export interface RunningServer {
  /** `http://<address>:<port>`, what `-s/--server` takes. */
  readonly url: string;
  readonly port: number;
  readonly address: string;
  /** Stops accepting connections and ends open ones (e.g. followed logs). */
  close(): Promise<void>;
}

/** Serves the HTTP API on Node's HTTP server; resolves once it is listening. */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const app = createHttpApp(options.host, options.auth, options.http);
  const server = createAdaptorServer({
    fetch: app.fetch,
    ...(options.websocket === undefined ? {} : { websocket: { server: options.websocket } }),
  }) as Server;
  const address = options.listen ?? '127.0.0.1';
  const port = options.port ?? 3000;
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(
        new ListenError(
          error.code === 'EADDRINUSE'
            ? `Port ${port} is already in use. Please free up the port or specify a different port with --listen-addr.`
            : `Cannot listen on ${address}:${port}: ${error.message}`,
          { cause: error },
        ),
      );
    };
    server.once('error', onError);
    server.listen(port, address, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const bound = server.address() as AddressInfo;
  const host = bound.family === 'IPv6' ? `[${bound.address}]` : bound.address;
  return {
    url: `http://${host}:${bound.port}`,
    port: bound.port,
    address: bound.address,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
