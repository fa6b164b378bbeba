// The Content-Security-Policy as Chromium enforces it. On the app's pages:
// scripts and stylesheets from the API's origin run, style attributes (which
// Solid's compiled templates carry) apply, SpacetimeDB and the media storage
// can be reached; an inline script or <style>, and connections or images
// anywhere else, are refused. On /docs: the reference renders from our own
// origin, and the browser fetches nothing from anywhere else.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FullApi, startFullApi } from '../assembly/support/full-api.js';
import { freePort } from '../module-client/support/contract-host.js';
import { launchChromium } from '../support/chromium.js';
import { SCRIPT_PATH, STYLE_PATH, writeFakeWebBuild } from './support/fake-web-build.js';

/** Another loopback address: nothing the policy allows. */
const ELSEWHERE = 'http://127.0.0.3:8000';

/** What the app does on load; the test reads the result from window.cspProbe. */
const APP_SCRIPT = `
const refused = [];
document.addEventListener('securitypolicyviolation', (event) => {
  refused.push(event.effectiveDirective + ' ' + event.blockedURI);
});
const attempt = (work) => work().then(() => undefined, () => undefined);
const loadImage = (src) =>
  new Promise((resolve) => {
    const image = new Image();
    image.onload = image.onerror = resolve;
    image.src = src;
  });
const openSocket = (url) =>
  new Promise((resolve) => {
    try {
      const socket = new WebSocket(url);
      socket.onopen = () => { socket.close(); resolve(); };
      socket.onerror = socket.onclose = resolve;
    } catch {
      resolve();
    }
  });

window.cspProbe = (async () => {
  // Solid: constant styles travel in the template's HTML, dynamic ones through the CSSOM.
  const template = document.createElement('template');
  template.innerHTML = '<p id="constant" style="color: rgb(255, 0, 0)">constant</p>';
  document.body.append(template.content.firstChild.cloneNode(true));
  const dynamic = document.createElement('p');
  dynamic.id = 'dynamic';
  dynamic.style.setProperty('color', 'rgb(0, 128, 0)');
  document.body.append(dynamic);

  // Allowed: the API, SpacetimeDB (token exchange over http, then the socket), media.
  const config = await (await fetch('/v1/client-config')).json();
  const spacetimeHttp = config.spacetimeUrl.replace(/^ws/, 'http');
  await attempt(() => fetch(spacetimeHttp + '/v1/identity/websocket-token', { method: 'POST' }));
  await openSocket(config.spacetimeUrl + '/v1/database/' + config.database + '/subscribe');
  await loadImage(window.kithMediaBase + '/0b7c1a9e-4a44-4c55-9a53-0d4f1c1b2a3d/image.png');

  // Refused: anything elsewhere.
  await attempt(() => fetch('${ELSEWHERE}/data'));
  await openSocket('${ELSEWHERE.replace('http', 'ws')}/socket');
  await loadImage('${ELSEWHERE}/tracker.png');

  return {
    title: document.title,
    constant: getComputedStyle(document.getElementById('constant')).color,
    dynamic: getComputedStyle(document.getElementById('dynamic')).color,
    refused,
  };
})();
`;

describe('Content-Security-Policy in Chromium', () => {
  let root: string;
  let api: FullApi;
  let browser: Browser;
  let spacetimeOrigin: string;
  let mediaBase: string;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'kith-csp-'));
    const dist = path.join(root, 'dist');
    await writeFakeWebBuild(dist, APP_SCRIPT);
    // Ports nothing listens on: connections fail, which is not what is tested.
    spacetimeOrigin = `http://127.0.0.1:${await freePort()}`;
    mediaBase = `http://127.0.0.2:${await freePort()}/kith-media`;
    await writeFile(
      path.join(dist, 'index.html'),
      `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>from the build</title>
    <script>document.title = 'inline script ran';</script>
    <style>body { background: rgb(1, 2, 3); }</style>
    <link rel="stylesheet" href="${STYLE_PATH}" />
    <script type="application/json" id="media-base">${JSON.stringify(mediaBase)}</script>
    <script type="module" src="/assets/boot-1a2b3c4d.js"></script>
    <script type="module" src="${SCRIPT_PATH}"></script>
  </head>
  <body></body>
</html>
`,
    );
    await writeFile(
      path.join(dist, 'assets', 'boot-1a2b3c4d.js'),
      `document.title = 'app ran';
window.kithMediaBase = JSON.parse(document.getElementById('media-base').textContent);
`,
    );
    api = await startFullApi({
      kind: 'pglite',
      env: {
        WEB_DIST_DIR: dist,
        SPACETIME_URL: spacetimeOrigin,
        S3_BUCKET: 'kith-media',
        S3_ENDPOINT: mediaBase,
        S3_ACCESS_KEY_ID: 'id',
        S3_SECRET_ACCESS_KEY: 'secret',
        S3_PUBLIC_BASE_URL: mediaBase,
      },
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await rm(root, { recursive: true, force: true });
  });

  /** Opens `route`, noting every request the page makes and every CSP complaint it logs. */
  async function open(route: string) {
    const page: Page = await browser.newPage();
    const requests: string[] = [];
    const complaints: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) complaints.push(message.text());
    });
    await page.goto(`${api.url}${route}`);
    return { page, requests, complaints };
  }

  it('runs the app’s own files and style attributes, reaches SpacetimeDB and media, and refuses the rest', async () => {
    const { page, complaints } = await open('/p/123');
    const result = (await page.evaluate('window.cspProbe')) as {
      title: string;
      constant: string;
      dynamic: string;
      refused: string[];
    };
    expect(result.title).toBe('app ran');
    expect(result.constant).toBe('rgb(255, 0, 0)');
    expect(result.dynamic).toBe('rgb(0, 128, 0)');
    const background = await page.evaluate('getComputedStyle(document.body).backgroundColor');
    expect(background).not.toBe('rgb(1, 2, 3)');
    expect(complaints.some((text) => /inline script/i.test(text))).toBe(true);
    expect(complaints.some((text) => /inline style/i.test(text))).toBe(true);
    // Violation events arrive as tasks after the attempts; wait for the three expected.
    const refused = await waitForRefusals(page, 3);
    expect(refused.sort()).toEqual(
      [
        `connect-src ${ELSEWHERE}/data`,
        `connect-src ${ELSEWHERE.replace('http', 'ws')}/socket`,
        `img-src ${ELSEWHERE}/tracker.png`,
      ].sort(),
    );
    await page.close();
  });

  it('renders the API reference at /docs without fetching anything from another origin', async () => {
    const { page, requests, complaints } = await open('/docs');
    await page.getByRole('heading', { name: 'Kith API' }).first().waitFor({ timeout: 20_000 });
    // Drawn from /openapi.json: the health routes' summaries.
    await page.getByText('The API can serve requests').first().waitFor();
    expect(
      requests.filter((url) => !url.startsWith(`${api.url}/`) && !url.startsWith('data:')),
    ).toEqual([]);
    expect(requests).toContain(`${api.url}/openapi.json`);
    expect(complaints).toEqual([]);
    await page.close();
  });
});

async function waitForRefusals(page: Page, count: number): Promise<string[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const refused = (await page.evaluate('window.cspProbe.then((r) => r.refused)')) as string[];
    if (refused.length >= count || Date.now() > deadline) return refused;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
