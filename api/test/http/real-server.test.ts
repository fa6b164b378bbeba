// The API started as `npm start` starts it: a real listening server on a
// PGlite folder, with the first-admin link, cookies over real HTTP, and the
// client address from the socket.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config.js';
import { type StartedApi, startApi } from '../../src/start-api.js';
import { captureLogs } from '../support/log-capture.js';
import { TEST_PASSWORD } from '../support/test-api.js';

describe('startApi', () => {
  let dataDir: string;
  let api: StartedApi;
  const logs = captureLogs();

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'kith-api-'));
    const config = readConfig({
      KITH_DATA_DIR: dataDir,
      PORT: '0',
      PUBLIC_URL: 'http://127.0.0.1:8080',
    });
    api = await startApi(config, { logger: logs.logger });
  });
  afterAll(async () => {
    await api?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('listens, migrates a new PGlite folder and offers the first-admin link', async () => {
    expect(api.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(api.adminInviteUrl).toMatch(/^http:\/\/127\.0\.0\.1:8080\/signup\?invite=/);
    expect(logs.text()).toContain('database migrated');
    const health = await fetch(`${api.url}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok' });
  });

  it('signs the admin up over HTTP and keeps the session in cookies, seen from the socket address', async () => {
    const code = new URL(api.adminInviteUrl ?? '').searchParams.get('invite');
    const signUp = await fetch(`${api.url}/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://127.0.0.1:8080' },
      body: JSON.stringify({ inviteCode: code, username: 'first', password: TEST_PASSWORD }),
    });
    expect(signUp.status).toBe(201);
    const cookies = signUp.headers.getSetCookie().map((line) => line.split(';')[0]);
    const csrf = cookies.find((cookie) => cookie?.startsWith('kith_csrf='))?.split('=')[1] ?? '';
    const headers = {
      cookie: cookies.join('; '),
      'x-csrf-token': csrf,
      'content-type': 'application/json',
    };
    const sessions = await fetch(`${api.url}/v1/sessions`, { headers });
    const body = (await sessions.json()) as { sessions: { ip: string }[] };
    expect(body.sessions[0]?.ip).toMatch(/127\.0\.0\.1/);
    const invite = await fetch(`${api.url}/v1/invites`, { method: 'POST', headers, body: '{}' });
    expect(invite.status).toBe(201);
  });

  it('keeps its data across a restart and offers no admin link once an account exists', async () => {
    await api.close();
    const config = readConfig({ KITH_DATA_DIR: dataDir, PORT: '0' });
    api = await startApi(config, { logger: logs.logger });
    expect(api.adminInviteUrl).toBeUndefined();
    const login = await fetch(`${api.url}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'first', password: TEST_PASSWORD }),
    });
    expect(login.status).toBe(200);
  });
});

describe('npm start -w api with a bad setting', () => {
  it('stops with exit code 1 and a message naming the setting', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: path.join(import.meta.dirname, '../..'),
      env: { ...process.env, PORT: 'abc', PUBLIC_URL: 'kith.example.com', DATABASE_URL: '' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Invalid configuration:');
    expect(result.stderr).toMatch(/PORT: expected a TCP port number/);
    expect(result.stderr).toMatch(/PUBLIC_URL: expected an http:\/\/ or https:\/\/ URL/);
    expect(result.stderr).not.toMatch(/at .*\.ts:\d+/);
  });
});
