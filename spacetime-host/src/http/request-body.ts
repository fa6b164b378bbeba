import type { Context } from 'hono';
import { HttpError } from './http-error.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads the request body, refusing more than `limit` bytes with a 413 as
 * axum's body limit does, without buffering past the limit.
 */
export async function readBody(c: Context, limit: number): Promise<Uint8Array> {
  const declared = declaredLength(c);
  if (declared !== undefined) {
    if (declared > limit) throw tooLarge(limit);
    // Node's HTTP parser delivers exactly the declared length, so the body cannot pass the limit.
    // `arrayBuffer()` is @hono/node-server's fast path: it reads the socket's chunks directly,
    // where `body` would first build a whole fetch `Request` (abort signal, two web streams).
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
