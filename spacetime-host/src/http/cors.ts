import type { MiddlewareHandler } from 'hono';

const ALLOW_HEADERS = 'authorization,accept,content-type';
const ALLOW_METHODS = 'GET,HEAD,PUT,POST,DELETE,PATCH,OPTIONS';

/**
 * CORS for `/v1` as SpacetimeDB configures it (any origin, any method, the
 * `authorization`/`accept`/`content-type` headers): a preflight `OPTIONS`
 * gets a 204, every other response gets `access-control-allow-origin: *`.
 *
 * The header is added to the final response after the route ran. Hono's
 * `cors()` sets it on `c.res` before, which makes Hono rebuild every route's
 * response into a fetch `Response` with a body stream to merge the headers:
 * several times the cost of a small reducer call on Node 20.
 */
export function cors(): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') {
      return new Response(null, {
        status: 204,
        headers: {
          'access-control-allow-origin': '*',
          'access-control-allow-methods': ALLOW_METHODS,
          'access-control-allow-headers': ALLOW_HEADERS,
          vary: 'Access-Control-Request-Headers',
        },
      });
    }
    await next();
    c.res.headers.set('access-control-allow-origin', '*');
  };
}
