import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { HttpError } from './http-error.js';
import { readBody, readTextBody } from './request-body.js';

const LIMIT = 16;

function app(): Hono {
  const routes = new Hono();
  routes.post('/bytes', async (c) => {
    const bytes = await readBody(c, LIMIT);
    return c.text([...bytes].join(','));
  });
  routes.post('/text', async (c) => c.text(await readTextBody(c, LIMIT)));
  routes.onError((error) =>
    error instanceof HttpError
      ? new Response(error.message, { status: error.status })
      : new Response(String(error), { status: 500 }),
  );
  return routes;
}

/** A body without a content-length, delivered in the given chunks. */
function streamed(...chunks: Uint8Array[]): RequestInit {
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks.shift();
      if (next === undefined) controller.close();
      else controller.enqueue(next);
    },
  });
  return { method: 'POST', body, duplex: 'half' } as RequestInit;
}

describe('readBody', () => {
  it('reads a body of declared length up to the limit', async () => {
    const response = await app().request('/bytes', {
      method: 'POST',
      body: new Uint8Array(LIMIT).fill(7),
      headers: { 'content-length': String(LIMIT) },
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(Array(LIMIT).fill(7).join(','));
  });

  it('refuses a declared length over the limit with 413', async () => {
    const response = await app().request('/bytes', {
      method: 'POST',
      body: new Uint8Array(LIMIT + 1),
      headers: { 'content-length': String(LIMIT + 1) },
    });
    expect(response.status).toBe(413);
    expect(await response.text()).toBe(
      `Failed to buffer the request body: length limit exceeded (${LIMIT} bytes)`,
    );
  });

  it('reads a streamed body of unknown length, chunk by chunk', async () => {
    const response = await app().request(
      '/bytes',
      streamed(new Uint8Array([1, 2]), new Uint8Array([3])),
    );
    expect(await response.text()).toBe('1,2,3');
  });

  it('refuses a streamed body once it passes the limit', async () => {
    const response = await app().request(
      '/bytes',
      streamed(new Uint8Array(LIMIT - 1), new Uint8Array(2), new Uint8Array(100)),
    );
    expect(response.status).toBe(413);
  });

  it('reads a missing body as empty', async () => {
    const response = await app().request('/bytes', { method: 'POST' });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });
});

describe('readTextBody', () => {
  it('decodes UTF-8', async () => {
    const response = await app().request('/text', { method: 'POST', body: '[1,"é"]' });
    expect(await response.text()).toBe('[1,"é"]');
  });

  it('refuses bytes that are not UTF-8 with 400, and still decodes the next body', async () => {
    const routes = app();
    const bad = await routes.request('/text', {
      method: 'POST',
      body: new Uint8Array([0x5b, 0xff]),
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toBe("Request body didn't contain valid UTF-8");
    const good = await routes.request('/text', { method: 'POST', body: 'ok' });
    expect(await good.text()).toBe('ok');
  });
});
