// Opens the module's WebSocket with a token fetched for this very attempt.
// The SDK would reuse the token a connection was built with, which has
// expired by the time a long-lived page reconnects; this factory asks the
// token source instead, then does what the SDK's own factory does: trade the
// token for a short-lived one over HTTP (a browser WebSocket cannot send an
// Authorization header) and open the socket with it. Frames come
// uncompressed (the builder asks for `none`), each behind a one-byte tag.
import type { DbConnectionBuilder } from '@kith/shared/module-bindings';

type WebSocketFactory = Parameters<DbConnectionBuilder['withWSFn']>[0];
type WebSocketArgs = Parameters<WebSocketFactory>[0];
type WebSocketAdapter = Awaited<ReturnType<WebSocketFactory>>;

/** Why the realtime server turned the token down (an expired or foreign token). */
export class TokenRefusedError extends Error {
  override readonly name = 'TokenRefusedError';
}

const UNCOMPRESSED = 0;

export function tokenWebSocketFactory(freshToken: () => Promise<string>): WebSocketFactory {
  return async (args: WebSocketArgs): Promise<WebSocketAdapter> => {
    const token = await freshToken();
    const shortToken = await exchangeToken(args.url, token);
    const url = new URL(
      `v1/database/${encodeURIComponent(args.nameOrAddress)}/subscribe`,
      args.url,
    );
    url.searchParams.set('token', shortToken);
    url.searchParams.set('compression', 'None');
    if (args.lightMode) url.searchParams.set('light', 'true');
    if (args.confirmedReads !== undefined) {
      url.searchParams.set('confirmed', String(args.confirmedReads));
    }
    const socket = new WebSocket(url, args.wsProtocol);
    socket.binaryType = 'arraybuffer';
    return new UncompressedSocket(socket);
  };
}

async function exchangeToken(serverUrl: URL, token: string): Promise<string> {
  const tokenUrl = new URL('v1/identity/websocket-token', serverUrl);
  tokenUrl.protocol = serverUrl.protocol === 'wss:' ? 'https:' : 'http:';
  const response = await fetch(tokenUrl, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
  });
  if (!response.ok) {
    throw new TokenRefusedError(`The realtime server refused the token (HTTP ${response.status}).`);
  }
  const body = (await response.json()) as { token?: unknown };
  if (typeof body.token !== 'string') {
    throw new TokenRefusedError('The realtime server sent no connection token.');
  }
  return body.token;
}

/** The SDK's view of a socket whose frames carry a compression tag that is always "none". */
class UncompressedSocket implements WebSocketAdapter {
  readonly #socket: WebSocket;

  constructor(socket: WebSocket) {
    this.#socket = socket;
  }

  get protocol(): string {
    return this.#socket.protocol;
  }

  get readyState(): number {
    return this.#socket.readyState;
  }

  send(message: Uint8Array<ArrayBuffer>): void {
    this.#socket.send(message);
  }

  close(): void {
    this.#socket.close();
  }

  set onclose(handler: (event: CloseEvent) => void) {
    this.#socket.onclose = handler;
  }

  set onopen(handler: () => void) {
    this.#socket.onopen = handler;
  }

  set onerror(handler: (event: ErrorEvent) => void) {
    this.#socket.onerror = handler as (event: Event) => void;
  }

  set onmessage(handler: (message: { data: Uint8Array }) => void) {
    this.#socket.onmessage = (event: MessageEvent<ArrayBuffer>) => {
      const frame = new Uint8Array(event.data);
      if (frame[0] !== UNCOMPRESSED) {
        // Only `None` was asked for; anything else is a server this app cannot read.
        this.#socket.close(1002, 'unexpected compression');
        return;
      }
      handler({ data: frame.subarray(1) });
    };
  }
}
