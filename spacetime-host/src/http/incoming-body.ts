import type { IncomingMessage } from 'node:http';

/** The body passed `limit` bytes; reading stopped there. */
export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
}

/**
 * Reads a request body straight from Node's `IncomingMessage` in paused
 * mode: each `readable` event drains what the parser has buffered, and the
 * body is done once the message is complete. For the small bodies of reducer
 * calls this is one event, where a flowing read (`data`/`end` listeners, as
 * @hono/node-server's `arrayBuffer()` does) costs several stream events and
 * promise hops: more than the reducer call itself.
 *
 * Returns undefined when the body cannot be read this way (already read,
 * ended or destroyed, or decoded to text); rejects with `BodyTooLargeError`
 * past `limit`, or with the stream's error if the client goes away.
 */
export function readIncomingBody(
  incoming: IncomingMessage,
  limit: number,
): Promise<Buffer> | undefined {
  if (
    incoming.readableDidRead ||
    incoming.readableEnded ||
    incoming.destroyed ||
    incoming.readableEncoding !== null
  ) {
    return undefined;
  }
  return new Promise<Buffer>((resolve, reject) => {
    new BodyReader(incoming, limit, resolve, reject);
  });
}

/**
 * One body being read. A class, not closures: tsx (esbuild `keepNames`)
 * wraps every named local function in a `defineProperty` call, a cost paid
 * per request; listeners assigned to fields in the constructor are not named.
 */
class BodyReader {
  readonly #chunks: Buffer[] = [];
  #size = 0;
  readonly #onReadable: () => void;
  readonly #onError: (error: Error) => void;
  readonly #onClose: () => void;

  constructor(
    private readonly incoming: IncomingMessage,
    private readonly limit: number,
    private readonly resolve: (body: Buffer) => void,
    private readonly reject: (error: Error) => void,
  ) {
    this.#onReadable = () => this.#drain();
    this.#onError = (error) => this.#fail(error);
    this.#onClose = () => {
      // Closed before the message completed: the client went away mid-body.
      this.#drain();
      if (!incoming.complete) this.#fail(new Error('the client closed the connection mid-body'));
    };
    incoming.on('readable', this.#onReadable);
    incoming.on('error', this.#onError);
    incoming.on('close', this.#onClose);
  }

  #drain(): void {
    const incoming = this.incoming;
    for (let chunk: Buffer | null = incoming.read(); chunk !== null; chunk = incoming.read()) {
      this.#size += chunk.byteLength;
      if (this.#size > this.limit) {
        this.#fail(new BodyTooLargeError(`the body is larger than ${this.limit} bytes`));
        return;
      }
      this.#chunks.push(chunk);
    }
    if (incoming.complete) {
      this.#stop();
      const chunks = this.#chunks;
      this.resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, this.#size));
    }
  }

  #fail(error: Error): void {
    this.#stop();
    this.reject(error);
  }

  #stop(): void {
    this.incoming.off('readable', this.#onReadable);
    this.incoming.off('error', this.#onError);
    this.incoming.off('close', this.#onClose);
  }
}
