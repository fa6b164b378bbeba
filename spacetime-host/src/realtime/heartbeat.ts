/** The part of a WebSocket the heartbeat uses. */
export interface PingableSocket {
  ping(): void;
}

export interface HeartbeatOptions {
  readonly pingIntervalMs: number;
  readonly idleTimeoutMs: number;
}

/**
 * Keeps a connection alive and notices when it is dead, as SpacetimeDB does:
 * a ping every interval (only once the previous one was answered), and the
 * connection counts as dead when nothing at all has arrived for the idle
 * timeout, pongs included.
 */
export class Heartbeat {
  readonly #socket: PingableSocket;
  readonly #options: HeartbeatOptions;
  readonly #onIdle: () => void;
  readonly #pingTimer: NodeJS.Timeout;
  #idleTimer: NodeJS.Timeout;
  #lastReceived = Date.now();
  #awaitingPong = false;
  #stopped = false;

  constructor(socket: PingableSocket, options: HeartbeatOptions, onIdle: () => void) {
    this.#socket = socket;
    this.#options = options;
    this.#onIdle = onIdle;
    this.#pingTimer = setInterval(() => this.#ping(), options.pingIntervalMs).unref();
    this.#idleTimer = this.#armIdle(options.idleTimeoutMs);
  }

  /** Anything arrived from the client. */
  received(): void {
    this.#lastReceived = Date.now();
  }

  pong(): void {
    this.#awaitingPong = false;
    this.received();
  }

  stop(): void {
    this.#stopped = true;
    clearInterval(this.#pingTimer);
    clearTimeout(this.#idleTimer);
  }

  #ping(): void {
    if (this.#awaitingPong) return;
    this.#awaitingPong = true;
    try {
      this.#socket.ping();
    } catch {
      // The socket is closing; its close event ends the connection.
    }
  }

  #armIdle(delayMs: number): NodeJS.Timeout {
    return setTimeout(() => {
      if (this.#stopped) return;
      const idleFor = Date.now() - this.#lastReceived;
      if (idleFor >= this.#options.idleTimeoutMs) this.#onIdle();
      else this.#idleTimer = this.#armIdle(this.#options.idleTimeoutMs - idleFor);
    }, delayMs).unref();
  }
}
