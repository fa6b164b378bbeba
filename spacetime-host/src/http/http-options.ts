import type { MiddlewareHandler } from 'hono';
import type { HttpEnv } from './http-env.js';

/**
 * Serves `GET /v1/database/:name_or_identity/subscribe` (the WebSocket
 * endpoint), typically `upgradeWebSocket(...)` from `@hono/node-server` with
 * the server started with a `websocket` server. It runs after authentication
 * and database resolution, so `c.get('caller')` and `c.get('database')` are
 * set, and the handshake response carries the `spacetime-identity` headers.
 */
export type SubscribeHandler = MiddlewareHandler<HttpEnv>;

export interface HttpAppOptions {
  /** Largest module bundle accepted by publish (SpacetimeDB has no limit there). Default 100 MiB. */
  readonly maxModuleBytes?: number;
  /** Largest body of any other request (axum's default limit). Default 2 MiB. */
  readonly maxRequestBytes?: number;
  /** Lifetime of `POST /v1/identity/websocket-token` tokens. Default 60 s, as SpacetimeDB. */
  readonly websocketTokenSeconds?: number;
  readonly subscribe?: SubscribeHandler;
  /** Where unexpected failures (500s) are reported. Default `console.error`. */
  readonly logError?: (message: string, error: unknown) => void;
}

export type HttpSettings = Required<Omit<HttpAppOptions, 'subscribe'>> &
  Pick<HttpAppOptions, 'subscribe'>;

/** Fills in defaults and rejects nonsensical limits once, when the app is built. */
export function resolveHttpOptions(options: HttpAppOptions): HttpSettings {
  const settings: HttpSettings = {
    maxModuleBytes: options.maxModuleBytes ?? 100 * 1024 * 1024,
    maxRequestBytes: options.maxRequestBytes ?? 2 * 1024 * 1024,
    websocketTokenSeconds: options.websocketTokenSeconds ?? 60,
    logError: options.logError ?? ((message, error) => console.error(message, error)),
    subscribe: options.subscribe,
  };
  for (const key of ['maxModuleBytes', 'maxRequestBytes', 'websocketTokenSeconds'] as const) {
    if (!Number.isSafeInteger(settings[key]) || settings[key] <= 0) {
      throw new RangeError(
        `HttpAppOptions.${key} must be a positive integer, got ${settings[key]}`,
      );
    }
  }
  return settings;
}
