import { stringifySatsJson } from '../sats/sats-json-text.js';

/**
 * JSON with the exact `content-type` the `spacetime` CLI checks for
 * (`application/json`, no charset), written with exact 64/128-bit integers.
 */
export function jsonResponse(
  value: unknown,
  status = 200,
  headers: Record<string, string> = {},
): Response {
  return new Response(stringifySatsJson(value), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** Plain text, as axum sends a `String` body. */
export function textResponse(text: string, status = 200): Response {
  return new Response(text, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
  });
}

/** An empty 200, as axum sends `()`. */
export function emptyResponse(status = 200, headers: Record<string, string> = {}): Response {
  return new Response(null, { status, headers });
}
