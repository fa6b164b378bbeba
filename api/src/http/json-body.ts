// Guards routes that take a JSON body: the body must be small, declared as
// JSON, and parse. The parsed body is cached by Hono, so the route's
// validator reads it without parsing again.
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from './api-error.js';

/** Large enough for any account request; a password is at most 256 characters. */
export const MAX_JSON_BODY_BYTES = 16 * 1024;

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const JSON_MEDIA_TYPE = /^application\/(?:[\w.-]+\+)?json$/i;

export function jsonBodyGuard(maxBytes: number = MAX_JSON_BODY_BYTES): MiddlewareHandler {
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new ApiError('payload_too_large', `The request body is larger than ${maxBytes} bytes.`);
    },
  });
  return async (c, next) => {
    if (!UNSAFE_METHODS.has(c.req.method) || !hasBody(c.req.raw)) return next();
    const mediaType = (c.req.header('content-type') ?? '').split(';')[0]?.trim() ?? '';
    if (!JSON_MEDIA_TYPE.test(mediaType)) {
      throw new ApiError(
        'unsupported_media_type',
        `Send the body as JSON with "Content-Type: application/json"${mediaType ? `, not "${mediaType}"` : ''}.`,
      );
    }
    return limit(c, async () => {
      try {
        await c.req.json();
      } catch (error) {
        if (error instanceof ApiError) throw error;
        throw new ApiError('malformed_json', 'The request body is not valid JSON.');
      }
      await next();
    });
  };
}

function hasBody(request: Request): boolean {
  const length = request.headers.get('content-length');
  if (length !== null) return length !== '0';
  return request.headers.has('transfer-encoding') || request.body !== null;
}
