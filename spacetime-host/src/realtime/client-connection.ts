import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import type { Caller } from '../database/database-api.js';
import type { ClientMessage } from '../protocol/client-message.js';
import { decodeClientMessage, decodeClientMessagesV3 } from '../protocol/decode-client-message.js';
import { ProtocolError } from '../protocol/protocol-error.js';
import type { ServerMessage } from '../protocol/server-message.js';
import type { WsVersion } from '../protocol/ws-protocol.js';
import { closeReason } from './close-reason.js';
import type { DatabaseHub, HubConnection } from './database-hub.js';
import { Heartbeat } from './heartbeat.js';
import { handleClientMessage, type MessageContext } from './message-handlers.js';
import type { RealtimeSettings } from './realtime-options.js';
import { type OutgoingSocket, SendQueue } from './send-queue.js';
import type { SubscribeParams } from './subscribe-params.js';
import type { RealtimeDatabase } from './subscription-port.js';

/** SpacetimeDB closes with `CloseCode::Error` when a client's message cannot be handled. */
export const CLOSE_PROTOCOL_ERROR = 1011;
/** And with `CloseCode::Away` when the server goes away. */
export const CLOSE_GOING_AWAY = 1001;
/** Policy violation: the client did not keep up with its updates. */
export const CLOSE_TOO_SLOW = 1008;

export interface ConnectionSetup {
  readonly key: string;
  readonly socket: WebSocket;
  /** Serves the connection's database, and follows it through module updates. */
  readonly hub: DatabaseHub;
  /** Already admitted by the database (`clientConnected` ran). */
  readonly caller: Caller;
  /** Sent back in InitialConnection: the token the client came with, or a new one. */
  readonly token: string;
  readonly params: SubscribeParams;
  readonly version: WsVersion;
  readonly settings: RealtimeSettings;
  /** Called once the connection is over and `clientDisconnected` has run. */
  readonly onEnded: (connection: ClientConnection) => void;
}

/**
 * One client's WebSocket session: decodes its frames, answers them, streams
 * its subscription updates through a bounded send queue, keeps it alive with
 * pings, and runs `clientDisconnected` once, however the session ends (the
 * client closes, the socket dies or idles out, a bad frame, a slow reader).
 */
export class ClientConnection implements HubConnection, MessageContext {
  readonly key: string;
  readonly caller: Caller;
  readonly hub: DatabaseHub;
  readonly #setup: ConnectionSetup;
  readonly #socket: WebSocket;
  readonly #queue: SendQueue;
  readonly #heartbeat: Heartbeat;
  readonly #ended: Promise<void>;
  #resolveEnded!: () => void;
  #closing = false;
  #ending = false;

  constructor(setup: ConnectionSetup) {
    this.#setup = setup;
    this.key = setup.key;
    this.caller = setup.caller;
    this.hub = setup.hub;
    this.#socket = setup.socket;
    this.#queue = new SendQueue(outgoing(setup.socket), {
      version: setup.version,
      compression: setup.params.compression,
      maxOutgoingBytes: setup.settings.maxOutgoingBytes,
      onFailure: (failure) =>
        failure === 'too-slow'
          ? this.terminate()
          : this.close(CLOSE_PROTOCOL_ERROR, 'a transaction could not be made durable'),
    });
    this.#heartbeat = new Heartbeat(setup.socket, setup.settings, () => this.terminate());
    this.#ended = new Promise((resolve) => {
      this.#resolveEnded = resolve;
    });
  }

  /** Settles once the session is over and `clientDisconnected` has run. */
  get ended(): Promise<void> {
    return this.#ended;
  }

  get connection(): HubConnection {
    return this;
  }

  /** The database serving this client now: an update that keeps clients swaps it under the session. */
  get database(): RealtimeDatabase {
    return this.hub.database;
  }

  /** Starts the session: InitialConnection first, then updates and replies. */
  start(): void {
    const socket = this.#socket;
    socket.on('message', (data, isBinary) => this.#onFrame(data, isBinary));
    socket.on('pong', () => this.#heartbeat.pong());
    socket.on('ping', () => this.#heartbeat.received());
    socket.on('close', () => void this.#end());
    // `ws` emits 'close' after 'error' (e.g. a frame over maxPayload, closed with 1009).
    socket.on('error', () => undefined);
    this.hub.add(this);
    this.send({
      tag: 'InitialConnection',
      identity: this.caller.identity,
      connectionId: this.caller.connectionId,
      token: this.#setup.token,
    });
  }

  send(message: ServerMessage, durable?: Promise<void>): void {
    this.#queue.push(message, this.#setup.params.confirmedReads ? durable : undefined);
  }

  sendCommitted(message: ServerMessage, durable: Promise<void>): void {
    this.send(message, durable);
  }

  fail(reason: string): void {
    this.close(CLOSE_PROTOCOL_ERROR, reason);
  }

  moduleExited(): void {
    this.close(CLOSE_GOING_AWAY, 'module exited');
  }

  /** Starts the close handshake; nothing more is sent or handled. */
  close(code: number, reason: string): void {
    if (this.#closing) return;
    this.#closing = true;
    this.#queue.close();
    this.#socket.close(code, closeReason(reason));
  }

  /** Drops the socket at once: for a client that cannot be reached (slow, idle, gone). */
  terminate(): void {
    this.#closing = true;
    this.#queue.close();
    this.#socket.terminate();
  }

  #onFrame(data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): void {
    this.#heartbeat.received();
    if (this.#closing) return;
    if (!isBinary) {
      this.close(
        CLOSE_PROTOCOL_ERROR,
        `${this.#setup.version} websocket does not support text messages`,
      );
      return;
    }
    let messages: ClientMessage[];
    try {
      const frame = toBytes(data);
      messages =
        this.#setup.version === 'v3' ? decodeClientMessagesV3(frame) : [decodeClientMessage(frame)];
    } catch (error) {
      if (!(error instanceof ProtocolError)) throw error;
      this.close(CLOSE_PROTOCOL_ERROR, `invalid message: ${error.message}`);
      return;
    }
    for (const message of messages) {
      try {
        handleClientMessage(this, message);
      } catch (error) {
        this.#setup.settings.logError('spacetime-host: handling a WebSocket message failed', error);
        this.close(CLOSE_PROTOCOL_ERROR, `internal error handling ${message.tag}`);
        return;
      }
    }
  }

  async #end(): Promise<void> {
    if (this.#ending) return;
    this.#ending = true;
    this.#closing = true;
    this.#heartbeat.stop();
    this.#queue.close();
    this.hub.remove(this);
    try {
      // A database an update replaced hands this to its successor; a deleted one has nobody to tell.
      await this.database.disconnect(this.caller);
    } catch (error) {
      this.#setup.settings.logError('spacetime-host: clientDisconnected failed', error);
    } finally {
      this.#setup.onEnded(this);
      this.#resolveEnded();
    }
  }
}

/**
 * The socket as the send queue writes to it, corking the TCP socket under
 * it so a run of frames leaves in one system call. (`ws` keeps that socket in
 * `_socket`; without it, frames are written one by one.)
 */
function outgoing(socket: WebSocket): OutgoingSocket {
  const tcp = (socket as unknown as { _socket?: Socket })._socket;
  return {
    send: (frame) => socket.send(frame),
    get bufferedAmount() {
      return socket.bufferedAmount;
    },
    cork: () => tcp?.cork(),
    uncork: () => tcp?.uncork(),
  };
}

function toBytes(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}
