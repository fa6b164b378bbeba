// The SDK's Solid bindings (`spacetimedb/solid`) in a real browser against
// spacetime-host: a Vite-built page subscribes with useTable and must show
// rows that reducers and SQL change from Node, without reloading.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DB_NAME,
  type RealtimeTestServer,
  startRealtimeServer,
} from '../realtime/support/realtime-test-server.js';
import { buildApp } from './support/build-app.js';
import { launchChromium } from './support/launch-chromium.js';
import { MessagesPage } from './support/messages-page.js';
import { type StaticServer, serveStatic } from './support/static-server.js';

const BEFORE_THE_PAGE = 'sent before the page opened';

let browser: Browser | undefined;
let server: RealtimeTestServer | undefined;
let site: StaticServer | undefined;
const dirs: string[] = [];
let page: MessagesPage;
let pageIdentity: string;

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

function host(): RealtimeTestServer {
  if (server === undefined) throw new Error('the host did not start');
  return server;
}

/** Calls a reducer over HTTP as an anonymous caller; resolves with the status. */
async function callReducer(name: string, args: unknown[]): Promise<number> {
  const response = await fetch(`${host().url}/v1/database/${DB_NAME}/call/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(args),
  });
  await response.arrayBuffer();
  return response.status;
}

/** Runs SQL DML as the database owner (as `spacetime sql` would). */
async function ownerSql(query: string): Promise<void> {
  const database = host().database();
  await database.sql(query, { identity: database.owner, connectionId: 0n });
}

function pageUrl(params: Record<string, string>): string {
  return `${site!.url}/?${new URLSearchParams(params)}`;
}

beforeAll(async () => {
  // First, so a machine without Chromium fails here with the install hint.
  browser = await launchChromium();
  const [buildDir, dataDir] = await Promise.all([tempDir('solid-app-'), tempDir('browser-host-')]);
  [server] = await Promise.all([startRealtimeServer(dataDir), buildApp(buildDir)]);
  site = await serveStatic(buildDir);
  expect(await callReducer('send_message', [BEFORE_THE_PAGE])).toBe(200);

  // The page connects with a token of its own, as an app that stored one:
  // the SDK trades it for a short one with a cross-origin POST first.
  const issued = await fetch(`${host().url}/v1/identity`, { method: 'POST' });
  const { identity, token } = (await issued.json()) as { identity: string; token: string };
  pageIdentity = identity;

  page = new MessagesPage(await browser.newPage());
  page.page.setDefaultTimeout(10_000);
  await page.page.goto(pageUrl({ host: host().url, db: DB_NAME, token }));
  await page.waitForStatus('live');
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await server?.close();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('spacetimedb/solid in Chromium against spacetime-host', () => {
  it('connects with its stored token and shows the rows that existed before it subscribed', async () => {
    expect(await page.identityText()).toBe(pageIdentity);
    await page.waitForText(BEFORE_THE_PAGE);
  });

  it('shows a row inserted by a reducer called from Node, without reloading', async () => {
    expect(await callReducer('send_message', ['hello from node'])).toBe(200);
    const id = await page.waitForText('hello from node');
    expect(await page.itemWithText('hello from node').count()).toBe(1);
    expect(id).toMatch(/^\d+$/);
    expect(page.loads).toBe(1);
  });

  it('changes an updated row in place', async () => {
    expect(await callReducer('send_message', ['before the edit'])).toBe(200);
    const id = await page.waitForText('before the edit');
    const shown = await page.items.count();
    const node = await page.item(id).elementHandle();

    await ownerSql(`UPDATE message SET text = 'after the edit' WHERE id = ${id}`);
    await page.waitForItemText(id, 'after the edit');
    expect(await page.itemWithText('before the edit').count()).toBe(0);
    expect(await page.items.count()).toBe(shown);
    // The same list item, reconciled by primary key rather than replaced.
    expect(await node!.evaluate((li) => li.isConnected && li.textContent)).toBe('after the edit');
    expect(page.loads).toBe(1);
  });

  it('removes a deleted row', async () => {
    expect(await callReducer('send_message', ['to be deleted'])).toBe(200);
    const id = await page.waitForText('to be deleted');
    const shown = await page.items.count();

    await ownerSql(`DELETE FROM message WHERE id = ${id}`);
    await page.waitForItemGone(id);
    expect(await page.items.count()).toBe(shown - 1);
    expect(await page.texts()).not.toContain('to be deleted');
    expect(page.loads).toBe(1);
  });

  it('renders markup in a row as text', async () => {
    const markup = '<img src=x onerror=alert(1)>';
    expect(await callReducer('send_message', [markup])).toBe(200);
    const id = await page.waitForText(markup);
    expect(await page.item(id).innerHTML()).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(await page.page.locator('[data-testid=messages] img').count()).toBe(0);
    expect(page.problems.dialogs).toEqual([]);
  });

  it('shows nothing for a reducer call that fails', async () => {
    const before = await page.texts();
    // send_message refuses empty text (SenderError: HTTP 530 and no commit).
    expect(await callReducer('send_message', [''])).toBe(530);
    expect(await callReducer('send_message', ['after the failed call'])).toBe(200);
    // Updates arrive in commit order, so once this row shows, anything the
    // failed call had committed would have shown before it.
    await page.waitForText('after the failed call');
    expect(await page.texts()).toEqual([...before, 'after the failed call']);
  });

  it('reports a connection error for a database that does not exist', async () => {
    const other = new MessagesPage(await browser!.newPage());
    try {
      other.page.setDefaultTimeout(10_000);
      await other.page.goto(pageUrl({ host: host().url, db: 'no-such-database' }));
      await other.waitForStatus(/^error: /);
      expect(await other.texts()).toEqual([]);
    } finally {
      await other.page.close();
    }
  });

  it('had no errors in the page or the host', () => {
    expect(page.problems).toEqual({ errors: [], consoleErrors: [], dialogs: [] });
    expect(page.loads).toBe(1);
    expect(host().errors).toEqual([]);
  });
});
