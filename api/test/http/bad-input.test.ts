// Whatever a client sends, the answer is never a 500, and a refusal is a 4xx
// with a JSON error body: every route in the OpenAPI description gets oversized, mistyped,
// malformed and nonsensical input, signed in and not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_JSON_BODY_BYTES } from '../../src/http/json-body.js';
import { createTestApi, type TestApi } from '../support/test-api.js';
import type { ClientResponse, ErrorResponse, TestClient } from '../support/test-client.js';
import { testDatabaseKinds } from '../support/test-database.js';

interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
}

const GARBAGE_BODIES: readonly unknown[] = [
  null,
  [],
  'a string',
  42,
  true,
  { username: ['array'], password: { nested: true }, inviteCode: 7 },
  { username: 'x'.repeat(10_000), password: 'y'.repeat(10_000) },
  { __proto__: { admin: true }, constructor: { prototype: {} } },
  { maxUses: -1, expiresInHours: 1e308, membersCanInvite: 'yes', email: 12, displayName: null },
  {
    token: '../../etc/passwd',
    newPassword: '\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000',
  },
  { login: '\ud800', username: '\u202eevil', password: '🙂'.repeat(300) },
];

/** Never a 5xx; anything refused carries the error body. (Some bodies are valid for some routes.) */
function expectNoServerError(response: ClientResponse, what: string): void {
  expect(response.status, what).toBeLessThan(500);
  if (response.status < 400) return;
  const body = response.body as ErrorResponse;
  expect(typeof body.error?.code, `${what}: ${JSON.stringify(response.body)}`).toBe('string');
  expect(body.error.message.length, what).toBeGreaterThan(0);
}

describe.each(testDatabaseKinds())('bad input (%s)', (kind) => {
  let api: TestApi;
  let admin: TestClient;
  let routes: { method: string; path: string }[];

  beforeAll(async () => {
    api = await createTestApi(kind);
    admin = await api.signUpAdmin();
    const doc = (await api
      .client()
      .expect<OpenApiDocument>(200, 'GET', '/openapi.json')) as OpenApiDocument;
    routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => ({
        method: method.toUpperCase(),
        // Path parameters get something that is not an id.
        path: path.replace(/\{[^}]+\}/g, 'not-an-id'),
      })),
    );
  });
  afterAll(() => api?.close());

  it('describes every account route', () => {
    const described = routes.map((route) => `${route.method} ${route.path}`);
    expect(described).toEqual(
      expect.arrayContaining([
        'POST /v1/auth/signup',
        'POST /v1/auth/login',
        'POST /v1/auth/logout',
        'GET /v1/auth/session',
        'POST /v1/auth/password-reset',
        'POST /v1/auth/password-reset/confirm',
        'GET /v1/sessions',
        'DELETE /v1/sessions/not-an-id',
        'GET /v1/account',
        'PATCH /v1/account',
        'DELETE /v1/account',
        'POST /v1/account/password',
        'GET /v1/account/export',
        'POST /v1/invites',
        'GET /v1/invites',
        'DELETE /v1/invites/not-an-id',
        'GET /v1/admin/settings',
        'PATCH /v1/admin/settings',
        'GET /healthz',
        'GET /readyz',
      ]),
    );
  });

  it('answers nonsense bodies on every route without a server error, signed in or not', async () => {
    // Log-out takes no body, so it succeeds with any; the admin stays signed in for the rest.
    for (const route of routes.filter((route) => route.method !== 'GET')) {
      const clients = route.path === '/v1/auth/logout' ? [api.client()] : [api.client(), admin];
      for (const body of GARBAGE_BODIES) {
        for (const client of clients) {
          const response = await client.request(route.method, route.path, body);
          expectNoServerError(response, `${route.method} ${route.path} ${JSON.stringify(body)}`);
        }
      }
    }
    // The admin's session survived all of it.
    await admin.expect(200, 'GET', '/v1/account');
  });

  it('refuses bodies that are not JSON with 415', async () => {
    for (const contentType of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      '',
    ]) {
      const headers: Record<string, string> =
        contentType === '' ? {} : { 'content-type': contentType };
      const response = await api
        .client()
        .request<ErrorResponse>('POST', '/v1/auth/login', undefined, {
          headers,
          rawBody: 'username=a&password=b',
        });
      expect(response.status, contentType).toBe(415);
      expect(response.body.error.code).toBe('unsupported_media_type');
    }
  });

  it('refuses malformed JSON with 400', async () => {
    for (const rawBody of ['{', '{"username": }', 'undefined', '\u0000', "{'a': 1}"]) {
      const response = await api
        .client()
        .request<ErrorResponse>('POST', '/v1/auth/login', undefined, {
          headers: { 'content-type': 'application/json' },
          rawBody,
        });
      expect(response.status, rawBody).toBe(400);
      expect(response.body.error.code, rawBody).toBe('malformed_json');
    }
  });

  it('refuses oversized bodies with 413, declared or not', async () => {
    const big = JSON.stringify({ username: 'a', password: 'b'.repeat(MAX_JSON_BODY_BYTES) });
    const declared = await api
      .client()
      .request<ErrorResponse>('POST', '/v1/auth/login', undefined, {
        headers: {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(big)),
        },
        rawBody: big,
      });
    expect(declared.status).toBe(413);
    expect(declared.body.error.code).toBe('payload_too_large');
    // A streamed body with no length is counted as it arrives.
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const response = await api.app.request('http://kith.test/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.250.0.1' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
  });

  it('answers unknown routes and methods with 404 and a JSON error', async () => {
    for (const [method, path] of [
      ['GET', '/v1/nothing-here'],
      ['PUT', '/v1/account'],
      ['GET', '/v1/auth/login'],
      ['POST', '/healthz'],
    ] as const) {
      const response = await api
        .client()
        .request<ErrorResponse>(method, path, method === 'GET' ? undefined : {});
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.body.error.code).toBe('not_found');
    }
  });

  it('answers query strings and headers it does not expect without failing', async () => {
    const response = await admin.request('GET', '/v1/account?x=%ZZ&y[]=1&__proto__=1', undefined, {
      headers: { 'x-request-id': '<script>', cookie: 'kith_session=%E0%A4%A; other=1' },
    });
    expect(response.status).toBeLessThan(500);
  });
});
