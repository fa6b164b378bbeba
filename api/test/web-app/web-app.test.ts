// The built web app served by startApi from WEB_DIST_DIR: files with the
// caching their names allow, index.html for the app's own pages, a page
// saying to build the app while there is none, and the API's paths never
// answered by the app, even when the build holds files of the same names.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_PATH_PREFIXES, isApiPath } from '../../src/web-app/api-paths.js';
import { type FullApi, startFullApi } from '../assembly/support/full-api.js';
import {
  INDEX_HTML,
  SCRIPT_PATH,
  STYLE_PATH,
  writeFakeWebBuild,
} from './support/fake-web-build.js';

const HTML = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
const IMMUTABLE = 'public, max-age=31536000, immutable';

describe('the built web app', () => {
  let root: string;
  let api: FullApi;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'kith-web-dist-'));
    const dist = path.join(root, 'dist');
    await writeFakeWebBuild(dist, 'document.title = "app ran";\n');
    // Files named like API paths, which must not be served in their place.
    await writeFile(path.join(dist, 'healthz'), 'not the health check');
    await writeFile(path.join(dist, 'openapi.json'), '{"not":"the description"}');
    await mkdir(path.join(dist, 'v1'));
    await writeFile(path.join(dist, 'v1', 'client-config'), 'not the client config');
    await writeFile(path.join(root, 'secret.txt'), 'outside the build');
    api = await startFullApi({
      kind: 'pglite',
      env: {
        WEB_DIST_DIR: dist,
        SPACETIME_URL: 'https://stdb.example.com',
        S3_BUCKET: 'kith-media',
        S3_ENDPOINT: 'http://127.0.0.1:9',
        S3_ACCESS_KEY_ID: 'id',
        S3_SECRET_ACCESS_KEY: 'secret',
        S3_PUBLIC_BASE_URL: 'https://media.kith.example',
      },
    });
  });
  afterAll(async () => {
    await api?.close();
    await rm(root, { recursive: true, force: true });
  });

  const get = (route: string, headers: Record<string, string> = {}) =>
    fetch(`${api.url}${route}`, { headers });

  it('serves index.html at / for revalidation on every load, under the app’s policy', async () => {
    const response = await get('/', HTML);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toBe(INDEX_HTML);
    const csp = (response.headers.get('content-security-policy') ?? '').split('; ');
    expect(csp).toEqual(
      expect.arrayContaining([
        "default-src 'self'",
        // 'unsafe-eval' for the SDK's Function()-built serializers; never inline scripts.
        "script-src 'self' 'unsafe-eval'",
        "style-src 'self'",
        "object-src 'none'",
        "frame-ancestors 'none'",
        "connect-src 'self' wss://stdb.example.com https://stdb.example.com",
        "img-src 'self' data: blob: https://media.kith.example",
        "media-src 'self' data: blob: https://media.kith.example",
      ]),
    );
    expect(csp.join('; ')).not.toMatch(/script-src[^;]*unsafe-inline/);

    const etag = response.headers.get('etag') ?? '';
    expect(etag).toMatch(/^W\/"/);
    const again = await get('/', { ...HTML, 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('caches hashed assets for good and other files not at all', async () => {
    const script = await get(SCRIPT_PATH);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('cache-control')).toBe(IMMUTABLE);
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await script.text()).toBe('document.title = "app ran";\n');
    const style = await get(STYLE_PATH);
    expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(style.headers.get('cache-control')).toBe(IMMUTABLE);
    const icon = await get('/favicon.svg');
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(icon.headers.get('cache-control')).toBe('no-cache');
    const head = await fetch(`${api.url}${SCRIPT_PATH}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String('document.title = "app ran";\n'.length));
  });

  it.each(['/signup?invite=abc', '/u/ana', '/p/123', '/settings/sessions/', '/index.html'])(
    'opens the app at %s for a browser',
    async (route) => {
      const response = await get(route, HTML);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(await response.text()).toBe(INDEX_HTML);
    },
  );

  it('answers a missing asset, a non-browser request and a POST with the JSON 404', async () => {
    for (const response of [
      await get('/assets/index-00000000.js', HTML),
      await get('/u/ana', { accept: 'application/json' }),
      await get('/u/ana'),
      await fetch(`${api.url}/signup`, { method: 'POST', headers: HTML }),
    ]) {
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('not_found');
    }
  });

  it('never serves a file from outside the build', async () => {
    for (const probe of [
      '/..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/..%5csecret.txt',
      '/favicon.svg%00.js',
    ]) {
      const response = await get(probe);
      expect(response.status, probe).toBe(404);
      expect(await response.text(), probe).not.toContain('outside the build');
    }
  });

  it('leaves the API’s paths to the API, for browsers too', async () => {
    const health = await get('/healthz', HTML);
    expect(await health.json()).toEqual({ status: 'ok' });
    const description = await get('/openapi.json', HTML);
    expect(((await description.json()) as { openapi: string }).openapi).toBe('3.1.0');
    const clientConfig = await get('/v1/client-config', HTML);
    expect(await clientConfig.json()).toEqual({
      spacetimeUrl: 'wss://stdb.example.com',
      database: 'kith',
    });
    expect(await (await get('/docs', HTML)).text()).toContain('id="api-reference"');
    const jwks = await get('/.well-known/jwks.json', HTML);
    expect(((await jwks.json()) as { keys: unknown[] }).keys.length).toBeGreaterThan(0);
    for (const prefix of API_PATH_PREFIXES) {
      const response = await get(`${prefix}/no-such-thing`, HTML);
      expect(response.status, prefix).toBe(404);
      expect(response.headers.get('content-type'), prefix).toMatch(/^application\/json/);
    }
  });

  it('lists every path the API describes among the paths the app leaves alone', async () => {
    const description = (await (await get('/openapi.json')).json()) as {
      paths: Record<string, unknown>;
    };
    const paths = Object.keys(description.paths);
    expect(paths).toContain('/v1/auth/token');
    expect(paths).toContain('/v1/client-config');
    expect(paths.filter((route) => !isApiPath(route))).toEqual([]);
  });
});

describe('before the web app is built', () => {
  let dist: string;
  let api: FullApi;

  beforeAll(async () => {
    dist = await mkdtemp(path.join(tmpdir(), 'kith-web-unbuilt-'));
    api = await startFullApi({ kind: 'pglite', env: { WEB_DIST_DIR: dist } });
  });
  afterAll(async () => {
    await api?.close();
    await rm(dist, { recursive: true, force: true });
  });

  it('says how to build it, at / and at the app’s pages, and serves the build once it exists', async () => {
    for (const route of ['/', '/signup?invite=abc']) {
      const response = await fetch(`${api.url}${route}`, { headers: HTML });
      expect(response.status).toBe(503);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await response.text()).toContain('npm run build -w @kith/web');
    }
    expect((await fetch(`${api.url}/healthz`)).status).toBe(200);

    await writeFakeWebBuild(dist, 'document.title = "app ran";\n');
    const built = await fetch(`${api.url}/signup?invite=abc`, { headers: HTML });
    expect(built.status).toBe(200);
    expect(await built.text()).toBe(INDEX_HTML);
  });
});
