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
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = () => {
      incoming.off('readable', onReadable);
      incoming.off('error', onError);
      incoming.off('close', onClose);
    };
    const onError = (error: Error) => {
      finish();
      reject(error);
    };
    const onClose = () => {
      // Closed before the message completed: the client went away mid-body.
      onReadable();
      if (!incoming.complete) onError(new Error('the client closed the connection mid-body'));
    };
    function onReadable(): void {
      for (let chunk: Buffer | null = incoming.read(); chunk !== null; chunk = incoming.read()) {
        size += chunk.byteLength;
        if (size > limit) {
          finish();
          reject(new BodyTooLargeError(`the body is larger than ${limit} bytes`));
          return;
        }
        chunks.push(chunk);
      }
      if (incoming.complete) {
        finish();
        resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
      }
    }
    incoming.on('readable', onReadable);
    incoming.on('error', onError);
    incoming.on('close', onClose);
  });
}
