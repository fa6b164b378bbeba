import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { upgradeWebSocket } from '@hono/node-server';
import type { Context } from 'hono';
import { type WebSocket, WebSocketServer } from 'ws';
import type { Caller } from '../database/database-api.js';
import type { HttpEnv } from '../http/http-env.js';
import { HttpError } from '../http/http-error.js';
import type { SubscribeHandler } from '../http/http-options.js';
import {
  negotiateProtocol,
  parseProtocolHeader,
  protocolName,
  type WsVersion,
} from '../protocol/ws-protocol.js';
import { CLOSE_GOING_AWAY, ClientConnection } from './client-connection.js';
import { DatabaseHub } from './database-hub.js';
import {
  type RealtimeOptions,
  type RealtimeSettings,
  resolveRealtimeOptions,
} from './realtime-options.js';
import {
  parseSubscribeParams,
  type SubscribeParams,
  SubscribeParamsError,
} from './subscribe-params.js';
import {
  isRealtimeDatabase,
  type RealtimeDatabase,
  type SubscriptionEngineFactory,
  servingDatabase,
  subscriptionEngineFor,
} from './subscription-port.js';

/** SpacetimeDB's realtime API, plugged into the HTTP server (`createHttpApp` / `startServer`). */
export interface Realtime {
  /** `HttpAppOptions.subscribe`: serves `GET /v1/database/:name_or_identity/subscribe`. */
  readonly subscribe: SubscribeHandler;
  /** `StartServerOptions.websocket`: the server that completes the upgrades. */
  readonly websocket: WebSocketServer;
  /** Open sessions, over every database. */
  connectionCount(): number;
  /** Ends every session (clients see 1001 "server shutting down") and stops accepting new ones. */
  close(): Promise<void>;
}

/**
 * Builds the WebSocket server. Each database gets one hub (its connections
 * and a subscription engine from `engines`, the host's engine by default),
 * created on its first client.
 */
export function createRealtime(
  options: RealtimeOptions = {},
  engines: SubscriptionEngineFactory = subscriptionEngineFor,
): Realtime {
  const settings = resolveRealtimeOptions(options);
  const hubs = new WeakMap<RealtimeDatabase, DatabaseHub>();
  const connections = new Set<ClientConnection>();
  let serial = 0;
  const websocket = new WebSocketServer({
    noServer: true,
    maxPayload: settings.maxIncomingBytes,
    perMessageDeflate: false,
    handleProtocols: (offered) => {
      const version = negotiateProtocol(offered);
      return version === undefined ? false : protocolName(version);
    },
  });

  // An update swaps the module under the sessions (their hub moves to the successor as soon
  // as it opens), or closes them itself when SpacetimeDB would disconnect every client. A
  // database deleted, or left closed by a failed update, stops serving its sessions:
  // SpacetimeDB closes them with "module exited".
  const sweeper = setInterval(() => {
    for (const connection of connections) {
      const { closed, updating } = connection.database;
      if (closed === true && updating !== true) connection.moduleExited();
    }
  }, settings.pingIntervalMs).unref();

  const hubFor = (connected: RealtimeDatabase): DatabaseHub => {
    // An update may have swapped the module while this client was upgrading.
    const database = servingDatabase(connected);
    let hub = hubs.get(database);
    if (hub === undefined) {
      const created = new DatabaseHub(database, {
        engines,
        logError: settings.logError,
        onMoved: (successor) => hubs.set(successor, created),
      });
      hubs.set(database, created);
      hub = created;
    }
    return hub;
  };

  const subscribe: SubscribeHandler = async (c, next) => {
    const request = checkRequest(c);
    const database = c.get('database');
    if (!isRealtimeDatabase(database)) {
      throw new HttpError(501, 'this database does not support WebSocket subscriptions');
    }
    const httpCaller = c.get('caller');
    const caller: Caller = {
      identity: httpCaller.identity,
      connectionId: request.params.connectionId ?? randomConnectionId(),
      jwtPayload: httpCaller.payloadJson,
    };
    // clientConnected runs before the upgrade: a refusal is an HTTP 403 the client sees as a
    // failed connection attempt (SpacetimeDB's ClientConnectedError).
    await database.connect(caller);
    const socket = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket;
    let opened = false;
    const abandon = () => {
      if (opened) return;
      opened = true;
      database
        .disconnect(caller)
        .catch((error) => settings.logError('spacetime-host: clientDisconnected failed', error));
    };
    if (socket === undefined || socket.destroyed) {
      abandon();
      return c.body(null, 400);
    }
    // The client may leave (or the upgrade fail) before the session starts; it was connected.
    socket.once('close', abandon);
    const upgrade = upgradeWebSocket(() => ({
      onOpen: (_event, ws) => {
        if (opened) return ws.close(CLOSE_GOING_AWAY, 'the connection was abandoned');
        opened = true;
        socket.off('close', abandon);
        const connection = new ClientConnection({
          key: `${caller.connectionId.toString(16).padStart(32, '0')}#${++serial}`,
          socket: ws.raw as WebSocket,
          hub: hubFor(database),
          caller,
          token: httpCaller.token,
          params: request.params,
          version: request.version,
          settings,
          onEnded: (ended) => connections.delete(ended),
        });
        connections.add(connection);
        connection.start();
      },
    }));
    return upgrade(c, next);
  };

  return {
    subscribe,
    websocket,
    connectionCount: () => connections.size,
    close: async () => {
      clearInterval(sweeper);
      const open = [...connections];
      for (const connection of open) connection.close(CLOSE_GOING_AWAY, 'server shutting down');
      const ended = Promise.all(open.map((connection) => connection.ended));
      // Give clients SpacetimeDB's close-handshake time to answer, then drop the rest.
      const answered = await Promise.race([
        ended.then(() => true),
        delay(CLOSE_HANDSHAKE_MS, false),
      ]);
      if (!answered) for (const connection of open) connection.terminate();
      await ended;
      await new Promise<void>((resolve) => websocket.close(() => resolve()));
    },
  };
}

/** Everything about the request SpacetimeDB checks before upgrading, each as a 400. */
function checkRequest(c: Context<HttpEnv>): { params: SubscribeParams; version: WsVersion } {
  // In SpacetimeDB's order: the query string, then the upgrade itself. (A refused upgrade
  // reaches the client as a bare status: the Node adapter sends no body with it.)
  let params: SubscribeParams;
  try {
    params = parseSubscribeParams(new URL(c.req.url).searchParams);
  } catch (error) {
    if (error instanceof SubscribeParamsError) throw new HttpError(400, error.message);
    throw error;
  }
  if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
    throw new HttpError(400, "`Upgrade` header did not include 'websocket'");
  }
  const version = negotiateProtocol(parseProtocolHeader(c.req.header('sec-websocket-protocol')));
  if (version === undefined) throw new HttpError(400, 'no valid protocol selected');
  return { params, version };
}

/** How long SpacetimeDB waits for a client to answer a close frame. */
const CLOSE_HANDSHAKE_MS = 250;

function delay<T>(ms: number, value: T): Promise<T> {
  return new Promise((resolve) => setTimeout(() => resolve(value), ms));
}

/** A random non-zero connection id, for clients that do not bring one. */
function randomConnectionId(): bigint {
  for (;;) {
    const id = BigInt(`0x${randomBytes(16).toString('hex')}`);
    if (id !== 0n) return id;
  }
}

export type { RealtimeSettings };
