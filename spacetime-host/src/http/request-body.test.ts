import type { Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { setImmediate as setImmediatePromise } from 'node:timers/promises';
import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpError } from './http-error.js';
import { readBody, readTextBody } from './request-body.js';

const LIMIT = 16;

/** What the `/watched` route saw; replaced before each use. */
let watched = outcome();

function outcome(): { promise: Promise<string>; resolve: (what: string) => void } {
  let resolve!: (what: string) => void;
  const promise = new Promise<string>((res) => {
    resolve = res;
  });
  return { promise, resolve };
}

function app(): Hono {
  const routes = new Hono();
  routes.post('/bytes', async (c) => {
    const bytes = await readBody(c, LIMIT);
    return c.text([...bytes].join(','));
  });
  routes.post('/text', async (c) => c.text(await readTextBody(c, LIMIT)));
  routes.post('/twice', async (c) => {
    await readBody(c, LIMIT);
    await readBody(c, LIMIT);
    return c.text('read twice');
  });
  routes.post('/watched', async (c) => {
    try {
      await readBody(c, LIMIT);
      watched.resolve('read');
    } catch (error) {
      watched.resolve(`failed: ${(error as Error).message}`);
    }
    return c.text('');
  });
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

describe('readBody on a Node server', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createAdaptorServer({ fetch: app().fetch }) as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  /** Sends a raw HTTP/1.1 request in the given parts, waiting for each to be read, and returns the response. */
  async function rawRequest(parts: string[]): Promise<string> {
    const socket = connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    const received: Buffer[] = [];
    socket.on('data', (chunk) => received.push(chunk));
    const ended = new Promise((resolve) => socket.once('end', resolve));
    for (const part of parts) {
      await new Promise<void>((resolve) => socket.write(part, () => resolve()));
      await setImmediatePromise();
    }
    await ended;
    return Buffer.concat(received).toString();
  }

  const head = (path: string, length: number) =>
    `POST ${path} HTTP/1.1\r\nhost: localhost\r\nconnection: close\r\ncontent-length: ${length}\r\n\r\n`;

  it('reads a body sent in one packet with its headers', async () => {
    const body = '[1,"é"]';
    const response = await rawRequest([`${head('/text', Buffer.byteLength(body))}${body}`]);
    expect(response).toMatch(/^HTTP\/1.1 200/);
    expect(response.endsWith(body)).toBe(true);
  });

  it('reads a body that arrives in parts after its headers', async () => {
    const response = await rawRequest([head('/bytes', 3), '\u0001', '\u0002\u0003']);
    expect(response).toMatch(/^HTTP\/1.1 200/);
    expect(response.endsWith('1,2,3')).toBe(true);
  });

  it('reads an empty body', async () => {
    const response = await rawRequest([head('/bytes', 0)]);
    expect(response).toMatch(/^HTTP\/1.1 200/);
  });

  it('reads a chunked body, and refuses one once it passes the limit', async () => {
    const chunked = (path: string, chunks: string[]) => [
      `POST ${path} HTTP/1.1\r\nhost: localhost\r\nconnection: close\r\ntransfer-encoding: chunked\r\n\r\n`,
      ...chunks.map((chunk) => `${Buffer.byteLength(chunk).toString(16)}\r\n${chunk}\r\n`),
      '0\r\n\r\n',
    ];
    const small = await rawRequest(chunked('/bytes', ['\u0001\u0002', '\u0003']));
    expect(small).toMatch(/^HTTP\/1.1 200/);
    expect(small.endsWith('1,2,3')).toBe(true);
    const big = await rawRequest(
      chunked('/bytes', ['x'.repeat(LIMIT - 2), 'yyy', 'z'.repeat(100)]),
    );
    expect(big).toMatch(/^HTTP\/1.1 413/);
  });

  it('fails the read, rather than hang, when the client goes away mid-body', async () => {
    watched = outcome();
    const socket = connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.on('error', () => {});
    socket.write(`${head('/watched', 10)}abc`);
    await setImmediatePromise();
    socket.destroy();
    expect(await watched.promise).toMatch(/^failed: /);
  });

  it('refuses to read a body twice, rather than hang', async () => {
    const response = await rawRequest([`${head('/twice', 2)}[]`]);
    expect(response).toMatch(/^HTTP\/1.1 500/);
  });

  it('refuses a declared length over the limit without waiting for the body', async () => {
    const response = await rawRequest([head('/bytes', LIMIT + 1)]);
    expect(response).toMatch(/^HTTP\/1.1 413/);
  });
});
