// Starts the real HTTP server on a random port over a FakeHost, for the route tests.
import { generateKeyPairSync } from 'node:crypto';
import type { WebSocketServerLike } from '@hono/node-server';
import { HostAuth } from '../../src/auth/host-auth.js';
import type { HttpAppOptions } from '../../src/http/http-options.js';
import { type RunningServer, startServer } from '../../src/http/start-server.js';
import { FakeHost } from './fake-host.js';

export interface TestServer {
  readonly url: string;
  readonly host: FakeHost;
  readonly auth: HostAuth;
  readonly errors: unknown[];
  readonly server: RunningServer;
  /** A fresh identity's token, from the server itself. */
  newToken(): Promise<{ identity: string; token: string }>;
  /** fetch with the base URL and, optionally, a bearer token. */
  request(path: string, init?: RequestInit & { token?: string }): Promise<Response>;
  close(): Promise<void>;
}

export async function startTestServer(
  options: HttpAppOptions = {},
  websocket?: WebSocketServerLike,
): Promise<TestServer> {
  const pair = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const auth = new HostAuth({
    privateKey: pair.privateKey,
    publicKey: pair.publicKey,
    publicKeyPem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  });
  const host = new FakeHost();
  const errors: unknown[] = [];
  const server = await startServer({
    host,
    auth,
    port: 0,
    http: { logError: (_message, error) => errors.push(error), ...options },
    ...(websocket === undefined ? {} : { websocket }),
  });
  const request = (path: string, init: RequestInit & { token?: string } = {}) => {
    const { token, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (token !== undefined) headers.set('authorization', `Bearer ${token}`);
    return fetch(`${server.url}${path}`, { ...rest, headers });
  };
  return {
    url: server.url,
    host,
    auth,
    errors,
    server,
    request,
    newToken: async () =>
      (await (await request('/v1/identity', { method: 'POST' })).json()) as never,
    close: () => server.close(),
  };
}
