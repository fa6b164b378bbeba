import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { cors } from './cors.js';

function app(): Hono {
  const routes = new Hono();
  routes.use('/v1/*', cors());
  routes.get('/v1/plain', () => new Response('hi', { headers: { 'x-route': 'kept' } }));
  routes.get('/v1/fails', () => {
    throw new Error('boom');
  });
  routes.get('/other', () => new Response('outside'));
  routes.notFound(() => new Response(null, { status: 404 }));
  routes.onError(() => new Response('failed', { status: 500 }));
  return routes;
}

describe('cors', () => {
  it('answers a preflight with 204 and what may be sent', async () => {
    const response = await app().request('/v1/anything', {
      method: 'OPTIONS',
      headers: { origin: 'https://example.com', 'access-control-request-method': 'POST' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toBe(
      'GET,HEAD,PUT,POST,DELETE,PATCH,OPTIONS',
    );
    expect(response.headers.get('access-control-allow-headers')).toBe(
      'authorization,accept,content-type',
    );
    expect(response.headers.get('vary')).toBe('Access-Control-Request-Headers');
    expect(await response.text()).toBe('');
  });

  it("adds the allowed origin to a route's response and keeps the route's headers", async () => {
    const response = await app().request('/v1/plain');
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('x-route')).toBe('kept');
    expect(await response.text()).toBe('hi');
  });

  it('adds it to error and not-found responses too', async () => {
    const failed = await app().request('/v1/fails');
    expect(failed.status).toBe(500);
    expect(failed.headers.get('access-control-allow-origin')).toBe('*');
    const missing = await app().request('/v1/missing');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('leaves paths it is not mounted on alone', async () => {
    const response = await app().request('/other');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});
