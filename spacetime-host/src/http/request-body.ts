import type { Context } from 'hono';
import { HttpError } from './http-error.js';

/**
 * Reads the request body, refusing more than `limit` bytes with a 413 as
 * axum's body limit does, without buffering past the limit.
 */
export async function readBody(c: Context, limit: number): Promise<Uint8Array> {
  const declared = Number(c.req.header('content-length') ?? Number.NaN);
  if (declared > limit) throw tooLarge(limit);
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

/** The body as UTF-8 text; anything else is a 400 (SpacetimeDB's `ByteStringBody`). */
export async function readTextBody(c: Context, limit: number): Promise<string> {
  const bytes = await readBody(c, limit);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new HttpError(400, "Request body didn't contain valid UTF-8");
  }
}

function tooLarge(limit: number): HttpError {
  return new HttpError(
    413,
    `Failed to buffer the request body: length limit exceeded (${limit} bytes)`,
  );
}
