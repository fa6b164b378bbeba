// Request ids, what the logs hold (and never hold), unexpected errors, and
// the OpenAPI description with its interactive docs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRouter } from '../../src/http/create-router.js';
import { createTestApi, TEST_PASSWORD, type TestApi } from '../support/test-api.js';
import type { ErrorResponse } from '../support/test-client.js';

describe('request ids, logs and docs', () => {
  let api: TestApi;

  beforeAll(async () => {
    // A feature router in the media slot, failing as only a bug would.
    const media = createRouter();
    media.get('/v1/media/explode', () => {
      throw new Error('secret internal detail');
    });
    media.get('/v1/media/fine', (c) => c.json({ fine: true }));
    media.post('/v1/media/raw', async (c) => c.json({ received: await c.req.text() }));
    api = await createTestApi('pglite', { media });
  });
  afterAll(() => api?.close());

  it('gives every response a request id and logs each request with it', async () => {
    const response = await api.client().request('GET', '/healthz');
    const id = response.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const line = api.logs
      .records()
      .find((record) => record.reqId === id && record.msg === 'request');
    expect(line).toMatchObject({ method: 'GET', path: '/healthz', status: 200, level: 'info' });
    const echoed = await api
      .client()
      .request('GET', '/healthz', undefined, { headers: { 'x-request-id': 'from-the-proxy-1' } });
    expect(echoed.headers.get('x-request-id')).toBe('from-the-proxy-1');
  });

  it('never logs passwords, tokens, cookies or invite codes', async () => {
    const admin = await api.signUpAdmin();
    const bearer = api.client();
    const signedIn = await bearer.expect<{ token: string }>(200, 'POST', '/v1/auth/login', {
      username: 'admin_user',
      password: TEST_PASSWORD,
      session: 'bearer',
    });
    bearer.bearer = signedIn.token;
    await bearer.expect(200, 'GET', '/v1/account');
    const { code } = await admin.expect<{ code: string }>(201, 'POST', '/v1/invites', {});
    await api.client().request('POST', '/v1/auth/signup', {
      inviteCode: code,
      username: 'logged_one',
      password: TEST_PASSWORD,
    });
    // Something that logs a request body and headers on purpose, to see redaction work.
    api.logs.logger.info(
      {
        body: { password: TEST_PASSWORD, token: signedIn.token },
        headers: { authorization: `Bearer ${signedIn.token}`, cookie: 'kith_session=abc' },
      },
      'debug dump',
    );

    const text = api.logs.text();
    expect(text).not.toContain(TEST_PASSWORD);
    expect(text).not.toContain(signedIn.token);
    expect(text).not.toContain(code);
    expect(text).not.toContain(admin.cookies.get('kith_session'));
    expect(text).toContain('[redacted]');
  });

  it('answers an unexpected failure with 500, a request id to report, and no internals', async () => {
    expect(await api.client().expect(200, 'GET', '/v1/media/fine')).toEqual({ fine: true });
    const response = await api.client().request<ErrorResponse>('GET', '/v1/media/explode');
    expect(response.status).toBe(500);
    expect(response.body.error.code).toBe('internal_error');
    expect(response.body.error.message).toContain(response.headers.get('x-request-id'));
    expect(JSON.stringify(response.body)).not.toContain('secret internal detail');
    const logged = api.logs.records().find((record) => record.msg === 'unhandled error');
    expect(JSON.stringify(logged)).toContain('secret internal detail');
  });

  it('leaves the bodies of other features’ routes to them (the JSON guard covers account routes only)', async () => {
    const response = await api.client().request('POST', '/v1/media/raw', undefined, {
      headers: { 'content-type': 'audio/ogg' },
      rawBody: 'OggS not json',
    });
    expect(response).toMatchObject({ status: 200, body: { received: 'OggS not json' } });
  });

  it('serves an OpenAPI 3.1 description of the routes and the docs page', async () => {
    const doc = await api.client().expect<{
      openapi: string;
      paths: Record<
        string,
        Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>
      >;
      components: { schemas: Record<string, unknown> };
    }>(200, 'GET', '/openapi.json');
    expect(doc.openapi).toBe('3.1.0');
    const signUp = doc.paths['/v1/auth/signup']?.post;
    expect(signUp?.requestBody).toBeDefined();
    expect(Object.keys(signUp?.responses ?? {})).toEqual(
      expect.arrayContaining(['201', '400', '409', '429']),
    );
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['User', 'SignUpRequest', 'ErrorResponse', 'Invite']),
    );
    const docs = await api.client().request<string>('GET', '/docs');
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-type')).toMatch(/text\/html/);
    expect(docs.body).toContain('data-url="/openapi.json"');
  });

  it('serves the docs page’s script itself, under a policy that lets no other site’s code run', async () => {
    const docs = await api.app.request('/docs');
    const csp = docs.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    const html = await docs.text();
    expect(html).not.toMatch(/(?:src|href)="https?:/);
    expect(html).not.toMatch(/<script>|<script type="module">/);
    const scriptPath = /<script src="(\/docs\/[^"]+\.js)">/.exec(html)?.[1] ?? '';
    expect(scriptPath).toMatch(/^\/docs\/scalar-api-reference-\d+\.\d+\.\d+\.js$/);

    const script = await api.app.request(scriptPath);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await script.text()).length).toBeGreaterThan(100_000);
    const gzipped = await api.app.request(scriptPath, { headers: { 'accept-encoding': 'gzip' } });
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    await gzipped.body?.cancel();
    const head = await api.app.request(scriptPath, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length'))).toBeGreaterThan(100_000);
    expect((await api.app.request('/docs/scalar-api-reference-0.0.1.js')).status).toBe(404);
  });

  it('answers /readyz while the database answers', async () => {
    expect(await api.client().expect(200, 'GET', '/readyz')).toEqual({ status: 'ready' });
  });
});
