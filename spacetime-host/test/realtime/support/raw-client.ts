// A bare WebSocket client speaking the v2/v3 protocol through our codecs, for
// what the SDK cannot do: one-off queries, garbage frames, exact replies,
// refusing to read.
import { WebSocket } from 'ws';
import type { ClientMessage } from '../../../src/protocol/client-message.js';
import { decompressFrame } from '../../../src/protocol/compression.js';
import {
  decodeServerMessage,
  decodeServerMessagesV3,
} from '../../../src/protocol/decode-server-message.js';
import { encodeClientMessage } from '../../../src/protocol/encode-client-message.js';
import type { ServerMessage } from '../../../src/protocol/server-message.js';
import { V2_PROTOCOL, V3_PROTOCOL } from '../../../src/protocol/ws-protocol.js';
import { eventually } from '../../support/eventually.js';

export interface RawClientOptions {
  readonly protocols?: readonly string[];
  readonly token?: string;
  /** Extra query parameters; `compression=None` unless given. */
  readonly query?: Record<string, string>;
}

export interface RawClient {
  readonly socket: WebSocket;
  readonly protocol: string;
  /** The headers of the 101 response. */
  readonly upgradeHeaders: Record<string, string | string[] | undefined>;
  /** Every server message so far, decoded, in order. */
  readonly messages: ServerMessage[];
  /** Frames as received (compression tag included). */
  readonly frames: Uint8Array[];
  readonly closed: Promise<{ code: number; reason: string }>;
  send(message: ClientMessage): void;
  sendBytes(bytes: Uint8Array): void;
  /** Waits for a message matching `match` (searching all received so far). */
  next<T extends ServerMessage['tag']>(
    tag: T,
    match?: (m: Extract<ServerMessage, { tag: T }>) => boolean,
  ): Promise<Extract<ServerMessage, { tag: T }>>;
}

/** Opens a socket to `/v1/database/<database>/subscribe`; resolves when open, rejects with the HTTP status. */
export function connectRaw(
  url: string,
  database: string,
  options: RawClientOptions = {},
): Promise<RawClient> {
  const query = new URLSearchParams({ compression: 'None', ...options.query });
  if (options.token !== undefined) query.set('token', options.token);
  const socket = new WebSocket(
    `${url.replace(/^http/, 'ws')}/v1/database/${database}/subscribe?${query}`,
    [...(options.protocols ?? [V3_PROTOCOL, V2_PROTOCOL])],
  );
  let upgradeHeaders: RawClient['upgradeHeaders'] = {};
  socket.once('upgrade', (response) => {
    upgradeHeaders = response.headers;
  });
  const messages: ServerMessage[] = [];
  const frames: Uint8Array[] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  socket.on('message', (data: Buffer) => {
    const frame = new Uint8Array(data);
    frames.push(frame);
    const payload = decompressFrame(frame);
    if (socket.protocol === V3_PROTOCOL) messages.push(...decodeServerMessagesV3(payload));
    else messages.push(decodeServerMessage(payload));
  });
  return new Promise((resolve, reject) => {
    socket.once('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      response.on('end', () => reject(new HttpRefusal(response.statusCode ?? 0, body)));
    });
    socket.once('error', reject);
    socket.once('open', () =>
      resolve({
        socket,
        protocol: socket.protocol,
        upgradeHeaders,
        messages,
        frames,
        closed,
        send: (message) => socket.send(encodeClientMessage(message)),
        sendBytes: (bytes) => socket.send(bytes),
        next: (tag, match) =>
          eventually(() => {
            const found = messages.find(
              (m): m is never => m.tag === tag && (match === undefined || match(m as never)),
            );
            if (found === undefined)
              throw new Error(
                `no ${tag} message yet (have ${messages.map((m) => m.tag).join(', ')})`,
              );
            return found;
          }),
      }),
    );
  });
}

export class HttpRefusal extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`refused with HTTP ${status}: ${body}`);
  }
}
