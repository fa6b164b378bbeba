import { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import { HttpError } from './http-error.js';
import { BodyTooLargeError, readIncomingBody } from './incoming-body.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads the request body, refusing more than `limit` bytes with a 413 as
 * axum's body limit does, without buffering past the limit.
 */
export async function readBody(c: Context, limit: number): Promise<Uint8Array> {
  const declared = declaredLength(c);
  if (declared !== undefined && declared > limit) throw tooLarge(limit);
  // On Node (@hono/node-server passes the request as `env.incoming`), read it directly.
  const incoming = (c.env as { incoming?: unknown } | undefined)?.incoming;
  const direct =
    incoming instanceof IncomingMessage ? readIncomingBody(incoming, limit) : undefined;
  if (direct !== undefined) {
    try {
      return await direct;
    } catch (error) {
      if (error instanceof BodyTooLargeError) throw tooLarge(limit);
      throw error;
    }
  }
  if (declared !== undefined) {
    // Elsewhere (e.g. `app.request` in tests): the runtime delivers exactly the declared length,
    // so the body cannot pass the limit. Through @hono/node-server, `arrayBuffer()` also avoids
    // building a whole fetch `Request` (abort signal, two web streams) as `body` would.
    return new Uint8Array(await c.req.raw.arrayBuffer());
  }
  return readStreamedBody(c, limit);
}

/** The body as UTF-8 text; anything else is a 400 (SpacetimeDB's `ByteStringBody`). */
export async function readTextBody(c: Context, limit: number): Promise<string> {
  const bytes = await readBody(c, limit);
  try {
    return utf8.decode(bytes);
  } catch {
    throw new HttpError(400, "Request body didn't contain valid UTF-8");
  }
}

/** `Content-Length` when it is a plain decimal number; anything else leaves the body streamed. */
function declaredLength(c: Context): number | undefined {
  const header = c.req.header('content-length');
  if (header === undefined || !/^\d{1,15}$/.test(header)) return undefined;
  return Number(header);
}

/** A body of unknown length (chunked): read chunk by chunk, stopping as soon as it passes `limit`. */
async function readStreamedBody(c: Context, limit: number): Promise<Uint8Array> {
  const body = c.req.raw.body;
  if (body === null) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function tooLarge(limit: number): HttpError {
  return new HttpError(
    413,
    `Failed to buffer the request body: length limit exceeded (${limit} bytes)`,
  );
}
